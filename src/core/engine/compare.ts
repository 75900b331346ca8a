/**
 * Two funnels side by side: this period against the previous one or last year's, one segment
 * against another, or the actual funnel against a target (理想漏斗). Counts differ in units and
 * relative terms; rates differ in percentage points, never in "percent of a percent".
 */
import { ratio } from './funnel';

/** One side of a comparison. A target funnel may name only some stages. */
export interface FunnelSide {
  stages: readonly { label: string; count: number }[];
  cost?: number | null;
  revenue?: number | null;
}

export interface Delta {
  current: number | null;
  base: number | null;
  /** current − base */
  delta: number | null;
  /** (current − base) ÷ base; null when base is 0 or missing. */
  relative: number | null;
}

export interface StageComparison extends Delta {
  label: string;
  /** Step rates of each side and their difference as a fraction (0.012 = 1.2 percentage points). */
  currentStepRate: number | null;
  baseStepRate: number | null;
  stepRatePoints: number | null;
  currentOverallRate: number | null;
  baseOverallRate: number | null;
  overallRatePoints: number | null;
}

export interface Comparison {
  stages: StageComparison[];
  cost: Delta;
  revenue: Delta;
  /** Base stages whose label the current funnel lacks (shown, never silently dropped). */
  unmatched: string[];
}

/**
 * The difference of two optional numbers, absolute and relative.
 *
 * @example
 * delta(120, 100) // { current: 120, base: 100, delta: 20, relative: 0.2 }
 */
export function delta(current: number | null | undefined, base: number | null | undefined): Delta {
  const c = current ?? null;
  const b = base ?? null;
  const d = c === null || b === null ? null : c - b;
  return { current: c, base: b, delta: d, relative: ratio(d, b) };
}

function minus(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b;
}

/** Step and overall rates along counts that may have gaps (a target naming some stages only). */
function rates(counts: (number | null)[]): { step: (number | null)[]; overall: (number | null)[] } {
  return {
    step: counts.map((c, k) => (k === 0 ? null : ratio(c, counts[k - 1]))),
    overall: counts.map((c) => ratio(c, counts[0])),
  };
}

/**
 * Pair `current` with `base` stage by stage, matched by label in the current funnel's order.
 *
 * @example
 * compareFunnels(
 *   { stages: [{ label: '点击', count: 120 }, { label: '订单', count: 6 }] },
 *   { stages: [{ label: '点击', count: 100 }, { label: '订单', count: 4 }] },
 * ).stages[1]
 * // { delta: 2, relative: 0.5, currentStepRate: 0.05, baseStepRate: 0.04, stepRatePoints: 0.01, … }
 */
export function compareFunnels(current: FunnelSide, base: FunnelSide): Comparison {
  const baseByLabel = new Map(base.stages.map((s) => [s.label, s.count]));
  const cur = current.stages.map((s) => s.count);
  const bas = current.stages.map((s) => baseByLabel.get(s.label) ?? null);
  const cr = rates(cur);
  const br = rates(bas);
  const labels = new Set(current.stages.map((s) => s.label));
  return {
    stages: current.stages.map((s, k) => ({
      label: s.label,
      ...delta(cur[k], bas[k]),
      currentStepRate: cr.step[k],
      baseStepRate: br.step[k],
      stepRatePoints: minus(cr.step[k], br.step[k]),
      currentOverallRate: cr.overall[k],
      baseOverallRate: br.overall[k],
      overallRatePoints: minus(cr.overall[k], br.overall[k]),
    })),
    cost: delta(current.cost, base.cost),
    revenue: delta(current.revenue, base.revenue),
    unmatched: base.stages.filter((s) => !labels.has(s.label)).map((s) => s.label),
  };
}
