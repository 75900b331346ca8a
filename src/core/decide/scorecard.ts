/**
 * The scorecard (业绩考核): every member of one level (salespeople by default) side by side, each
 * with every stage count and step rate, attainment of target (完成率 = actual ÷ target), the step
 * where the member falls furthest below the other members' average and what meeting it would be
 * worth at the bottom of the funnel (won deals, orders), the member's stalled deals, and a rank.
 *
 * The peer average is the one Diagnose uses (`peerAverage`): each other member counts once, and
 * a member whose rate is undefined is left out of that step's average.
 */
import Papa from 'papaparse';
import { lastNumber, parseNumber } from '../read/values';
import { diagnose } from './diagnose';
import { splitTarget } from './decompose';
import { stepRates } from './scenario';

export interface MemberInput {
  member: string;
  /** Its count at every stage. */
  counts: readonly number[];
  /** Its target at the scorecard's target stage; null where it has none. */
  target: number | null;
  /** Its open deals stalled in their stage (see stalled.ts). */
  stalled: number;
}

/** The step (index k ≥ 1: the step into stage k) that costs a member most against its peers. */
export interface WeakStep {
  index: number;
  rate: number | null;
  peerRate: number;
  /** Last-stage units gained if this one step met the peer average. */
  gain: number;
}

export interface ScoreRow {
  member: string;
  counts: number[];
  /** Step rates; index 0 null. */
  rates: (number | null)[];
  /** Last stage ÷ first stage. */
  overall: number | null;
  /** The other members' average step rates (index 0 null). */
  peerRates: (number | null)[];
  target: number | null;
  /** Count at the target stage ÷ target; null without a (positive) target. */
  attainment: number | null;
  weakest: WeakStep | null;
  stalled: number;
  /** 1 = best; members that tie share a rank (1, 2, 2, 4). */
  rank: number;
}

/**
 * Each member's peers' average step rates, without building n − 1 lists per member: the sum and
 * number of defined rates per step over all members, minus the member's own.
 */
function peerRatesOf(rates: readonly (number | null)[][], n: number): (number | null)[][] {
  const sum = new Float64Array(n);
  const defined = new Float64Array(n);
  for (const r of rates)
    for (let k = 1; k < n; k++) {
      if (r[k] === null) continue;
      sum[k] += r[k] as number;
      defined[k]++;
    }
  return rates.map((own) =>
    Array.from({ length: n }, (_, k) => {
      if (k === 0) return null;
      const o = own[k];
      const s = o === null ? sum[k] : sum[k] - o;
      const c = o === null ? defined[k] : defined[k] - 1;
      return c > 0 ? s / c : null;
    }),
  );
}

/**
 * The scorecard of a level, in rank order. Members are ranked by attainment when they have a
 * target (highest first), then those without one by their count at `targetStage`; equal keys
 * share a rank.
 *
 * @example
 * // target stage 2 (won); 甲 10 → 5 → 4, target 4; 乙 10 → 5 → 1, target 2; 丙 10 → 6 → 3
 * scorecard([甲, 乙, 丙], 2)
 * // 甲: attainment 1, rank 1; 乙: attainment 0.5, rank 2, weakest step 2 (20 % vs the peers'
 * // (0.8 + 0.5) ÷ 2 = 65 %: gain 1 × 0.65 ÷ 0.2 − 1 = 2.25 won); 丙: no target, rank 3
 */
export function scorecard(members: readonly MemberInput[], targetStage: number): ScoreRow[] {
  const n = members[0]?.counts.length ?? 0;
  const rates = members.map((m) => stepRates(m.counts));
  const peers = peerRatesOf(rates, n);
  const rows = members.map((m, i): Omit<ScoreRow, 'rank'> => {
    const counts = [...m.counts];
    const actual = counts[targetStage] ?? null;
    const attainment =
      m.target !== null && m.target > 0 && actual !== null ? actual / m.target : null;
    let weakest: WeakStep | null = null;
    if (members.length > 1) {
      // Any step below the peers can be the weakest: no alert threshold here.
      const found = diagnose(
        { counts, cost: null, revenue: null },
        { top: null, rates: peers[i] },
        0,
        0,
      );
      for (const f of found.findings) {
        if (f.index === 0 || !f.below || f.gainLast === null || f.gainLast <= 0) continue;
        if (weakest === null || f.gainLast > weakest.gain)
          weakest = { index: f.index, rate: f.actual, peerRate: f.benchmark!, gain: f.gainLast };
      }
    }
    const first = counts[0];
    return {
      member: m.member,
      counts,
      rates: rates[i],
      overall: n > 0 && first > 0 ? counts[n - 1] / first : null,
      peerRates: peers[i],
      target: m.target,
      attainment,
      weakest,
      stalled: m.stalled,
    };
  });
  // Sort keys: members with an attainment first, then by the key, highest first.
  const key = (r: Omit<ScoreRow, 'rank'>): [number, number] =>
    r.attainment !== null ? [0, r.attainment] : [1, r.counts[targetStage] ?? 0];
  const order = rows
    .map((r, i) => ({ r, i, k: key(r) }))
    .sort((a, b) => a.k[0] - b.k[0] || b.k[1] - a.k[1] || a.i - b.i);
  let rank = 0;
  return order.map((o, j) => {
    const prev = order[j - 1];
    if (!prev || prev.k[0] !== o.k[0] || prev.k[1] !== o.k[1]) rank = j + 1;
    return { ...o.r, rank };
  });
}

/** How a target was split over the members of a level (the Plan screen's 目标分解). */
export interface SplitLike {
  method: 'share' | 'equal' | 'weights';
  /** Typed weights (quotas) by member. */
  weights: Readonly<Record<string, number>>;
  total: number | null;
}

/**
 * Each member's part of a split target, in whole units (the parts add up to the total):
 * by typed weights (members without a weight have no target), equally, or by each member's
 * count at the target stage (`share`). Members absent from `members` keep their weight in a
 * weighted split, so hiding one does not hand its quota to the others.
 *
 * @example
 * splitTargets({ method: 'weights', weights: { 甲: 8, 乙: 4 }, total: 12 }, [['甲', 3], ['丙', 1]])
 * // Map { 甲 → 8, 丙 → null }
 * splitTargets({ method: 'equal', weights: {}, total: 10 }, [['甲', 3], ['乙', 1], ['丙', 0]])
 * // Map { 甲 → 4, 乙 → 3, 丙 → 3 }
 */
export function splitTargets(
  split: SplitLike,
  members: readonly (readonly [member: string, count: number])[],
): Map<string, number | null> {
  const out = new Map<string, number | null>(members.map(([m]) => [m, null]));
  if (split.total === null) return out;
  if (split.method === 'weights') {
    const entries = Object.entries(split.weights);
    const parts = splitTarget(
      split.total,
      entries.map(([, w]) => w),
    );
    if (!parts) return out;
    entries.forEach(([name], j) => {
      if (out.has(name)) out.set(name, parts[j]);
    });
    return out;
  }
  const weights = members.map(([, c]) => (split.method === 'equal' ? 1 : c));
  const parts = splitTarget(split.total, weights);
  if (parts) members.forEach(([m], j) => out.set(m, parts[j]));
  return out;
}

export interface QuotaProblem {
  key: string;
  params: Record<string, string | number>;
}

export type QuotaCsvResult =
  { ok: true; quotas: [member: string, quota: number][] } | { ok: false; problems: QuotaProblem[] };

/**
 * Read a small "member, target" CSV (a quota per salesperson; a header line is optional).
 * Values may carry thousands separators; a percent, a negative or a repeated member is refused.
 *
 * @example
 * parseQuotaCsv('负责人,目标\n张伟,8\n王强,6') // ok, [['张伟', 8], ['王强', 6]]
 */
export function parseQuotaCsv(text: string): QuotaCsvResult {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: 'greedy' });
  const problems: QuotaProblem[] = [];
  const quotas = new Map<string, number>();
  parsed.data.forEach((row, i) => {
    const line = i + 1;
    const member = (row[0] ?? '').trim();
    const raw = (row[1] ?? '').trim();
    const value = parseNumber(raw);
    if (Number.isNaN(value)) {
      // A first line whose value is not a number is the header.
      if (i !== 0) problems.push({ key: 'review.quota.notNumber', params: { line, value: raw } });
      return;
    }
    if (lastNumber.percent || value < 0) {
      problems.push({ key: 'review.quota.notCount', params: { line, value: raw } });
      return;
    }
    if (quotas.has(member)) {
      problems.push({ key: 'review.quota.repeated', params: { line, member } });
      return;
    }
    quotas.set(member, value);
  });
  if (problems.length === 0 && quotas.size === 0)
    problems.push({ key: 'review.quota.empty', params: {} });
  return problems.length ? { ok: false, problems } : { ok: true, quotas: [...quotas] };
}
