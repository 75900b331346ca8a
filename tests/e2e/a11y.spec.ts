// axe finds no serious or critical violation on any screen, in either language: the start
// screen, then every tab (funnel, breakdown, compare, trend, diagnose, what-if, plan, scorecard,
// mapping, data) of each sample with a filter set, the header's panels, and a shared view, so
// record data and derived stages are covered too. Every rule axe runs by default runs, and its
// experimental ones too: label-content-name-mismatch (WCAG 2.5.3, a speech-input user says what
// they see) and p-as-heading are experimental.
import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import { expect, test, type Page } from '@playwright/test';
import { SAMPLES, eachHeaderPanel, openSample, showTab, tabNames } from './helpers/screens';

const EXPERIMENTAL = Object.fromEntries(
  axe.getRules(['experimental']).map((r) => [r.ruleId, { enabled: true }]),
);

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).options({ rules: EXPERIMENTAL }).analyze();
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
        // Fourteen axe runs, experimental rules on, on a shared two-core machine: give it room.
        test.setTimeout(480_000);
        await page.goto('./');
        await openSample(page, sample);
        // A filter set, so its chip and the filtered lists are checked too.
        const list = page.locator('aside [role="group"]').first();
        await list.getByRole('checkbox').first().check();
        await expect(page.locator('.chips .chip')).toHaveCount(1);
        const found: string[] = [];
        const names = await tabNames(page);
        expect(names.length).toBeGreaterThan(1);
        for (let n = 0; n < names.length; n++) {
          await showTab(page, n);
          found.push(...(await seriousViolations(page, `${name} · ${names[n]}`)));
        }
        await eachHeaderPanel(page, async (panel) => {
          found.push(...(await seriousViolations(page, `${name} · ${panel}`)));
        });
        expect(found).toEqual([]);
      });
    }
  });
}

for (const locale of ['en-US', 'zh-CN']) {
  test.describe(`a shared view, ${locale}`, () => {
    test.use({ locale });
    for (const [size, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      test(`on a ${size}`, async ({ page }) => {
        await page.goto('./');
        await openSample(page, SAMPLES.searchAds);
        await page.locator('aside [role="group"]').first().getByRole('checkbox').first().check();
        await page.getByRole('button', { name: /^(Share|分享)$/ }).click();
        const box = page.getByRole('textbox', { name: /Share link|分享链接/ });
        await expect(box).toHaveValue(/#s=/);
        const link = await box.inputValue();
        await page.setViewportSize(viewport);
        await page.goto('about:blank');
        await page.goto(link);
        await expect(page.locator('[data-shared-view] svg[data-chart="funnel"]')).toBeVisible();
        expect(await seriousViolations(page, `shared · ${size}`)).toEqual([]);
      });
    }
  });
}

for (const locale of ['en-US', 'zh-CN']) {
  test.describe(`in dark mode, ${locale}`, () => {
    test.use({ colorScheme: 'dark', locale });
    test('the start screen and every screen of the search-ads sample', async ({ page }) => {
      test.setTimeout(480_000);
      await page.goto('./');
      const found = await seriousViolations(page, 'dark · start');
      await openSample(page, SAMPLES.searchAds);
      const names = await tabNames(page);
      for (let n = 0; n < names.length; n++) {
        await showTab(page, n);
        found.push(...(await seriousViolations(page, `dark · ${names[n]}`)));
      }
      expect(found).toEqual([]);
    });
  });
}

test('every control reached with Tab shows a visible focus ring', async ({ page }) => {
  await page.goto('./');
  await openSample(page, SAMPLES.searchAds);
  const names = await tabNames(page);
  const missing: string[] = [];
  for (let n = 0; n < names.length; n++) {
    await showTab(page, n);
    await page.getByRole('tab').nth(n).focus();
    // Walk the screen's controls from its tab onwards, as a keyboard user does.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const ring = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const ringed = (e: Element) => {
          const c = getComputedStyle(e);
          return c.stroke !== 'none' && parseFloat(c.strokeWidth) >= 2;
        };
        // An SVG control may ring its own shape instead of drawing an outline.
        const visible =
          (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) ||
          (el instanceof SVGElement && [...el.querySelectorAll('*')].some(ringed));
        return visible
          ? ''
          : `${el.tagName.toLowerCase()} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}”`;
      });
      if (ring) missing.push(`[${names[n]}] ${ring}`);
    }
  }
  expect([...new Set(missing)]).toEqual([]);
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('nothing animates', async ({ page }) => {
    await page.goto('./');
    await openSample(page, SAMPLES.searchAds);
    const names = await tabNames(page);
    for (let n = 0; n < names.length; n++) {
      await showTab(page, n);
      expect(await page.evaluate(() => document.getAnimations().length), names[n]).toBe(0);
    }
  });
});
