// SQL out, as a person does it: open the search-ads sample, filter it, open the Data tab's
// "Copy SQL" panel, copy the DuckDB query and run it in DuckDB (its Node package) over the same
// sample: its stage columns, named as the funnel table names its rows, sum to the funnel the page
// shows. The other dialects are there in the page, and follow the source table's name.
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test, type Page } from '@playwright/test';
import { readCsv } from './helpers/csv';

const SAMPLE = 'public/samples/search-ads.csv';
const stages = ['展现量', '点击量', '访问量', '咨询量', '订单量'];
const sample = readCsv(SAMPLE);
type Row = Record<string, string>;
const records: Row[] = sample.rows.map((r) =>
  Object.fromEntries(sample.header.map((h, i) => [h, r[i]])),
);

test.beforeEach(async ({ context }) => {
  await context.route('**/sw.js', (route) => route.abort());
});

async function openSample(page: Page) {
  await page.goto('./');
  await page
    .getByRole('button', { name: /Open the sample|打开示例/ })
    .first()
    .click();
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();
}

/** The funnel table's counts, by stage label (data-stage). */
async function funnelCounts(page: Page): Promise<Map<string, number>> {
  const rows = page.locator('table[data-funnel="current"] tr[data-stage]');
  await expect(rows).toHaveCount(stages.length);
  const out = new Map<string, number>();
  for (const row of await rows.all()) {
    out.set((await row.getAttribute('data-stage'))!, Number(await row.getAttribute('data-count')));
  }
  return out;
}

test('the copied DuckDB query, run over the sample, gives the funnel on screen', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openSample(page);
  const sidebar = page.getByRole('complementary', { name: 'Filters' });
  await sidebar
    .getByRole('group', { name: '渠道', exact: true })
    .getByRole('checkbox', { name: '百度', exact: true })
    .check();
  const dates = sidebar.getByRole('group', { name: '日期' });
  await dates.getByLabel('From').fill('2025-06-01');
  await dates.getByLabel('To').fill('2025-08-31');
  // By month, chosen (half a year of data opens by week).
  await sidebar.getByLabel('Granularity').selectOption({ label: 'Month' });
  // The page's funnel agrees with the test's own sums first.
  const slice = records.filter(
    (r) => r['渠道'] === '百度' && r['日期'] >= '2025-06-01' && r['日期'] <= '2025-08-31',
  );
  const shown = await funnelCounts(page);
  expect([...shown.values()]).toEqual(
    stages.map((s) => slice.reduce((a, r) => a + Number(r[s]), 0)),
  );

  await page.getByRole('tab', { name: 'Data' }).click();
  const panel = page.locator('[data-sql-panel]');
  await expect(panel.getByLabel('Source table')).toHaveValue('funnel_source');
  for (const d of ['duckdb', 'clickhouse', 'bigquery', 'postgres']) {
    await expect(panel.locator(`pre[data-sql][data-dialect="${d}"]`)).toHaveCount(1);
  }
  await panel.getByRole('button', { name: 'Copy' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await panel.locator('pre[data-dialect="duckdb"]').textContent());

  const con = await (await DuckDBInstance.create(':memory:')).connect();
  await con.run(`CREATE TABLE funnel_source AS SELECT * FROM read_csv('${SAMPLE}', header = true)`);
  const result = (await con.runAndReadAll(copied)).getRowObjectsJson();
  con.closeSync();
  // One row per month of the range, one column per stage named as the funnel's rows.
  expect(result.map((r) => String(r['日期']))).toEqual(['2025-06-01', '2025-07-01', '2025-08-01']);
  for (const [label, count] of shown) {
    expect(
      result.reduce((a, r) => a + Number(r[label]), 0),
      label,
    ).toBe(count);
  }
});

test('every dialect follows the source table’s name, quoted its own way', async ({ page }) => {
  await openSample(page);
  await page
    .getByRole('complementary', { name: 'Filters' })
    .getByLabel('Granularity')
    .selectOption({ label: 'Month' });
  await page.getByRole('tab', { name: 'Data' }).click();
  const panel = page.locator('[data-sql-panel]');
  await panel.getByLabel('Source table').fill('analytics.漏斗"源');
  await expect(panel.locator('pre[data-dialect="duckdb"]')).toContainText(
    'FROM "analytics"."漏斗""源"',
  );
  await expect(panel.locator('pre[data-dialect="postgres"]')).toContainText(
    'FROM "analytics"."漏斗""源"',
  );
  await expect(panel.locator('pre[data-dialect="clickhouse"]')).toContainText(
    'FROM `analytics`.`漏斗"源`',
  );
  await expect(panel.locator('pre[data-dialect="bigquery"]')).toContainText(
    'FROM `analytics.漏斗"源`',
  );
  // The chosen dialect is the one shown, with its own month and its own way to export.
  await panel.getByRole('radio', { name: 'ClickHouse' }).check();
  await expect(panel.locator('pre[data-dialect="clickhouse"]')).toBeVisible();
  await expect(panel.locator('pre[data-dialect="duckdb"]')).toBeHidden();
  await expect(panel.locator('pre[data-dialect="clickhouse"]')).toContainText('toStartOfMonth(');
  await expect(panel).toContainText("INTO OUTFILE 'funnel.parquet' FORMAT Parquet");
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });
  test('the panel speaks Chinese: 源表, 复制 SQL', async ({ page }) => {
    await openSample(page);
    await page.getByRole('tab', { name: '数据' }).click();
    const panel = page.locator('[data-sql-panel]');
    await expect(panel.getByRole('heading', { name: '复制 SQL' })).toBeVisible();
    await expect(panel.getByLabel('源表')).toHaveValue('funnel_source');
    await expect(panel.getByRole('button', { name: '复制' })).toBeVisible();
  });
});

test('an event funnel’s query (a 1-day window), run in DuckDB over the events file, gives the funnel on screen', async ({
  page,
}) => {
  const fixture = 'tests/fixtures/events/shop-events-zh.csv';
  await page.goto('./');
  await page.getByLabel('Choose a file (CSV, TSV, TXT or Excel .xlsx)').setInputFiles(fixture);
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();
  // The conversion window: one day (its unit is days already).
  const window = page.getByLabel('Conversion window', { exact: true });
  await window.fill('1');
  await window.press('Enter');
  await expect(page.locator('table[data-funnel="current"]')).toHaveAttribute(
    'data-window-seconds',
    '86400',
  );
  const shown = new Map<string, number>();
  for (const row of await page.locator('table[data-funnel="current"] tr[data-stage]').all()) {
    shown.set(
      (await row.getAttribute('data-stage'))!,
      Number(await row.getAttribute('data-count')),
    );
  }
  expect(shown.size).toBeGreaterThan(2);

  await page.getByRole('tab', { name: 'Data' }).click();
  const panel = page.locator('[data-sql-panel]');
  // Event times are time stamps in a warehouse: chosen for the user.
  await expect(panel.getByLabel('Date or time column type')).toHaveValue('timestamp');
  await panel.getByLabel(/One row per/).uncheck();
  const sql = (await panel.locator('pre[data-dialect="duckdb"]').textContent())!;
  expect(sql).toContain('86400000000');

  const con = await (await DuckDBInstance.create(':memory:')).connect();
  await con.run(
    `CREATE TABLE funnel_source AS SELECT * FROM read_csv('${fixture}', header = true)`,
  );
  const result = (await con.runAndReadAll(sql)).getRowObjectsJson();
  con.closeSync();
  expect(result).toHaveLength(1);
  for (const [label, count] of shown) expect(Number(result[0][label]), label).toBe(count);
});
