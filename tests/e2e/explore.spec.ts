import { expect, test, type Locator, type Page } from '@playwright/test';
import { readCsv } from './helpers/csv';

// Every expected number is summed here from the sample file itself, never read from the app.
const sample = readCsv('public/samples/search-ads.csv');
const stages = ['展现量', '点击量', '访问量', '咨询量', '订单量'];
type Row = Record<string, string>;
const records: Row[] = sample.rows.map((r) =>
  Object.fromEntries(sample.header.map((h, i) => [h, r[i]])),
);

function totals(rows: Row[]): number[] {
  return stages.map((s) => rows.reduce((acc, r) => acc + Number(r[s]), 0));
}
function groups(rows: Row[], field: string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) out.set(r[field], [...(out.get(r[field]) ?? []), r]);
  return out;
}
const inRange = (from: string, to: string) => (r: Row) => r['日期'] >= from && r['日期'] <= to;

async function openSample(page: Page, hash = '') {
  await page.goto('./' + hash);
  // After a reload the saved workspace may already hold the sample (it is kept in the browser).
  const open = page.getByRole('button', { name: /Open the sample/ }).first();
  const tab = page.getByRole('tab', { name: 'Funnel' });
  await expect(open.or(tab)).toBeVisible();
  if (await open.isVisible()) await open.click();
  await expect(tab).toBeVisible();
}
const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Filters' });
const dimension = (page: Page, field: string) =>
  sidebar(page).getByRole('group', { name: field, exact: true });

async function expectFunnel(page: Page, expected: number[]) {
  const table = page.locator('table[data-funnel="current"]');
  for (let k = 0; k < stages.length; k++) {
    await expect(table.locator(`tr[data-stage="${stages[k]}"]`)).toHaveAttribute(
      'data-count',
      String(expected[k]),
    );
  }
}

/** Every number of one matrix row against the test's own sums. */
async function expectSegment(row: Locator, counts: number[]) {
  const cells = row.locator('[data-stage]');
  await expect(cells).toHaveCount(stages.length);
  for (let k = 0; k < stages.length; k++) {
    const cell = row.locator(`[data-stage="${stages[k]}"]`);
    await expect(cell).toHaveAttribute('data-count', String(counts[k]));
    if (k === 0) continue;
    const rate = Number(await cell.getAttribute('data-step-rate'));
    expect(rate).toBeCloseTo(counts[k] / counts[k - 1], 12);
    // A denominator under 30 is marked and carries its interval; others are not.
    const small = counts[k - 1] > 0 && counts[k - 1] < 30;
    expect(await cell.getAttribute('data-small')).toBe(small ? 'true' : null);
    if (small) {
      const low = Number(await cell.getAttribute('data-low'));
      const high = Number(await cell.getAttribute('data-high'));
      expect(low).toBeLessThanOrEqual(rate);
      expect(high).toBeGreaterThanOrEqual(rate);
    }
  }
}

async function expectBreakdown(page: Page, rows: Row[], field: string) {
  const matrix = page.locator(`table[data-breakdown="${field}"]`);
  const expected = groups(rows, field);
  await expect(matrix.locator('tr[data-segment]')).toHaveCount(expected.size);
  for (const [value, segmentRows] of expected) {
    await expectSegment(matrix.locator(`tr[data-segment="${value}"]`), totals(segmentRows));
  }
}

test('filter by one region, one month, break down by branch: every number matches the CSV', async ({
  page,
}) => {
  await openSample(page);

  await dimension(page, '地区').getByRole('checkbox', { name: '华北', exact: true }).check();
  const region = records.filter((r) => r['地区'] === '华北');
  await expectFunnel(page, totals(region));

  const dates = sidebar(page).getByRole('group', { name: '日期' });
  await dates.getByLabel('From').fill('2025-09-01');
  await dates.getByLabel('To').fill('2025-09-30');
  const slice = region.filter(inRange('2025-09-01', '2025-09-30'));
  expect(slice.length).toBeGreaterThan(0);
  await expectFunnel(page, totals(slice));
  await expect(
    sidebar(page).getByRole('button', { name: /Remove filter 地区: 华北/ }),
  ).toBeVisible();

  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await page.getByLabel('Break down by').selectOption('分公司');
  await expectBreakdown(page, slice, '分公司');

  // Removing the region chip brings every branch back, the month still applied.
  await sidebar(page)
    .getByRole('button', { name: /Remove filter 地区: 华北/ })
    .click();
  const month = records.filter(inRange('2025-09-01', '2025-09-30'));
  await expectBreakdown(page, month, '分公司');

  // Clicking a branch drills into its teams; the breadcrumb leads back.
  await page
    .locator('table[data-breakdown="分公司"]')
    .getByRole('button', { name: 'Drill into 上海分公司' })
    .click();
  await expectBreakdown(
    page,
    month.filter((r) => r['分公司'] === '上海分公司'),
    '团队',
  );
  await page
    .getByRole('navigation', { name: 'Organisation' })
    .getByRole('button', { name: 'All' })
    .click();
  await expectBreakdown(page, month, '分公司');
});

test('the conversion matrix sorts by a step rate from the keyboard', async ({ page }) => {
  await openSample(page);
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await page.getByLabel('Break down by').selectOption('渠道');
  const header = page.getByRole('button', { name: 'Sort by 展现量 → 点击量' });
  await header.focus();
  await page.keyboard.press('Enter'); // highest click-through rate first
  const ctr = [...groups(records, '渠道')].map(([v, rows]) => {
    const [imp, clk] = totals(rows);
    return [v, clk / imp] as const;
  });
  const order = ctr.sort((a, b) => b[1] - a[1]).map(([v]) => v);
  const shown = page.locator('table[data-breakdown="渠道"] tr[data-segment]');
  await expect
    .poll(() => shown.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-segment'))))
    .toEqual(order);
  await expect(header.locator('xpath=..')).toHaveAttribute('aria-sort', 'descending');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => shown.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-segment'))))
    .toEqual([...order].reverse());
});

test('compare a month with the month before and with last year', async ({ page }) => {
  await openSample(page);
  await sidebar(page).getByLabel('Quick range').selectOption({ label: 'Last month' });
  // The sample ends on 2025-10-31, so "last month" is September, compared with August.
  await expect(sidebar(page).getByLabel('From')).toHaveValue('2025-09-01');
  await expect(sidebar(page).getByLabel('To')).toHaveValue('2025-09-30');
  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.getByRole('radio', { name: 'Previous period' }).check();
  const current = totals(records.filter(inRange('2025-09-01', '2025-09-30')));
  const base = totals(records.filter(inRange('2025-08-01', '2025-08-31')));
  const table = page.locator('table[data-compare="previous"]');
  for (let k = 0; k < stages.length; k++) {
    const row = table.locator(`tr[data-stage="${stages[k]}"]`);
    await expect(row).toHaveAttribute('data-count', String(current[k]));
    await expect(row).toHaveAttribute('data-base-count', String(base[k]));
    await expect(row).toHaveAttribute('data-delta', String(current[k] - base[k]));
    expect(Number(await row.getAttribute('data-relative'))).toBeCloseTo(
      (current[k] - base[k]) / base[k],
      12,
    );
    if (k > 0) {
      expect(Number(await row.getAttribute('data-step-rate-points'))).toBeCloseTo(
        current[k] / current[k - 1] - base[k] / base[k - 1],
        12,
      );
    }
  }
  // No 2024 data: last year's September is empty, and the page says so.
  await page.getByRole('radio', { name: 'Same period last year' }).check();
  await expect(
    page.locator('table[data-compare="lastYear"] tr[data-stage="展现量"]'),
  ).toHaveAttribute('data-base-count', '0');
  await expect(page.getByText('The baseline has no rows')).toBeVisible();
});

test('compare one channel with another', async ({ page }) => {
  await openSample(page);
  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.getByRole('radio', { name: 'Another segment' }).check();
  await page.getByLabel('Segments of').selectOption('渠道');
  await page.getByLabel('Segment A').selectOption('360');
  await page.getByLabel('Segment B').selectOption('神马');
  const a = totals(records.filter((r) => r['渠道'] === '360'));
  const b = totals(records.filter((r) => r['渠道'] === '神马'));
  const table = page.locator('table[data-compare="segments"]');
  for (let k = 0; k < stages.length; k++) {
    const row = table.locator(`tr[data-stage="${stages[k]}"]`);
    await expect(row).toHaveAttribute('data-count', String(a[k]));
    await expect(row).toHaveAttribute('data-base-count', String(b[k]));
  }
});

test('compare the actual funnel with the target set for the same view', async ({ page }) => {
  await openSample(page);
  await dimension(page, '渠道').getByRole('button', { name: 'Only 百度' }).click();
  const actual = totals(records.filter((r) => r['渠道'] === '百度'));
  const target = Math.round(actual[4] * 1.5);
  await page.getByRole('tab', { name: 'Diagnose' }).click();
  await page.getByRole('spinbutton', { name: 'Orders target' }).fill(String(target));
  await page.getByRole('spinbutton', { name: 'Orders target' }).press('Enter');
  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.getByRole('radio', { name: 'Target' }).check();
  const row = page.locator('table[data-compare="target"] tr[data-stage="订单量"]');
  await expect(row).toHaveAttribute('data-count', String(actual[4]));
  await expect(row).toHaveAttribute('data-base-count', String(target));
  await expect(row).toHaveAttribute('data-delta', String(actual[4] - target));
});

/** ISO week label, worked out here independently: the Thursday of the week decides the year. */
function isoWeekLabel(iso: string): string {
  const day = Date.parse(iso + 'T00:00:00Z') / 86_400_000;
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
  const thursday = day - weekday + 4;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / 86_400_000) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

test('the trend by month and by week, with partial weeks marked', async ({ page }) => {
  await openSample(page);
  await page.getByRole('tab', { name: 'Trend' }).click();
  await sidebar(page).getByLabel('Granularity').selectOption('month');
  const table = page.locator('table[data-trend="month"]');
  const months = groups(
    records.map((r) => ({ ...r, month: r['日期'].slice(0, 7) })),
    'month',
  );
  await expect(table.locator('tr[data-period]')).toHaveCount(months.size);
  for (const [month, rows] of months) {
    const counts = totals(rows);
    const row = table.locator(`tr[data-period="${month}"]`);
    for (let k = 0; k < stages.length; k++) {
      await expect(row.locator(`[data-stage="${stages[k]}"]`)).toHaveAttribute(
        'data-count',
        String(counts[k]),
      );
    }
    await expect(row).not.toHaveAttribute('data-incomplete', 'true');
  }

  await sidebar(page).getByLabel('Granularity').selectOption('week');
  const weeks = groups(
    records.map((r) => ({ ...r, week: isoWeekLabel(r['日期']) })),
    'week',
  );
  const weekTable = page.locator('table[data-trend="week"]');
  await expect(weekTable.locator('tr[data-period]')).toHaveCount(weeks.size);
  const labels = [...weeks.keys()];
  // 2025-05-01 is a Thursday and 2025-10-31 a Friday: both end weeks are partial.
  await expect(weekTable.locator(`tr[data-period="${labels[0]}"]`)).toHaveAttribute(
    'data-incomplete',
    'true',
  );
  await expect(weekTable.locator(`tr[data-period="${labels.at(-1)}"]`)).toHaveAttribute(
    'data-incomplete',
    'true',
  );
  await expect(weekTable.locator(`tr[data-period="${labels[1]}"]`)).not.toHaveAttribute(
    'data-incomplete',
    'true',
  );
  const [week, weekRows] = [labels[3], weeks.get(labels[3])!];
  await expect(
    weekTable.locator(`tr[data-period="${week}"] [data-stage="订单量"]`),
  ).toHaveAttribute('data-count', String(totals(weekRows)[4]));
});

test('brushing the trend sets the date range to whole periods', async ({ page }) => {
  await openSample(page);
  await page.getByRole('tab', { name: 'Trend' }).click();
  await sidebar(page).getByLabel('Granularity').selectOption('month');
  const overlay = page.locator('.brush .overlay');
  const box = (await overlay.boundingBox())!;
  // Six months across the chart: drag from inside the 2nd month to inside the 3rd.
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * (1.5 / 6), y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * (2 / 6), y, { steps: 4 });
  await page.mouse.move(box.x + box.width * (2.5 / 6), y, { steps: 4 });
  await page.mouse.up();
  await expect(sidebar(page).getByLabel('From')).toHaveValue('2025-06-01');
  await expect(sidebar(page).getByLabel('To')).toHaveValue('2025-07-31');
  const slice = records.filter(inRange('2025-06-01', '2025-07-31'));
  await page.getByRole('tab', { name: 'Funnel' }).click();
  await expectFunnel(page, totals(slice));
});

test('the view is kept in the address and restored on reload; a damaged one is refused', async ({
  page,
}) => {
  await openSample(page);
  await dimension(page, '渠道').getByRole('button', { name: 'Only 百度' }).click();
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await page.getByLabel('Break down by').selectOption('推广计划');
  // The address follows the view: wait until it holds the last change.
  const viewInUrl = () => {
    const v = /[#&]v=([A-Za-z0-9_-]+)/.exec(page.url())?.[1];
    return v ? Buffer.from(v, 'base64url').toString('utf8') : '';
  };
  await expect.poll(viewInUrl).toContain('"breakdown":"推广计划"');
  expect(viewInUrl()).toContain('"values":["百度"]');
  const url = page.url();
  const expected = records.filter((r) => r['渠道'] === '百度');

  await page.goto('about:blank');
  await openSample(page, url.slice(url.indexOf('#')));
  await expect(page.getByRole('tab', { name: 'Breakdown' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expectBreakdown(page, expected, '推广计划');
  await expect(
    dimension(page, '渠道').getByRole('checkbox', { name: '百度', exact: true }),
  ).toBeChecked();

  // A damaged view: a message, the default view, and nothing thrown.
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('about:blank');
  await openSample(page, '#v=eyJuIjoxLCJfX3Byb3RvX18iOnt9fQ');
  await expect(page.getByRole('alert').filter({ hasText: 'could not be restored' })).toBeVisible();
  await expectFunnel(page, totals(records));
  expect(errors).toEqual([]);
});
