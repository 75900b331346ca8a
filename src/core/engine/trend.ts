/**
 * The funnel over time: counts and step rates per day, week, month, quarter or year.
 *
 * Work is split so that changing the granularity is nearly free: rows are summed once per
 * selection into one bucket per day (`dailyTotals`), and periods are rolled up from the days
 * (`rollUp`), a loop over a few hundred days rather than a million rows.
 */
import type { CompiledFunnel } from './compile';
import { totalsByKey, type KeyedTotals } from './groupby';
import { ratio } from './funnel';
import { nextPeriod, periodLabel, periodStart, type DayRange, type Granularity } from './period';

/** Each row's day as a small integer key: 0 = no date, k = firstDay + k − 1. */
export interface DayKeys {
  keys: Uint32Array;
  firstDay: number;
  /** Number of keys, including the "no date" key 0. */
  size: number;
}

/**
 * Day keys for a date column, computed once per table (not per selection).
 *
 * @example
 * dayKeys({ days: Float64Array.of(20001, NaN, 20000.5) })
 * // { keys: Uint32Array [2, 0, 1], firstDay: 20000, size: 3 }
 */
export function dayKeys(col: { days: Float64Array }): DayKeys {
  const days = col.days;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  const keys = new Uint32Array(days.length);
  if (lo === Infinity) return { keys, firstDay: 0, size: 1 };
  const firstDay = Math.floor(lo);
  // NaN compares false, so an empty date keeps key 0.
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    if (d === d) keys[i] = Math.floor(d) - firstDay + 1;
  }
  return { keys, firstDay, size: Math.floor(hi) - firstDay + 2 };
}

export interface DailyTotals extends KeyedTotals {
  firstDay: number;
}

/**
 * Stage totals per day over a selection (index k + 1 holds day firstDay + k).
 *
 * @example
 * dailyTotals(funnel, dayKeys(dateColumn), rows).counts[0][1] // first stage on the first day
 */
export function dailyTotals(
  funnel: CompiledFunnel,
  keys: DayKeys,
  rows: Uint32Array | null,
): DailyTotals {
  return { ...totalsByKey(funnel, keys.keys, keys.size, rows), firstDay: keys.firstDay };
}

export interface PeriodTotals {
  /** First day and the day after the last (exclusive). */
  start: number;
  end: number;
  label: string;
  counts: number[];
  /** stage k ÷ stage k−1; null on the first stage or a zero denominator. */
  stepRates: (number | null)[];
  cost: number | null;
  revenue: number | null;
  rows: number;
  /** The period reaches past the data (or past the range looked at): its totals are partial. */
  incomplete: boolean;
}

/**
 * Roll daily totals up into periods from the first to the last day that has rows, keeping
 * empty periods in between (a week with no activity is a real zero). A period that `covered`
 * does not span completely, such as the current month of an export that ends on the 12th, is
 * marked incomplete.
 *
 * @example
 * rollUp(daily, 'month', { from: dayOf(2025, 5, 1), to: dayOf(2025, 10, 12) })
 * // six months; the last one (2025-10) has incomplete: true
 */
export function rollUp(daily: DailyTotals, g: Granularity, covered: DayRange): PeriodTotals[] {
  const size = daily.rows.length;
  let firstKey = 1;
  while (firstKey < size && daily.rows[firstKey] === 0) firstKey++;
  let lastKey = size - 1;
  while (lastKey >= firstKey && daily.rows[lastKey] === 0) lastKey--;
  if (firstKey > lastKey) return [];
  const dayAt = (k: number) => daily.firstDay + k - 1;
  const stages = daily.counts.length;
  const out: PeriodTotals[] = [];
  let start = periodStart(dayAt(firstKey), g);
  const lastDay = dayAt(lastKey);
  while (start <= lastDay) {
    const end = nextPeriod(start, g);
    const counts = new Array<number>(stages).fill(0);
    let cost = 0;
    let revenue = 0;
    let rows = 0;
    const from = Math.max(firstKey, start - daily.firstDay + 1);
    const to = Math.min(lastKey, end - 1 - daily.firstDay + 1);
    for (let k = from; k <= to; k++) {
      for (let s = 0; s < stages; s++) counts[s] += daily.counts[s][k];
      if (daily.cost) cost += daily.cost[k];
      if (daily.revenue) revenue += daily.revenue[k];
      rows += daily.rows[k];
    }
    out.push({
      start,
      end,
      label: periodLabel(start, g),
      counts,
      stepRates: counts.map((c, s) => (s === 0 ? null : ratio(c, counts[s - 1]))),
      cost: daily.cost ? cost : null,
      revenue: daily.revenue ? revenue : null,
      rows,
      incomplete: start < covered.from || end - 1 > covered.to,
    });
    start = end;
  }
  return out;
}
