/**
 * Time to convert (转化时长): for each step, how long the counted people who reached it took, from
 * step 1 and from the step before, on their counted path (the earliest entry that takes them
 * furthest, then the earliest events in order after it). Median, mean and 90th percentile in
 * seconds (percentiles interpolated as `summariseDays` does), and a histogram on log-spaced bins.
 */
import type { DaysSummary } from './pipeline';
import type { EventRun } from './events-funnel';
import { MICROS_PER_SECOND } from './events-time';

export interface StepTiming {
  /** Seconds from step 1 to this step (all zero on step 1). */
  fromStart: DaysSummary;
  /** Seconds from the step before to this step; null on step 1. */
  fromPrevious: DaysSummary | null;
}

// One buffer for every list of spans: each is summarised before the next is made.
let scratch = new Float64Array(0);

/**
 * Seconds from step `a` to step `b` for each of `people` that reached `b` (a view of a shared
 * buffer, valid until the next call).
 */
function spans(run: EventRun, people: Int32Array, a: number, b: number): Float64Array {
  const n = run.steps;
  if (scratch.length < people.length) scratch = new Float64Array(people.length);
  const out = scratch;
  let len = 0;
  for (let j = 0; j < people.length; j++) {
    const p = people[j];
    if (run.reached[p] < b) continue;
    out[len++] = (run.offsets[p * n + b] - run.offsets[p * n + a]) / MICROS_PER_SECOND;
  }
  return out.subarray(0, len);
}

/**
 * The k-th smallest of a[lo..hi] (a is reordered around it), by a three-way partition: equal
 * values, such as a thousand zero-second steps, cost one pass, never a quadratic one.
 */
function select(a: Float64Array, k: number, lo: number, hi: number): number {
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i];
      if (v < pivot) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt];
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[k];
}

/**
 * Count, median, mean and 90th percentile of `values` (reordered in place), interpolated
 * between the two nearest values as `summariseDays` does, by selection rather than a sort:
 * a step half a million people reached costs a few passes.
 *
 * @example
 * summarise(Float64Array.of(10, 1, 3, 2)) // { count: 4, median: 2.5, mean: 4, p90: 7.9 }
 */
export function summarise(values: Float64Array): DaysSummary {
  const n = values.length;
  if (n === 0) return { count: 0, median: null, mean: null, p90: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const at = (p: number): number => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const low = select(values, lo, 0, n - 1);
    if (lo + 1 >= n || h === lo) return low;
    // The next value up is the smallest of those the selection put after it.
    let next = Infinity;
    for (let i = lo + 1; i < n; i++) if (values[i] < next) next = values[i];
    return low + (h - lo) * (next - low);
  };
  return { count: n, median: at(0.5), mean: sum / n, p90: at(0.9) };
}

/**
 * Time to convert to each step over the counted people (see `countedPeople`).
 *
 * @example
 * // a: 访问 10:00, 咨询 10:10, 下单 11:00; b: 访问 09:00, 咨询 09:30
 * eventTiming(run, people)[1].fromStart.median // 1200 (seconds: 600 and 1800)
 * eventTiming(run, people)[2].fromPrevious.median // 3000
 */
export function eventTiming(run: EventRun, people: Int32Array): StepTiming[] {
  const out: StepTiming[] = [];
  for (let k = 0; k < run.steps; k++) {
    out.push({
      fromStart: summarise(spans(run, people, 0, k)),
      fromPrevious: k > 0 ? summarise(spans(run, people, k - 1, k)) : null,
    });
  }
  return out;
}

export interface TimeBin {
  /** Seconds, from (inclusive) to (exclusive); the first bin holds everything under 1 s. */
  from: number;
  to: number;
  count: number;
}

/** Bins per power of ten. */
const BINS_PER_DECADE = 4;

/**
 * The distribution of seconds from step 1 to step `k` among the counted people who reached it,
 * on log-spaced bins (four per power of ten: 1 s, 1.8 s, 3.2 s, 5.6 s, 10 s …), with one bin
 * for under a second; from the first filled bin to the last.
 *
 * @example
 * timeHistogram(run, people, 2) // [{ from: 0, to: 1, count: 3 }, …, { from: 3162, to: 5623, count: 40 }]
 */
export function timeHistogram(run: EventRun, people: Int32Array, k: number): TimeBin[] {
  const values = spans(run, people, 0, k);
  if (values.length === 0) return [];
  // The epsilon keeps 1000 s in the bin that starts at 1000 s, whatever log10's last bit says.
  const binOf = (v: number) => (v < 1 ? 0 : 1 + Math.floor(Math.log10(v) * BINS_PER_DECADE + 1e-9));
  let hi = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > hi) hi = values[i];
  const counts = new Float64Array(binOf(hi) + 1);
  for (let i = 0; i < values.length; i++) counts[binOf(values[i])]++;
  const edge = (b: number) => (b === 0 ? 0 : 10 ** ((b - 1) / BINS_PER_DECADE));
  let first = 0;
  while (counts[first] === 0) first++;
  let last = counts.length - 1;
  while (counts[last] === 0) last--;
  const out: TimeBin[] = [];
  for (let b = first; b <= last; b++)
    out.push({ from: edge(b), to: edge(b + 1), count: counts[b] });
  return out;
}
