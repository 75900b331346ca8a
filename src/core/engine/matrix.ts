/**
 * The conversion matrix (阶段转化率矩阵): segments as rows, step rates as columns, each rate with
 * its counts and, when it rests on few entries, its Wilson 95 % interval.
 */
import { ratio } from './funnel';
import type { SegmentTotals } from './groupby';
import { SMALL_SAMPLE, wilson, type Interval } from './wilson';

export interface MatrixRow {
  value: string;
  counts: number[];
  /** stage k ÷ stage k−1 (index 0 is null). */
  stepRates: (number | null)[];
  /** last stage ÷ first stage. */
  overallRate: number | null;
  /** Wilson interval of each step rate whose denominator is under SMALL_SAMPLE, else null. */
  intervals: (Interval | null)[];
  /** The step rate's denominator is under SMALL_SAMPLE (but above 0). */
  small: boolean[];
  cost: number | null;
  revenue: number | null;
}

/**
 * One matrix row per segment.
 *
 * @example
 * conversionMatrix([{ value: '北京', counts: [1000, 20, 5], … }])[0]
 * // { stepRates: [null, 0.02, 0.25], small: [false, false, true], intervals: [null, null, {…}] }
 */
export function conversionMatrix(segments: readonly SegmentTotals[]): MatrixRow[] {
  return segments.map((s) => {
    const stepRates = s.counts.map((c, k) => (k === 0 ? null : ratio(c, s.counts[k - 1])));
    const small = s.counts.map(
      (_, k) => k > 0 && s.counts[k - 1] > 0 && s.counts[k - 1] < SMALL_SAMPLE,
    );
    return {
      value: s.value,
      counts: s.counts,
      stepRates,
      overallRate: ratio(s.counts[s.counts.length - 1], s.counts[0]),
      intervals: s.counts.map((c, k) => (small[k] ? wilson(c, s.counts[k - 1]) : null)),
      small,
      cost: s.cost,
      revenue: s.revenue,
    };
  });
}

/** What a matrix can be sorted by: the segment name, a stage's count, a step rate, the overall rate. */
export type MatrixSort =
  | { by: 'segment' }
  | { by: 'count'; stage: number }
  | { by: 'rate'; stage: number }
  | { by: 'overall' };

/**
 * The rows in a new array, sorted; undefined rates (—) always go last, ties keep their order.
 *
 * @example
 * sortMatrix(rows, { by: 'rate', stage: 1 }, 'desc') // highest click-through rate first
 */
export function sortMatrix(
  rows: readonly MatrixRow[],
  sort: MatrixSort,
  direction: 'asc' | 'desc',
): MatrixRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  if (sort.by === 'segment') {
    const collator = new Intl.Collator('zh-Hans-CN');
    return [...rows].sort((a, b) => sign * collator.compare(a.value, b.value));
  }
  // Keys read once into a typed array: thousands of keywords sort in a few milliseconds, and
  // the comparator never touches the row objects (or a reactive proxy of `sort`).
  const { by } = sort;
  const stage = sort.by === 'count' || sort.by === 'rate' ? sort.stage : 0;
  const keys = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    const v = by === 'count' ? r.counts[stage] : by === 'rate' ? r.stepRates[stage] : r.overallRate;
    keys[i] = v === null ? NaN : v;
  });
  const order = Array.from(rows, (_, i) => i);
  order.sort((a, b) => {
    const x = keys[a];
    const y = keys[b];
    // Undefined (NaN) last in either direction; ties keep their order (the sort is stable).
    if (x !== x || y !== y) return x !== x ? (y !== y ? 0 : 1) : -1;
    return sign * (x - y);
  });
  return order.map((i) => rows[i]);
}
