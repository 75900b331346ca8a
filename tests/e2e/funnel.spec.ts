import { expect, test } from '@playwright/test';
import { readCsv, sum } from './helpers/csv';

const sample = readCsv('public/samples/search-ads.csv');
const stages = ['展现量', '点击量', '访问量', '咨询量', '订单量'];

test('the sample opens from the start screen and every number matches the CSV', async ({
  page,
}) => {
  await page.goto('./');
  await page
    .getByRole('button', { name: /Open the sample/ })
    .first()
    .click();

  const table = page.locator('table[data-funnel="current"]');
  await expect(table).toBeVisible();

  const counts = stages.map((s) => sum(sample, s));
  const rows = table.locator('tr[data-stage]');
  await expect(rows).toHaveCount(stages.length);
  for (let k = 0; k < stages.length; k++) {
    const row = table.locator(`tr[data-stage="${stages[k]}"]`);
    expect(Number(await row.getAttribute('data-count'))).toBe(counts[k]);
    const step = await row.getAttribute('data-step-rate');
    if (k === 0) expect(step).toBe('');
    else expect(Number(step)).toBeCloseTo(counts[k] / counts[k - 1], 12);
    expect(Number(await row.getAttribute('data-overall-rate'))).toBeCloseTo(
      counts[k] / counts[0],
      12,
    );
  }
  // Stages in mapped order, never re-sorted by value.
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-stage')))).toEqual(
    stages,
  );

  const cost = sum(sample, '消费');
  const revenue = sum(sample, '销售额');
  const figure = async (metric: string) =>
    Number(await page.locator(`[data-metric="${metric}"]`).getAttribute('data-value'));
  expect(await figure('cost')).toBeCloseTo(cost, 6);
  expect(await figure('revenue')).toBeCloseTo(revenue, 6);
  expect(await figure('cpc')).toBeCloseTo(cost / counts[1], 9);
  expect(await figure('cpm')).toBeCloseTo((cost / counts[0]) * 1000, 9);
  expect(await figure('cost-per-last')).toBeCloseTo(cost / counts[4], 9);
  expect(await figure('roi')).toBeCloseTo((revenue - cost) / cost, 9);

  // What the user reads agrees with the raw attributes (en-US formatting).
  await expect(table.locator(`tr[data-stage="点击量"] td`).first()).toHaveText(
    counts[1].toLocaleString('en-US'),
  );
});

test('the log-scale switch keeps the small stages visible', async ({ page }) => {
  await page.goto('./');
  await page
    .getByRole('button', { name: /Open the sample/ })
    .first()
    .click();
  const last = page.locator('[data-chart="funnel"] .bar').last();
  await expect(last).toBeVisible();
  const linear = Number(await last.getAttribute('width'));
  await page.getByLabel('Log scale').check();
  await expect
    .poll(async () => Number(await last.getAttribute('width')))
    .toBeGreaterThan(linear * 5);
});

test('hover and keyboard focus show the drop-off of a stage', async ({ page }) => {
  await page.goto('./');
  await page
    .getByRole('button', { name: /Open the sample/ })
    .first()
    .click();
  const counts = stages.map((s) => sum(sample, s));
  const clicks = page.getByRole('button', { name: /^点击量:/ });
  await clicks.focus();
  const drop = (counts[0] - counts[1]).toLocaleString('en-US');
  await expect(page.locator('.funnel-chart figcaption')).toContainText(`${drop} dropped`);
});

test('no request leaves the page origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
      outside.push(url);
  });
  await page.goto('./');
  await page
    .getByRole('button', { name: /Open the sample/ })
    .first()
    .click();
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();
  await page.getByLabel('Log scale').check();
  expect(outside).toEqual([]);
});
