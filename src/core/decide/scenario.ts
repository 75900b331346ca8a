/**
 * What-if (情景模拟): start from an actual funnel, change the volume, the budget, any step rate,
 * the cost per paid unit or the value of a last-stage unit, and see every stage, orders,
 * revenue, cost, CPA and ROI, with deltas against the actual funnel.
 *
 * Counts are expectations, so they may be fractional. A stage that cannot be computed (a step
 * whose rate is undefined because the stage above was empty today, and not set by the user) is
 * `null`, shown as "—": inventing a rate would be worse than saying we cannot tell.
 */
import { ratio } from '../engine/funnel';
import { own } from '../table/own';

/** The actual funnel a plan starts from: stage counts plus money (null when not mapped). */
export interface FunnelBase {
  counts: readonly number[];
  cost: number | null;
  revenue: number | null;
}

/** A change to one step rate: set it (0.035 = 3.5 %), or scale it (0.1 = +10 %). */
export type RateEdit = { kind: 'absolute'; rate: number } | { kind: 'relative'; change: number };

export interface ScenarioEdits {
  /** New count of the top stage; null keeps today's. */
  top: number | null;
  /** Budget: buys budget ÷ cost per unit of the paid stage; when set it wins over `top`. */
  budget: number | null;
  /** `rates[k]` changes the step into stage k (k ≥ 1); index 0 and missing entries: no change. */
  rates: (RateEdit | null)[];
  /** Cost per unit of the paid stage (CPC when clicks are paid); null keeps today's. */
  costPerUnit: number | null;
  /** Revenue per last-stage unit (average order value); null keeps today's. */
  averageValue: number | null;
}

export interface ScenarioResult {
  counts: (number | null)[];
  /** Step rates; index 0 is null. */
  rates: (number | null)[];
  /** Last-stage count (orders). */
  last: number | null;
  cost: number | null;
  revenue: number | null;
  costPerUnit: number | null;
  averageValue: number | null;
  /** cost ÷ last (CPA). */
  costPerLast: number | null;
  /** (revenue − cost) ÷ cost. */
  roi: number | null;
}

export interface ScenarioDelta {
  counts: (number | null)[];
  /** Change of each step rate as a fraction (0.01 = +1 percentage point). */
  rates: (number | null)[];
  last: number | null;
  cost: number | null;
  revenue: number | null;
  costPerLast: number | null;
  roi: number | null;
}

/** No change at all: applying it gives the actual funnel back, exactly. */
export function noEdits(): ScenarioEdits {
  return { top: null, budget: null, rates: [], costPerUnit: null, averageValue: null };
}

/**
 * A scenario as the user edits and keeps it: rate changes keyed by the id of the stage the step
 * leads into, so a renamed or reordered stage keeps its change.
 */
export interface ScenarioDraft {
  name: string;
  top: number | null;
  budget: number | null;
  costPerUnit: number | null;
  averageValue: number | null;
  rates: Record<string, RateEdit>;
}

/**
 * A scenario's changes in stage order, ready for `runScenario`.
 *
 * @example
 * editsOf({ …, rates: { clicks: { kind: 'relative', change: 0.1 } } }, ['impressions', 'clicks'])
 * // rates [null, { kind: 'relative', change: 0.1 }]
 */
export function editsOf(draft: ScenarioDraft | null, stageIds: readonly string[]): ScenarioEdits {
  if (!draft) return noEdits();
  return {
    top: draft.top,
    budget: draft.budget,
    costPerUnit: draft.costPerUnit,
    averageValue: draft.averageValue,
    rates: stageIds.map((id, k) => (k === 0 ? null : (own(draft.rates, id) ?? null))),
  };
}

/** Step rates of a list of counts: `rates[k] = counts[k] ÷ counts[k−1]`, `rates[0] = null`. */
export function stepRates(counts: readonly (number | null)[]): (number | null)[] {
  return counts.map((c, k) => (k === 0 ? null : ratio(c, counts[k - 1])));
}

/** The rate a step ends up with; null when today's is undefined and the edit is relative. */
export function editedRate(rate: number | null, edit: RateEdit | null | undefined): number | null {
  if (!edit) return rate;
  if (edit.kind === 'absolute') return Math.max(0, edit.rate);
  return rate === null ? null : Math.max(0, rate * (1 + edit.change));
}

/**
 * Run a scenario against the actual funnel. `paidStage` is the stage cost is paid for (clicks in
 * paid search, else the top); the budget buys that stage and the stages above follow from it.
 *
 * Counts scale rather than re-multiply rates, so an unchanged step keeps today's exact count
 * (1000 × 0.03 would otherwise drift to 30.000000000000004).
 *
 * @example
 * const base = { counts: [10000, 300, 240, 24, 6], cost: 600, revenue: 3000 };
 * runScenario(base, { ...noEdits(), rates: [null, { kind: 'relative', change: 0.1 }] }, 1)
 * // counts [10000, 330, 264, 26.4, 6.6], cost 660 (CPC 2 unchanged), revenue 3300
 */
export function runScenario(base: FunnelBase, edits: ScenarioEdits, paidStage = 0): ScenarioResult {
  const n = base.counts.length;
  const baseRates = stepRates(base.counts);
  const rates = baseRates.map((r, k) => (k === 0 ? null : editedRate(r, edits.rates[k])));
  const counts: (number | null)[] = new Array(n).fill(null);
  // scale[k]: new count ÷ today's count while that ratio is known exactly; null once a step had
  // to be computed directly (today's count was 0 or its rate undefined).
  const scale: (number | null)[] = new Array(n).fill(null);
  const paid = Math.min(Math.max(0, paidStage), n - 1);
  const baseCpu = ratio(base.cost, base.counts[paid]);
  const cpu = edits.costPerUnit ?? baseCpu;
  if (n === 0) return emptyResult();

  let anchor = 0;
  if (edits.budget !== null) {
    anchor = paid;
    counts[paid] = ratio(edits.budget, cpu);
  } else {
    counts[0] = edits.top ?? base.counts[0];
  }
  const anchored = counts[anchor];
  scale[anchor] =
    anchored === null
      ? null
      : anchored === base.counts[anchor]
        ? 1
        : base.counts[anchor] > 0
          ? anchored / base.counts[anchor]
          : null;

  // Factor by which step k's rate changed, when exactly known.
  const factor = (k: number): number | null => {
    const edit = edits.rates[k];
    if (!edit) return baseRates[k] === null ? null : 1;
    if (edit.kind === 'relative') return baseRates[k] === null ? null : 1 + edit.change;
    const r = baseRates[k];
    return r === null || r === 0 ? null : (rates[k] as number) / r;
  };

  for (let k = anchor + 1; k < n; k++) {
    const prev = counts[k - 1];
    const f = factor(k);
    if (prev === null) continue;
    if (prev === 0) {
      counts[k] = 0;
    } else if (scale[k - 1] !== null && f !== null && base.counts[k - 1] > 0) {
      scale[k] = (scale[k - 1] as number) * f;
      counts[k] = base.counts[k] * (scale[k] as number);
    } else {
      const r = rates[k];
      counts[k] = r === null ? null : prev * r;
    }
  }
  for (let k = anchor - 1; k >= 0; k--) {
    const below = counts[k + 1];
    const r = rates[k + 1];
    const f = factor(k + 1);
    if (below === null || r === null || r === 0) continue;
    if (scale[k + 1] !== null && f !== null && f !== 0 && base.counts[k] > 0) {
      scale[k] = (scale[k + 1] as number) / f;
      counts[k] = base.counts[k] * (scale[k] as number);
    } else {
      counts[k] = below / r;
    }
  }

  const last = counts[n - 1];
  let cost: number | null;
  if (edits.budget !== null) cost = edits.budget;
  else if (edits.costPerUnit === null && base.cost !== null && scale[paid] !== null)
    cost = base.cost * (scale[paid] as number);
  else cost = counts[paid] === null || cpu === null ? null : (counts[paid] as number) * cpu;

  const baseAov = ratio(base.revenue, base.counts[n - 1]);
  const aov = edits.averageValue ?? baseAov;
  let revenue: number | null;
  if (edits.averageValue === null && base.revenue !== null && scale[n - 1] !== null)
    revenue = base.revenue * (scale[n - 1] as number);
  else revenue = last === null || aov === null ? null : last * aov;

  return {
    counts,
    rates: stepRates(counts).map((r, k) => (k === 0 ? null : (r ?? rates[k]))),
    last,
    cost,
    revenue,
    costPerUnit: cpu,
    averageValue: aov,
    costPerLast: ratio(cost, last),
    roi: revenue === null || cost === null ? null : ratio(revenue - cost, cost),
  };
}

function emptyResult(): ScenarioResult {
  return {
    counts: [],
    rates: [],
    last: null,
    cost: null,
    revenue: null,
    costPerUnit: null,
    averageValue: null,
    costPerLast: null,
    roi: null,
  };
}

const minus = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : a - b;

/**
 * How a scenario differs from another result (usually the baseline, `runScenario(base, noEdits())`).
 *
 * @example
 * scenarioDelta(withCtrUp, baseline).last // 0.6 more orders
 */
export function scenarioDelta(result: ScenarioResult, baseline: ScenarioResult): ScenarioDelta {
  return {
    counts: result.counts.map((c, k) => minus(c, baseline.counts[k] ?? null)),
    rates: result.rates.map((r, k) => minus(r, baseline.rates[k] ?? null)),
    last: minus(result.last, baseline.last),
    cost: minus(result.cost, baseline.cost),
    revenue: minus(result.revenue, baseline.revenue),
    costPerLast: minus(result.costPerLast, baseline.costPerLast),
    roi: minus(result.roi, baseline.roi),
  };
}

/**
 * The stage cost is paid for: clicks in a paid-search funnel (CPC), else the top stage.
 *
 * @example
 * paidStageOf(['impressions', 'clicks', 'visits']) // 1
 */
export function paidStageOf(stageIds: readonly string[]): number {
  const clicks = stageIds.indexOf('clicks');
  return clicks >= 0 ? clicks : 0;
}
