/**
 * Forecasts (业绩预测): (a) last period's actual rates × planned volume, (b) target rates ×
 * planned volume, and (c) for record data, the open pipeline weighted by each stage's win
 * probability, by expected close month. Where there is enough history, a range from the spread
 * of weekly rates says how sure the single number is.
 */
import { quantileSorted } from 'd3-array';
import { periodLabel, periodStart } from '../engine/period';
import { OPEN, type RecordModel } from '../engine/records';

/**
 * Counts from a planned top volume through step rates (`rates[k]` into stage k); null below a
 * step whose rate is unknown.
 *
 * @example
 * projectCounts(20000, [null, 0.03, 0.8, 0.1, 0.25]) // [20000, 600, 480, 48, 12]
 */
export function projectCounts(top: number, rates: readonly (number | null)[]): (number | null)[] {
  const out: (number | null)[] = [];
  rates.forEach((r, k) => {
    const prev = out[k - 1] ?? null;
    out.push(k === 0 ? top : prev === null || r === null ? null : prev * r);
  });
  return out;
}

export interface ForecastRange {
  /** Per stage, planned top × the low and high quantile of the periods' overall rates. */
  low: (number | null)[];
  high: (number | null)[];
  /** Periods that had a non-zero top and so took part. */
  periods: number;
}

/**
 * A range for a forecast from the spread of past periods (weeks): for each stage, its overall
 * rate (stage ÷ top) in every period, the `low`–`high` quantiles of those (10th–90th by default,
 * linear interpolation), times the planned top. Overall rates rather than step rates, because
 * multiplying every step's 10th percentile would describe a week that never happened.
 * Null when fewer than `minPeriods` periods have a non-zero top: no honest range.
 *
 * @example
 * // overall order rate in 5 weeks: 0.001, 0.002, 0.003, 0.004, 0.005; plan 10000 impressions
 * forecastRange(weeks, 10000) // low[last] 14 (p10 = 0.0014), high[last] 46
 */
export function forecastRange(
  periods: readonly (readonly number[])[],
  plannedTop: number,
  options: { low?: number; high?: number; minPeriods?: number } = {},
): ForecastRange | null {
  const { low = 0.1, high = 0.9, minPeriods = 4 } = options;
  const used = periods.filter((p) => p[0] > 0);
  if (used.length < minPeriods) return null;
  const n = used[0].length;
  const lo: (number | null)[] = [];
  const hi: (number | null)[] = [];
  for (let k = 0; k < n; k++) {
    const sorted = used.map((p) => p[k] / p[0]).sort((a, b) => a - b);
    lo.push((quantileSorted(sorted, low) as number) * plannedTop);
    hi.push((quantileSorted(sorted, high) as number) * plannedTop);
  }
  return { low: lo, high: hi, periods: used.length };
}

/** Record data as per-row arrays (the shape of `RecordModel` in records.ts). */
export type PipelineInput = Pick<
  RecordModel,
  'level' | 'outcome' | 'amount' | 'probability' | 'closed'
>;

export interface PipelineBucket {
  /** 'YYYY-MM', or '' for open rows with no close date. */
  month: string;
  open: number;
  /** Σ probability: the number of wins to expect. */
  expectedWins: number;
  amount: number;
  /** Σ probability × amount. */
  weightedAmount: number;
}

export interface PipelineForecast {
  total: PipelineBucket;
  /** By expected close month, in date order; the undated bucket last. */
  byMonth: PipelineBucket[];
  /** Open rows with no win probability: left out of the weighted figures. */
  unweighted: number;
}

const bucket = (month: string): PipelineBucket => ({
  month,
  open: 0,
  expectedWins: 0,
  amount: 0,
  weightedAmount: 0,
});

/**
 * Weight every open row by its win probability (its own, else its stage's) and add up, in total
 * and by expected close month: the close date column's, or `close` (per row, NaN = unknown) when
 * given, such as the estimates of forecast-close.ts.
 *
 * @example
 * // two open deals: 10,000 at a 25 % stage closing in July, 20,000 at a 50 % stage in August
 * pipelineForecast(input, rows).total.weightedAmount // 12500
 */
export function pipelineForecast(
  input: PipelineInput,
  rows: Uint32Array | null,
  close: Float64Array | null = null,
): PipelineForecast {
  const total = bucket('');
  const months = new Map<number, PipelineBucket>();
  const undated = bucket('');
  let unweighted = 0;
  const count = rows ? rows.length : input.level.length;
  for (let j = 0; j < count; j++) {
    const i = rows ? rows[j] : j;
    if (input.outcome[i] !== OPEN || input.level[i] < 0) continue;
    const p = input.probability[i];
    if (!Number.isFinite(p)) {
      unweighted++;
      continue;
    }
    const amount = input.amount ? input.amount[i] : 0;
    const day = close ? close[i] : input.closed ? input.closed[i] : NaN;
    let b = undated;
    if (Number.isFinite(day)) {
      const start = periodStart(Math.floor(day), 'month');
      b = months.get(start) ?? bucket(periodLabel(start, 'month'));
      months.set(start, b);
    }
    for (const t of [b, total]) {
      t.open++;
      t.expectedWins += p;
      t.amount += amount;
      t.weightedAmount += p * amount;
    }
  }
  const byMonth = [...months.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b);
  if (undated.open > 0) byMonth.push(undated);
  return { total, byMonth, unweighted };
}
