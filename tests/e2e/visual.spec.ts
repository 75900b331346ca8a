// How the product looks, pinned: the main screens in both languages at a 1280×720 laptop size,
// and the funnel at a 390×844 phone size (where a shared link is opened), compared with committed baselines (tests/e2e/__screenshots__/visual.spec.ts/). An unintended
// change to the look fails here; an intended one is accepted by regenerating the baselines:
//   E2E_PORT=4406 E2E_OUT=dist-polish TZ=UTC npx playwright test tests/e2e/visual.spec.ts --update-snapshots
import { expect, test, type Page } from '@playwright/test';
import { catalogs } from '../../src/i18n/catalog';
import { SAMPLES, openSample, type Sample } from './helpers/screens';

test.use({ viewport: { width: 1280, height: 720 }, colorScheme: 'light' });

const shot = { animations: 'disabled', maxDiffPixelRatio: 0.01 } as const;

// Screens by the catalogue key of their tab, so the same list serves both languages.
const screens: { key: string; sample: Sample; name: string }[] = [
  { key: 'tab.funnel', sample: SAMPLES.searchAds, name: 'funnel' },
  { key: 'explore.tab.breakdown', sample: SAMPLES.searchAds, name: 'breakdown' },
  { key: 'explore.tab.compare', sample: SAMPLES.searchAds, name: 'compare' },
  { key: 'explore.tab.trend', sample: SAMPLES.searchAds, name: 'trend' },
  { key: 'tab.whatif', sample: SAMPLES.searchAds, name: 'what-if' },
  { key: 'tab.plan', sample: SAMPLES.searchAds, name: 'plan' },
  { key: 'tab.mapping', sample: SAMPLES.shop, name: 'mapping-shop' },
  { key: 'tab.funnel', sample: SAMPLES.pipeline, name: 'pipeline' },
];

/** Whatever changes with the clock or the save timing is masked. */
const masks = (page: Page) => [page.locator('[data-save-state]')];

async function settled(page: Page) {
  await page.evaluate(() => document.fonts.ready);
  // Move the pointer away so no hover state is captured.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
}

for (const [lang, locale] of [
  ['en', 'en-US'],
  ['zh', 'zh-CN'],
] as const) {
  test.describe(`${lang}`, () => {
    test.use({ locale });

    test('start screen', async ({ page }) => {
      await page.goto('./');
      await expect(page.getByRole('heading', { level: 2 })).toHaveText(
        catalogs[lang]['start.heading'],
      );
      await settled(page);
      await expect(page).toHaveScreenshot(`start-${lang}.png`, { ...shot, mask: masks(page) });
    });

    for (const s of screens) {
      test(`${s.name} screen`, async ({ page }) => {
        await page.goto('./');
        await openSample(page, s.sample);
        const tab = page.getByRole('tab', { name: catalogs[lang][s.key], exact: true });
        await tab.click();
        await expect(tab).toHaveAttribute('aria-selected', 'true');
        await settled(page);
        await expect(page).toHaveScreenshot(`${s.name}-${lang}.png`, {
          ...shot,
          mask: masks(page),
        });
      });
    }

    test.describe('phone', () => {
      test.use({ viewport: { width: 390, height: 844 } });
      test('funnel screen', async ({ page }) => {
        await page.goto('./');
        await openSample(page, SAMPLES.searchAds);
        await expect(page.locator('svg[data-chart="funnel"]')).toBeVisible();
        await settled(page);
        await expect(page).toHaveScreenshot(`funnel-phone-${lang}.png`, {
          ...shot,
          fullPage: true,
          mask: masks(page),
        });
      });
    });
  });
}
