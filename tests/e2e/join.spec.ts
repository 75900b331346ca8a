// Several exports, one funnel (issue 13): four files of one search-ads funnel, chosen at once in
// the file input, joined on date × plan × keyword. Every expected number is worked out here from
// the four files themselves (their own plain reading, their own matching of plan names), never
// taken from the app.
import { expect, test, type Page } from '@playwright/test';
import { readFixture } from './helpers/fixture';

const DIR = 'tests/fixtures/join';
const FILE_LABEL = 'Choose a file (CSV, TSV, TXT or Excel .xlsx)';
const FILES = ['baidu-keywords-gbk.csv', 'baidu-tongji.csv', 'shangqiao-chats.csv', 'orders.csv'];

/** A fixture's records as objects by header, from the header line on (the test knows where). */
function rows(name: string, encoding: string, headerAt = 0): Record<string, string>[] {
  const records = readFixture(`../join/${name}`, encoding).slice(headerAt);
  const [header, ...data] = records;
  return data
    .filter((r) => r.length === header.length && r.some((c) => c !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
const num = (s: string) => Number(s.replace(/[¥,\s]/g, ''));
const sum = (rs: Record<string, string>[], col: string) => rs.reduce((a, r) => a + num(r[col]), 0);
/** The test's own reading of one plan name: no spaces, one kind of bracket. */
const plan = (s: string) =>
  s
    .replace(/\s+/g, '')
    .replace(/[（【[]/g, '(')
    .replace(/[）】\]]/g, ')');

// The ad report: account lines above the header (line 4), 合计 below (left out here too).
const ads = rows(FILES[0], 'gbk', 3).filter((r) => r['日期'] !== '合计');
const visits = rows(FILES[1], 'utf-8');
const chats = rows(FILES[2], 'utf-8');
const orders = rows(FILES[3], 'utf-8');

const funnel = (page: Page) => page.locator('table[data-funnel="current"]');
async function count(page: Page, stage: string): Promise<number> {
  return Number(await funnel(page).locator(`tr[data-stage="${stage}"]`).getAttribute('data-count'));
}
async function metric(page: Page, name: string): Promise<number> {
  return Number(await page.locator(`[data-metric="${name}"]`).first().getAttribute('data-value'));
}

async function chooseAll(page: Page) {
  await page.goto('/');
  await page.getByLabel(FILE_LABEL).setInputFiles(FILES.map((f) => `${DIR}/${f}`));
  await expect(funnel(page).locator('tr[data-stage="订单量"]')).toHaveCount(1);
}

test.beforeEach(async ({ context }) => {
  await context.route('**/sw.js', (route) => route.abort());
});

test('four exports chosen at once make one funnel: every stage, cost, revenue and plan as the files sum', async ({
  page,
}) => {
  expect(ads.length).toBeGreaterThan(20);
  await chooseAll(page);

  // Every stage total, the cost and the revenue, each from its own file.
  expect(await count(page, '展现')).toBe(sum(ads, '展现'));
  expect(await count(page, '点击')).toBe(sum(ads, '点击'));
  expect(await count(page, '访问量')).toBe(sum(visits, '访问量'));
  expect(await count(page, '咨询量')).toBe(chats.length);
  expect(await count(page, '订单量')).toBe(orders.length);
  expect(await metric(page, 'cost')).toBeCloseTo(sum(ads, '消费'), 6);
  expect(await metric(page, 'revenue')).toBeCloseTo(sum(orders, '金额'), 6);

  // Per plan: names written four ways join as one plan.
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await page.getByLabel('Break down by').selectOption('推广计划');
  const matrix = page.locator('table[data-breakdown="推广计划"]');
  const plans = new Map<string, { shown: string; counts: number[] }>();
  const add = (name: string, k: number, n: number) => {
    const key = plan(name);
    if (!plans.has(key)) plans.set(key, { shown: name.trim(), counts: [0, 0, 0, 0, 0] });
    plans.get(key)!.counts[k] += n;
  };
  for (const r of ads) add(r['推广计划'], 0, num(r['展现']));
  for (const r of ads) add(r['推广计划'], 1, num(r['点击']));
  for (const r of visits) add(r['推广计划'], 2, num(r['访问量']));
  for (const r of chats) add(r['来源计划'], 3, 1);
  for (const r of orders) add(r['来源计划'], 4, 1);
  await expect(matrix.locator('tr[data-segment]')).toHaveCount(plans.size);
  const stages = ['展现', '点击', '访问量', '咨询量', '订单量'];
  for (const p of plans.values()) {
    // A plan shows as the ad report spells it (else as the first file having it spells it).
    const seg = matrix.locator(`tr[data-segment="${p.shown}"]`);
    for (const [k, stage] of stages.entries()) {
      await expect(seg.locator(`[data-stage="${stage}"]`)).toHaveAttribute(
        'data-count',
        String(p.counts[k]),
      );
    }
  }

  // One plan's cost and revenue, through the plan filter.
  const brand = ads[0]['推广计划'];
  await page.getByRole('tab', { name: 'Funnel' }).click();
  await page
    .getByRole('complementary', { name: 'Filters' })
    .getByRole('group', { name: '推广计划', exact: true })
    .getByRole('button', { name: `Only ${brand}` })
    .click();
  const mine = (r: Record<string, string>, col: string) => plan(r[col]) === plan(brand);
  const brandVisits = sum(
    visits.filter((r) => mine(r, '推广计划')),
    '访问量',
  );
  // Once the funnel shows the plan's visits, the filter has applied.
  await expect(funnel(page).locator('tr[data-stage="访问量"]')).toHaveAttribute(
    'data-count',
    String(brandVisits),
  );
  expect(await metric(page, 'cost')).toBeCloseTo(
    sum(
      ads.filter((r) => mine(r, '推广计划')),
      '消费',
    ),
    6,
  );
  expect(await metric(page, 'revenue')).toBeCloseTo(
    sum(
      orders.filter((r) => mine(r, '来源计划')),
      '金额',
    ),
    6,
  );
  expect(await count(page, '访问量')).toBe(
    sum(
      visits.filter((r) => mine(r, '推广计划')),
      '访问量',
    ),
  );
});

test('the join report says what joined what, the keys some files lack, and what cannot be split', async ({
  page,
}) => {
  await chooseAll(page);
  await page.getByRole('tab', { name: 'Data' }).click();
  const report = page.locator('[data-join-report]');
  await expect(report.locator('[data-grain]')).toHaveAttribute('data-grain', 'day');
  // Each file's own import report: the GBK one found its encoding, header line and 合计 row.
  const gbk = page.locator(`[data-import-report][data-file="${FILES[0]}"]`);
  await expect(gbk.locator('[data-encoding]')).toHaveAttribute('data-encoding', 'gb18030');
  await expect(gbk.locator('[data-header-line]')).toHaveAttribute('data-header-line', '4');
  await expect(gbk.locator('[data-dropped-totals]')).toHaveAttribute('data-dropped-totals', '1');
  // Which columns joined which files.
  await expect(report.locator('li[data-key="推广计划"]')).toContainText(
    'shangqiao-chats.csv · 来源计划',
  );
  await expect(report.locator('li[data-key="推广计划"]')).toContainText('orders.csv · 来源计划');
  await expect(report.locator('li[data-source="shangqiao-chats.csv"]')).toHaveAttribute(
    'data-shape',
    'records',
  );

  // 自然流量: visits and orders, no ad spend behind them.
  const organic = report.locator('li[data-unmatched-key="推广计划"][data-value="自然流量"]');
  await expect(organic).toHaveCount(1);
  const organicOrders = orders.filter((r) => r['来源计划'] === '自然流量').length;
  const organicVisits = sum(
    visits.filter((r) => r['推广计划'] === '自然流量'),
    '访问量',
  );
  await expect(organic.locator('data[data-column="订单量"]')).toHaveAttribute(
    'value',
    String(organicOrders),
  );
  await expect(organic.locator('data[data-column="访问量"]')).toHaveAttribute(
    'value',
    String(organicVisits),
  );
  await expect(organic).toContainText('no ad spend');
  // Chats whose keyword the ad report lacks.
  const kwMissing = chats.filter(
    (r) => r['关键词'] !== '' && !ads.some((a) => a['关键词'] === r['关键词']),
  );
  const byKw = new Map<string, number>();
  for (const r of kwMissing) byKw.set(r['关键词'], (byKw.get(r['关键词']) ?? 0) + 1);
  expect(byKw.size).toBeGreaterThan(0);
  for (const [kw, n] of byKw) {
    const li = report.locator(`li[data-unmatched-key="关键词"][data-value="${kw}"]`);
    await expect(li.locator('data[data-column="咨询量"]')).toHaveAttribute('value', String(n));
  }
  // Visits come per day × plan: not splittable by keyword, and the breakdown says so.
  await expect(report.locator('li[data-not-splittable="访问量"]')).toHaveAttribute(
    'data-by',
    /关键词/,
  );
  await page.getByRole('tab', { name: 'Mapping' }).click();
  await expect(page.locator('[data-source-file="orders.csv"]').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await page.getByLabel('Break down by').selectOption('关键词');
  await expect(page.locator('p[data-not-splittable="关键词"]')).toContainText('访问量');
  const matrix = page.locator('table[data-breakdown="关键词"]');
  await expect(matrix.locator('th, td').filter({ hasText: '访问量' })).toHaveCount(0);
  const kw = ads[0]['关键词'];
  await expect(matrix.locator(`tr[data-segment="${kw}"] [data-stage="点击"]`)).toHaveAttribute(
    'data-count',
    String(
      sum(
        ads.filter((r) => r['关键词'] === kw),
        '点击',
      ),
    ),
  );
});

test('the joined dataset is kept: after a reload the same totals and the join report', async ({
  page,
}) => {
  await chooseAll(page);
  const before = await count(page, '咨询量');
  await page.waitForTimeout(1500); // autosave
  await page.reload();
  await expect(funnel(page).locator('tr[data-stage="咨询量"]')).toHaveAttribute(
    'data-count',
    String(before),
  );
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(page.locator('[data-join-report] li[data-value="自然流量"]')).toHaveCount(1);
});

test('a file added to the open data joins it; a newer export of one source replaces it and keeps the mapping', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByLabel(FILE_LABEL).setInputFiles([`${DIR}/${FILES[0]}`, `${DIR}/${FILES[1]}`]);
  await expect(funnel(page).locator('tr[data-stage="访问量"]')).toHaveAttribute(
    'data-count',
    String(sum(visits, '访问量')),
  );
  await expect(funnel(page).locator('tr[data-stage="订单量"]')).toHaveCount(0);

  // Add the orders to the open data: a stage and the revenue appear, the rest stays.
  await page.locator('header summary', { hasText: 'Import' }).click();
  await page.getByLabel(/^Add files to join/).setInputFiles(`${DIR}/${FILES[3]}`);
  await expect(funnel(page).locator('tr[data-stage="订单量"]')).toHaveAttribute(
    'data-count',
    String(orders.length),
  );
  expect(await count(page, '展现')).toBe(sum(ads, '展现'));
  expect(await metric(page, 'revenue')).toBeCloseTo(sum(orders, '金额'), 6);

  // Rename a stage, then bring a newer analytics export (same name, first week's first days).
  await page.getByRole('tab', { name: 'Mapping' }).click();
  const visitsName = page.getByLabel('Name of stage 3', { exact: true });
  await expect(visitsName).toHaveValue('访问量');
  await visitsName.fill('到达');
  await visitsName.press('Enter');
  const newer = [
    '日期,推广计划,访问量,跳出率',
    '2025/4/1,品牌词(北京),40,50%',
    '2025/4/2,自然流量,9,50%',
  ];
  await page.locator('header summary', { hasText: 'Import' }).click();
  await page.getByLabel(/^Add files to join/).setInputFiles({
    name: FILES[1],
    mimeType: 'text/csv',
    buffer: Buffer.from(newer.join('\n') + '\n'),
  });
  await page.getByRole('tab', { name: 'Funnel' }).click();
  await expect(funnel(page).locator('tr[data-stage="到达"]')).toHaveAttribute('data-count', '49');
  expect(await count(page, '订单量')).toBe(orders.length);
  expect(await count(page, '点击')).toBe(sum(ads, '点击'));
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(page.locator('[data-join-report] li[data-source]')).toHaveCount(3);
});
