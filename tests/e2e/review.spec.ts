// The sales manager's review (issue 15) on a team export with one planted weak closer: filtered
// to him, Diagnose names his weak step against the other salespeople with no extra click; the
// scorecard ranks everyone with counts, rates and attainment; the stalled list holds exactly the
// deals this file says are stuck. Every expected number is worked out here from the CSV itself.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readCsv } from './helpers/csv';

const FILE_LABEL = 'Choose a file (CSV, TSV, TXT or Excel .xlsx)';
const DEALS = 'tests/fixtures/review/team-deals.csv';
const TARGETS = 'tests/fixtures/review/targets.csv';

test.beforeEach(async ({ context }) => {
  await context.route('**/sw.js', (route) => route.abort());
});

// --- the file, read by the test ---
const csv = readCsv(DEALS);
const at = (name: string) => csv.header.indexOf(name);
const stageColumns = ['创建日期', '需求确认日期', '方案日期', '报价日期', '谈判日期', '成交日期'];
const labels = ['线索', '需求确认', '方案', '报价', '谈判', '成交'];
const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
const people = [...new Set(csv.rows.map((r) => r[at('负责人')]))];
const quotas = new Map(
  readCsv(TARGETS).rows.map(([name, quota]) => [name, Number(quota)] as [string, number]),
);

/** Days each row entered each stage (NaN: never). */
const entered = csv.rows.map((r) => stageColumns.map((c) => (r[at(c)] ? day(r[at(c)]) : NaN)));
const reached = (i: number, k: number) => !Number.isNaN(entered[i][k]);
const isOpen = (i: number) => !['赢单', '输单'].includes(csv.rows[i][at('当前阶段')]);

/** Stage counts of one person: the rows whose stage date is filled in. */
function countsOf(person: string): number[] {
  return labels.map(
    (_, k) => csv.rows.filter((r, i) => r[at('负责人')] === person && reached(i, k)).length,
  );
}
const rates = (c: number[]) => c.map((v, k) => (k === 0 ? null : c[k - 1] ? v / c[k - 1] : null));

/** 90th percentile, linear between closest ranks (Excel's PERCENTILE.INC). */
function p90(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * 0.9;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

/** The stalled deals by hand: open, longer in their stage than its p90 among deals that moved on. */
function stalledByHand(): { id: string; owner: string; over: number }[] {
  // The data's last day: any stage date, or the close date of a closed deal.
  let last = -Infinity;
  csv.rows.forEach((r, i) => {
    for (const d of entered[i]) if (d > last) last = d;
    if (!isOpen(i)) last = Math.max(last, day(r[at('关闭日期')]));
  });
  const lines = labels.map((_, k) => {
    const spans: number[] = [];
    entered.forEach((e, i) => {
      const next = e.findIndex((d, j) => j > k && !Number.isNaN(d));
      if (reached(i, k) && next > k) spans.push(e[next] - e[k]);
    });
    return spans.length >= 5 ? p90(spans) : null;
  });
  const out: { id: string; owner: string; over: number }[] = [];
  csv.rows.forEach((r, i) => {
    if (!isOpen(i)) return;
    const level = entered[i].findLastIndex((d) => !Number.isNaN(d));
    const line = lines[level];
    const days = last - entered[i][level];
    if (line !== null && days > line)
      out.push({ id: r[at('商机编号')], owner: r[at('负责人')], over: days - line });
  });
  return out.sort((a, b) => b.over - a.over);
}

async function openTeam(page: Page) {
  await page.goto('./');
  await page.getByLabel(FILE_LABEL).setInputFiles(DEALS);
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();
}

async function numberAt(locator: Locator, attribute: string): Promise<number> {
  const v = await locator.getAttribute(attribute);
  expect(v, `${attribute} present`).not.toBeNull();
  expect(v).not.toBe('');
  return Number(v);
}

test('filtered to one salesperson, Diagnose benchmarks him against the other salespeople at once', async ({
  page,
}) => {
  await openTeam(page);
  await page.getByRole('checkbox', { name: '王强', exact: true }).check();
  await page.getByRole('tab', { name: 'Diagnose' }).click();

  // The other five salespeople's step rates, each person counted once.
  const others = people.filter((p) => p !== '王强').map((p) => rates(countsOf(p)));
  const average = labels.map((_, k) =>
    k === 0 ? null : others.reduce((s, r) => s + (r[k] as number), 0) / others.length,
  );
  const own = countsOf('王强');
  const ownRates = rates(own);
  const won = labels.length - 1;
  expect(ownRates[won]!).toBeLessThan(average[won]! / 2);

  await expect(page.locator('[data-bench-note="负责人"]')).toContainText('王强');
  await expect(page.locator('[data-bench-note="负责人"]')).toContainText(
    'other 5 values of 负责人',
  );
  // The lead names the step into 成交 (谈判 → 成交), with what meeting the others' average brings,
  // in the reader's language: 谈判 is the template's Negotiation; 成交 is shown as the file has it.
  await expect(page.locator('[data-best-step]')).toHaveAttribute('data-best-step', String(won));
  await expect(page.locator('[data-best-step]')).toContainText('Negotiation → 成交');
  const row = page.locator('table[data-plan="diagnosis"] tr[data-step="5"]');
  await expect(row).toHaveAttribute('data-below', 'true');
  expect(await numberAt(row, 'data-gain')).toBeCloseTo(
    own[won] * (average[won]! / ownRates[won]! - 1),
    6,
  );
});

test('the scorecard ranks every salesperson by attainment with counts and rates from the file', async ({
  page,
}) => {
  await openTeam(page);
  await page.getByRole('tab', { name: 'Scorecard' }).click();
  await page
    .getByLabel('Import targets per member from a CSV (负责人, target)')
    .setInputFiles(TARGETS);
  await expect(page.locator('[data-quota-import]')).toContainText('孙悦');

  const card = page.locator('table[data-scorecard="负责人"]');
  await expect(card.locator('tr[data-segment]')).toHaveCount(people.length);
  const won = labels.length - 1;
  const attainment = new Map(people.map((p) => [p, countsOf(p)[won] / quotas.get(p)!]));
  // Competition ranking: 1 + how many did strictly better.
  const rank = (p: string) =>
    1 + people.filter((q) => attainment.get(q)! > attainment.get(p)!).length;
  const expectedOrder = [...people].sort((a, b) => rank(a) - rank(b));
  expect(
    await card
      .locator('tr[data-segment]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-segment'))),
  ).toEqual(expectedOrder);

  for (const person of people) {
    const row = card.locator(`tr[data-segment="${person}"]`);
    const counts = countsOf(person);
    for (let k = 0; k < labels.length; k++) {
      await expect(row.locator(`[data-stage="${labels[k]}"]`)).toHaveAttribute(
        'data-count',
        String(counts[k]),
      );
    }
    const r = rates(counts);
    for (let k = 1; k < labels.length; k++)
      expect(await numberAt(row.locator(`[data-step="${k}"]`), 'data-rate')).toBeCloseTo(r[k]!, 12);
    expect(await numberAt(row, 'data-attainment')).toBeCloseTo(attainment.get(person)!, 12);
    expect(await numberAt(row, 'data-rank')).toBe(rank(person));
  }
  // The weak closer's weakest step is the step into 成交.
  await expect(card.locator('tr[data-segment="王强"]')).toHaveAttribute('data-weak-step', '5');

  // Stalled deals counted per person, as the stalled list has them.
  const stalled = stalledByHand();
  for (const person of people) {
    await expect(card.locator(`tr[data-segment="${person}"]`)).toHaveAttribute(
      'data-stalled',
      String(stalled.filter((s) => s.owner === person).length),
    );
  }

  // Sorted by attainment, lowest first after two clicks; exported as CSV in the order shown.
  const header = card.getByRole('button', { name: 'Sort by Attainment' });
  await header.click();
  await header.click();
  const lowestFirst = [...people].sort((a, b) => attainment.get(a)! - attainment.get(b)!);
  await expect(card.locator('tr[data-segment]').first()).toHaveAttribute(
    'data-segment',
    lowestFirst[0],
  );
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
  const lines = text
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  expect(lines).toHaveLength(people.length + 1);
  expect(lines[0].split(',').slice(0, 2)).toEqual(['Rank', '负责人']);
  const names = lines.slice(1).map((l) => l.split(',')[1]);
  expect(new Set(names)).toEqual(new Set(people));
});

test('the stalled list holds exactly the deals stuck past their stage’s usual time', async ({
  page,
}) => {
  await openTeam(page);
  await page.getByRole('tab', { name: 'Scorecard' }).click();
  const expected = stalledByHand();
  expect(expected.length).toBeGreaterThan(3);

  const list = page.locator('table[data-stalled]');
  const rows = list.locator('tr[data-record]');
  await expect(rows).toHaveCount(expected.length);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-record')))).toEqual(
    expected.map((s) => s.id),
  );
  for (const s of expected) {
    const row = list.locator(`tr[data-record="${s.id}"]`);
    await expect(row).toHaveAttribute('data-owner', s.owner);
    expect(await numberAt(row, 'data-over')).toBeCloseTo(s.over, 9);
  }

  // Filtered to one person: only his stalled deals, against the same usual times.
  await page.getByRole('checkbox', { name: '王强', exact: true }).check();
  const his = expected.filter((s) => s.owner === '王强').map((s) => s.id);
  await expect(rows).toHaveCount(his.length);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-record')))).toEqual(
    his,
  );
});

test('the B2B sample: win rate from each stage, cohorts marked immature, deals by forecast category', async ({
  page,
}) => {
  const b2b = readCsv('public/samples/b2b-pipeline.csv');
  const c = (name: string) => b2b.header.indexOf(name);
  const stageCols = ['创建日期', '需求确认日期', '方案日期', '报价日期', '谈判日期', '成交日期'];
  const closed = (r: string[]) => ['赢单', '输单'].includes(r[c('当前阶段')]);
  await page.goto('./');
  await page
    .getByRole('button', { name: /Open the sample/ })
    .nth(2)
    .click();
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();

  // Win rate from each stage: of the deals that reached it and closed, the share won.
  const stageRows = page.locator('table[data-pipeline="stages"] tr[data-stage]');
  await expect(stageRows).toHaveCount(stageCols.length);
  for (let k = 0; k < stageCols.length; k++) {
    const reachedAndClosed = b2b.rows.filter((r) => r[c(stageCols[k])] && closed(r));
    const won = reachedAndClosed.filter((r) => r[c('当前阶段')] === '赢单').length;
    expect(await numberAt(stageRows.nth(k), 'data-win-rate')).toBeCloseTo(
      won / reachedAndClosed.length,
      12,
    );
  }

  // Cohorts: younger than the median days from creation to a win = immature.
  const spans = b2b.rows
    .filter((r) => r[c('当前阶段')] === '赢单')
    .map((r) => day(r[c('结单日期')]) - day(r[c('创建日期')]))
    .sort((a, b) => a - b);
  const mid = spans.length >> 1;
  const typical = spans.length % 2 ? spans[mid] : (spans[mid - 1] + spans[mid]) / 2;
  let last = -Infinity;
  for (const r of b2b.rows) {
    for (const s of stageCols) if (r[c(s)]) last = Math.max(last, day(r[c(s)]));
    if (closed(r)) last = Math.max(last, day(r[c('结单日期')]));
  }
  const months = [...new Set(b2b.rows.map((r) => r[c('创建日期')].slice(0, 7)))].sort();
  const cohortRows = page.locator('table[data-cohorts] tr[data-cohort]');
  await expect(cohortRows).toHaveCount(months.length);
  for (const month of months) {
    const [y, m] = month.split('-').map(Number);
    const lastDay = Math.min(Date.UTC(y, m, 1) / 86_400_000 - 1, last);
    await expect(page.locator(`tr[data-cohort="${month}"]`)).toHaveAttribute(
      'data-mature',
      String(last - lastDay >= typical),
    );
  }
  await expect(page.locator(`tr[data-cohort="${months.at(-1)}"]`)).toHaveAttribute(
    'data-mature',
    'false',
  );

  // Compare: the current month's deals are younger than the typical time to a win.
  await page.getByRole('tab', { name: 'Compare' }).click();
  await expect(page.locator('[data-immature-period]')).toContainText(
    `typical time to a win (${Math.round(typical)} days)`,
  );

  // Forecast categories on the Plan screen: best few above 50 % closing within 60 days, in the
  // funnel 25–50 % or later, above the funnel below 25 %.
  await page.getByRole('tab', { name: 'Plan' }).click();
  const open = b2b.rows.filter((r) => !closed(r));
  const category = (r: string[]) => {
    const p = Number(r[c('赢单概率')].replace('%', '')) / 100;
    if (p < 0.25) return 'pipeline';
    return p > 0.5 && day(r[c('结单日期')]) - last <= 60 ? 'commit' : 'best-case';
  };
  for (const name of ['commit', 'best-case', 'pipeline']) {
    await expect(
      page.locator(`[data-plan="categories"] tr[data-category="${name}"]`),
    ).toHaveAttribute('data-open', String(open.filter((r) => category(r) === name).length));
  }
  const wins = page.locator('[data-metric="expected-wins"]');
  const expected = await numberAt(wins, 'data-value');
  expect(await numberAt(wins, 'data-low')).toBeLessThanOrEqual(expected);
  expect(await numberAt(wins, 'data-high')).toBeGreaterThanOrEqual(expected);
  await expect(wins).toContainText('¥');
  // By expected close month from the close-date column: no "no close date" row.
  await expect(page.locator('[data-plan="pipeline"] tr[data-month=""]')).toHaveCount(0);
});
