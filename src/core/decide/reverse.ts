/**
 * The reverse funnel (漏斗计算, 反推): from a target at one stage, or a revenue target, the count
 * every stage needs at given step rates, and the budget that buys it; or, holding the top
 * volume, the rate one step would need instead.
 *
 * A step with a zero or undefined rate cannot be reversed: the stages above it are
 * "unreachable" (null with a flag), never Infinity.
 */
import { ratio } from '../engine/funnel';

export type ReverseGoal =
  { kind: 'stage'; stage: number; count: number } | { kind: 'revenue'; revenue: number };

export interface ReverseOptions {
  /** Revenue per last-stage unit; needed for a revenue goal. */
  averageValue?: number | null;
  /** Cost per unit of the paid stage (CPC); gives the budget. */
  costPerUnit?: number | null;
  /** Index of the paid stage (clicks in paid search). */
  paidStage?: number;
}

export interface RequiredStage {
  /** Exact requirement (fractional), null when unreachable at these rates. */
  required: number | null;
  /** Rounded up to whole units: 3333.3 consultations means 3334 in practice. */
  whole: number | null;
  /** Stages below the goal are what the goal brings with it, not requirements. */
  role: 'required' | 'goal' | 'expected';
  /** required − actual (positive: this many more needed); null without both. */
  gap: number | null;
}

export interface ReversePlan {
  stages: RequiredStage[];
  /** Stage the goal sits at (the last stage for a revenue goal). */
  goalStage: number;
  /** Budget = required paid-stage count × cost per unit; null when either is unknown. */
  budget: number | null;
  /**
   * The step whose zero or undefined rate blocks the way up (stages above it are unreachable),
   * or null when every stage up to the goal can be computed.
   */
  blockedStep: number | null;
  /** The goal needs more of the top stage than today's. */
  topShort: boolean;
}

/** Round up, forgiving float noise (2999.9999999999995 is 3000, not 3001). */
export function ceilWhole(x: number): number {
  // + 0 turns the −0 that ceil(−1e-9) gives into 0, which would otherwise print as "-0".
  return Math.ceil(x - 1e-9 * Math.max(1, Math.abs(x))) + 0;
}

/**
 * Counts required at every stage to reach a goal, at the given step rates (`rates[k]` is the
 * step into stage k; today's or a scenario's).
 *
 * @example
 * // rates: CTR 3 %, visit 80 %, consultation 10 %, order 25 %; 500 orders
 * reverseFunnel([null, 0.03, 0.8, 0.1, 0.25], { kind: 'stage', stage: 4, count: 500 },
 *   [10000, 300, 240, 24, 6], { costPerUnit: 2, paidStage: 1 })
 * // required [833333.3, 25000, 20000, 2000, 500], budget 50000
 */
export function reverseFunnel(
  rates: readonly (number | null)[],
  goal: ReverseGoal,
  actual: readonly number[],
  options: ReverseOptions = {},
): ReversePlan {
  const n = rates.length;
  const goalStage = goal.kind === 'stage' ? Math.min(Math.max(0, goal.stage), n - 1) : n - 1;
  const goalCount =
    goal.kind === 'stage' ? goal.count : ratio(goal.revenue, options.averageValue ?? null);
  const req: (number | null)[] = new Array(n).fill(null);
  req[goalStage] = goalCount;
  let blockedStep: number | null = null;
  for (let k = goalStage; k > 0; k--) {
    const r = rates[k];
    if (req[k] !== null && (r === null || r === 0)) blockedStep = k;
    req[k - 1] = req[k] === null || r === null || r === 0 ? null : (req[k] as number) / r;
  }
  for (let k = goalStage + 1; k < n; k++) {
    const r = rates[k];
    req[k] = req[k - 1] === null || r === null ? null : (req[k - 1] as number) * r;
  }

  const paid = Math.min(Math.max(0, options.paidStage ?? 0), n - 1);
  const cpu = options.costPerUnit ?? null;
  const stages: RequiredStage[] = req.map((r, k) => ({
    required: r,
    whole: r === null ? null : k > goalStage ? r : ceilWhole(r),
    role: k < goalStage ? 'required' : k === goalStage ? 'goal' : 'expected',
    gap: r === null || actual[k] === undefined ? null : r - actual[k],
  }));
  const top = req[0];
  return {
    stages,
    goalStage,
    budget: req[paid] === null || cpu === null ? null : (req[paid] as number) * cpu,
    blockedStep,
    topShort: top !== null && actual[0] !== undefined && top > actual[0],
  };
}

export interface RateNeeded {
  /** The rate the step would need; null when another step's rate is zero or undefined. */
  rate: number | null;
  /** Today's rate of that step. */
  current: number | null;
  /** The needed rate is above 100 %: the top volume cannot supply the goal through this step. */
  aboveOne: boolean;
  /** The goal exceeds the top count itself: no rate anywhere can reach it. */
  aboveTop: boolean;
}

/**
 * Holding today's top volume and every other rate, the rate step `step` would need so that stage
 * `goalStage` reaches `count`.
 *
 * @example
 * // 10000 impressions, CTR 3 %, visit 80 %, consultation 10 %, order 25 %; 12 orders wanted
 * rateNeeded(10000, [null, 0.03, 0.8, 0.1, 0.25], 4, 12, 3) // rate 0.2 (consultation rate 20 %)
 */
export function rateNeeded(
  top: number,
  rates: readonly (number | null)[],
  goalStage: number,
  count: number,
  step: number,
): RateNeeded {
  const current = rates[step] ?? null;
  let through: number | null = top;
  for (let k = 1; k <= goalStage; k++) {
    if (k === step) continue;
    const r = rates[k];
    through = through === null || r === null ? null : through * r;
  }
  const valid = step >= 1 && step <= goalStage;
  const rate = valid ? ratio(count, through) : null;
  return {
    rate,
    current,
    aboveOne: rate !== null && rate > 1,
    aboveTop: count > top,
  };
}
