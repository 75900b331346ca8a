// Stage order from evidence (issue 14): one hand-worked file per rule, and files where two rules
// disagree, each saying which wins and why. Files go through the real import (text → table) and
// recognition; expected orders and counts are worked out by hand in the comments.
import { describe, expect, test } from 'vitest';
import { importDelimitedText } from '../../../src/core/read/delimited';
import { recogniseSpec, ruleOf } from '../../../src/core/spec/recognise';
import { orderStages, writtenOrder } from '../../../src/core/spec/stage-order';
import { compileSpec } from '../../../src/core/engine/compile';
import { aggregate } from '../../../src/core/engine/aggregate';
import { catalogs } from '../../../src/i18n/catalog';
import { fromArrays } from '../../../src/core/table/table';

async function recognise(csv: string) {
  const { table } = await importDelimitedText(csv, { fileName: 'hand.csv' });
  const { spec, reasons } = recogniseSpec(table);
  const compiled = compileSpec(table, spec);
  if (!compiled.ok) throw new Error(compiled.error);
  return {
    spec,
    labels: spec.stages.map((s) => s.label),
    counts: aggregate(compiled.funnel, null).counts,
    keys: reasons.map((r) => r.key),
    rules: reasons.map((r) => `${ruleOf(r)}:${r.key}`),
  };
}

const lines = (...rows: string[]) => rows.join('\n') + '\n';

describe('rule 1, known vocabulary: the names a CRM or our domain knows keep its order', () => {
  test('our domain words 线索挖掘 → 合格 → 报价 → 协议 → 赢单, rows listing late stages first', async () => {
    // Rows in the order 协议, 赢单, 报价, 合格, 线索挖掘: first appearance would reverse them.
    const r = await recognise(
      lines(
        '商机,阶段,金额',
        'a,协议,10',
        'b,赢单,10',
        'c,报价,10',
        'd,合格,10',
        'e,线索挖掘,10',
        'f,线索挖掘,10',
      ),
    );
    expect(r.labels).toEqual(['线索挖掘', '合格', '报价', '协议', '赢单']);
    expect(r.spec.template).toBe('lead-to-win');
    // Cumulative: e, f at 线索挖掘; d reached 合格; … → 6, 4, 3, 2, 1.
    expect(r.counts).toEqual([6, 4, 3, 2, 1]);
    expect(r.rules).toContain('vocabulary:map.reason.orderTemplate');
  });

  test('a Zoho export with "Prospect": Zoho orders its names, the generic pipeline puts Prospect first', async () => {
    // Bug report: started at Needs Analysis with Prospect fifth.
    const r = await recognise(
      lines(
        'Potential Name,Stage,Amount',
        'a,Needs Analysis,1',
        'b,Value Proposition,1',
        'c,Qualification,1',
        'd,Closed Won,1',
        'e,Prospect,1',
        'f,Closed Lost,1',
        'g,Closed-Lost to Competition,1',
      ),
    );
    expect(r.labels).toEqual([
      'Prospect',
      'Qualification',
      'Needs Analysis',
      'Value Proposition',
      'Closed Won',
    ]);
    expect(r.spec.lostValues).toEqual(['Closed Lost', 'Closed-Lost to Competition']);
  });

  test('a HubSpot export with custom stages: "Closed: abandoned" is an outcome, never the first stage', async () => {
    const r = await recognise(
      lines(
        'Deal Name,Deal Stage,Amount',
        'a,Closed: abandoned,5',
        'b,Appointment Scheduled,5',
        'c,Discovery call,5',
        'd,Contract Sent,5',
        'e,Closed Won,5',
      ),
    );
    expect(r.labels[0]).toBe('Appointment Scheduled');
    expect(r.labels).not.toContain('Closed: abandoned');
    expect(r.labels.at(-1)).toBe('Closed Won');
    expect(r.spec.lostValues).toEqual(['Closed: abandoned']);
  });
});

describe('rule 2, the order the user wrote: a long report is never re-sorted', () => {
  test('a weekly stage, count report in funnel order stays in order; no step above 100 %', async () => {
    const r = await recognise(
      lines(
        '周,阶段,数量',
        '2025-01-06,目标客户,100',
        '2025-01-06,初步接触,80',
        '2025-01-06,需求确认,40',
        '2025-01-06,方案提出,20',
        '2025-01-06,报价洽谈,10',
        '2025-01-06,成交,5',
        '2025-01-13,目标客户,120',
        '2025-01-13,初步接触,90',
        '2025-01-13,需求确认,45',
        '2025-01-13,方案提出,18',
        '2025-01-13,报价洽谈,9',
        '2025-01-13,成交,4',
      ),
    );
    expect(r.labels).toEqual(['目标客户', '初步接触', '需求确认', '方案提出', '报价洽谈', '成交']);
    expect(r.counts).toEqual([220, 170, 85, 38, 19, 9]);
    r.counts.forEach((c, i) => i > 0 && expect(c).toBeLessThanOrEqual(r.counts[i - 1]));
    expect(r.rules).toContain('written:map.reason.orderWritten');
  });

  test('a block listing its stages in another order is not "written": row order is only evidence', () => {
    // Week 2 lists B before A: no single written order.
    expect(writtenOrder(['A', 'B', 'C', 'B', 'A', 'C'])).toBeNull();
    expect(writtenOrder(['A', 'B', 'C', 'A', 'C'])?.key).toEqual(
      new Map([
        ['A', 0],
        ['B', 1],
        ['C', 2],
      ]),
    );
  });
});

describe('rule 3, evidence for names no vocabulary knows', () => {
  test('one date per stage: by how many records have the date, then by median date', async () => {
    // Discovery 4 dated rows; Demo and Trial 2 each, Trial's median (Mar 8) before Demo's (Mar 20);
    // Closed Won last as a won name. Columns are in the file as Demo, Discovery, Trial.
    const r = await recognise(
      lines(
        'Deal,Stage,Amount,Demo date,Discovery date,Trial date,Closed Won date',
        'a,Discovery,1,,2025-03-01,,',
        'b,Trial,1,,2025-03-02,2025-03-07,',
        'c,Demo,1,2025-03-19,2025-03-03,2025-03-09,',
        'd,Closed Won,1,2025-03-21,2025-03-04,,2025-03-30',
      ),
    );
    expect(r.labels).toEqual(['Discovery', 'Trial', 'Demo', 'Closed Won']);
    expect(r.counts).toEqual([4, 2, 2, 1]);
    expect(r.rules).toContain('stageDates:map.reason.orderStageDates');
    expect(r.keys).toContain('map.reason.datesConfirm');
  });

  test('a probability column: by the median probability of each stage’s records', async () => {
    // Intro median 0.1, Pitch 0.5, Contract 0.9; rows list Pitch first.
    const r = await recognise(
      lines(
        'Deal,Stage,Amount,Probability',
        'a,Pitch,1,0.5',
        'b,Intro,1,0.1',
        'c,Contract,1,0.9',
        'd,Intro,1,0.2',
        'e,Intro,1,0',
      ),
    );
    expect(r.labels).toEqual(['Intro', 'Pitch', 'Contract']);
    expect(r.rules).toContain('probability:map.reason.orderProbability');
  });

  test('first appearance over time: by the earliest created date of each stage’s records', async () => {
    // Rows list Pilot first, but Scoping shows up on Jan 3, Pilot on Jan 10, Rollout on Feb 1.
    const r = await recognise(
      lines(
        'Deal,Stage,Amount,Created',
        'a,Pilot,1,2025-01-10',
        'b,Scoping,1,2025-01-03',
        'c,Rollout,1,2025-02-01',
        'd,Scoping,1,2025-02-05',
      ),
    );
    expect(r.labels).toEqual(['Scoping', 'Pilot', 'Rollout']);
    expect(r.rules).toContain('firstSeen:map.reason.orderFirstSeen');
  });

  test('nothing else: the order stages first appear in the rows', async () => {
    const r = await recognise(
      lines('Deal,Stage,Amount', 'a,Scoping,1', 'b,Pilot,1', 'c,Rollout,1', 'd,Pilot,1'),
    );
    expect(r.labels).toEqual(['Scoping', 'Pilot', 'Rollout']);
    expect(r.rules).toContain('firstRow:map.reason.orderAppearance');
  });

  test('a long table listing stages differently per block: first appearance in its rows', async () => {
    const r = await recognise(
      lines(
        'day,stage,count',
        '2025-01-01,Signup,50',
        '2025-01-01,Activation,20',
        '2025-01-01,Habit,5',
        '2025-01-02,Activation,22',
        '2025-01-02,Signup,55',
        '2025-01-02,Habit,6',
      ),
    );
    expect(r.labels).toEqual(['Signup', 'Activation', 'Habit']);
    expect(r.counts).toEqual([105, 42, 11]);
    expect(r.rules).toContain('rowOrder:map.reason.orderRowOrder');
  });
});

describe('when two rules disagree', () => {
  test('vocabulary over probability: Salesforce’s order stands for the names it knows, probability places the rest', async () => {
    // Probabilities say Needs Analysis (0.1) before Qualification (0.3): edited per deal, they are
    // noisier than Salesforce's fixed order, so Qualification stays first. "Site visit" (0.35) is
    // unknown: it goes after the known name that precedes it by probability (Qualification).
    const r = await recognise(
      lines(
        'Opportunity,Stage,Amount,Probability (%)',
        'a,Qualification,1,30',
        'b,Needs Analysis,1,10',
        'c,Site visit,1,35',
        'd,Proposal/Price Quote,1,75',
      ),
    );
    expect(r.labels).toEqual([
      'Qualification',
      'Site visit',
      'Needs Analysis',
      'Proposal/Price Quote',
    ]);
    expect(r.keys).toContain('map.reason.orderDisagree');
  });

  test('written order over vocabulary: a report the user typed as 线索, 方案, 需求确认 is kept so', async () => {
    // The generic pipeline puts 需求确认 before 方案; this company's every weekly block puts it
    // after. The user wrote the funnel: it is not re-sorted, and the Mapping tab says so.
    const r = await recognise(
      lines(
        '周,阶段,数量',
        '2025-01-06,线索,50',
        '2025-01-06,方案,30',
        '2025-01-06,需求确认,20',
        '2025-01-13,线索,40',
        '2025-01-13,方案,25',
        '2025-01-13,需求确认,10',
      ),
    );
    expect(r.labels).toEqual(['线索', '方案', '需求确认']);
    expect(r.keys).toContain('map.reason.orderWrittenOverVocabulary');
  });

  test('vocabulary over a row order that is only alphabetical (an export sorted by stage name)', async () => {
    const r = await recognise(
      lines(
        'day,stage,count',
        '2025-01-01,Clicks,30',
        '2025-01-01,Impressions,1000',
        '2025-01-01,Orders,2',
        '2025-01-02,Clicks,40',
        '2025-01-02,Impressions,1200',
        '2025-01-02,Orders,3',
      ),
    );
    expect(r.labels).toEqual(['Impressions', 'Clicks', 'Orders']);
    expect(r.rules).toContain('vocabulary:map.reason.orderTemplate');
  });
});

describe('orderStages', () => {
  test('nothing comes before a vocabulary’s first stage; won names go last', () => {
    const o = orderStages(
      ['Won', 'Engaging', 'Prospecting'],
      [
        {
          rule: 'firstRow',
          key: new Map([
            ['Won', 0],
            ['Engaging', 1],
            ['Prospecting', 2],
          ]),
        },
      ],
      null,
      (v) => v === 'Won',
    );
    expect(o.ordered).toEqual(['Prospecting', 'Engaging', 'Won']);
  });

  test('does not mutate its inputs', () => {
    const names = ['b', 'a'];
    const key = new Map([
      ['b', 1],
      ['a', 0],
    ]);
    orderStages(names, [{ rule: 'firstRow', key }], null, () => false);
    expect(names).toEqual(['b', 'a']);
    expect([...key]).toEqual([
      ['b', 1],
      ['a', 0],
    ]);
  });
});

describe('every recognition decision names its rule', () => {
  test.each([
    ['wide', fromArrays({ 展现量: [100], 点击量: [3], 点击率: [0.03], 消费: [2] })],
    ['long', fromArrays({ 阶段: ['展现', '点击'], 数量: [100, 3] })],
    ['records', fromArrays({ 商机: ['a', 'b'], 阶段: ['方案', '输单'], 金额: [1, 2] })],
    [
      'events',
      fromArrays(
        {
          用户ID: ['u1', 'u1', 'u2'],
          事件: ['浏览', '下单', '浏览'],
          时间: ['2025-01-01 10:00', '2025-01-01 11:00', '2025-01-02 09:00'],
        },
        { 时间: 'date' },
      ),
    ],
  ])('%s', (_, table) => {
    const { reasons } = recogniseSpec(table);
    expect(reasons.length).toBeGreaterThan(1);
    for (const r of reasons) {
      const name = `map.rule.${ruleOf(r)}`;
      expect(catalogs.en[name], `${r.key} → ${name}`).toBeTruthy();
      expect(catalogs.zh[name], `${r.key} → ${name}`).toBeTruthy();
    }
  });
});
