/**
 * The funnel over time: counts and step rates per day, week, month, quarter or year.
 *
 * Work is split so that changing the granularity is nearly free: rows are summed once per
 * selection into one bucket per day that has rows (`dailyTotals`), and periods are rolled up
 * from those days (`rollUp`), a loop over a few hundred days rather than a million rows. Nothing
 * is sized by the span of the dates: one stray 9999-12-31 among 2025 dates adds one bucket, not
 * three million, and the trend coarsens its step until the periods fit what can be drawn.
 */
import type { CompiledFunnel } from './compile';
import { totalsByKey, type KeyedTotals } from './groupby';
import { ratio } from './funnel';
import {
  fittingStep,
  nextPeriod,
  periodCount,
  periodLabel,
  periodStart,
  type DayRange,
  type Granularity,
  type Step,
} from './period';

/** Each row's day as a small integer key: 0 = no date, k = the day `days[k − 1]`. */
export interface DayKeys {
  keys: Uint32Array;
  /** The days that have rows, ascending. */
  days: Float64Array;
  /** Number of keys, including the "no date" key 0. */
  size: number;
}

/** A Date holds ±100,000,000 days around 1970: a day number past that has no calendar date. */
const CALENDAR_DAYS = 100_000_000;
/** Spans up to this many days (or up to the row count) are keyed through a lookup table. */
const TABLE_SPAN = 1 << 17;

const onCalendar = (d: number) => d >= -CALENDAR_DAYS && d <= CALENDAR_DAYS;

/**
 * Day keys for a date column, computed once per table (not per selection). A day number past
 * the calendar (±100,000,000 days, beyond any Date) counts as no date.
 *
 * @example
 * dayKeys({ days: Float64Array.of(20001, NaN, 20000.5, 2932896) })
 * // { keys: Uint32Array [2, 0, 1, 3], days: Float64Array [20000, 20001, 2932896], size: 4 }
 */
export function dayKeys(col: { days: Float64Array }): DayKeys {
  const src = col.days;
  const n = src.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = src[i];
    if (!onCalendar(d)) continue;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  const keys = new Uint32Array(n);
  if (lo === Infinity) return { keys, days: new Float64Array(0), size: 1 };
  const first = Math.floor(lo);
  const span = Math.floor(hi) - first + 1;
  let days: Float64Array;
  if (span <= Math.max(TABLE_SPAN, n)) {
    // Dates a few years apart: a table indexed by day, no larger than the column itself.
    const index = new Uint32Array(span);
    for (let i = 0; i < n; i++) if (onCalendar(src[i])) index[Math.floor(src[i]) - first] = 1;
    let k = 0;
    for (let j = 0; j < span; j++) if (index[j] !== 0) index[j] = ++k;
    days = new Float64Array(k);
    for (let j = 0; j < span; j++) if (index[j] !== 0) days[index[j] - 1] = first + j;
    for (let i = 0; i < n; i++) if (onCalendar(src[i])) keys[i] = index[Math.floor(src[i]) - first];
  } else {
    // Far-flung dates: key only the days that occur.
    const index = new Map<number, number>();
    for (let i = 0; i < n; i++) if (onCalendar(src[i])) index.set(Math.floor(src[i]), 0);
    days = Float64Array.from(index.keys()).sort();
    for (let k = 0; k < days.length; k++) index.set(days[k], k + 1);
    for (let i = 0; i < n; i++) if (onCalendar(src[i])) keys[i] = index.get(Math.floor(src[i]))!;
  }
  return { keys, days, size: days.length + 1 };
}

export interface DailyTotals extends KeyedTotals {
  /** The day of each key but 0 (`days[k − 1]` for key k), ascending. */
  days: Float64Array;
}

/**
 * Stage totals per day over a selection (index k holds the day `days[k − 1]`).
 *
 * @example
 * dailyTotals(funnel, dayKeys(dateColumn), rows).counts[0][1] // first stage on the first day
 */
export function dailyTotals(
  funnel: CompiledFunnel,
  keys: DayKeys,
  rows: Uint32Array | null,
): DailyTotals {
  return { ...totalsByKey(funnel, keys.keys, keys.size, rows), days: keys.days };
}

/** A trend split by a dimension: each value of a text column with its own daily totals. */
export interface SplitDaily {
  /** Per dictionary code that has selected rows: the value and its daily totals. */
  series: { code: number; value: string; daily: DailyTotals }[];
}

/** Accumulators a split may take (days × values): beyond it the caller splits fewer values. */
export const MAX_SPLIT_KEYS = 1 << 22;

/**
 * Stage totals per day and per value of `col` (month × branch, week × channel …) in one pass
 * over the selected rows: each row's key is its value's code × days + its day key, so one
 * `totalsByKey` fills every value's days at once, where a trend per value would select and sum
 * the rows once per value. Each value's daily totals are views into the shared arrays, ready
 * for `rollUp` / `trendOf`. Null when days × values exceeds MAX_SPLIT_KEYS.
 *
 * @example
 * dailyTotalsBy(funnel, dayKeys(date), branch, null)!.series.map((s) => s.value) // ['北京', '上海']
 */
export function dailyTotalsBy(
  funnel: CompiledFunnel,
  keys: DayKeys,
  col: { codes: ArrayLike<number>; dict: readonly string[] },
  rows: Uint32Array | null,
): SplitDaily | null {
  const days = keys.size;
  const values = col.dict.length;
  if (days * values > MAX_SPLIT_KEYS) return null;
  const dayKey = keys.keys;
  const codes = col.codes;
  const combined = new Uint32Array(dayKey.length);
  if (rows === null)
    for (let i = 0; i < combined.length; i++) combined[i] = codes[i] * days + dayKey[i];
  else for (const i of rows) combined[i] = codes[i] * days + dayKey[i];
  const all = totalsByKey(funnel, combined, days * values, rows);
  const series: SplitDaily['series'] = [];
  for (let code = 0; code < values; code++) {
    const from = code * days;
    const to = from + days;
    let n = 0;
    for (let k = from; k < to; k++) n += all.rows[k];
    if (n === 0) continue;
    series.push({
      code,
      value: col.dict[code],
      daily: {
        counts: all.counts.map((c) => c.subarray(from, to)),
        cost: all.cost ? all.cost.subarray(from, to) : null,
        revenue: all.revenue ? all.revenue.subarray(from, to) : null,
        rows: all.rows.subarray(from, to),
        days: keys.days,
      },
    });
  }
  return { series };
}

/** A split of the values that fit: `left` values with selected rows were not split. */
export interface FittedSplit extends SplitDaily {
  left: number;
}

/**
 * `dailyTotalsBy`, or when days × values is past MAX_SPLIT_KEYS (a column of thousands of
 * keywords over years of days), the same one pass over the rows of the values with the most
 * selected rows that fit, codes renumbered to the kept values; the rest are counted in `left`.
 * Values with no selected row never take accumulators, whatever the dictionary's size.
 *
 * @example
 * splitDaily(funnel, dayKeys(date), keyword, rows) // { series: […the 4,194 biggest], left: 806 }
 */
export function splitDaily(
  funnel: CompiledFunnel,
  keys: DayKeys,
  col: { codes: ArrayLike<number>; dict: readonly string[] },
  rows: Uint32Array | null,
): FittedSplit {
  const whole = dailyTotalsBy(funnel, keys, col, rows);
  if (whole) return { ...whole, left: 0 };
  const codes = col.codes;
  const n = codes.length;
  const count = new Float64Array(col.dict.length);
  if (rows === null) for (let i = 0; i < n; i++) count[codes[i]]++;
  else for (const i of rows) count[codes[i]]++;
  const present: number[] = [];
  for (let c = 0; c < count.length; c++) if (count[c] > 0) present.push(c);
  const kept = present
    .sort((a, b) => count[b] - count[a] || a - b)
    .slice(0, Math.floor(MAX_SPLIT_KEYS / keys.size))
    .sort((a, b) => a - b);
  const index = new Int32Array(col.dict.length).fill(-1);
  kept.forEach((c, k) => (index[c] = k));
  const compact = new Uint32Array(n);
  const within = new Uint32Array(rows ? rows.length : n);
  let m = 0;
  const take = (i: number) => {
    const k = index[codes[i]];
    if (k < 0) return;
    compact[i] = k;
    within[m++] = i;
  };
  if (rows === null) for (let i = 0; i < n; i++) take(i);
  else for (const i of rows) take(i);
  const dict = kept.map((c) => col.dict[c]);
  const split = dailyTotalsBy(funnel, keys, { codes: compact, dict }, within.subarray(0, m))!;
  return {
    series: split.series.map((s) => ({ ...s, code: kept[s.code] })),
    left: present.length - kept.length,
  };
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

/** Indexes into `days` of the first and last day the selection has rows on; null when none. */
function selectedDays(daily: DailyTotals): { first: number; last: number } | null {
  const n = daily.days.length;
  let first = 0;
  while (first < n && daily.rows[first + 1] === 0) first++;
  let last = n - 1;
  while (last >= first && daily.rows[last + 1] === 0) last--;
  return first > last ? null : { first, last };
}

/**
 * Roll daily totals up into periods from the first to the last day that has rows, keeping
 * empty periods in between (a week with no activity is a real zero). A period that `covered`
 * does not span completely, such as the current month of an export that ends on the 12th, is
 * marked incomplete. The work is one step per period plus one per day with rows.
 *
 * @example
 * rollUp(daily, 'month', { from: dayOf(2025, 5, 1), to: dayOf(2025, 10, 12) })
 * // six months; the last one (2025-10) has incomplete: true
 */
export function rollUp(daily: DailyTotals, g: Step, covered: DayRange): PeriodTotals[] {
  const span = selectedDays(daily);
  if (!span) return [];
  const days = daily.days;
  const stages = daily.counts.length;
  const out: PeriodTotals[] = [];
  let k = span.first;
  let start = periodStart(days[k], g);
  const lastDay = days[span.last];
  while (start <= lastDay) {
    const end = nextPeriod(start, g);
    const counts = new Array<number>(stages).fill(0);
    let cost = 0;
    let revenue = 0;
    let rows = 0;
    for (; k <= span.last && days[k] < end; k++) {
      const key = k + 1;
      for (let s = 0; s < stages; s++) counts[s] += daily.counts[s][key];
      if (daily.cost) cost += daily.cost[key];
      if (daily.revenue) revenue += daily.revenue[key];
      rows += daily.rows[key];
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

/**
 * At most this many periods are drawn: two pixels a point on the 760-pixel overview, and a
 * table a reader can still scroll through.
 */
export const MAX_TREND_PERIODS = 380;

export interface Trend {
  /** The step the periods are cut by: the chosen granularity, or a coarser one when that one
   * would make more than the periods that can be drawn. */
  step: Step;
  /** How many periods the chosen granularity would have made. */
  wanted: number;
  periods: PeriodTotals[];
}

/**
 * The trend at granularity `g`, coarsened (day → week → month → quarter → year → 10 years →
 * 100 years …) until it has at most `max` periods, so no span of dates can make it draw more
 * than fits.
 *
 * @example
 * // Dates from January 2025 and one stray 9999-12-31, asked by month:
 * trendOf(daily, 'month', covered)
 * // { step: 100, wanted: 95_700, periods: 2000–2099 … 9900–9999 (80 of them) }
 */
export function trendOf(
  daily: DailyTotals,
  g: Granularity,
  covered: DayRange,
  max = MAX_TREND_PERIODS,
): Trend {
  const span = selectedDays(daily);
  if (!span) return { step: g, wanted: 0, periods: [] };
  const first = daily.days[span.first];
  const last = daily.days[span.last];
  const step = fittingStep(first, last, g, max);
  return { step, wanted: periodCount(first, last, g), periods: rollUp(daily, step, covered) };
}
