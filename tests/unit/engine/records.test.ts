import { describe, expect, test } from 'vitest';
import { aggregate } from '../../../src/core/engine/aggregate';
import { compileSpec } from '../../../src/core/engine/compile';
import { recordMetrics, summariseDays } from '../../../src/core/engine/pipeline';
import { LOST, OPEN, WON, probabilityScale, recordModel } from '../../../src/core/engine/records';
import { emptySpec, type FunnelSpec } from '../../../src/core/spec/spec';
import { fromArrays, numberColumn, type Table } from '../../../src/core/table/table';

// Five opportunities, days as plain numbers; A = created, B, C = won (dates per stage).
//   r0: A 0, B 4, C 10, won,  amount 100, closed 10
//   r1: A 1, B 3,       lost, amount  50, closed 6
//   r2: A 2,            open, amount  80
//   r3: A 5, B 15,      open, amount  40
//   r4: A 3,       C 20 won (skipped B), amount 10, closed 20
const datesTable = fromArrays(
  {
    A: [0, 1, 2, 5, 3],
    B: [4, 3, null, 15, null],
    C: [10, null, null, null, 20],
    closed: [10, 6, null, null, 20],
    状态: ['赢单', '输单', '进行中', '进行中', '赢单'],
    金额: [100, 50, 80, 40, 10],
  },
  { A: 'date', B: 'date', C: 'date', closed: 'date' },
);
const datesSpec: FunnelSpec = {
  ...emptySpec('records'),
  stages: [
    { id: 'a', label: 'A', source: { kind: 'column', column: 'A' }, probability: 0.1 },
    { id: 'b', label: 'B', source: { kind: 'column', column: 'B' }, probability: 0.5 },
    { id: 'c', label: 'C', source: { kind: 'column', column: 'C' }, probability: 1 },
  ],
  statusColumn: '状态',
  lostValues: ['输单'],
  wonValues: ['赢单'],
  amount: '金额',
  created: 'A',
  closed: 'closed',
};

function model(table: Table, spec: FunnelSpec) {
  const r = recordModel(table, spec);
  if (!r.ok) throw new Error(r.error);
  return r.model;
}

describe('record metrics from stage dates (hand-worked)', () => {
  const m = model(datesTable, datesSpec);
  const all = recordMetrics(m, null);

  test('reached, lost and open by stage; skipped stages are not reached', () => {
    expect(all.stages.map((s) => s.reached)).toEqual([5, 3, 2]);
    expect(all.stages.map((s) => s.lost)).toEqual([0, 1, 0]);
    expect(all.stages.map((s) => s.open)).toEqual([1, 1, 0]);
    expect(Array.from(m.level)).toEqual([2, 1, 0, 1, 2]);
    expect(Array.from(m.outcome)).toEqual([WON, LOST, OPEN, OPEN, WON]);
  });

  test('time to the next stage over records that entered both', () => {
    // A→B: r0 4, r1 2, r3 10 → [2, 4, 10]; p90 = 4 + 0.8 × (10 − 4)
    expect(all.stages[0].toNext).toEqual({ count: 3, median: 4, mean: 16 / 3, p90: 8.8 });
    // B→C: only r0 (r4 skipped B): 6
    expect(all.stages[1].toNext).toEqual({ count: 1, median: 6, mean: 6, p90: 6 });
    expect(all.stages[2].toNext).toBeNull();
  });

  test('win rate, cycle and amounts', () => {
    expect(all).toMatchObject({ won: 2, lost: 1, open: 2, winRate: 2 / 3 });
    // closed − created: r0 10, r1 5, r4 17
    expect(all.cycle?.count).toBe(3);
    expect(all.cycle?.median).toBe(10);
    expect(all.cycle?.mean).toBeCloseTo(32 / 3, 12);
    expect(all.cycle?.p90).toBeCloseTo(15.6, 12);
    expect(all.wonAmount).toBe(110);
    expect(all.openAmount).toBe(120);
    // r2 at A: 80 × 0.1; r3 at B: 40 × 0.5
    expect(all.weightedAmount).toBeCloseTo(28, 12);
  });

  test('entries and exits within a period [3, 6)', () => {
    const p = recordMetrics(m, null, { start: 3, end: 6 });
    expect(p.stages.map((s) => s.entries)).toEqual([2, 2, 0]);
    // A: r0 (→B on 4) and r1 (→B on 3); B: r1 was lost on 6, outside
    expect(p.stages.map((s) => s.exits)).toEqual([2, 0, 0]);
  });

  test('without a period every entry and exit counts', () => {
    expect(all.stages.map((s) => s.entries)).toEqual([5, 3, 2]);
    expect(all.stages.map((s) => s.exits)).toEqual([4, 2, 0]);
  });

  test('a row selection', () => {
    const sel = recordMetrics(m, Uint32Array.of(0, 1, 2));
    expect(sel.stages.map((s) => s.reached)).toEqual([3, 2, 1]);
    expect(sel).toMatchObject({ won: 1, lost: 1, open: 1, winRate: 0.5, wonAmount: 100 });
  });

  test('the compiled funnel counts filled dates (sums of 0/1 flags)', () => {
    const c = compileSpec(datesTable, datesSpec);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.funnel.mode).toBe('sums');
    expect(aggregate(c.funnel, null).counts).toEqual([5, 3, 2]);
  });

  test('no status column: reaching the last stage is a win, and losses are unknown', () => {
    const m2 = model(datesTable, {
      ...datesSpec,
      statusColumn: null,
      lostValues: [],
      wonValues: [],
    });
    const r = recordMetrics(m2, null);
    expect(r.won).toBe(2);
    expect(r.winRate).toBeNull();
  });
});

describe('record metrics from a current-stage column', () => {
  test('Chinese CRM: a lost record counts up to the stage it was lost at', () => {
    const t = fromArrays({
      阶段: ['方案', '谈判', '方案', '赢单', '谈判'],
      状态: ['进行中', '输单', '输单', '赢单', '赢单'],
    });
    const spec: FunnelSpec = {
      ...emptySpec('records'),
      stages: ['线索', '方案', '谈判', '赢单'].map((v) => ({
        id: v,
        label: v,
        source: { kind: 'value', value: v },
      })),
      stageColumn: '阶段',
      statusColumn: '状态',
      lostValues: ['输单'],
      wonValues: ['赢单'],
    };
    const c = compileSpec(t, spec);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.funnel.mode).toBe('levels');
    expect(c.funnel.cumulative).toBe(true);
    // levels: 方案 1, 谈判 2 (lost), 方案 1 (lost), 赢单 3, won with stage 谈判 → 3
    expect(Array.from(c.funnel.level!)).toEqual([1, 2, 1, 3, 3]);
    expect(aggregate(c.funnel, null).counts).toEqual([5, 5, 3, 2]);
    const r = recordMetrics(c.funnel.records!, null);
    expect(r.stages.map((s) => s.lost)).toEqual([0, 1, 1, 0]);
    expect(r.winRate).toBe(0.5);
    expect(r.stages.every((s) => s.entries === null && s.toNext === null)).toBe(true);
  });

  test('Salesforce: Closed Lost in the stage column counts at the first stage only', () => {
    const t = fromArrays({
      Stage: ['Closed Lost', 'Negotiation/Review', 'Prospecting', 'Closed Won', 'Qualification'],
      Amount: [1, 2, 3, 4, 5],
      'Probability (%)': [0, 90, 10, 100, 20],
    });
    const spec: FunnelSpec = {
      ...emptySpec('records'),
      stages: ['Prospecting', 'Qualification', 'Negotiation/Review', 'Closed Won'].map((v) => ({
        id: v,
        label: v,
        source: { kind: 'value', value: v },
        probability: null,
      })),
      stageColumn: 'Stage',
      statusColumn: 'Stage',
      lostValues: ['Closed Lost'],
      wonValues: ['Closed Won'],
      amount: 'Amount',
      probability: 'Probability (%)',
    };
    const c = compileSpec(t, spec);
    if (!c.ok) throw new Error(c.error);
    expect(aggregate(c.funnel, null).counts).toEqual([5, 3, 2, 1]);
    const r = recordMetrics(c.funnel.records!, null);
    expect(r).toMatchObject({
      won: 1,
      lost: 1,
      open: 3,
      winRate: 0.5,
      wonAmount: 4,
      openAmount: 10,
    });
    // 2 × 0.9 + 3 × 0.1 + 5 × 0.2 from the per-row Probability (%) column
    expect(r.weightedAmount).toBeCloseTo(3.1, 12);
  });

  test('probability scale: percent columns, a % header or values above 1 mean percents', () => {
    const t = fromArrays(
      { 'Probability (%)': [0.5], p: [0.5], q: [50], r: [0.5] },
      { r: 'percent' },
    );
    expect(probabilityScale(numberColumn(t, 'Probability (%)')!)).toBe(0.01);
    expect(probabilityScale(numberColumn(t, 'p')!)).toBe(1);
    expect(probabilityScale(numberColumn(t, 'q')!)).toBe(0.01);
    expect(probabilityScale(numberColumn(t, 'r')!)).toBe(1);
  });
});

describe('summariseDays', () => {
  test.each([
    [[], { count: 0, median: null, mean: null, p90: null }],
    [[7], { count: 1, median: 7, mean: 7, p90: 7 }],
    [[10, 1, 3, 2], { count: 4, median: 2.5, mean: 4, p90: 7.9 }],
  ])('%j', (values, expected) => {
    const s = summariseDays(values);
    expect(s.count).toBe(expected.count);
    expect(s.median).toBe(expected.median);
    expect(s.mean).toBe(expected.mean);
    if (expected.p90 === null) expect(s.p90).toBeNull();
    else expect(s.p90).toBeCloseTo(expected.p90, 12);
  });

  test('does not reorder its input', () => {
    const input = [10, 1, 3, 2];
    summariseDays(input);
    expect(input).toEqual([10, 1, 3, 2]);
  });
});
