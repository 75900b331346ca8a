import { expect, test, type Locator, type Page } from '@playwright/test';
import { readCsv } from './helpers/csv';

// Every expected number is worked out here from the sample file itself, never read from the app.
const sample = readCsv('public/samples/search-ads.csv');
const stages = ['展现量', '点击量', '访问量', '咨询量', '订单量'];
const col = (name: string) => sample.header.indexOf(name);
const total = (name: string, keep: (r: string[]) => boolean = () => true) =>
  sample.rows.filter(keep).reduce((s, r) => s + Number(r[col(name)]), 0);
const counts = stages.map((s) => total(s));
const cost = total('消费');
const orders = counts[4];

async function openSample(page: Page) {
  await page.goto('./');
  await page
    .getByRole('button', { name: /Open the sample/ })
    .first()
    .click();
  await expect(page.getByRole('tab', { name: 'Funnel' })).toBeVisible();
}

async function numberAt(locator: Locator, attribute: string): Promise<number> {
  const v = await locator.getAttribute(attribute);
  expect(v, `${attribute} present`).not.toBeNull();
  expect(v).not.toBe('');
  return Number(v);
}

test('a target of 1.5× today’s orders gives the count every stage needs, and the budget', async ({
  page,
}) => {
  await openSample(page);
  await page.getByRole('tab', { name: 'Plan' }).click();
  const goal = orders * 1.5;
  await page.getByLabel('Target Orders', { exact: true }).fill(String(goal));

  // Divide by each step rate in turn, from the bottom up.
  const required = new Array<number>(stages.length);
  required[4] = goal;
  for (let k = 4; k > 0; k--) required[k - 1] = (required[k] * counts[k - 1]) / counts[k];

  const table = page.locator('[data-plan="required"]');
  await expect(table.locator('tr[data-stage]')).toHaveCount(stages.length);
  for (let k = 0; k < stages.length; k++) {
    const row = table.locator(`tr[data-stage="${stages[k]}"]`);
    await expect(row).toHaveAttribute('data-count', /\d/);
    expect(await numberAt(row, 'data-required')).toBeCloseTo(required[k], 6);
    // Whole units, rounded up: never fewer than needed, never a whole unit more.
    const whole = await numberAt(row, 'data-count');
    expect(Number.isInteger(whole)).toBe(true);
    expect(whole).toBeGreaterThanOrEqual(required[k] - 1e-6);
    expect(whole).toBeLessThan(required[k] + 1);
    expect(await numberAt(row, 'data-actual')).toBe(counts[k]);
    expect(await numberAt(row, 'data-gap')).toBeCloseTo(required[k] - counts[k], 6);
  }
  // Budget: the clicks needed at today's cost per click.
  const budget = page.locator('[data-metric="budget"]');
  expect(await numberAt(budget, 'data-value')).toBeCloseTo((required[1] * cost) / counts[1], 4);
});

test('raising the click-through rate by 10 % in a scenario gives 10 % more orders and clicks to pay for', async ({
  page,
}) => {
  await openSample(page);
  await page.getByRole('tab', { name: 'What-if' }).click();
  await page.getByRole('spinbutton', { name: 'Change in click-through rate (%)' }).fill('10');

  const draft = page.locator('[data-draft] [data-scenario]');
  const row = draft.locator('tr[data-stage="订单量"]');
  await expect(row).not.toHaveAttribute('data-count', String(orders));
  expect(await numberAt(row, 'data-count')).toBeCloseTo(orders * 1.1, 6);
  const clicks = draft.locator('tr[data-stage="点击量"]');
  expect(await numberAt(clicks, 'data-count')).toBeCloseTo(counts[1] * 1.1, 6);
  expect(await numberAt(draft.locator('[data-metric="last"]'), 'data-delta')).toBeCloseTo(
    orders * 0.1,
    6,
  );
  // More clicks at the same cost per click.
  expect(await numberAt(draft.locator('[data-metric="cost"]'), 'data-value')).toBeCloseTo(
    cost * 1.1,
    4,
  );
  // Impressions did not move.
  await expect(draft.locator('tr[data-stage="展现量"]')).toHaveAttribute(
    'data-count',
    String(counts[0]),
  );
});

test('two saved scenarios survive a reload and compare side by side with the baseline', async ({
  page,
}) => {
  await openSample(page);
  await page.getByRole('tab', { name: 'What-if' }).click();
  const name = page.getByRole('textbox', { name: 'Scenario name' });

  await name.fill('CTR +10%');
  await page.getByRole('spinbutton', { name: 'Change in click-through rate (%)' }).fill('10');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByText('Saved as “CTR +10%”.')).toBeVisible();

  await name.fill('Visits +20%');
  await page.getByRole('spinbutton', { name: 'Change in visit rate (%)' }).fill('20');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByText('Saved as “Visits +20%”.')).toBeVisible();

  // Like a person, wait for the app to say the work is kept before reloading.
  await expect(page.getByText('All changes saved')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('tab', { name: 'What-if' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('checkbox', { name: 'Compare CTR +10%' }).check();
  await page.getByRole('checkbox', { name: 'Compare Visits +20%' }).check();

  const compare = page.locator('[data-compare]');
  const ordersIn = (scope: Locator) => scope.locator('tr[data-stage="订单量"]');
  expect(await numberAt(ordersIn(compare.locator('[data-baseline]')), 'data-count')).toBe(orders);
  expect(
    await numberAt(ordersIn(compare.locator('[data-scenario="CTR +10%"]')), 'data-count'),
  ).toBeCloseTo(orders * 1.1, 6);
  expect(
    await numberAt(ordersIn(compare.locator('[data-scenario="Visits +20%"]')), 'data-count'),
  ).toBeCloseTo(orders * 1.2, 6);
  // The CTR scenario buys more clicks; the visit-rate one costs nothing extra.
  expect(
    await numberAt(
      compare.locator('[data-scenario="CTR +10%"] [data-metric="cost"]'),
      'data-delta',
    ),
  ).toBeCloseTo(cost * 0.1, 4);
  expect(
    await numberAt(
      compare.locator('[data-scenario="Visits +20%"] [data-metric="cost"]'),
      'data-delta',
    ),
  ).toBeCloseTo(0, 6);
});

test('a target split over branches adds up to the whole, each branch at its own rates', async ({
  page,
}) => {
  await openSample(page);
  await page.getByRole('tab', { name: 'Plan' }).click();
  await page.getByLabel('Split over').selectOption('分公司');
  await page.getByRole('radio', { name: /by share of Orders/ }).check();
  const whole = 1001;
  await page.getByLabel('Total Orders to split').fill(String(whole));

  const branches = [...new Set(sample.rows.map((r) => r[col('分公司')]))];
  const table = page.locator('table[data-plan="decomposition"]');
  const rows = table.locator('tbody tr[data-segment]');
  await expect(rows).toHaveCount(branches.length);

  let sum = 0;
  for (const branch of branches) {
    const mine = (r: string[]) => r[col('分公司')] === branch;
    const c = stages.map((s) => total(s, mine));
    const row = table.locator(`tr[data-segment="${branch}"]`);
    const target = await numberAt(row, 'data-target');
    sum += target;
    // Largest remainder: within one unit of the exact share.
    expect(Math.abs(target - (whole * c[4]) / orders)).toBeLessThan(1);
    // Its own rates: the consultations it needs are its target ÷ its own order rate.
    const consult = await numberAt(row.locator('[data-stage="咨询量"]'), 'data-count');
    const need = (target * c[3]) / c[4];
    expect(consult).toBeGreaterThanOrEqual(need - 1e-6);
    expect(consult).toBeLessThan(need + 1);
  }
  expect(sum).toBe(whole);
  await expect(table.locator('tr[data-total]')).toHaveAttribute('data-target', String(whole));

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const text = await (await download.createReadStream()).toArray();
  const csv = Buffer.concat(text).toString('utf8');
  expect(csv.startsWith('\ufeff')).toBe(true);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines).toHaveLength(branches.length + 1);
  const ordersAt = lines[0].split(',').length - 1;
  const parts = lines.slice(1).map((l) => Number(l.split(',')[ordersAt]));
  expect(parts.reduce((a, b) => a + b, 0)).toBe(whole);
});

test('targets from a CSV show the gap per stage; a bad file says why and changes nothing', async ({
  page,
}) => {
  await openSample(page);
  await page.getByRole('tab', { name: 'Diagnose' }).click();
  const file = page.getByLabel('Import targets from a CSV (stage, target)');
  await file.setInputFiles('tests/fixtures/decide/targets-rates.csv');

  // The file: 10,000,000 impressions, then rates 4 %, 85 %, 9 %, 25 %.
  const target = [10_000_000, 400_000, 340_000, 30_600, 7_650];
  const table = page.locator('table[data-plan="target"]');
  for (let k = 0; k < stages.length; k++) {
    const row = table.locator(`tr[data-stage="${stages[k]}"]`);
    await expect(row).toHaveAttribute('data-target', /\d/);
    expect(await numberAt(row, 'data-target')).toBeCloseTo(target[k], 6);
    expect(await numberAt(row, 'data-gap')).toBeCloseTo(counts[k] - target[k], 6);
  }
  const short = target[4] - orders;
  await expect(table.locator('tr[data-stage="订单量"]')).toContainText(
    `${short.toLocaleString('en-US')} Orders short`,
  );
  // Diagnosis against the target: the click-through rate (3.36 % today) is below its 4 %.
  await expect(page.locator('[data-alert-step="1"]')).toContainText(
    'click-through rate is below its benchmark',
  );
  const ctr = page.locator('table[data-plan="diagnosis"] tr[data-step="1"]');
  expect(await numberAt(ctr, 'data-gain')).toBeCloseTo(
    (orders * 0.04) / (counts[1] / counts[0]) - orders,
    6,
  );

  await file.setInputFiles('tests/fixtures/decide/targets-bad.csv');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Line 3: "abc" is not a number.');
  await expect(alert).toContainText('mixes rates');
  expect(await numberAt(table.locator('tr[data-stage="点击量"]'), 'data-target')).toBeCloseTo(
    target[1],
    6,
  );
});

test('with no target yet, a branch is diagnosed against the average of the other branches', async ({
  page,
}) => {
  await openSample(page);
  await page.getByRole('tab', { name: 'Diagnose' }).click();
  const diagnosis = page.locator('table[data-plan="diagnosis"]');
  // The whole funnel against its average branch: rates compare, volume does not.
  await expect(diagnosis.locator('tr[data-step="1"]')).toBeVisible();
  await expect(diagnosis.locator('tr[data-step="0"]')).toHaveAttribute('data-gain', '');

  await page.getByRole('checkbox', { name: '成都分公司' }).check();
  await expect(diagnosis.locator('tr[data-step="0"]')).toHaveAttribute('data-gain', /\d/);

  // The visit rate (访问量 ÷ 点击量) of each other branch, averaged: the benchmark for 成都.
  const branch = col('分公司');
  const others = ['北京分公司', '上海分公司', '广州分公司'];
  const rate = (b: string) =>
    total('访问量', (r) => r[branch] === b) / total('点击量', (r) => r[branch] === b);
  const benchmark = others.map(rate).reduce((a, b) => a + b, 0) / others.length;
  const own = rate('成都分公司');
  expect(own).toBeLessThan(benchmark);

  await expect(page.locator('[data-alert-step="2"]')).toContainText(
    'visit rate is below its benchmark',
  );
  const visit = page.locator('table[data-plan="diagnosis"] tr[data-step="2"]');
  // Meeting the benchmark scales every stage below by benchmark ÷ own rate.
  const chengduOrders = total('订单量', (r) => r[branch] === '成都分公司');
  expect(await numberAt(visit, 'data-gain')).toBeCloseTo(chengduOrders * (benchmark / own - 1), 6);
});
