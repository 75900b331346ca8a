/**
 * Forecast categories (DOMAIN.md §9): open deals sorted by how sure they are, in the words sales
 * managers use and the ones CRMs use for the same thing.
 *
 * - above the funnel (漏斗上方) = pipeline: win probability below 25 %, not yet qualified;
 * - in the funnel (漏斗中) = best case: 25–50 %, or above 50 % but not deciding soon;
 * - best few (最有把握) = commit: above 50 % and expected to close within 60 days.
 */
import { OPEN, type RecordModel } from '../engine/records';

export type ForecastCategory = 'pipeline' | 'best-case' | 'commit';
export const CATEGORIES: readonly ForecastCategory[] = ['commit', 'best-case', 'pipeline'];

/** The probability and horizon that separate the categories. */
export const IN_FUNNEL_FROM = 0.25;
export const BEST_FEW_ABOVE = 0.5;
export const BEST_FEW_WITHIN_DAYS = 60;

/**
 * The category of one open deal; null when its probability is unknown.
 *
 * @example
 * categoryOf(0.8, 130, 100) // 'commit'    (80 %, closing in 30 days)
 * categoryOf(0.8, 200, 100) // 'best-case' (80 %, but 100 days away)
 * categoryOf(0.25, NaN, 100) // 'best-case'
 * categoryOf(0.2, 110, 100) // 'pipeline'
 */
export function categoryOf(
  probability: number,
  closeDay: number,
  asOf: number,
): ForecastCategory | null {
  if (!Number.isFinite(probability)) return null;
  if (probability < IN_FUNNEL_FROM) return 'pipeline';
  if (probability > BEST_FEW_ABOVE && closeDay - asOf <= BEST_FEW_WITHIN_DAYS) return 'commit';
  return 'best-case';
}

export interface CategoryTotals {
  category: ForecastCategory;
  open: number;
  /** Σ probability: the wins to expect. */
  expectedWins: number;
  amount: number;
  /** Σ probability × amount. */
  weightedAmount: number;
}

export interface CategoryForecast {
  /** In CATEGORIES order: commit, best case, pipeline. */
  categories: CategoryTotals[];
  /** Open deals with no probability, in no category. */
  unknown: number;
}

/**
 * Open deals among `rows` by category, with `close` their expected close days (NaN = unknown).
 *
 * @example
 * // open: 10,000 at 80 % closing in 20 days, 5,000 at 30 %, 2,000 at 10 %
 * categoryForecast(model, null, close, asOf).categories
 * // commit 1 deal (0.8 wins, 8,000 weighted), best case 1 (0.3, 1,500), pipeline 1 (0.1, 200)
 */
export function categoryForecast(
  model: Pick<RecordModel, 'level' | 'outcome' | 'amount' | 'probability'>,
  rows: Uint32Array | null,
  close: Float64Array,
  asOf: number,
): CategoryForecast {
  const categories = CATEGORIES.map((category): CategoryTotals => ({
    category,
    open: 0,
    expectedWins: 0,
    amount: 0,
    weightedAmount: 0,
  }));
  let unknown = 0;
  const count = rows ? rows.length : model.level.length;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    if (model.outcome[i] !== OPEN || model.level[i] < 0) continue;
    const p = model.probability[i];
    const c = categoryOf(p, close[i], asOf);
    if (c === null) {
      unknown++;
      continue;
    }
    const t = categories[CATEGORIES.indexOf(c)];
    const amount = model.amount ? model.amount[i] : 0;
    t.open++;
    t.expectedWins += p;
    t.amount += amount;
    t.weightedAmount += p * amount;
  }
  return { categories, unknown };
}
