import { describe, expect, it } from 'vitest';
import {
  benchmarkOf,
  causesOf,
  DEFAULT_TOLERANCE,
  diagnose,
  peerAverage,
} from '../../../src/core/decide/diagnose';

// 10000 → 300 → 240 → 24 → 6: CTR 3 %, visit 80 %, consultation 10 %, order 25 %; AOV 500.
const base = { counts: [10000, 300, 240, 24, 6], cost: 600, revenue: 3000 };

describe('diagnose', () => {
  it('against a target CTR: +2 orders, +1000 revenue, and an alert', () => {
    const d = diagnose(base, { top: null, rates: [null, 0.04, null, null, null] }, 1);
    const first = d.findings[0];
    expect(first.index).toBe(1);
    expect(first.gap).toBeCloseTo(-0.01, 12);
    expect(first.gainLast).toBeCloseTo(2, 9); // 6 × 4/3
    expect(first.gainRevenue).toBeCloseTo(1000, 9);
    expect(d.alerts).toEqual([1]);
    expect(d.findings.slice(1).every((f) => f.gainLast === null)).toBe(true);
  });

  it('against the previous period: ranked by orders gained, ahead layers negative', () => {
    // previous: 8000 → 320 → 240 → 36 → 9: CTR 4 %, visit 75 %, consultation 15 %, order 25 %
    const d = diagnose(base, benchmarkOf([8000, 320, 240, 36, 9]), 1);
    expect(d.findings.map((f) => f.index)).toEqual([3, 1, 4, 2, 0]);
    const gains = Object.fromEntries(d.findings.map((f) => [f.index, f.gainLast]));
    expect(gains[3]).toBeCloseTo(3, 9); // 6 × 0.15/0.1 = 9
    expect(gains[1]).toBeCloseTo(2, 9);
    expect(gains[4]).toBeCloseTo(0, 9);
    expect(gains[2]).toBeCloseTo(-0.375, 9); // 6 × 0.75/0.8 = 5.625
    expect(gains[0]).toBeCloseTo(-1.2, 9); // 6 × 8000/10000 = 4.8
    expect(d.findings[0].gainRevenue).toBeCloseTo(1500, 9);
    expect(d.alerts).toEqual([1, 3]);
    expect(d.findings.find((f) => f.index === 0)!.gap).toBe(2000);
  });

  it('does not mutate its input', () => {
    const b = { counts: [10000, 300, 240, 24, 6], cost: 600, revenue: 3000 };
    const bench = { top: 9000, rates: [null, 0.04, 0.7, null, 0.3] };
    const before = JSON.stringify({ b, bench });
    diagnose(b, bench, 1);
    expect(JSON.stringify({ b, bench })).toBe(before);
  });

  it('a tolerance keeps a hair’s breadth from alerting', () => {
    const bench = { top: null, rates: [null, 0.0301, null, null, null] };
    expect(diagnose(base, bench, 1, 0.05).alerts).toEqual([]);
    expect(diagnose(base, bench, 1, 0).alerts).toEqual([1]);
  });

  it('alerts by default only 10 % or more below the benchmark', () => {
    // CTR 3 %: against 3.3 % it is 9.1 % below (no alert), against 3.4 % 11.8 % below (alert).
    expect(DEFAULT_TOLERANCE).toBe(0.1);
    expect(diagnose(base, { top: null, rates: [null, 0.033, null, null, null] }, 1).alerts).toEqual(
      [],
    );
    expect(diagnose(base, { top: null, rates: [null, 0.034, null, null, null] }, 1).alerts).toEqual(
      [1],
    );
  });

  it('never alerts for a gap that is only rounding, even with no tolerance', () => {
    // The same rate worked out from other counts: 3.36 % against 3.36 % (±0.00 pp).
    const counts = [250_000, 8_400, 6_000, 300, 60];
    const same = { top: null, rates: [null, 0.0336 * (1 + 1e-12), null, null, null] };
    const d = diagnose({ counts, cost: null, revenue: null }, same, 1, 0);
    expect(d.findings.find((f) => f.index === 1)!.below).toBe(false);
    expect(d.alerts).toEqual([]);
    expect(
      diagnose({ counts, cost: null, revenue: null }, benchmarkOf(counts), 1, 0).alerts,
    ).toEqual([]);
  });

  it('a zero-count stage: the gain below it cannot be told', () => {
    const z = { counts: [1000, 20, 0, 0], cost: 20, revenue: 0 };
    const d = diagnose(z, { top: null, rates: [null, 0.02, 0.5, 0.2] }, 1);
    const visit = d.findings.find((f) => f.index === 2)!;
    expect(visit.below).toBe(true);
    expect(visit.gap).toBe(-0.5);
    expect(visit.gainLast).toBeNull(); // 10 visits, but no consultation rate to carry them on
    expect(d.findings.find((f) => f.index === 3)!.actual).toBeNull();
  });
});

describe('benchmarks', () => {
  it('peer average weighs each peer once and skips undefined rates', () => {
    const avg = peerAverage([
      [1000, 50],
      [2000, 200],
      [0, 0],
    ]);
    expect(avg.top).toBe(1000); // (1000 + 2000 + 0) ÷ 3
    expect(avg.rates[0]).toBeNull();
    expect(avg.rates[1]).toBeCloseTo(0.075, 12); // (5 % + 10 %) ÷ 2; the empty peer has no rate
    expect(peerAverage([])).toEqual({ top: null, rates: [] });
  });

  it('benchmarkOf takes another funnel’s counts', () => {
    expect(benchmarkOf([1000, 50, 40])).toEqual({ top: 1000, rates: [null, 0.05, 0.8] });
  });
});

describe('causesOf', () => {
  const ids = ['impressions', 'clicks', 'visits', 'consultations', 'orders'];
  it('names the search-ads layer’s causes and levers', () => {
    expect(causesOf('search-ads', ids, 0)).toEqual({
      cause: 'decide.cause.impressions',
      lever: 'decide.lever.impressions',
    });
    expect(causesOf('search-ads', ids, 4)?.cause).toBe('decide.cause.orders');
  });
  it('says nothing for other funnels', () => {
    expect(causesOf('custom', ids, 1)).toBeNull();
    expect(causesOf('search-ads', ['a', 'b'], 1)).toBeNull();
  });
});
