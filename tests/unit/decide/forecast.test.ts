import { describe, expect, it } from 'vitest';
import { forecastRange, pipelineForecast, projectCounts } from '../../../src/core/decide/forecast';
import { dayOf } from '../../../src/core/engine/period';

describe('projectCounts', () => {
  it('multiplies the planned volume through the rates', () => {
    const c = projectCounts(20000, [null, 0.03, 0.8, 0.1, 0.25]);
    [20000, 600, 480, 48, 12].forEach((v, k) => expect(c[k]).toBeCloseTo(v, 9));
    expect(projectCounts(100, [null, 0.5, null, 0.5])).toEqual([100, 50, null, null]);
    expect(projectCounts(100, [null, 0, 0.5])).toEqual([100, 0, 0]);
  });
});

describe('forecastRange', () => {
  // five weeks of [impressions, orders], unsorted on purpose
  const weeks = [
    [1000, 3],
    [2000, 2],
    [1000, 5],
    [4000, 16],
    [1000, 1],
  ];

  it('gives the 10th–90th percentile of weekly rates times the plan', () => {
    const r = forecastRange(weeks, 10000)!;
    // rates .003, .001, .005, .004, .001 → sorted [.001, .001, .003, .004, .005]
    // p10: h = 4 × 0.1 = 0.4 → .001; p90: h = 3.6 → .004 + 0.6 × .001 = .0046
    expect(r.periods).toBe(5);
    expect(r.low[0]).toBe(10000);
    expect(r.low[1]).toBeCloseTo(10, 9);
    expect(r.high[1]).toBeCloseTo(46, 9);
  });

  it('needs enough weeks with a top', () => {
    expect(
      forecastRange(
        [
          [100, 1],
          [0, 0],
          [100, 2],
          [100, 3],
        ],
        1000,
      ),
    ).toBeNull();
    expect(
      forecastRange(
        [
          [100, 1],
          [0, 0],
          [100, 2],
          [100, 3],
        ],
        1000,
        { minPeriods: 3 },
      ),
    ).not.toBeNull();
  });
});

describe('pipelineForecast', () => {
  const jul = dayOf(2025, 7, 15);
  const aug = dayOf(2025, 8, 3);
  // outcome: 0 open, 1 won, 2 lost; probability per row (NaN: unknown)
  const input = {
    level: Int16Array.from([1, 2, 2, 0, 3, 1, -1]),
    outcome: Uint8Array.from([0, 0, 1, 0, 0, 0, 0]),
    probability: Float64Array.from([0.25, 0.5, 0.5, 0.1, NaN, 0.25, 0.1]),
    amount: Float64Array.from([10000, 20000, 99999, 5000, 7000, 4000, 1]),
    closed: Float64Array.from([jul, aug, jul, NaN, jul, jul + 10, jul]),
  };

  it('weights open deals by stage probability, by close month', () => {
    const f = pipelineForecast(input, null);
    // open, with a probability: rows 0 (25 %, 10000, Jul), 1 (50 %, 20000, Aug), 3 (10 %, 5000,
    // no date), 5 (25 %, 4000, Jul); row 2 is won, row 4 has no probability,
    // row 6 reached no stage
    expect(f.total.open).toBe(4);
    expect(f.total.expectedWins).toBeCloseTo(0.25 + 0.5 + 0.1 + 0.25, 12);
    expect(f.total.amount).toBe(39000);
    expect(f.total.weightedAmount).toBeCloseTo(2500 + 10000 + 500 + 1000, 9);
    expect(f.unweighted).toBe(1);
    expect(f.byMonth.map((b) => [b.month, b.open, b.weightedAmount])).toEqual([
      ['2025-07', 2, 3500],
      ['2025-08', 1, 10000],
      ['', 1, 500],
    ]);
  });

  it('over a selection of rows', () => {
    const f = pipelineForecast(input, Uint32Array.of(1, 2));
    expect(f.total.open).toBe(1);
    expect(f.total.weightedAmount).toBe(10000);
  });
});
