/**
 * Sensitivity: which single step, improved by the same amount, brings the most last-stage units.
 *
 * Two kinds of "same amount" answer different questions. A relative change (+10 % of each rate)
 * lifts the last stage by the same 10 % whichever step it is applied to, so the levers differ
 * only in what they cost: a higher click-through rate buys more clicks. A change in percentage
 * points (+1 pp) favours the steps with low rates: 3 % → 4 % is a third more, 80 % → 81 % barely
 * anything. Levers are ranked by last-stage gain; equal gains by cost (a lever that costs nothing
 * before one that buys clicks, whether or not the data has revenue), then by the smallest change
 * of its rate (+10 % of 10 % is one point, of 80 % eight).
 */
import { noEdits, runScenario, type FunnelBase, type RateEdit } from './scenario';

export type Improvement = { kind: 'relative'; change: number } | { kind: 'points'; points: number };

export interface Lever {
  /** The step into stage `step` (≥ 1). */
  step: number;
  /** Last-stage gain when the rate improves; null when the funnel below cannot be computed. */
  up: number | null;
  /** Last-stage change when the rate worsens by the same amount (≤ 0). */
  down: number | null;
  /** How far the rate itself moves, in rate units (0.01 = one percentage point). */
  change: number | null;
  /** Cost, revenue and profit (revenue − cost) changes of the improvement. */
  cost: number | null;
  revenue: number | null;
  profit: number | null;
}

export interface Sensitivity {
  /** Ranked: largest gain first; steps with no computable gain last, in funnel order. */
  levers: Lever[];
  /** Step of the best single lever, null when no step gains anything. */
  best: number | null;
  /** Several levers give the same gain (the relative case); `best` then won on cost and change. */
  tied: boolean;
  /** Every lever gains and loses the same: a chart of them would show nothing. */
  flat: boolean;
}

function editFor(imp: Improvement, rate: number | null, sign: 1 | -1): RateEdit | null {
  if (imp.kind === 'relative') return { kind: 'relative', change: sign * imp.change };
  if (rate === null) return null;
  return { kind: 'absolute', rate: Math.max(0, rate + sign * imp.points) };
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

/** Known values first, smaller first; unknown ones after, in the order they came. */
function ascending(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  return near(a, b) ? 0 : a - b;
}

/**
 * Last-stage gain of the same improvement applied to each step alone.
 *
 * @example
 * // 10000 → 300 → 240 → 24 → 6 (CTR 3 %, visit 80 %, consultation 10 %, order 25 %)
 * sensitivity(base, { kind: 'points', points: 0.01 }, 1).best
 * // 1: CTR 3 % → 4 % gives 8 orders (+2); order rate 25 % → 26 % gives 6.24 (+0.24)
 */
export function sensitivity(base: FunnelBase, imp: Improvement, paidStage = 0): Sensitivity {
  const baseline = runScenario(base, noEdits(), paidStage);
  const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  const levers: Lever[] = [];
  for (let k = 1; k < base.counts.length; k++) {
    const rate = baseline.rates[k];
    const run = (sign: 1 | -1) => {
      const edit = editFor(imp, rate, sign);
      if (!edit) return null;
      const rates: (RateEdit | null)[] = [];
      rates[k] = edit;
      return runScenario(base, { ...noEdits(), rates }, paidStage);
    };
    const up = run(1);
    const down = run(-1);
    const cost = minus(up?.cost ?? null, baseline.cost);
    const revenue = minus(up?.revenue ?? null, baseline.revenue);
    const moved = up?.rates[k] ?? null;
    levers.push({
      step: k,
      up: minus(up?.last ?? null, baseline.last),
      down: minus(down?.last ?? null, baseline.last),
      change: moved === null || rate === null ? null : Math.abs(moved - rate),
      cost,
      revenue,
      profit: minus(revenue, cost),
    });
  }
  const ranked = [...levers].sort((a, b) => {
    if (a.up === null || b.up === null) return a.up === null ? (b.up === null ? 0 : 1) : -1;
    if (!near(a.up, b.up)) return b.up - a.up;
    return ascending(a.cost, b.cost) || ascending(a.change, b.change);
  });
  const top = ranked[0];
  const best = top && top.up !== null && top.up > 0 ? top.step : null;
  const tied =
    best !== null &&
    ranked.length > 1 &&
    ranked[1].up !== null &&
    near(ranked[1].up, top.up as number);
  const same = (a: number | null, b: number | null) =>
    a === null || b === null ? a === b : near(a, b);
  const flat =
    levers.length > 1 &&
    levers.every((l) => same(l.up, levers[0].up) && same(l.down, levers[0].down));
  return { levers: ranked, best, tied, flat };
}
