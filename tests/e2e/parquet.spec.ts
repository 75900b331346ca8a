// Parquet in, as a person does it: a warehouse export (written here by DuckDB from the search-ads
// sample) picked in the file input; the funnel, a filter, the import report and a reload behave
// as for the CSV. Every expected number is summed here from the sample CSV, never read from the
// app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test, type Page } from '@playwright/test';
import { readCsv } from './helpers/csv';

const FILE_LABEL = 'Choose a file (CSV, TSV, TXT or Excel .xlsx)';
const SAMPLE = 'public/samples/search-ads.csv';
const stages = ['展现量', '点击量', '访问量', '咨询量', '订单量'];
const sample = readCsv(SAMPLE);
type Row = Record<string, string>;
const records: Row[] = sample.rows.map((r) =>
  Object.fromEntries(sample.header.map((h, i) => [h, r[i]])),
);
const totals = (rows: Row[]) => stages.map((s) => rows.reduce((a, r) => a + Number(r[s]), 0));

let dir: string;
let adsParquet: string;
let nestedParquet: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fw-e2e-parquet-'));
  adsParquet = join(dir, 'search-ads.parquet');
  nestedParquet = join(dir, 'ga4-events.parquet');
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  // Row groups of 2,048 rows: the sample's 20,000-odd rows come in ten of them.
  await con.run(
    `COPY (SELECT * FROM read_csv('${SAMPLE}', header = true)) TO '${adsParquet}'
     (FORMAT PARQUET, COMPRESSION zstd, ROW_GROUP_SIZE 2048)`,
  );
  // A GA4-like export: flat columns the app reads, and a nested one it leaves out. (Snappy, the
  // default codec, here; zstd above: both decoded without WebAssembly, which the CSP refuses.)
  await con.run(
    `COPY (SELECT DATE '2025-01-01' + (i % 10)::INTEGER AS event_date, 'page_view' AS event_name,
       i::BIGINT AS event_count, [{'key': 'k', 'value': i}] AS event_params FROM range(100) t(i))
     TO '${nestedParquet}' (FORMAT PARQUET)`,
  );
  con.closeSync();
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.beforeEach(async ({ context }) => {
  await context.route('**/sw.js', (route) => route.abort());
});

async function pick(page: Page, path: string) {
  const menu = page.locator('header details');
  if ((await menu.count()) > 0 && !(await menu.getAttribute('open'))) {
    await page.locator('header summary', { hasText: 'Import' }).click();
  }
  await page.getByLabel(FILE_LABEL).setInputFiles(path);
}

async function expectFunnel(page: Page, expected: number[]) {
  const table = page.locator('table[data-funnel="current"]');
  for (let k = 0; k < stages.length; k++) {
    await expect(table.locator(`tr[data-stage="${stages[k]}"]`)).toHaveAttribute(
      'data-count',
      String(expected[k]),
    );
  }
}

test('a Parquet export picked in the file input shows the funnel the CSV sums to', async ({
  page,
}) => {
  await page.goto('./');
  await pick(page, adsParquet);
  await expectFunnel(page, totals(records));
  // Cost and revenue come through as money: the headline carries their sums.
  const cost = records.reduce((a, r) => a + Number(r['消费']), 0);
  const cpc = Number(await page.locator('[data-metric="cpc"]').first().getAttribute('data-value'));
  expect(cpc).toBeCloseTo(cost / totals(records)[1], 6);

  // The import report says what was read.
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(page.locator('[data-import-report] [data-encoding]')).toHaveAttribute(
    'data-encoding',
    'parquet',
  );
  await expect(page.locator('[data-import-report] [data-rows]')).toHaveAttribute(
    'data-rows',
    String(records.length),
  );

  // Filters work on its dictionary-coded columns as on a CSV's.
  await page.getByRole('tab', { name: 'Funnel' }).click();
  const sidebar = page.getByRole('complementary', { name: 'Filters' });
  await sidebar
    .getByRole('group', { name: '地区', exact: true })
    .getByRole('checkbox', { name: '华东', exact: true })
    .check();
  await expectFunnel(page, totals(records.filter((r) => r['地区'] === '华东')));

  // And it is kept: after a reload the same funnel comes back from this browser's storage.
  await expect(page.locator('[data-save-state="saved"]')).toBeAttached({ timeout: 30_000 });
  await page.reload();
  await expectFunnel(page, totals(records.filter((r) => r['地区'] === '华东')));
});

test('a nested column (GA4’s event_params) is left out, and the report says so', async ({
  page,
}) => {
  await page.goto('./');
  await pick(page, nestedParquet);
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(page.locator('[data-import-report] [data-rows]')).toHaveAttribute(
    'data-rows',
    '100',
  );
  await expect(page.getByText(/1 columns were left out.*event_params/)).toBeVisible();
});
