/**
 * Target decomposition (目标分解): split a target over branches, teams or people, then give each
 * unit the count it needs at every stage at its own rates. The parts always add up to the whole:
 * whole-unit targets are split by largest remainder, so 100 orders over three equal teams is
 * 34 + 33 + 33, never 33.33 three times nor 33 + 33 + 33.
 */
import { reverseFunnel, type ReversePlan } from './reverse';
import { stepRates } from './scenario';

export type SplitMethod = 'share' | 'equal' | 'weights';

/**
 * Split `total` in proportion to `weights`, in steps of `unit` (1 for orders, 0.01 for money),
 * so that the parts sum exactly to the total: each part gets the floor of its quota and the
 * leftover steps go to the largest fractional remainders (ties: earlier unit first).
 * Null when the weights are unusable (none positive, or any negative or not finite).
 *
 * @example
 * splitTarget(100, [1, 1, 1])       // [34, 33, 33]
 * splitTarget(10, [5, 3, 2])        // [5, 3, 2]
 * splitTarget(1000.5, [1, 2], 0.01) // [333.5, 667]
 */
export function splitTarget(total: number, weights: readonly number[], unit = 1): number[] | null {
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) return null;
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0) || !Number.isFinite(total)) return null;
  // Work in whole steps so the arithmetic is exact integers.
  const steps = Math.round(total / unit);
  const quotas = weights.map((w) => (steps * w) / sum);
  const parts = quotas.map((q) => Math.floor(q));
  let left = steps - parts.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, rest: q - Math.floor(q) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let j = 0; left > 0 && j < order.length; j++, left--) parts[order[j].i]++;
  return parts.map((p) => (unit === 1 ? p : Number((p * unit).toFixed(decimals(unit)))));
}

function decimals(unit: number): number {
  const s = String(unit);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

export interface DecomposeUnit {
  /** The branch, team or person. */
  name: string;
  /** Its actual counts last period, stage by stage. */
  counts: readonly number[];
  /** Typed weight (the 'weights' method). */
  weight?: number;
}

export interface UnitPlan {
  name: string;
  /** Fraction of the whole this unit carries. */
  share: number;
  /** Its part of the target at the goal stage. */
  target: number;
  /** What it needs at every stage at its own rates (steps it never had use the whole's rate). */
  plan: ReversePlan;
  /** Steps whose rate came from the whole because the unit's own was undefined. */
  borrowed: number[];
}

export type DecomposeResult =
  { ok: true; units: UnitPlan[] } | { ok: false; reason: 'no-units' | 'no-basis' | 'bad-weights' };

/**
 * Split a goal-stage target over units and reverse each unit's funnel.
 *
 * @example
 * decomposeTarget(30, 1, [
 *   { name: '北京', counts: [100, 20] },  // rate 20 %
 *   { name: '上海', counts: [100, 10] },  // rate 10 %
 * ], 'share')
 * // 北京: target 20, needs 100 at the top; 上海: target 10, needs 100
 */
export function decomposeTarget(
  total: number,
  goalStage: number,
  units: readonly DecomposeUnit[],
  method: SplitMethod,
  options: { whole?: boolean } = {},
): DecomposeResult {
  if (units.length === 0) return { ok: false, reason: 'no-units' };
  const weights =
    method === 'equal'
      ? units.map(() => 1)
      : method === 'share'
        ? units.map((u) => u.counts[goalStage] ?? 0)
        : units.map((u) => u.weight ?? 0);
  if (method === 'weights' && weights.some((w) => !Number.isFinite(w) || w < 0))
    return { ok: false, reason: 'bad-weights' };
  const parts = splitTarget(total, weights, options.whole === false ? 0.01 : 1);
  if (!parts) return { ok: false, reason: method === 'weights' ? 'bad-weights' : 'no-basis' };
  const sumWeights = weights.reduce((a, b) => a + b, 0);
  const n = units[0].counts.length;
  const whole = Array.from({ length: n }, (_, k) => units.reduce((s, u) => s + u.counts[k], 0));
  const wholeRates = stepRates(whole);
  return {
    ok: true,
    units: units.map((u, i) => {
      const own = stepRates(u.counts);
      const borrowed: number[] = [];
      const rates = own.map((r, k) => {
        if (k === 0 || r !== null) return r;
        borrowed.push(k);
        return wholeRates[k];
      });
      return {
        name: u.name,
        share: weights[i] / sumWeights,
        target: parts[i],
        plan: reverseFunnel(rates, { kind: 'stage', stage: goalStage, count: parts[i] }, u.counts),
        borrowed,
      };
    }),
  };
}
