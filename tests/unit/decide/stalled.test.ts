import { describe, expect, it } from 'vitest';
import {
  asOfDay,
  recordIdColumn,
  stallLines,
  stalledBy,
  stalledDeals,
} from '../../../src/core/decide/stalled';
import { fromArrays, textColumn } from '../../../src/core/table/table';
import { dealsModel, type Deal } from './review-model';

// Three stages. Six deals moved on from stage 0 after 2, 4, 6, 8, 10 and 12 days: the p90 of
// those is at rank 5 × 0.9 = 4.5, 10 + 0.5 × (12 − 10) = 11 days. Three moved on from stage 1:
// too few for a line.
const moved: Deal[] = [2, 4, 6, 8, 10, 12].map((d, i) => ({
  at: [0, d, i < 3 ? d + 5 : null],
  outcome: i < 3 ? 'won' : 'lost',
}));
const open: Deal[] = [
  { at: [100, null, null], amount: 500 }, // row 6: 20 days in stage 0 as of 120 → 9 over
  { at: [115, null, null] }, // row 7: 5 days
  { at: [109, null, null] }, // row 8: 11 days, exactly the line: not over it
  { at: [108, null, null], amount: 70 }, // row 9: 12 days → 1 over
  { at: [null, 50, null] }, // row 10: 70 days in stage 1, which has no line
  { at: [0, null, null], outcome: 'lost' }, // row 11: lost long ago, not open
];
const model = dealsModel([...moved, ...open]);

describe('stallLines', () => {
  it('is the 90th percentile of days to the next stage, over deals that moved on', () => {
    const lines = stallLines(model, null);
    expect(lines[0]).toEqual({ moved: 6, p90: 11 });
    expect(lines[1]).toEqual({ moved: 3, p90: null });
    expect(lines[2]).toEqual({ moved: 0, p90: null });
    expect(stallLines(model, null, 3)[1]).toEqual({ moved: 3, p90: 5 });
  });

  it('measures a skipped stage to the next stage reached', () => {
    const m = dealsModel([{ at: [0, null, 7], outcome: 'won' }]);
    expect(stallLines(m, null, 1)[0]).toEqual({ moved: 1, p90: 7 });
  });

  it('counts only the rows given', () => {
    expect(stallLines(model, Uint32Array.of(0, 1, 2), 1)[0]).toEqual({ moved: 3, p90: 5.6 });
  });
});

describe('stalledDeals', () => {
  const lines = stallLines(model, null);

  it('lists open deals over their stage line, longest over first', () => {
    const s = stalledDeals(model, null, lines, 120);
    expect(s).toEqual([
      { row: 6, stage: 0, since: 100, days: 20, line: 11, over: 9 },
      { row: 9, stage: 0, since: 108, days: 12, line: 11, over: 1 },
    ]);
  });

  it('within the rows given, and counted per owner', () => {
    expect(stalledDeals(model, Uint32Array.of(7, 8, 9), lines, 120).map((d) => d.row)).toEqual([9]);
    const owner = textColumn(
      fromArrays({ 负责人: [...Array(6).fill('甲'), '王强', '甲', '甲', '王强', '甲', '甲'] }),
      '负责人',
    )!;
    expect([...stalledBy(stalledDeals(model, null, lines, 120), owner)]).toEqual([['王强', 2]]);
  });

  it('needs stage dates', () => {
    expect(stalledDeals({ ...model, entered: null }, null, lines, 120)).toEqual([]);
  });
});

describe('asOfDay', () => {
  it('counts to today for a current export, to its last day for an old one', () => {
    expect(asOfDay(20300, 20302)).toBe(20302);
    expect(asOfDay(20300, 20307)).toBe(20307);
    expect(asOfDay(20300, 20308)).toBe(20300);
    expect(asOfDay(20000, null)).toBe(20000);
    // A file dated after today is read as of its own last day.
    expect(asOfDay(20310, 20302)).toBe(20310);
  });
});

describe('recordIdColumn', () => {
  it('is a column naming every row once, preferring an id by name', () => {
    expect(
      recordIdColumn(
        fromArrays({
          名称: ['甲公司', '乙公司'],
          商机编号: ['D1', 'D2'],
          负责人: ['张伟', '张伟'],
        }),
      ),
    ).toBe('商机编号');
    expect(
      recordIdColumn(fromArrays({ 名称: ['甲公司', '乙公司'], 负责人: ['张伟', '张伟'] })),
    ).toBe('名称');
    expect(recordIdColumn(fromArrays({ 名称: ['甲公司', '甲公司'] }))).toBeNull();
    expect(recordIdColumn(fromArrays({ 名称: ['甲公司', null] }))).toBeNull();
  });
});
