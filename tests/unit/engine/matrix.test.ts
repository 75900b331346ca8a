import { describe, expect, it } from 'vitest';
import type { SegmentTotals } from '../../../src/core/engine/groupby';
import { conversionMatrix, sortMatrix } from '../../../src/core/engine/matrix';

const seg = (value: string, counts: number[]): SegmentTotals => ({
  value,
  code: 0,
  counts,
  cost: null,
  revenue: null,
  rows: 1,
});
const segments = [
  seg('北京', [1000, 40, 10]),
  seg('上海', [2000, 20, 5]),
  seg('成都', [0, 0, 0]),
  seg('广州', [500, 25, 1]),
];

describe('conversionMatrix', () => {
  const rows = conversionMatrix(segments);

  it('gives step and overall rates, null where the denominator is 0', () => {
    expect(rows[0].stepRates).toEqual([null, 0.04, 0.25]);
    expect(rows[0].overallRate).toBe(0.01);
    expect(rows[2].stepRates).toEqual([null, null, null]);
    expect(rows[2].overallRate).toBeNull();
  });

  it('marks steps resting on fewer than 30 entries and gives their Wilson interval', () => {
    // 上海: 5 of 20 consultations → small; 广州: 1 of 25 → small; 北京: 10 of 40 → not.
    expect(rows.map((r) => r.small)).toEqual([
      [false, false, false],
      [false, false, true],
      [false, false, false],
      [false, false, true],
    ]);
    // 5/20: p = 0.25, worked by hand: centre 0.2903, half 0.1784 → [0.1119, 0.4687]
    expect(rows[1].intervals[2]!.low).toBeCloseTo(0.1119, 4);
    expect(rows[1].intervals[2]!.high).toBeCloseTo(0.4687, 4);
    expect(rows[0].intervals).toEqual([null, null, null]);
  });

  it('does not mutate its input', () => {
    const before = JSON.stringify(segments);
    conversionMatrix(segments);
    expect(JSON.stringify(segments)).toBe(before);
  });
});

describe('sortMatrix', () => {
  const rows = conversionMatrix(segments);
  const names = (r: { value: string }[]) => r.map((x) => x.value);

  it('sorts by a step rate, undefined rates last in either direction', () => {
    expect(names(sortMatrix(rows, { by: 'rate', stage: 1 }, 'desc'))).toEqual([
      '广州',
      '北京',
      '上海',
      '成都',
    ]);
    expect(names(sortMatrix(rows, { by: 'rate', stage: 1 }, 'asc'))).toEqual([
      '上海',
      '北京',
      '广州',
      '成都',
    ]);
  });

  it('sorts by a count, the overall rate or the name', () => {
    expect(names(sortMatrix(rows, { by: 'count', stage: 0 }, 'desc'))).toEqual([
      '上海',
      '北京',
      '广州',
      '成都',
    ]);
    expect(names(sortMatrix(rows, { by: 'overall' }, 'desc'))).toEqual([
      '北京',
      '上海',
      '广州',
      '成都',
    ]);
    // pinyin order: Beijing, Chengdu, Guangzhou, Shanghai
    expect(names(sortMatrix(rows, { by: 'segment' }, 'asc'))).toEqual([
      '北京',
      '成都',
      '广州',
      '上海',
    ]);
  });

  it('returns a new array and leaves the input order alone', () => {
    const before = names(rows);
    sortMatrix(rows, { by: 'overall' }, 'asc');
    expect(names(rows)).toEqual(before);
  });
});
