/**
 * How many open deals will be won, from history rather than from the probabilities typed into
 * the CRM: the win rate from each stage (of the deals that reached it and closed, the share won)
 * times the open deals at that stage. The range says how sure that is, from two sources: the
 * rates moved from month to month (each past month's rates applied to today's open deals give
 * one forecast), and around any rate, whole deals are won or lost by chance (the spread of a sum
 * of coin tosses, Σ p(1 − p)). The range is the 10th–90th percentile of the two together: the
 * months' forecasts, each with its chance spread (a normal approximation), in whole deals.
 *
 * Everything can be read "as of" an earlier day, with only what was known then: that is how the
 * forecast is checked against a held-back quarter (`backtestWins`).
 */
import { periodStart } from '../engine/period';
import { OPEN, WON, closeDay, startDay, type RecordModel } from '../engine/records';

export interface WinForecast {
  /** Open deals at each stage on the as-of day. */
  open: number[];
  /** Win rate from each stage over the whole history before the as-of day. */
  rates: (number | null)[];
  /** Σ open × rate: the wins to expect (a fraction of a deal is kept; show it whole). */
  expected: number;
  /** Σ amount × its stage's rate, when the data has amounts. */
  expectedAmount: number | null;
  /** The range in whole deals (low rounded down, high up); null without enough months. */
  low: number | null;
  high: number | null;
  /** Months of history that gave a forecast of their own. */
  periods: number;
}

export interface WinOptions {
  low?: number;
  high?: number;
  /** A month takes part with at least this many closed deals; a stage uses its own rate that
   * month with at least this many closed deals from it (else the pooled rate). */
  minDeals?: number;
  minPeriods?: number;
}

/** The highest stage a record had entered by `day` (its level when the data has no dates). */
function levelOn(model: RecordModel, i: number, day: number): number {
  const { entered, flags } = model;
  if (!entered || !flags) return model.level[i];
  for (let j = model.stageCount - 1; j >= 0; j--) {
    if (!flags[j][i]) continue;
    const d = entered[j]?.[i] ?? NaN;
    if (Number.isNaN(d) || d <= day) return j;
  }
  return -1;
}

/**
 * The day a closed record left the pipeline: its close day, else (a loss with no close date) the
 * last day it is known to have moved, the earliest it can have been lost.
 */
function leftOn(model: RecordModel, i: number): number {
  const c = closeDay(model, i);
  if (!Number.isNaN(c)) return c;
  let last = startDay(model, i);
  if (model.entered)
    for (const days of model.entered) {
      const d = days ? days[i] : NaN;
      if (d > last || Number.isNaN(last)) last = d;
    }
  return last;
}

interface State {
  /** Open deals at each stage on the day. */
  open: number[];
  openRows: number[];
  /** Per stage, per month of entering it: [entered, won, lost] by the day. */
  months: Map<number, Float64Array>[];
}

/** The day a record entered stage j: its stage date, else its start (NaN: unknown). */
function enteredOn(model: RecordModel, i: number, j: number): number {
  const days = model.entered?.[j];
  return days ? days[i] : startDay(model, i);
}

/** What was known on `asOf`: each stage's entrants by month and how they stood, and what is open. */
function stateOn(model: RecordModel, rows: Uint32Array | null, asOf: number): State {
  const k = model.stageCount;
  const open = new Array<number>(k).fill(0);
  const openRows: number[] = [];
  const months = Array.from({ length: k }, () => new Map<number, Float64Array>());
  const count = rows ? rows.length : model.level.length;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    if (startDay(model, i) > asOf) continue;
    const o = model.outcome[i];
    const left = o === OPEN ? NaN : leftOn(model, i);
    // Unknown when it closed: counted as closed long ago (only data with no dates at all).
    const closedBy = o !== OPEN && (Number.isNaN(left) || left <= asOf);
    const l = levelOn(model, i, asOf);
    for (let j = 0; j <= l; j++) {
      if (model.flags && !model.flags[j][i]) continue;
      const day = enteredOn(model, i, j);
      const month = Number.isNaN(day) ? -Infinity : periodStart(day, 'month');
      let m = months[j].get(month);
      if (!m) months[j].set(month, (m = new Float64Array(3)));
      m[0]++;
      if (closedBy) m[o === WON ? 1 : 2]++;
    }
    if (!closedBy && l >= 0 && l < k - 1) {
      open[l]++;
      openRows.push(i);
    }
  }
  return { open, openRows, months };
}

/**
 * Per stage, the win rate of each month's entrants that had run their course by the as-of day
 * (at least `minDeals` entered, at least 90 % of them closed): recent months, whose winners are
 * still open while their quick losses are already in, would read low. Pooled over those months,
 * or over every closed entrant when no month has run its course.
 */
function stageRates(state: State, minDeals: number) {
  return state.months.map((byMonth) => {
    const monthly = new Map<number, number>();
    let won = 0;
    let closed = 0;
    let wonAll = 0;
    let closedAll = 0;
    for (const [month, [entered, w, l]] of byMonth) {
      wonAll += w;
      closedAll += w + l;
      if (entered < minDeals || w + l < 0.9 * entered) continue;
      monthly.set(month, w / (w + l));
      won += w;
      closed += w + l;
    }
    const pooled = closed > 0 ? won / closed : closedAll > 0 ? wonAll / closedAll : null;
    return { pooled, monthly };
  });
}

/**
 * The win forecast of the deals open on `asOf` among `rows` (null = all), from the history
 * known by then.
 *
 * @example
 * // history: from stage 1, 6 of 10 won; from stage 2, 8 of 10; open now: 5 at stage 1, 2 at 2
 * winForecast(model, null, asOf).expected // 5 × 0.6 + 2 × 0.8 = 4.6
 */
export function winForecast(
  model: RecordModel,
  rows: Uint32Array | null,
  asOf: number,
  options: WinOptions = {},
): WinForecast {
  const { low = 0.1, high = 0.9, minDeals = 5, minPeriods = 4 } = options;
  const s = stateOn(model, rows, asOf);
  const byStage = stageRates(s, minDeals);
  const rates = byStage.map((b) => b.pooled);
  const apply = (r: readonly (number | null)[]) =>
    s.open.reduce((sum, n, j) => sum + (n > 0 ? n * (r[j] ?? 0) : 0), 0);
  let expectedAmount: number | null = null;
  if (model.amount) {
    expectedAmount = 0;
    for (const i of s.openRows)
      expectedAmount += model.amount[i] * (rates[levelOn(model, i, asOf)] ?? 0);
  }
  // One forecast per month: that month's own rate at every stage it has one for, the pooled
  // rate elsewhere; a month with no own rate at a stage holding open deals says nothing new.
  const months = new Set<number>();
  byStage.forEach((b, j) => {
    if (s.open[j] > 0) for (const m of b.monthly.keys()) months.add(m);
  });
  const spreads = [...months].map((m) => {
    const r = byStage.map((b) => b.monthly.get(m) ?? b.pooled ?? 0);
    const chance = s.open.reduce((sum, n, j) => sum + n * r[j] * (1 - r[j]), 0);
    return { mean: apply(r), sd: Math.sqrt(chance) };
  });
  const enough = spreads.length >= minPeriods;
  return {
    open: s.open,
    rates,
    expected: apply(rates),
    expectedAmount,
    low: enough ? Math.floor(mixtureQuantile(spreads, low) + 1e-9) : null,
    high: enough ? Math.ceil(mixtureQuantile(spreads, high) - 1e-9) : null,
    periods: spreads.length,
  };
}

/** The standard normal distribution function (Abramowitz and Stegun 7.1.26, error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * The q-quantile of an equal mixture of normal distributions (a zero spread is a point), found by
 * halving the interval.
 *
 * @example
 * mixtureQuantile([{ mean: 10, sd: 0 }, { mean: 20, sd: 0 }], 0.25) // 10
 * mixtureQuantile([{ mean: 10, sd: 2 }], 0.9) // 12.56 (10 + 1.2816 × 2)
 */
export function mixtureQuantile(parts: readonly { mean: number; sd: number }[], q: number): number {
  const cdf = (x: number) =>
    parts.reduce(
      (sum, p) => sum + (p.sd > 0 ? normalCdf((x - p.mean) / p.sd) : x >= p.mean ? 1 : 0),
      0,
    ) / parts.length;
  let lo = Math.min(...parts.map((p) => p.mean - 8 * p.sd)) - 1;
  let hi = Math.max(...parts.map((p) => p.mean + 8 * p.sd)) + 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < q) lo = mid;
    else hi = mid;
  }
  return hi;
}

export interface Backtest {
  forecast: WinForecast;
  /** The deals open on the as-of day that were won by the end of the data. */
  won: number;
  /** … and those still open at the end. */
  stillOpen: number;
}

/**
 * The forecast made on an earlier day, set against what happened after it: how many of the deals
 * open then were won by the end of the data.
 *
 * @example
 * const t = backtestWins(model, null, dayOf(2025, 8, 1));
 * t.forecast.low <= t.won && t.won <= t.forecast.high // the range held
 */
export function backtestWins(
  model: RecordModel,
  rows: Uint32Array | null,
  asOf: number,
  options: WinOptions = {},
): Backtest {
  const s = stateOn(model, rows, asOf);
  let won = 0;
  let stillOpen = 0;
  for (const i of s.openRows) {
    if (model.outcome[i] === WON) won++;
    else if (model.outcome[i] === OPEN) stillOpen++;
  }
  return { forecast: winForecast(model, rows, asOf, options), won, stillOpen };
}
