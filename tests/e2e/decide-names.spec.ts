// The decide screens speak stage names in the reader's language (issue 16): an English reader of
// the Chinese search-ads sample reads "Impressions volume" and "Target Orders", never
// "展现量 volume"; a Chinese reader reads 展现量 and 订单量, never "Impressions". The rows still
// carry the file's own label as data-stage, so scripts and other tests find them as before.
import { expect, test, type Page } from '@playwright/test';
import { catalogs } from '../../src/i18n/catalog';
import { readCsv } from './helpers/csv';
import { SAMPLES, openSample } from './helpers/screens';

const sample = readCsv('public/samples/search-ads.csv');
// The sample's stage columns, in funnel order, and what a template calls them in English.
const zhNames = ['展现量', '点击量', '访问量', '咨询量', '订单量'];
const enNames = ['Impressions', 'Clicks', 'Visits', 'Consultations', 'Orders'];
const col = (name: string) => sample.header.indexOf(name);
const orders = sample.rows.reduce((s, r) => s + Number(r[col('订单量')]), 0);

/** Everything a person reads or hears in the open screen: text, labels, chart titles. */
async function panelText(page: Page): Promise<string> {
  const panel = page.getByRole('tabpanel');
  await expect(panel).toBeVisible();
  return panel.evaluate((root) => {
    const attrs = [...root.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((el) =>
      ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [root.textContent ?? '', ...attrs].join('\n');
  });
}

/** The names of one language found in `text`, and those of the other language. */
function namesIn(text: string, locale: 'en' | 'zh') {
  const own = locale === 'en' ? enNames : zhNames;
  const other = locale === 'en' ? zhNames : enNames;
  return {
    own: own.filter((n) => text.includes(n)),
    // An English name as a word (not "Orders" inside "Ordersxyz"), a Chinese one anywhere.
    other: other.filter((n) => new RegExp(`(?<![A-Za-z])${n}(?![A-Za-z])`).test(text)),
  };
}

async function switchTo(page: Page, locale: 'en' | 'zh') {
  await page.getByRole('combobox', { name: /^(Language|语言)/ }).selectOption(locale);
  await expect(page.locator('html')).toHaveAttribute('lang', locale === 'zh' ? 'zh-CN' : 'en');
}

const tab = (page: Page, key: string, locale: 'en' | 'zh') =>
  page.getByRole('tab', { name: catalogs[locale][key], exact: true });

/** Fill every decide screen so each panel shows its sentences, tables and chart. */
async function fillDecideScreens(page: Page) {
  await tab(page, 'tab.diagnose', 'en').click();
  await page.getByRole('spinbutton', { name: 'Orders target' }).fill(String(orders * 2));
  await expect(page.locator('table[data-plan="target"]')).toBeVisible();

  await tab(page, 'tab.whatif', 'en').click();
  await page.getByRole('textbox', { name: 'Scenario name' }).fill('CTR +10%');
  await page.getByRole('spinbutton', { name: 'Change in click-through rate (%)' }).fill('10');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await page.getByRole('checkbox', { name: 'Compare CTR +10%' }).check();
  await expect(page.locator('[data-compare] [data-baseline]')).toBeVisible();

  await tab(page, 'tab.plan', 'en').click();
  await page.getByLabel('Target Orders', { exact: true }).fill(String(orders * 3));
  await expect(page.locator('[data-plan="required"] tr[data-stage]')).toHaveCount(5);
  await page.getByLabel('Split over').selectOption('分公司');
  await page.getByLabel('Total Orders to split').fill(String(orders));
  await expect(page.locator('table[data-plan="decomposition"]')).toBeVisible();
}

/**
 * Show a screen; on Plan, improve each step by a point: a relative change moves the bottom line
 * alike for every step, and a chart that shows nothing is not drawn.
 */
async function show(page: Page, key: string, locale: 'en' | 'zh') {
  await tab(page, key, locale).click();
  if (key !== 'tab.plan') return;
  await page.getByLabel(catalogs[locale]['decide.improvement']).selectOption('points');
  await expect(page.locator('svg.tornado')).toBeVisible();
}

const screens = ['tab.diagnose', 'tab.whatif', 'tab.plan', 'review.heading'];

/** Open the sample, fill the decide screens, and visit each in English, then in Chinese. */
async function eachScreen(page: Page, visit: (key: string, locale: 'en' | 'zh') => Promise<void>) {
  await page.goto('./');
  await openSample(page, SAMPLES.searchAds);
  await fillDecideScreens(page);
  for (const locale of ['en', 'zh'] as const) {
    if (locale === 'zh') await switchTo(page, 'zh');
    for (const key of screens) {
      await show(page, key, locale);
      await visit(key, locale);
    }
  }
}

test('the decide screens name the Chinese sample’s stages in English for an English reader, and in Chinese for a Chinese one', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await eachScreen(page, async (key, locale) => {
    const found = namesIn(await panelText(page), locale);
    expect(found.other, `${key} in ${locale}: names of the other language`).toEqual([]);
    // The last stage is named on every decide screen, the first on all but the scorecard.
    const first = locale === 'en' ? enNames[0] : zhNames[0];
    const last = locale === 'en' ? enNames[4] : zhNames[4];
    expect(found.own, `${key} in ${locale}`).toContain(last);
    if (key !== 'review.heading') expect(found.own, `${key} in ${locale}`).toContain(first);
  });
});

test('stage sentences, captions, controls and the tornado read the English names', async ({
  page,
}) => {
  await page.goto('./');
  await openSample(page, SAMPLES.searchAds);
  await fillDecideScreens(page);

  // Diagnose: the top step is the impressions volume; the gap row names orders in English and
  // still carries the file's label for scripts.
  await tab(page, 'tab.diagnose', 'en').click();
  const diagnosis = page.locator('table[data-plan="diagnosis"]');
  await expect(diagnosis.locator('tr[data-step="0"] th')).toHaveText('Impressions volume');
  await expect(diagnosis.locator('caption')).toContainText('by the Orders meeting');
  const gap = page.locator('table[data-plan="target"] tr[data-stage="订单量"]');
  await expect(gap.locator('th')).toHaveText('Orders');
  await expect(gap).toContainText(`${orders.toLocaleString('en-US')} Orders short`);

  // What-if: every control names its stage in English.
  await tab(page, 'tab.whatif', 'en').click();
  await expect(page.getByRole('radio', { name: 'Impressions volume' })).toBeVisible();
  await expect(
    page.getByRole('spinbutton', { name: 'Impressions (top volume)', exact: true }),
  ).toBeVisible();
  const draft = page.locator('[data-draft] [data-scenario]');
  await expect(draft.locator('tr[data-stage="展现量"] th')).toHaveText('Impressions');
  await expect(draft.locator('[data-metric="last"] dt')).toHaveText('Orders');

  // Plan: the reverse funnel, the tornado, the split and the forecast.
  await show(page, 'tab.plan', 'en');
  await expect(page.getByLabel('Target stage')).toHaveText(/Impressions[\s\S]*Orders/);
  await expect(page.locator('[data-plan="required"] tr[data-stage="点击量"] th')).toHaveText(
    'Clicks',
  );
  await expect(page.locator('svg.tornado')).toHaveAttribute(
    'aria-label',
    'Change in Orders when each step improves (right) or worsens (left)',
  );
  await expect(page.locator('svg.tornado text').first()).not.toHaveText(/[\u4e00-\u9fff]/);
  await expect(page.getByRole('radio', { name: 'by share of Orders in this view' })).toBeChecked();
  await expect(page.locator('table[data-plan="decomposition"] thead')).toContainText(
    'Impressions needed',
  );
  await expect(page.getByLabel('Planned Impressions')).toBeVisible();
  await expect(page.locator('table[data-plan="forecast"] caption')).toContainText('Impressions');
});

test('in Chinese the same places read the Chinese names', async ({ page }) => {
  await page.goto('./');
  await openSample(page, SAMPLES.searchAds);
  await fillDecideScreens(page);
  await switchTo(page, 'zh');

  await tab(page, 'tab.diagnose', 'zh').click();
  const diagnosis = page.locator('table[data-plan="diagnosis"]');
  await expect(diagnosis.locator('tr[data-step="0"] th')).toHaveText('展现量规模');
  await expect(page.getByRole('spinbutton', { name: '订单量目标' })).toBeVisible();
  await show(page, 'tab.plan', 'zh');
  await expect(page.getByLabel('目标订单量', { exact: true })).toBeVisible();
  await expect(page.getByLabel('待分解的订单量总量')).toBeVisible();
  await expect(page.locator('svg.tornado')).toHaveAttribute(
    'aria-label',
    '各环节提升（右）或下降（左）时订单量的变化',
  );
});

test('a per-unit control counts by one of the stage in either language (shop sample)', async ({
  page,
}) => {
  await page.goto('./');
  await openSample(page, SAMPLES.shop);
  await tab(page, 'tab.whatif', 'en').click();
  // 支付人数 is the template's Payments: revenue per payment, not "per 支付人数" or "per Payments".
  await expect(
    page.getByRole('spinbutton', { name: 'Revenue per payment', exact: true }),
  ).toBeVisible();
  await switchTo(page, 'zh');
  await expect(
    page.getByRole('spinbutton', { name: '每个支付人的销售额', exact: true }),
  ).toBeVisible();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('no decide screen scrolls sideways in either language: wide tables scroll in their own box', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await eachScreen(page, async (key, locale) => {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${key} in ${locale}`).toBeLessThanOrEqual(390);
    });
    // The diagnosis table is wider than the phone: its box scrolls, by keyboard too.
    await show(page, 'tab.diagnose', 'zh');
    const box = page.getByRole('region', { name: /按达到基准可带来的订单量排序/ });
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expect(box).toHaveAttribute('tabindex', '0');
  });
});
