// axe finds no serious or critical violation on any screen, in either language: the start
// screen, then every tab (funnel, breakdown, compare, trend, diagnose, scenarios, mapping, data…)
// of each sample, so record data and derived stages are covered too.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SAMPLES, openSample, showTab, tabNames } from './helpers/screens';

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `[${where}] ${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 4)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

for (const locale of ['en-US', 'zh-CN']) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test('the start screen', async ({ page }) => {
      await page.goto('./');
      await expect(page.getByRole('button', { name: /Open the sample|打开示例/ })).toHaveCount(3);
      expect(await seriousViolations(page, 'start')).toEqual([]);
    });

    for (const [name, sample] of Object.entries(SAMPLES)) {
      test(`every screen of the ${name} sample`, async ({ page }) => {
        await page.goto('./');
        await openSample(page, sample);
        const found: string[] = [];
        const names = await tabNames(page);
        expect(names.length).toBeGreaterThan(1);
        for (let n = 0; n < names.length; n++) {
          await showTab(page, n);
          found.push(...(await seriousViolations(page, `${name} · ${names[n]}`)));
        }
        expect(found).toEqual([]);
      });
    }
  });
}
