// Outcomes are not stages (issue 14): each outcome word, in a hand-worked file, is left out of the
// funnel's steps and feeds the win rate; on hold is neither a step nor an outcome. Stage-date
// headers are read by pattern, and real exports' cost and count names are known.
import { describe, expect, test } from 'vitest';
import { importDelimitedText } from '../../../src/core/read/delimited';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { outcomeOf } from '../../../src/core/spec/outcomes';
import { stageOfDateHeader } from '../../../src/core/spec/shape';
import { compileSpec } from '../../../src/core/engine/compile';
import { aggregate } from '../../../src/core/engine/aggregate';
import { recordMetrics } from '../../../src/core/engine/pipeline';
import { findRole } from '../../../src/core/spec/roles';
import { fromArrays } from '../../../src/core/table/table';

async function pipeline(csv: string) {
  const { table } = await importDelimitedText(csv, { fileName: 'hand.csv' });
  const { spec } = recogniseSpec(table);
  const compiled = compileSpec(table, spec);
  if (!compiled.ok) throw new Error(compiled.error);
  return {
    spec,
    labels: spec.stages.map((s) => s.label),
    counts: aggregate(compiled.funnel, null).counts,
    metrics: compiled.funnel.records ? recordMetrics(compiled.funnel.records, null) : null,
  };
}

const LOST_WORDS = [
  'Lost',
  'Closed Lost',
  'Closed: abandoned',
  'Abandoned',
  'Closed Lost to Competition',
  'Disqualified',
  '丢失',
  '输单',
  '战败',
  '丢单',
  '无效',
];

describe('lost words are outcomes', () => {
  test.each(LOST_WORDS)(
    '“%s” in the stage column: not a stage, lost, in the win rate',
    async (w) => {
      // 线索 ×2 (one open), 方案 (open), 赢单 (won), the word (lost) → won 1, lost 1: 50 %.
      const p = await pipeline(
        ['商机,阶段,金额', 'a,线索,1', 'b,方案,1', 'c,赢单,1', `d,${w},1`, 'e,线索,1'].join('\n'),
      );
      expect(outcomeOf(w)).toBe('lost');
      expect(p.labels).toEqual(['线索', '方案', '赢单']);
      expect(p.spec.lostValues).toEqual([w]);
      expect(p.metrics!.won).toBe(1);
      expect(p.metrics!.lost).toBe(1);
      expect(p.metrics!.winRate).toBe(0.5);
      // The lost deal's file does not say where it was lost: it counts at the first stage only.
      expect(p.counts).toEqual([5, 2, 1]);
    },
  );

  test.each(['On hold', '暂停'])(
    '“%s” is neither a stage nor an outcome: open, at no stage',
    async (w) => {
      const p = await pipeline(
        ['商机,阶段,金额', 'a,线索,1', 'b,方案,1', 'c,赢单,1', 'd,输单,1', `e,${w},1`].join('\n'),
      );
      expect(outcomeOf(w)).toBe('paused');
      expect(p.labels).toEqual(['线索', '方案', '赢单']);
      expect(p.spec.lostValues).toEqual(['输单']);
      expect(p.metrics!.winRate).toBe(0.5);
      expect(p.metrics!.open).toBe(3);
    },
  );

  test('outcome words inside longer values, and names that only look like them', () => {
    expect(outcomeOf('Lost - no budget')).toBe('lost');
    expect(outcomeOf('已丢失（价格）')).toBe('lost');
    expect(outcomeOf('Closed Won')).toBe('won');
    expect(outcomeOf('Won back')).toBe('won');
    expect(outcomeOf('Lostwood Inc')).toBeNull();
    expect(outcomeOf('Wonderland demo')).toBeNull();
    expect(outcomeOf('Needs Analysis')).toBeNull();
  });

  test('lost at stage from the stage dates: a lost deal counts where its last date is', async () => {
    // b lost after 方案 (dated 需求确认, 方案), c lost after 需求确认; a won.
    const p = await pipeline(
      [
        '商机,状态,金额,需求确认日期,方案日期,赢单日期',
        'a,赢单,1,2025-01-02,2025-01-05,2025-01-09',
        'b,输单,1,2025-01-03,2025-01-06,',
        'c,输单,1,2025-01-04,,',
        'd,进行中,1,2025-01-05,,',
      ].join('\n'),
    );
    expect(p.labels).toEqual(['需求确认', '方案', '赢单']);
    expect(p.metrics!.stages.map((s) => s.lost)).toEqual([1, 1, 0]);
    expect(p.metrics!.winRate).toBeCloseTo(1 / 3, 12);
  });
});

describe('stage-date columns by pattern', () => {
  test.each([
    ['方案提交日期', '方案'],
    ['需求确认日期', '需求确认'],
    ['进入报价时间', '报价'],
    ['Date entered "Qualified To Buy (Sales Pipeline)"', 'Qualified To Buy'],
    ['Proposal date', 'Proposal'],
    ['Negotiation entered', 'Negotiation'],
    ['Closed Won reached', 'Closed Won'],
    ['Date Closed Lost', 'Closed Lost'],
  ])('%s → %s', (header, stage) => {
    expect(stageOfDateHeader(header)).toBe(stage);
  });

  test.each(['Close Date', 'Start Date', 'Created Date', 'Reporting starts', '日期'])(
    '%s is not a stage date',
    (header) => {
      expect(stageOfDateHeader(header)).toBeNull();
    },
  );

  test('a name only this file uses is a stage when its stage column has it', () => {
    expect(stageOfDateHeader('Demo reached')).toBeNull();
    expect(stageOfDateHeader('Demo reached', new Set(['Demo', 'Pilot']))).toBe('Demo');
  });

  test('a CRM export with 方案提交日期 keeps its 方案 stage, and the dates confirm the order', async () => {
    const p = await pipeline(
      [
        '商机,状态,金额,创建日期,需求确认日期,方案提交日期,报价日期,赢单日期',
        'a,赢单,1,2025-01-01,2025-01-02,2025-01-05,2025-01-07,2025-01-09',
        'b,输单,1,2025-01-01,2025-01-03,2025-01-06,,',
        'c,进行中,1,2025-01-02,2025-01-04,,,',
        'd,进行中,1,2025-01-03,,,,',
      ].join('\n'),
    );
    expect(p.labels).toEqual(['线索', '需求确认', '方案', '报价', '赢单']);
    expect(p.counts).toEqual([4, 3, 2, 1, 1]);
    expect(p.metrics!.winRate).toBe(0.5);
  });
});

describe('cost and count names from real exports', () => {
  test.each([
    'Spent',
    'Amount spent (USD)',
    'Spend',
    '花费',
    '总花费',
    'Cost (converted currency)',
    'Total commission',
  ])('“%s” is the cost', (name) => {
    const t = fromArrays({ Impressions: [100], Clicks: [5], [name]: [1.5] });
    expect(findRole(t, 'cost', 'number')).toBe(name);
  });

  test('GA4: Sessions → Engaged sessions → Key events; Event count is beside the funnel', () => {
    const t = fromArrays({
      Sessions: [100],
      'Engaged sessions': [70],
      'Event count': [900],
      'Key events': [3],
    });
    expect(recogniseSpec(t).spec.stages.map((s) => s.label)).toEqual([
      'Sessions',
      'Engaged sessions',
      'Key events',
    ]);
  });

  test('Amazon: 7 Day Total Orders (#) is the orders stage; units are not stages', () => {
    const t = fromArrays({
      Impressions: [1000],
      Clicks: [20],
      '7 Day Total Orders (#)': [2],
      '7 Day Total Units (#)': [3],
    });
    expect(recogniseSpec(t).spec.stages.map((s) => s.label)).toEqual([
      'Impressions',
      'Clicks',
      '7 Day Total Orders (#)',
    ]);
  });

  test('Meta: Impressions → Purchases; Results, Reach and Bid are not stages', () => {
    const t = fromArrays({
      Results: [40],
      Impressions: [10000],
      Reach: [6000],
      Purchases: [12],
      Bid: [3],
    });
    const { spec, reasons } = recogniseSpec(t);
    expect(spec.stages.map((s) => s.label)).toEqual(['Impressions', 'Purchases']);
    expect(reasons.map((r) => r.rule)).toContain('vocabulary');
  });

  test('without a template, side counts are left out of the count columns and said so', () => {
    const t = fromArrays({ 报名: [50], Reach: [900], 到场: [30], 签单: [5] });
    const { spec, reasons } = recogniseSpec(t);
    expect(spec.stages.map((s) => s.label)).toEqual(['报名', '到场', '签单']);
    expect(reasons.map((r) => r.key)).toContain('map.reason.sideCount');
  });
});
