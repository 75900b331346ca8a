import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parseDelimited } from './helpers/fixture';

// The trend split by branch (month × 分公司), read as a person reads it: the split table's row
// block per branch, against sums this test makes from the sample CSV itself.
const [header, ...records] = parseDelimited(
  readFileSync('public/samples/search-ads.csv', 'utf-8').replace(/^\uFEFF/, ''),
  ',',
).filter((r) => r.length > 1);
const at = (name: string) => header.indexOf(name);
type Keep = (r: string[]) => boolean;
const is =
  (field: string, value: string): Keep =>
  (r) =>
    r[at(field)] === value;
const inMonth =
  (month: string): Keep =>
  (r) =>
    r[at('日期')].startsWith(month);
/** The sum of `field` over the rows every `keep` selects. */
function sum(field: string, ...keep: Keep[]): number {
  return records
    .filter((r) => keep.every((k) => k(r)))
    .reduce((a, r) => a + Number(r[at(field)]), 0);
}

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Filters' });
const splitTable = (page: Page) => page.locator('table[data-trend-split="分公司"]');
const row = (page: Page, branch: string, month: string): Locator =>
  splitTable(page).locator(`tbody[data-split-value="${branch}"] tr[data-period="${month}"]`);
const orders = (page: Page, branch: string, month: string) =>
  row(page, branch, month).locator('[data-stage="订单量"]');

async function openTrendByBranch(page: Page) {
  await page.goto('./');
  await page
    .getByRole('button', { name: /Open the sample/ })
    .first()
    .click();
  await page.getByRole('tab', { name: 'Trend' }).click();
  await sidebar(page).getByLabel('Granularity').selectOption('month');
  await page.getByLabel('Split by').selectOption('分公司');
  await page.getByText('Trend table by 分公司', { exact: true }).first().click();
}

test('the trend split by branch: each branch-month is its own rows’ sums and rates', async ({
  page,
}) => {
  await openTrendByBranch(page);
  const branches = [...new Set(records.map((r) => r[at('分公司')]))];
  await expect(splitTable(page).locator('tbody[data-split-value]')).toHaveCount(branches.length);
  // The legend names every branch in words; each chart draws one line per branch.
  const legend = page.getByRole('list', { name: 'Lines: values of 分公司' });
  for (const b of branches) await expect(legend.getByText(b, { exact: true })).toBeVisible();
  await expect(
    page.getByRole('img', { name: 'Orders by month, per 分公司', exact: true }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('img', { name: 'Orders by month, per 分公司', exact: true })
      .locator('path.line:not(.dashed)'),
  ).toHaveCount(branches.length);

  for (const branch of ['北京分公司', '成都分公司'])
    for (const month of ['2025-06', '2025-09']) {
      const n = sum('订单量', is('分公司', branch), inMonth(month));
      expect(n).toBeGreaterThan(0);
      await expect(orders(page, branch, month)).toHaveAttribute('data-count', String(n));
      await expect(orders(page, branch, month)).toHaveText(n.toLocaleString('en-US'));
    }
  // A rate of one branch-month is that branch-month's own counts' ratio, not an average.
  const consults = sum('咨询量', is('分公司', '上海分公司'), inMonth('2025-07'));
  const ordered = sum('订单量', is('分公司', '上海分公司'), inMonth('2025-07'));
  const rate = row(page, '上海分公司', '2025-07').locator('td[data-step-rate]').last();
  expect(Number(await rate.getAttribute('data-step-rate'))).toBeCloseTo(ordered / consults, 12);

  // A region in the sidebar: only its branch is left, with the same sums.
  await sidebar(page)
    .getByRole('group', { name: '地区', exact: true })
    .getByRole('checkbox', { name: '华北', exact: true })
    .check();
  await expect(splitTable(page).locator('tbody[data-split-value]')).toHaveCount(1);
  await expect(orders(page, '北京分公司', '2025-06')).toHaveAttribute(
    'data-count',
    String(sum('订单量', is('地区', '华北'), is('分公司', '北京分公司'), inMonth('2025-06'))),
  );
  // A channel within it: the branch-month's number becomes the filtered sum.
  const before = sum('订单量', is('分公司', '北京分公司'), inMonth('2025-06'));
  const after = sum('订单量', is('地区', '华北'), is('渠道', '百度'), inMonth('2025-06'));
  expect(after).toBeLessThan(before);
  await sidebar(page)
    .getByRole('group', { name: '渠道', exact: true })
    .getByRole('checkbox', { name: '百度', exact: true })
    .check();
  await expect(orders(page, '北京分公司', '2025-06')).toHaveAttribute('data-count', String(after));
  const visits = sum('访问量', is('地区', '华北'), is('渠道', '百度'), inMonth('2025-09'));
  const consulted = sum('咨询量', is('地区', '华北'), is('渠道', '百度'), inMonth('2025-09'));
  const cell = row(page, '北京分公司', '2025-09').locator('td[data-step-rate]').nth(2);
  expect(Number(await cell.getAttribute('data-step-rate'))).toBeCloseTo(consulted / visits, 12);

  // The split is part of the view's address: a reload keeps it, with the filters. The address
  // follows the view within 150 ms; wait until it holds the last filter before reloading.
  const viewInUrl = () => {
    const v = /[#&]v=([A-Za-z0-9_-]+)/.exec(page.url())?.[1];
    return v ? Buffer.from(v, 'base64url').toString('utf8') : '';
  };
  await expect.poll(viewInUrl).toContain('百度');
  expect(viewInUrl()).toContain('分公司');
  await page.reload();
  await expect(page.getByLabel('Split by')).toHaveValue('分公司');
  await page.getByText('Trend table by 分公司', { exact: true }).first().click();
  await expect(orders(page, '北京分公司', '2025-06')).toHaveAttribute('data-count', String(after));

  // Split by none: the single trend's table is back.
  await page.getByLabel('Split by').selectOption({ label: 'None' });
  await expect(splitTable(page)).toHaveCount(0);
  await expect(page.locator('table[data-trend="month"]')).toHaveCount(1);
});

test('an event funnel’s trend is not split: its people are attributed by touch, not by row', async ({
  page,
}) => {
  await page.goto('./');
  await page
    .getByLabel(/Choose a file|选择文件/)
    .setInputFiles('tests/fixtures/events/shop-events-zh.csv');
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();
  await page.getByRole('tab', { name: 'Trend' }).click();
  await expect(page.locator('table[data-trend]')).toHaveCount(1);
  await expect(page.getByLabel('Split by')).toHaveCount(0);
});

test('a joined dataset splits its trend only by a key every stage’s file has', async ({ page }) => {
  const dir = 'tests/fixtures/join';
  await page.goto('./');
  await page
    .getByLabel('Choose a file (CSV, TSV, TXT or Excel .xlsx)')
    .setInputFiles(
      ['baidu-keywords-gbk.csv', 'baidu-tongji.csv', 'shangqiao-chats.csv', 'orders.csv'].map(
        (f) => `${dir}/${f}`,
      ),
    );
  await expect(page.locator('table[data-funnel="current"] tr[data-stage="订单量"]')).toHaveCount(1);
  // The breakdown offers 关键词 (and names what it cannot split); the trend's split does not,
  // since visits come per day × plan and would read as zeros on every keyword's line; the plan,
  // which every file has, is offered.
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await expect(
    page.getByLabel('Break down by').locator('option', { hasText: '关键词' }),
  ).toHaveCount(1);
  await page.getByRole('tab', { name: 'Trend' }).click();
  const options = await page.getByLabel('Split by').locator('option').allTextContents();
  expect(options).toEqual(['None', '推广计划']);
});
