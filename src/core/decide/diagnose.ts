/**
 * Diagnosis: which layer of the funnel leaks, and what it costs. Each step's rate is read
 * against a benchmark (the target, the previous period, the same period last year, or the
 * average of peer segments) and ranked by what meeting the benchmark would bring at the bottom:
 * "if the click-through rate met its benchmark: +212 orders, +¥180k revenue".
 *
 * Item 0 is the top stage's volume (few impressions is a weak layer too); item k ≥ 1 is the
 * step into stage k.
 */
import { noEdits, runScenario, stepRates, type FunnelBase, type RateEdit } from './scenario';

/** What a funnel is measured against: a top volume and step rates (index 0 unused). */
export interface Benchmark {
  top: number | null;
  rates: (number | null)[];
}

export interface Finding {
  /** 0: the top stage's volume; k ≥ 1: the step into stage k. */
  index: number;
  /** Today's value: the top count for index 0, else the step rate. */
  actual: number | null;
  benchmark: number | null;
  /** actual − benchmark: units for the top, a fraction for rates (× 100 = percentage points). */
  gap: number | null;
  /** Below its benchmark: the alert. */
  below: boolean;
  /** Last-stage units gained if this one item met its benchmark (negative when it is ahead). */
  gainLast: number | null;
  /** Revenue gained with it, at today's value per last-stage unit. */
  gainRevenue: number | null;
}

export interface Diagnosis {
  /** Largest gain first; items with no benchmark or no computable gain last, in funnel order. */
  findings: Finding[];
  /** Indices below their benchmark (beyond the tolerance), in funnel order. */
  alerts: number[];
}

/**
 * A benchmark from another funnel's counts (previous period, last year, a target's counts).
 *
 * @example
 * benchmarkOf([1000, 50, 40]) // { top: 1000, rates: [null, 0.05, 0.8] }
 */
export function benchmarkOf(counts: readonly (number | null)[]): Benchmark {
  return { top: counts[0] ?? null, rates: stepRates(counts) };
}

/**
 * The average of peer segments: each peer counts once (a small branch weighs as much as a large
 * one, as a manager comparing branches means it); a peer whose rate is undefined is left out.
 *
 * @example
 * peerAverage([[1000, 50], [2000, 200], [0, 0]]) // { top: 1000, rates: [null, 0.075] }
 */
export function peerAverage(peers: readonly (readonly number[])[]): Benchmark {
  const n = peers[0]?.length ?? 0;
  const mean = (xs: (number | null)[]) => {
    const ok = xs.filter((x): x is number => x !== null);
    return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null;
  };
  const rates = peers.map((p) => stepRates(p));
  return {
    top: mean(peers.map((p) => p[0] ?? null)),
    rates: Array.from({ length: n }, (_, k) => (k === 0 ? null : mean(rates.map((r) => r[k])))),
  };
}

/** The alert threshold a first look uses: 10 % below the benchmark (3.0 % against 3.36 % is not). */
export const DEFAULT_TOLERANCE = 0.1;

/**
 * A shortfall under this share of the benchmark is rounding, never an alert, even with no
 * tolerance: a rate read against itself (3.36 % / 3.36 %) differs only in its last bits.
 */
const NOISE = 1e-6;

/**
 * Rank every layer by what meeting its benchmark is worth at the bottom of the funnel.
 * `tolerance` (a fraction of the benchmark, e.g. 0.1) keeps a hair's breadth from alerting; a
 * layer alerts only when it is below by more than that share of its benchmark.
 *
 * @example
 * // 10000 → 300 → 240 → 24 → 6, revenue 3000; target CTR 4 %
 * diagnose({ counts: [10000, 300, 240, 24, 6], cost: 600, revenue: 3000 },
 *   { top: null, rates: [null, 0.04, null, null, null] })
 * // findings[0]: index 1, gap −0.01, gainLast 2 (6 → 8 orders), gainRevenue 1000; alerts [1]
 */
export function diagnose(
  base: FunnelBase,
  benchmark: Benchmark,
  paidStage = 0,
  tolerance = DEFAULT_TOLERANCE,
): Diagnosis {
  const baseline = runScenario(base, noEdits(), paidStage);
  const findings: Finding[] = base.counts.map((count, index) => {
    const actual = index === 0 ? count : baseline.rates[index];
    const bench = (index === 0 ? benchmark.top : benchmark.rates[index]) ?? null;
    const gap = actual === null || bench === null ? null : actual - bench;
    let gainLast: number | null = null;
    let gainRevenue: number | null = null;
    if (bench !== null) {
      const edits = noEdits();
      if (index === 0) edits.top = bench;
      else {
        const rates: (RateEdit | null)[] = [];
        rates[index] = { kind: 'absolute', rate: bench };
        edits.rates = rates;
      }
      const met = runScenario(base, edits, paidStage);
      gainLast = met.last === null || baseline.last === null ? null : met.last - baseline.last;
      gainRevenue =
        met.revenue === null || baseline.revenue === null ? null : met.revenue - baseline.revenue;
    }
    const below =
      gap !== null &&
      bench !== null &&
      gap < 0 &&
      -gap > Math.max(tolerance, NOISE) * Math.abs(bench);
    return { index, actual, benchmark: bench, gap, below, gainLast, gainRevenue };
  });
  const ranked = [...findings].sort((a, b) => {
    if (a.gainLast === null || b.gainLast === null)
      return a.gainLast === null ? (b.gainLast === null ? 0 : 1) : -1;
    return b.gainLast - a.gainLast;
  });
  return { findings: ranked, alerts: findings.filter((f) => f.below).map((f) => f.index) };
}

/** The search-ads layers DOMAIN.md §1 names, by the stage id the template gives them. */
const SEARCH_ADS_LAYERS = ['impressions', 'clicks', 'visits', 'consultations', 'orders'];

/**
 * The usual causes and levers of a weak layer, as i18n keys (`decide.cause.<layer>` and
 * `decide.lever.<layer>`), for the search-ads template; null for other funnels, whose stages are
 * user-defined and whose causes we cannot know.
 *
 * @example
 * causesOf('search-ads', ['impressions', 'clicks'], 1)
 * // { cause: 'decide.cause.clicks', lever: 'decide.lever.clicks' }
 */
export function causesOf(
  template: string,
  stageIds: readonly string[],
  index: number,
): { cause: string; lever: string } | null {
  const id = stageIds[index];
  if (template !== 'search-ads' || !SEARCH_ADS_LAYERS.includes(id)) return null;
  return { cause: `decide.cause.${id}`, lever: `decide.lever.${id}` };
}
