/**
 * The split trend as lines: each value lined up with the trend's periods (zeros where it has no
 * rows), rates from its own counts, the biggest values kept and the rest summed so the lines add
 * up to the trend. Periods are written by hand; the expected numbers are worked out here.
 */
import { describe, expect, it } from 'vitest';
import type { PeriodTotals } from '../../../src/core/engine/trend';
import type { SplitTrend } from '../../../src/state/view.svelte';
import { splitLines } from '../../../src/ui/explore/split-lines';

function period(start: number, counts: number[], incomplete = false): PeriodTotals {
  return {
    start,
    end: start + 10,
    label: `p${start}`,
    counts,
    stepRates: counts.map((c, k) => (k === 0 || counts[k - 1] === 0 ? null : c / counts[k - 1])),
    cost: null,
    revenue: null,
    rows: counts[0],
    incomplete,
  };
}

/** Values as [name, [start, counts][]]; the trend is their sum plus `extra` (values left out). */
function fixture(values: [string, [number, number[]][]][], left = 0, extra = [0, 0]) {
  const starts = [0, 10, 20];
  const periods = starts.map((s, i) => {
    const counts = [extra[0], extra[1]];
    for (const [, ps] of values)
      for (const [start, c] of ps) if (start === s) c.forEach((v, k) => (counts[k] += v));
    return period(s, counts, i === 2);
  });
  const split: SplitTrend = {
    field: 'branch',
    step: 'month',
    left,
    series: values.map(([value, ps]) => ({ value, periods: ps.map(([s, c]) => period(s, c)) })),
  };
  return { periods, split };
}

describe('splitLines', () => {
  it('lines each value up with the trend, zeros where it has no rows, rates from its counts', () => {
    const { periods, split } = fixture([
      [
        '北京',
        [
          [0, [100, 10]],
          [10, [50, 5]],
          [20, [40, 8]],
        ],
      ],
      ['上海', [[10, [200, 30]]]],
    ]);
    const { lines, rest } = splitLines(periods, split);
    expect(rest).toBe(0);
    expect(lines.map((l) => l.value)).toEqual(['上海', '北京']);
    const sh = lines[0].periods;
    expect(sh.map((p) => p.label)).toEqual(['p0', 'p10', 'p20']);
    expect(sh.map((p) => p.counts)).toEqual([
      [0, 0],
      [200, 30],
      [0, 0],
    ]);
    expect(sh.map((p) => p.stepRates[1])).toEqual([null, 0.15, null]);
    expect(lines[1].periods[2].stepRates[1]).toBe(8 / 40);
    // The trend's own marks carry over: the last period is partial on every line.
    expect(lines.map((l) => l.periods[2].incomplete)).toEqual([true, true]);
  });

  it('keeps the biggest values and sums the rest, rates of the sum from its summed counts', () => {
    const values: [string, [number, number[]][]][] = [1, 2, 3, 4, 5].map((n) => [
      `v${n}`,
      [
        [0, [n * 10, n]],
        [10, [n * 20, n * n]],
      ],
    ]);
    const { periods, split } = fixture(values);
    const { lines, rest } = splitLines(periods, split, 3);
    expect(lines.map((l) => l.value)).toEqual(['v5', 'v4', null]);
    expect(rest).toBe(3);
    const others = lines[2].periods;
    expect(others[0].counts).toEqual([10 + 20 + 30, 1 + 2 + 3]);
    expect(others[1].counts).toEqual([20 + 40 + 60, 1 + 4 + 9]);
    expect(others[1].stepRates[1]).toBe(14 / 120);
    // Every line adds up to the trend, period by period.
    periods.forEach((p, i) =>
      expect(lines.reduce((a, l) => a + l.periods[i].counts[1], 0)).toBe(p.counts[1]),
    );
  });

  it('counts values left out of the split in the rest: the trend less the lines drawn', () => {
    const { periods, split } = fixture(
      [
        ['a', [[0, [500, 50]]]],
        ['b', [[0, [300, 30]]]],
      ],
      4,
      [70, 7],
    );
    const { lines, rest } = splitLines(periods, split, 3);
    expect(lines.map((l) => l.value)).toEqual(['a', 'b', null]);
    expect(rest).toBe(4);
    expect(lines[2].periods[0].counts).toEqual([70, 7]);
    expect(lines[2].periods[0].stepRates[1]).toBe(0.1);
  });
});
