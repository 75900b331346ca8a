/**
 * What sales managers read off record data (DOMAIN.md §3): how many reached each stage, entries
 * and exits within a period (入口 / 出口数量), time in each stage and the whole cycle (阶段周期,
 * 漏斗周期), win rate (won ÷ closed), lost by stage, the open pipeline, its probability-weighted
 * value and the won amount. Pure functions over a `RecordModel` and a row selection.
 */
import { LOST, OPEN, WON, type RecordModel } from './records';

/** Days since 1970-01-01; `start` inclusive, `end` exclusive (a month is [1st, next 1st)). */
export interface Period {
  start: number;
  end: number;
}

export interface DaysSummary {
  count: number;
  median: number | null;
  mean: number | null;
  /** 90th percentile, linear between closest ranks (as d3.quantile and Excel's PERCENTILE.INC). */
  p90: number | null;
}

export interface StageRecordMetrics {
  /** Records that reached this stage. */
  reached: number;
  /** Records that entered this stage within the period (all, without one); null without dates. */
  entries: number | null;
  /** Records that left it within the period, to a later stage or lost; null without dates. */
  exits: number | null;
  /** Records lost at this stage. */
  lost: number;
  /** Open records whose highest stage is this one. */
  open: number;
  /** Days from entering this stage to entering the next, over records that entered both. */
  toNext: DaysSummary | null;
  /**
   * Win rate from this stage: of the records that reached it and have closed, the share won;
   * null when none closed or the data cannot say what was lost.
   */
  winRate: number | null;
}

export interface RecordMetrics {
  stages: StageRecordMetrics[];
  won: number;
  lost: number;
  open: number;
  /** won ÷ (won + lost); null when nothing closed or the data cannot say what was lost. */
  winRate: number | null;
  /** Days from creation (or first stage) to close (or last stage), over closed records. */
  cycle: DaysSummary | null;
  /** The same over won records only, and over lost records only (creation to loss). */
  wonCycle: DaysSummary | null;
  lostCycle: DaysSummary | null;
  openAmount: number | null;
  /** Σ amount × win probability over open records that have a probability. */
  weightedAmount: number | null;
  wonAmount: number | null;
}

/**
 * Count, median, mean and 90th percentile of a list of day spans.
 *
 * @example
 * summariseDays([1, 2, 3, 10]) // { count: 4, median: 2.5, mean: 4, p90: 7.9 }
 */
export function summariseDays(values: ArrayLike<number>): DaysSummary {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, median: null, mean: null, p90: null };
  const at = (p: number): number => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
  };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return { count: n, median: at(0.5), mean: sum / n, p90: at(0.9) };
}

function inPeriod(day: number, period: Period | null): boolean {
  if (Number.isNaN(day)) return false;
  return period === null || (day >= period.start && day < period.end);
}

/**
 * Pipeline metrics over the selected rows (null = all).
 *
 * @example
 * // three opportunities: one won for 100, one lost, one open for 50 at a 40 % stage
 * recordMetrics(model, null) // { won: 1, lost: 1, open: 1, winRate: 0.5, wonAmount: 100,
 * //                              openAmount: 50, weightedAmount: 20, … }
 */
export function recordMetrics(
  model: RecordModel,
  rows: Uint32Array | null,
  period: Period | null = null,
): RecordMetrics {
  const k = model.stageCount;
  const { level, outcome, flags, entered, amount, probability, created, closed } = model;
  const reached = new Float64Array(k);
  const lostAt = new Float64Array(k);
  const openAt = new Float64Array(k);
  const entries = new Float64Array(k);
  const exits = new Float64Array(k);
  const spans: number[][] = Array.from({ length: k }, () => []);
  const cycle: number[] = [];
  const wonCycle: number[] = [];
  const lostCycle: number[] = [];
  const wonFrom = new Float64Array(k);
  const closedFrom = new Float64Array(k);
  let won = 0;
  let lost = 0;
  let open = 0;
  let openAmount = 0;
  let weighted = 0;
  let weightedRows = 0;
  let wonAmount = 0;
  const count = rows ? rows.length : level.length;

  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    const l = level[i];
    const o = outcome[i];
    if (l >= 0) {
      if (o === LOST) lostAt[l]++;
      if (o === OPEN) openAt[l]++;
    }
    if (o === WON) {
      won++;
      if (amount) wonAmount += amount[i];
    } else if (o === LOST) lost++;
    else {
      open++;
      if (amount) {
        openAmount += amount[i];
        if (!Number.isNaN(probability[i])) {
          weighted += amount[i] * probability[i];
          weightedRows++;
        }
      }
    }

    if (flags && entered) {
      // Walk down from the last stage so each stage knows when the record moved on.
      let movedOn = false;
      let next = NaN;
      for (let j = k - 1; j >= 0; j--) {
        if (!flags[j][i]) continue;
        reached[j]++;
        if (o === WON) wonFrom[j]++;
        if (o !== OPEN) closedFrom[j]++;
        const days = entered[j];
        const here = days ? days[i] : NaN;
        if (inPeriod(here, period)) entries[j]++;
        const leftOn = movedOn ? next : o === LOST && closed ? closed[i] : NaN;
        if ((movedOn || o === LOST) && (period === null || inPeriod(leftOn, period))) exits[j]++;
        const after = j + 1 < k ? entered[j + 1] : null;
        if (days && after && flags[j + 1][i]) spans[j].push(after[i] - here);
        movedOn = true;
        next = here;
      }
    } else if (l >= 0) {
      for (let j = 0; j <= l; j++) {
        reached[j]++;
        if (o === WON) wonFrom[j]++;
        if (o !== OPEN) closedFrom[j]++;
      }
    }

    if (o === WON || (o === LOST && model.knowsLost)) {
      const first = entered?.[0];
      const last = entered?.[k - 1];
      const start = created ? created[i] : first ? first[i] : NaN;
      const end =
        closed && !Number.isNaN(closed[i]) ? closed[i] : o === WON && last ? last[i] : NaN;
      if (!Number.isNaN(start) && !Number.isNaN(end)) {
        cycle.push(end - start);
        (o === WON ? wonCycle : lostCycle).push(end - start);
      }
    }
  }

  const dated = (j: number): boolean => entered?.[j] != null;
  return {
    stages: Array.from({ length: k }, (_, j) => ({
      reached: reached[j],
      entries: dated(j) ? entries[j] : null,
      exits: dated(j) ? exits[j] : null,
      lost: lostAt[j],
      open: openAt[j],
      toNext: j < k - 1 && dated(j) && dated(j + 1) ? summariseDays(spans[j]) : null,
      winRate: model.knowsLost && closedFrom[j] > 0 ? wonFrom[j] / closedFrom[j] : null,
    })),
    won,
    lost,
    open,
    winRate: model.knowsLost && won + lost > 0 ? won / (won + lost) : null,
    cycle: created || dated(0) ? summariseDays(cycle) : null,
    wonCycle: created || dated(0) ? summariseDays(wonCycle) : null,
    lostCycle: created || dated(0) ? summariseDays(lostCycle) : null,
    openAmount: amount ? openAmount : null,
    weightedAmount: amount && (weightedRows > 0 || open === 0) ? weighted : null,
    wonAmount: amount ? wonAmount : null,
  };
}
