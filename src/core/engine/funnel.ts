/**
 * Funnel metrics from stage totals: the numbers every screen shows.
 *
 * A ratio whose denominator is zero (or missing) is `null`, never NaN or Infinity; the UI shows
 * it as "—". A stage larger than the one above it is allowed (silent orders, skipped stages)
 * and flagged, never an error.
 */

export interface StageInput {
  label: string;
  count: number;
}

export interface StageMetrics {
  label: string;
  count: number;
  /** count ÷ previous stage's count; null on the first stage or when the previous is 0. */
  stepRate: number | null;
  /** count ÷ first stage's count. */
  overallRate: number | null;
  /** previous − this (negative when this stage grew); null on the first stage. */
  dropCount: number | null;
  /** dropCount ÷ previous. */
  dropShare: number | null;
  /** Larger than the stage above: the funnel is not nested here. */
  exceedsPrevious: boolean;
  /** cost ÷ count (CPM is ×1000 of the first stage's; see `costPerMille`). */
  costPer: number | null;
}

export interface FunnelMetrics {
  stages: StageMetrics[];
  cost: number | null;
  revenue: number | null;
  /** cost per thousand of the first stage (CPM for impressions). */
  costPerMille: number | null;
  /** (revenue − cost) ÷ cost */
  roi: number | null;
  /** revenue ÷ cost */
  roas: number | null;
  /** revenue ÷ last stage count */
  averageOrderValue: number | null;
  /** cost ÷ last stage count */
  costPerLast: number | null;
  /** Any stage exceeds the one above it. */
  nonMonotonic: boolean;
}

/** a ÷ b, or null when b is zero or either side is not a finite number. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

/**
 * Metrics of one funnel.
 *
 * @example
 * funnelMetrics([{label:'展现', count:1000}, {label:'点击', count:30}], 60, 90)
 * // stages[1].stepRate = 0.03, costPer = 2, roi = 0.5, costPerMille = 60
 */
export function funnelMetrics(
  stages: readonly StageInput[],
  cost: number | null = null,
  revenue: number | null = null,
): FunnelMetrics {
  const first = stages.length ? stages[0].count : null;
  const out: StageMetrics[] = stages.map((s, k) => {
    const prev = k > 0 ? stages[k - 1].count : null;
    const dropCount = prev === null ? null : prev - s.count;
    return {
      label: s.label,
      count: s.count,
      stepRate: ratio(s.count, prev),
      overallRate: ratio(s.count, first),
      dropCount,
      dropShare: ratio(dropCount, prev),
      exceedsPrevious: prev !== null && s.count > prev,
      costPer: ratio(cost, s.count),
    };
  });
  const last = stages.length ? stages[stages.length - 1].count : null;
  const thousand = ratio(cost, first);
  return {
    stages: out,
    cost,
    revenue,
    costPerMille: thousand === null ? null : thousand * 1000,
    roi: revenue === null ? null : ratio(revenue - (cost ?? 0), cost),
    roas: ratio(revenue, cost),
    averageOrderValue: ratio(revenue, last),
    costPerLast: ratio(cost, last),
    nonMonotonic: out.some((s) => s.exceedsPrevious),
  };
}
