// Zero-click mapping: pick an export in the file input and the funnel is there, with no mapping
// click. Every expected number (counts, stage medians, pipeline figures) is computed here from
// the fixture file itself; the mapping editor is then driven with the keyboard alone.
import { expect, test, type Page } from '@playwright/test';
import { num, readFixture } from './helpers/fixture';

// The picker's label begins the same in every wording it has had (one file, or several to join).
const FILE_LABEL = /^Choose a file/;

test.beforeEach(async ({ context }) => {
  await context.route('**/sw.js', (route) => route.abort());
});

/** Our fixtures live beside the import ones (tests/fixtures/*.csv). */
function fixture(name: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = readFixture(`../${name}`);
  return { header, rows: rows.filter((r) => r.length === header.length) };
}

async function importFixture(page: Page, name: string) {
  await page.goto('./');
  await page.getByLabel(FILE_LABEL).setInputFiles(`tests/fixtures/${name}`);
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();
}

const funnelRows = (page: Page) => page.locator('table[data-funnel="current"] tr[data-stage]');

async function stageAttrs(page: Page, attr: string): Promise<(string | null)[]> {
  return funnelRows(page).evaluateAll(
    (trs, a) => trs.map((tr) => tr.getAttribute(a as string)),
    attr,
  );
}

async function metric(page: Page, name: string): Promise<number | null> {
  const v = await page.locator(`[data-metric="${name}"]`).first().getAttribute('data-value');
  return v === '' || v === null ? null : Number(v);
}

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Day number of 2025-03-16 or 2025-03-16 14:05 (UTC), fractional with a time. */
const day = (s: string) =>
  Date.parse(s.replace(' ', 'T') + (s.includes(' ') ? ':00Z' : 'T00:00:00Z')) / 86_400_000;

/** Stage win probabilities as the Mapping tab shows them (percent inputs), as fractions. */
async function shownProbabilities(page: Page, labels: string[]): Promise<number[]> {
  await page.getByRole('tab', { name: 'Mapping' }).click();
  const out: number[] = [];
  for (const l of labels) {
    out.push(Number(await page.getByLabel(`Win probability of “${l}” (%)`).inputValue()) / 100);
  }
  await page.getByRole('tab', { name: 'Funnel' }).click();
  return out;
}

/**
 * Independent pipeline arithmetic over record rows: which stage each reached (from dates) and
 * whether it is open, won or lost.
 */
function datePipeline(rows: string[][], at: (name: string) => number, stageCols: string[]) {
  const reached = stageCols.map((c) => rows.filter((r) => r[at(c)] !== '').length);
  const medians = stageCols.map((c, k) => {
    if (k === stageCols.length - 1) return null;
    const next = stageCols[k + 1];
    const spans = rows
      .filter((r) => r[at(c)] !== '' && r[at(next)] !== '')
      .map((r) => day(r[at(next)]) - day(r[at(c)]));
    return median(spans);
  });
  const top = (r: string[]) => Math.max(...stageCols.map((c, k) => (r[at(c)] !== '' ? k : -1)));
  return { reached, medians, top };
}

/** Won, lost and open records and their amounts, as the test reads them off the file. */
function outcomes(
  rows: string[][],
  outcome: (r: string[]) => string | undefined,
  amount: (r: string[]) => number,
) {
  const of = (o: string) => rows.filter((r) => (outcome(r) ?? 'open') === o);
  const [won, lost, open] = [of('won'), of('lost'), of('open')];
  const total = (rs: string[][]) => rs.reduce((s, r) => s + amount(r), 0);
  return {
    won,
    lost,
    open,
    winRate: won.length / (won.length + lost.length),
    wonAmount: total(won),
    openAmount: total(open),
  };
}

/** The win rate and won amount the headline shows agree with the file. */
async function expectOutcomes(page: Page, o: ReturnType<typeof outcomes>) {
  expect(o.won.length).toBeGreaterThan(0);
  expect(o.lost.length).toBeGreaterThan(0);
  expect(await metric(page, 'win-rate')).toBeCloseTo(o.winRate, 12);
  expect(await metric(page, 'won-amount')).toBeCloseTo(o.wonAmount, 6);
  expect(await metric(page, 'open-pipeline')).toBeCloseTo(o.openAmount, 6);
}

test('a Chinese CRM export with stage date columns: funnel, stage medians and pipeline with no click', async ({
  page,
}) => {
  const { header, rows } = fixture('crm-stage-dates-zh.csv');
  const at = (n: string) => header.indexOf(n);
  const stageCols = ['创建日期', '需求确认日期', '方案日期', '报价日期', '谈判日期', '赢单日期'];
  const labels = ['线索', '需求确认', '方案', '报价', '谈判', '赢单'];
  const p = datePipeline(rows, at, stageCols);

  await importFixture(page, 'crm-stage-dates-zh.csv');
  expect(await stageAttrs(page, 'data-stage')).toEqual(labels);
  expect((await stageAttrs(page, 'data-count')).map(Number)).toEqual(p.reached);
  const medians = await stageAttrs(page, 'data-median-days');
  expect(medians.at(-1)).toBe('');
  medians.forEach((m, k) => {
    if (p.medians[k] === null) expect(m).toBe('');
    else expect(Number(m)).toBeCloseTo(p.medians[k]!, 9);
  });

  const amount = (r: string[]) => num(r[at('商机金额')]);
  const o = outcomes(rows, (r) => ({ 赢单: 'won', 输单: 'lost' })[r[at('状态')]], amount);
  await expectOutcomes(page, o);

  const prob = await shownProbabilities(page, labels);
  const weighted = o.open.reduce((s, r) => s + amount(r) * prob[p.top(r)], 0);
  expect(weighted).toBeGreaterThan(0);
  expect(await metric(page, 'weighted-pipeline')).toBeCloseTo(weighted, 6);
});

test('a Salesforce export: Stage, Amount and Probability (%); Closed Lost counts at the first stage', async ({
  page,
}) => {
  const { header, rows } = fixture('salesforce-opportunities.csv');
  const at = (n: string) => header.indexOf(n);
  // Salesforce's standard stage order.
  const order = [
    'Prospecting',
    'Qualification',
    'Needs Analysis',
    'Value Proposition',
    'Id. Decision Makers',
    'Perception Analysis',
    'Proposal/Price Quote',
    'Negotiation/Review',
    'Closed Won',
  ];
  const level = (r: string[]) =>
    r[at('Stage')] === 'Closed Lost' ? 0 : order.indexOf(r[at('Stage')]);
  const reached = order.map((_, k) => rows.filter((r) => level(r) >= k).length);

  await importFixture(page, 'salesforce-opportunities.csv');
  expect(await stageAttrs(page, 'data-stage')).toEqual(order);
  expect((await stageAttrs(page, 'data-count')).map(Number)).toEqual(reached);
  // A current-stage column says nothing about when a stage was entered.
  expect(await stageAttrs(page, 'data-median-days')).toEqual(order.map(() => ''));

  const amount = (r: string[]) => num(r[at('Amount')]);
  const o = outcomes(
    rows,
    (r) => ({ 'Closed Won': 'won', 'Closed Lost': 'lost' })[r[at('Stage')]],
    amount,
  );
  await expectOutcomes(page, o);
  const weighted = o.open.reduce(
    (s, r) => s + (amount(r) * num(r[at('Probability (%)')])) / 100,
    0,
  );
  expect(await metric(page, 'weighted-pipeline')).toBeCloseTo(weighted, 6);
});

test('a HubSpot deals export: "Date entered" columns give the stages and their medians', async ({
  page,
}) => {
  const { header, rows } = fixture('hubspot-deals.csv');
  const at = (n: string) => header.indexOf(n);
  const labels = [
    'Appointment Scheduled',
    'Qualified To Buy',
    'Presentation Scheduled',
    'Decision Maker Bought-In',
    'Contract Sent',
    'Closed Won',
  ];
  const stageCols = labels.map((l) => `Date entered "${l} (Sales Pipeline)"`);
  const p = datePipeline(rows, at, stageCols);

  await importFixture(page, 'hubspot-deals.csv');
  expect(await stageAttrs(page, 'data-stage')).toEqual(labels);
  expect((await stageAttrs(page, 'data-count')).map(Number)).toEqual(p.reached);
  const medians = await stageAttrs(page, 'data-median-days');
  expect(medians.at(-1)).toBe('');
  for (let k = 0; k < labels.length - 1; k++)
    expect(Number(medians[k])).toBeCloseTo(p.medians[k]!, 6);

  const amount = (r: string[]) => num(r[at('Amount')]);
  const o = outcomes(
    rows,
    (r) => ({ 'Closed Won': 'won', 'Closed Lost': 'lost' })[r[at('Deal Stage')]],
    amount,
  );
  await expectOutcomes(page, o);
  const prob = await shownProbabilities(page, labels);
  const weighted = o.open.reduce((s, r) => s + amount(r) * prob[p.top(r)], 0);
  expect(await metric(page, 'weighted-pipeline')).toBeCloseTo(weighted, 6);
});

test('a long table (date, channel, stage, count): stages in funnel order, counts summed', async ({
  page,
}) => {
  const { header, rows } = fixture('long-funnel.csv');
  const stages = ['Impressions', 'Clicks', 'Visits', 'Leads', 'Orders'];
  const sums = stages.map((s) =>
    rows.filter((r) => r[header.indexOf('stage')] === s).reduce((t, r) => t + num(r[3]), 0),
  );
  await importFixture(page, 'long-funnel.csv');
  expect(await stageAttrs(page, 'data-stage')).toEqual(stages);
  expect((await stageAttrs(page, 'data-count')).map(Number)).toEqual(sums);
  const steps = await stageAttrs(page, 'data-step-rate');
  for (let k = 1; k < stages.length; k++)
    expect(Number(steps[k])).toBeCloseTo(sums[k] / sums[k - 1], 12);
});

test('a shop export: 有效入店 derived as 访客数 − 跳失人数; rate and average columns are not stages', async ({
  page,
}) => {
  const { header, rows } = fixture('shop-zh.csv');
  const total = (c: string) => rows.reduce((s, r) => s + num(r[header.indexOf(c)]), 0);
  await importFixture(page, 'shop-zh.csv');
  expect(await stageAttrs(page, 'data-stage')).toEqual([
    '访客数',
    '有效入店人数',
    '咨询人数',
    '下单人数',
    '支付人数',
  ]);
  expect((await stageAttrs(page, 'data-count')).map(Number)).toEqual([
    total('访客数'),
    total('访客数') - total('跳失人数'),
    total('咨询人数'),
    total('下单人数'),
    total('支付人数'),
  ]);
  expect(await metric(page, 'revenue')).toBeCloseTo(total('支付金额'), 6);
  await page.getByRole('tab', { name: 'Mapping' }).click();
  await expect(
    page.getByText('“支付转化率” is a rate or an average, so it is not a stage.'),
  ).toBeVisible();
  await expect(
    page.getByText('“客单价” is a rate or an average, so it is not a stage.'),
  ).toBeVisible();
});

test('an English Google Ads report: Impr., Clicks, Conversions; CTR and Avg. CPC are not stages', async ({
  page,
}) => {
  const records = readFixture('../google-ads-campaigns.csv');
  const header = records[2];
  const data = records.slice(3).filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[0]));
  const total = (c: string) => data.reduce((s, r) => s + num(r[header.indexOf(c)]), 0);
  await importFixture(page, 'google-ads-campaigns.csv');
  expect(await stageAttrs(page, 'data-stage')).toEqual(['Impr.', 'Clicks', 'Conversions']);
  expect((await stageAttrs(page, 'data-count')).map(Number)).toEqual([
    total('Impr.'),
    total('Clicks'),
    total('Conversions'),
  ]);
  expect(await metric(page, 'cost')).toBeCloseTo(total('Cost'), 6);
  expect(await metric(page, 'cpc')).toBeCloseTo(total('Cost') / total('Clicks'), 9);
  expect(await metric(page, 'revenue')).toBeCloseTo(total('Conv. value'), 6);
});

interface Target {
  role?: string;
  label?: string;
  text?: string;
}

/** Press Tab until the focused element is the target, as a keyboard user would. */
async function tabTo(page: Page, target: Target) {
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate((t: Target) => {
      const el = document.activeElement;
      if (!el) return false;
      if (t.role && el.getAttribute('role') !== t.role) return false;
      if (t.label && el.getAttribute('aria-label') !== t.label) return false;
      if (t.text && el.textContent?.trim() !== t.text) return false;
      return true;
    }, target);
    if (hit) return;
  }
  throw new Error(`focus never reached ${JSON.stringify(target)}`);
}

/** From the top of the page to the tab bar, then arrow keys to the named tab. */
async function tabToScreen(page: Page, name: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await tabTo(page, { role: 'tab' });
  for (let i = 0; i < 20; i++) {
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === name) break;
    await page.keyboard.press('ArrowRight');
  }
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

test('the mapping editor with the keyboard alone: a formula stage added, renamed and moved up', async ({
  page,
}) => {
  const { header, rows } = fixture('shop-zh.csv');
  const total = (c: string) => rows.reduce((s, r) => s + num(r[header.indexOf(c)]), 0);
  await importFixture(page, 'shop-zh.csv');

  await tabToScreen(page, 'Mapping');

  // Remove the recognised 有效入店人数 stage with Space.
  await tabTo(page, { label: 'Remove “有效入店人数”' });
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Name of stage 5')).toHaveCount(0);

  // Add a stage with Enter; focus lands on its name.
  await tabTo(page, { text: 'Add a stage' });
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Name of stage 5')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('有效入店');
  await page.keyboard.press('Enter');

  // Source: from "a column" to "a formula" with the arrow key.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Source of “有效入店”')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Source of “有效入店”')).toHaveValue('formula');

  // A formula with a typo is named as a problem, then corrected.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Formula of “有效入店”')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('访客数 - 跳出人数');
  await page.keyboard.press('Enter');
  await expect(
    page.getByText('Formula of “有效入店”: there is no column “跳出人数”.'),
  ).toBeVisible();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('访客数 - 跳失人数');
  await page.keyboard.press('Enter');
  await expect(
    page.getByText('No problems: the funnel is computed from this mapping.'),
  ).toBeVisible();

  // Move it up three places; focus stays on the button, so Enter can be pressed again.
  await tabTo(page, { label: 'Move “有效入店” up' });
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Move “有效入店” up')).toBeFocused();
  }
  await expect(page.getByLabel('Name of stage 2')).toHaveValue('有效入店');

  // Back on the funnel: the new order and the derived count.
  await tabToScreen(page, 'Funnel');
  expect(await stageAttrs(page, 'data-stage')).toEqual([
    '访客数',
    '有效入店',
    '咨询人数',
    '下单人数',
    '支付人数',
  ]);
  expect(Number((await stageAttrs(page, 'data-count'))[1])).toBe(
    total('访客数') - total('跳失人数'),
  );
});

test('a newer export of the same report keeps the edited mapping and says so; a reload keeps it too', async ({
  page,
}) => {
  await importFixture(page, 'shop-zh.csv');
  await page.getByRole('tab', { name: 'Mapping' }).click();
  const name = page.getByLabel('Name of stage 1');
  await name.fill('店铺访客');
  await name.press('Enter');
  await page.getByRole('button', { name: 'Move “支付人数” up' }).click();
  const edited = ['店铺访客', '有效入店人数', '咨询人数', '支付人数', '下单人数'];

  await page.getByRole('tab', { name: 'Funnel' }).click();
  expect(await stageAttrs(page, 'data-stage')).toEqual(edited);

  // The same export again, through the header's Import menu.
  await page.locator('header summary', { hasText: 'Import' }).click();
  await page.getByLabel(FILE_LABEL).setInputFiles('tests/fixtures/shop-zh.csv');
  await expect(page.getByRole('combobox', { name: 'Dataset' }).locator('option')).toHaveCount(2);
  expect(await stageAttrs(page, 'data-stage')).toEqual(edited);
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(
    page.getByText('The mapping saved with “shop-zh.csv” was kept for this newer export.'),
  ).toBeVisible();

  // Saved with the dataset: wait for the autosave to say so, then reload.
  await expect(page.getByText('All changes saved')).toBeVisible();
  await page.reload();
  await page.getByRole('tab', { name: 'Funnel' }).click();
  await expect(funnelRows(page).first()).toHaveAttribute('data-stage', '店铺访客');
  expect(await stageAttrs(page, 'data-stage')).toEqual(edited);
});

// Issue 14: pipelines read right. Each expected order, count and win rate is worked out here
// from the fixture; the Mapping tab must name the rule that ordered the stages.
async function reasonRules(page: Page): Promise<string[]> {
  await page.getByRole('tab', { name: 'Mapping' }).click();
  const items = page.locator('#map-reasons + ul.reasons li');
  await expect(items.first()).toBeVisible();
  return items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-rule') ?? ''));
}

test('our domain’s words 线索挖掘 → 合格 → 报价 → 协议 → 赢单: in order, 丢失 an outcome with the win rate', async ({
  page,
}) => {
  const { header, rows } = fixture('pipeline-domain-zh.csv');
  const order = ['线索挖掘', '合格', '报价', '协议', '赢单'];
  const stage = rows.map((r) => r[header.indexOf('阶段')]);
  // The file lists 协议 and 丢失 first: an order by first appearance would be wrong.
  expect(stage.slice(0, 2)).toEqual(['协议', '丢失']);
  // A deal counts at its stage and every earlier one; 丢失 does not say where: first stage only.
  const counts = order.map(
    (_, k) =>
      stage.filter((v) => order.indexOf(v) >= k).length +
      (k === 0 ? stage.filter((v) => v === '丢失').length : 0),
  );
  const won = stage.filter((v) => v === '赢单').length;
  const lost = stage.filter((v) => v === '丢失').length;

  await importFixture(page, 'pipeline-domain-zh.csv');
  expect(await stageAttrs(page, 'data-stage')).toEqual(order);
  expect((await stageAttrs(page, 'data-count')).map(Number)).toEqual(counts);
  expect(await metric(page, 'win-rate')).toBeCloseTo(won / (won + lost), 12);
  const rules = await reasonRules(page);
  expect(rules).toContain('vocabulary');
  expect(rules).toContain('outcome');
});

test('a weekly stage, count report typed in funnel order is never re-sorted: no step above 100 %', async ({
  page,
}) => {
  const { header, rows } = fixture('weekly-stage-report-zh.csv');
  const order = ['目标客户', '初步接触', '需求确认', '方案提出', '报价洽谈', '成交'];
  const total = (s: string) =>
    rows.filter((r) => r[header.indexOf('阶段')] === s).reduce((t, r) => t + Number(r[2]), 0);
  const counts = order.map(total);

  await importFixture(page, 'weekly-stage-report-zh.csv');
  expect(await stageAttrs(page, 'data-stage')).toEqual(order);
  expect((await stageAttrs(page, 'data-count')).map(Number)).toEqual(counts);
  const steps = (await stageAttrs(page, 'data-step-rate')).slice(1).map(Number);
  steps.forEach((s, k) => expect(s).toBeCloseTo(counts[k + 1] / counts[k], 12));
  steps.forEach((s) => expect(s).toBeLessThanOrEqual(1));
  // The rate from the first stage to 成交, the report's win rate.
  const overall = await stageAttrs(page, 'data-overall-rate');
  expect(Number(overall.at(-1))).toBeCloseTo(counts.at(-1)! / counts[0], 12);
  expect(await reasonRules(page)).toContain('written');
});

test('a Chinese CRM export whose proposal date is 方案提交日期 keeps its 方案 stage, with the win rate', async ({
  page,
}) => {
  const { header, rows } = fixture('crm-proposal-dates-zh.csv');
  const at = (n: string) => header.indexOf(n);
  const stageCols = [
    '创建日期',
    '需求确认日期',
    '方案提交日期',
    '报价日期',
    '谈判日期',
    '赢单日期',
  ];
  const p = datePipeline(rows, at, stageCols);
  const amount = (r: string[]) => num(r[at('商机金额')]);
  const o = outcomes(rows, (r) => ({ 赢单: 'won', 输单: 'lost' })[r[at('状态')]], amount);

  await importFixture(page, 'crm-proposal-dates-zh.csv');
  expect(await stageAttrs(page, 'data-stage')).toEqual([
    '线索',
    '需求确认',
    '方案',
    '报价',
    '谈判',
    '赢单',
  ]);
  expect((await stageAttrs(page, 'data-count')).map(Number)).toEqual(p.reached);
  await expectOutcomes(page, o);
  const rules = await reasonRules(page);
  expect(rules).toContain('dateHeader');
  expect(rules).toContain('stageDates');
  await expect(
    page.locator('#map-reasons + ul.reasons li').filter({ hasText: '方案提交日期' }).first(),
  ).toBeVisible();
});

test('a report whose only row is "No data available." / 暂无数据 says there is no data', async ({
  page,
}) => {
  await page.goto('./');
  for (const name of ['google-ads-no-data.csv', 'report-no-data-zh.csv']) {
    await page.getByLabel(FILE_LABEL).setInputFiles(`tests/fixtures/${name}`);
    const alert = page.locator('[data-import-error="noData"]');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(`“${name}” says it has no data`);
    await expect(page.locator('table[data-funnel="current"]')).toHaveCount(0);
  }
});

test('a CRM export with a 丢单阶段 column: lost deals reach and are lost at the stage it names', async ({
  page,
}) => {
  const { header, rows } = fixture('crm-lost-stage-zh.csv');
  const at = (name: string) => header.indexOf(name);
  const order = ['初步接洽', '需求确定', '方案报价', '谈判审核', '赢单'];
  // Where each deal got to, read off the file: a lost deal (状态 丢单) at its 丢单阶段, a won one
  // at 赢单, an open one at its 阶段.
  const lostRow = (r: string[]) => r[at('状态')] === '丢单';
  const levelBy = (useLostStage: boolean) =>
    rows.map((r) =>
      useLostStage && lostRow(r)
        ? order.indexOf(r[at('丢单阶段')])
        : r[at('状态')] === '赢单'
          ? order.length - 1
          : order.indexOf(r[at('阶段')]),
    );
  const reach = (levels: number[]) => order.map((_, k) => levels.filter((l) => l >= k).length);
  const levels = levelBy(true);
  const lostHere = order.map((_, k) => rows.filter((r, i) => lostRow(r) && levels[i] === k).length);
  const won = rows.filter((r) => r[at('状态')] === '赢单').length;
  const lost = rows.filter(lostRow).length;
  // The file must exercise the rule: lost deals at several stages, not only the first.
  expect(new Set(levels.filter((_, i) => lostRow(rows[i]))).size).toBeGreaterThan(2);

  await importFixture(page, 'crm-lost-stage-zh.csv');
  expect(await stageAttrs(page, 'data-stage')).toEqual(order);
  expect((await stageAttrs(page, 'data-count')).map(Number)).toEqual(reach(levels));
  const pipelineRows = page.locator('table[data-pipeline="stages"] tr[data-stage]');
  const pipelineAttr = (a: string) =>
    pipelineRows.evaluateAll((trs, name) => trs.map((tr) => Number(tr.getAttribute(name))), a);
  expect(await pipelineAttr('data-lost')).toEqual(lostHere);
  expect(await pipelineAttr('data-reached')).toEqual(reach(levels));
  expect(await metric(page, 'win-rate')).toBeCloseTo(won / (won + lost), 12);

  // The Mapping tab names the column and the rule that chose it, and lets the user clear it.
  await page.getByRole('tab', { name: 'Mapping' }).click();
  await expect(
    page.locator('#map-reasons + ul.reasons li[data-rule="columnName"]', { hasText: '丢单阶段' }),
  ).toBeVisible();
  const select = page.getByLabel('Lost at stage column');
  await expect(select).toHaveValue('丢单阶段');
  await select.selectOption('');
  await page.getByRole('tab', { name: 'Funnel' }).click();
  // Cleared, a deal whose 阶段 says only 丢单 is placed at no stage; the win rate reads the status.
  const without = levelBy(false);
  expect((await stageAttrs(page, 'data-count')).map(Number)).toEqual(reach(without));
  expect(reach(without)).not.toEqual(reach(levels));
  expect(await metric(page, 'win-rate')).toBeCloseTo(won / (won + lost), 12);

  // Picked again by hand, the figures come back.
  await page.getByRole('tab', { name: 'Mapping' }).click();
  await page.getByLabel('Lost at stage column').selectOption('丢单阶段');
  await page.getByRole('tab', { name: 'Funnel' }).click();
  expect(await pipelineAttr('data-lost')).toEqual(lostHere);
});
