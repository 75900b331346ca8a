// A trend is bounded by what it can draw, not by the span of the dates: a stray 9999-12-31
// among 2025 dates (the 95,698 months) costs one more day bucket and coarsens the step.
// Expected figures come from plain calendar arithmetic and hand sums, not from the roll-up.
import { describe, expect, it } from 'vitest';
import type { CompiledFunnel } from '../../../src/core/engine/compile';
import {
  GRANULARITIES,
  dayOf,
  fittingStep,
  partsOf,
  periodCount,
  type Granularity,
} from '../../../src/core/engine/period';
import { dailyTotals, dayKeys, rollUp, trendOf } from '../../../src/core/engine/trend';
import { rng as mulberry32 } from '../../../scripts/rng.mjs';

/** A two-stage sums funnel over per-row clicks and orders. */
function funnelOf(clicks: number[], orders: number[]): CompiledFunnel {
  return {
    ids: ['c', 'o'],
    labels: ['点击量', '订单量'],
    mode: 'sums',
    stageValues: [Float64Array.from(clicks), Float64Array.from(orders)],
    level: null,
    weight: null,
    cumulative: false,
    cost: null,
    revenue: null,
  };
}

const DAY_MS = 86_400_000;
/** Day number of an ISO date, worked out by Date.parse (not by the code under test). */
const iso = (s: string) => Date.parse(`${s}T00:00:00Z`) / DAY_MS;

// Ten rows in 2025 and one on 9999-12-31.
const days = [
  '2025-01-03',
  '2025-01-03',
  '2025-02-14',
  '2025-03-01',
  '2025-05-20',
  '2025-07-07',
  '2025-09-30',
  '2025-11-11',
  '2025-12-24',
  '2025-12-31',
  '9999-12-31',
].map(iso);
const clicks = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 7];
const orders = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1];
const strayFunnel = funnelOf(clicks, orders);
const strayKeys = dayKeys({ days: Float64Array.from(days) });
const covered = { from: iso('2025-01-03'), to: iso('9999-12-31') };

describe('dayKeys: one key per day that has rows', () => {
  it('keys a span of eight thousand years by its ten distinct days', () => {
    // Before: one key per calendar day of the span, 2,912,787 of them.
    expect(strayKeys.size).toBe(10 + 1);
    expect(Array.from(strayKeys.keys)).toEqual([1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(strayKeys.days[9]).toBe(iso('9999-12-31'));
  });

  it('counts day numbers past any calendar (±1e12) as no date, and does not throw', () => {
    const k = dayKeys({ days: Float64Array.of(1e12, iso('2025-01-05'), -1e12, NaN) });
    expect(Array.from(k.keys)).toEqual([0, 1, 0, 0]);
    expect(Array.from(k.days)).toEqual([iso('2025-01-05')]);
    const daily = dailyTotals(funnelOf([5, 6, 7, 8], [1, 1, 1, 1]), k, null);
    const t = trendOf(daily, 'day', { from: -1e12, to: 1e12 });
    expect(t.periods.map((p) => [p.label, p.counts])).toEqual([['2025-01-05', [6, 1]]]);
  });

  it('does not change the column it reads', () => {
    const col = { days: Float64Array.from(days) };
    dayKeys(col);
    expect(Array.from(col.days)).toEqual(days);
  });

  it('gives the same keys through its lookup table and its map (near and far dates)', () => {
    // 5,000 rows within a year use the table; adding one far date switches to the map.
    const rng = mulberry32(19);
    const near = Array.from({ length: 5000 }, () => iso('2024-01-01') + Math.floor(rng() * 366));
    const a = dayKeys({ days: Float64Array.from(near) });
    const b = dayKeys({ days: Float64Array.from([...near, iso('9000-01-01')]) });
    expect(Array.from(b.keys.subarray(0, near.length))).toEqual(Array.from(a.keys));
    expect(Array.from(b.days.subarray(0, a.days.length))).toEqual(Array.from(a.days));
    const distinct = [...new Set(near)].sort((x, y) => x - y);
    expect(Array.from(a.days)).toEqual(distinct);
  });
});

describe('trendOf: never more periods than can be drawn', () => {
  const daily = dailyTotals(strayFunnel, strayKeys, null);

  it('coarsens a stray 9999-12-31 asked by month to centuries, and says what was asked', () => {
    const t = trendOf(daily, 'month', covered);
    // 2025-01 … 9999-12: (9999 − 2025) × 12 + 12 months.
    expect(t.wanted).toBe((9999 - 2025) * 12 + 12);
    // Years 2025 … 9999 give 7,975 years and 798 decades (> 380); 2000–2099 … 9900–9999 are 80.
    expect(t.step).toBe(100);
    expect(t.periods.length).toBe(80);
    expect(t.periods[0]).toMatchObject({ label: '2000–2099', counts: [550, 55], rows: 10 });
    expect(t.periods[79]).toMatchObject({ label: '9900–9999', counts: [7, 1], rows: 1 });
    expect(t.periods.slice(1, 79).every((p) => p.rows === 0)).toBe(true);
    // Both centuries reach past the data's days: partial, drawn dashed.
    expect(t.periods[0].incomplete).toBe(true);
  });

  it('keeps the chosen granularity when it fits, and rolls the same totals', () => {
    const only2025 = dailyTotals(
      funnelOf(clicks.slice(0, 10), orders.slice(0, 10)),
      dayKeys({ days: Float64Array.from(days.slice(0, 10)) }),
      null,
    );
    const t = trendOf(only2025, 'month', { from: iso('2025-01-01'), to: iso('2025-12-31') });
    expect(t.step).toBe('month');
    expect(t.wanted).toBe(12);
    expect(t.periods.map((p) => p.counts[0])).toEqual([
      30, 30, 40, 0, 50, 0, 60, 0, 70, 0, 80, 190,
    ]);
  });

  it('turns two years of days into weeks (731 days > 380; 105 ISO weeks fit)', () => {
    const n = 731;
    const first = iso('2024-01-01');
    const t = trendOf(
      dailyTotals(
        funnelOf(
          Array.from({ length: n }, () => 1),
          Array.from({ length: n }, () => 0),
        ),
        dayKeys({ days: Float64Array.from({ length: n }, (_, i) => first + i) }),
        null,
      ),
      'day',
      { from: first, to: first + n - 1 },
    );
    expect(t).toMatchObject({ step: 'week', wanted: 731 });
    // 2024-01-01 is a Monday; 2025-12-31 a Wednesday: 104 whole weeks and a partial 105th.
    expect(t.periods.length).toBe(105);
    expect(t.periods.map((p) => p.counts[0]).reduce((a, b) => a + b)).toBe(731);
    expect(t.periods.at(-1)).toMatchObject({ label: '2026-W01', counts: [3, 0], incomplete: true });
  });

  it('holds for any span and any granularity: at most the cap, contiguous, nothing lost', () => {
    const rng = mulberry32(1909);
    for (let run = 0; run < 300; run++) {
      const a = Math.floor((rng() - 0.5) * 2 * 3_000_000);
      const spread = Math.floor(rng() ** 4 * 4_000_000);
      const rowDays = [a, a + spread, a + Math.floor(rng() * spread)];
      const g = GRANULARITIES[Math.floor(rng() * GRANULARITIES.length)];
      const max = 2 + Math.floor(rng() * 500);
      const d = dailyTotals(
        funnelOf([1, 2, 4], [0, 0, 1]),
        dayKeys({ days: Float64Array.from(rowDays) }),
        null,
      );
      const t = trendOf(d, g, { from: a, to: a + spread }, max);
      const p = t.periods;
      const contiguous = p.every((q, i) => i === 0 || q.start === p[i - 1].end);
      const total = p.reduce((s, q) => s + q.counts[0], 0);
      // The first period holds the first day and the last the last.
      const holds = p[0].start <= a && p.at(-1)!.end > a + spread;
      expect([p.length >= 1 && p.length <= max, contiguous, total, holds]).toEqual([
        true,
        true,
        7,
        true,
      ]);
    }
  });

  it('follows the selection: the stray row left out, months again', () => {
    const sel = dailyTotals(
      strayFunnel,
      strayKeys,
      Uint32Array.from({ length: 10 }, (_, i) => i),
    );
    const t = trendOf(sel, 'month', covered);
    expect(t.step).toBe('month');
    expect(t.periods.length).toBe(12);
  });

  it('is empty without selected rows', () => {
    const none = dailyTotals(strayFunnel, strayKeys, new Uint32Array(0));
    expect(trendOf(none, 'week', covered)).toEqual({ step: 'week', wanted: 0, periods: [] });
  });
});

describe('rollUp: work by periods and days with rows, not by the span', () => {
  it('rolls eight thousand years into 80 centuries without visiting the days between', () => {
    const daily = dailyTotals(strayFunnel, strayKeys, null);
    const centuries = rollUp(daily, 100, covered);
    expect(centuries.map((p) => p.label).slice(0, 2)).toEqual(['2000–2099', '2100–2199']);
    expect(centuries.reduce((s, p) => s + p.counts[1], 0)).toBe(56);
  });
});

describe('period steps over long spans', () => {
  it.each<[string, string, Granularity, number]>([
    ['2025-01-31', '2025-03-01', 'month', 3],
    ['2024-12-30', '2025-01-05', 'week', 1],
    ['2024-12-29', '2025-01-05', 'week', 2],
    ['2024-12-31', '2025-01-01', 'quarter', 2],
    ['1900-01-01', '2200-12-31', 'year', 301],
    ['2025-01-01', '9999-12-31', 'day', iso('9999-12-31') - iso('2025-01-01') + 1],
  ])('%s to %s by %s touches %i periods', (a, b, g, n) => {
    expect(periodCount(iso(a), iso(b), g)).toBe(n);
  });

  it('picks the finest step that fits', () => {
    // 1900–2200: 301 years fit 380; 1,204 quarters do not.
    expect(fittingStep(iso('1900-01-01'), iso('2200-12-31'), 'day', 380)).toBe('year');
    expect(fittingStep(iso('1900-01-01'), iso('2200-12-31'), 'day', 2000)).toBe('quarter');
    expect(fittingStep(iso('2025-01-01'), iso('2025-01-01'), 'day', 380)).toBe('day');
    expect(fittingStep(iso('2025-01-01'), iso('9999-12-31'), 'day', 380)).toBe(100);
  });

  it('reads years 0–99 as those years, not 1900–1999', () => {
    // Before: Date.UTC(50, …) is 1950.
    expect(partsOf(dayOf(50, 6, 1))).toEqual({ year: 50, month: 6, date: 1 });
    expect(dayOf(1, 1, 1)).toBe(-719_162); // 0001-01-01, proleptic Gregorian
  });
});
