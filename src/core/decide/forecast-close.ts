/**
 * When an open deal is expected to close. A close-date column (Salesforce's Close Date, HubSpot's
 * Close date, 预计成交日期) says so for each deal; without one, the data itself tells how long
 * deals take from each stage to a win (the median over won deals), and a deal is expected that
 * many days after it entered its current stage.
 */
import { summariseDays } from '../engine/pipeline';
import { OPEN, WON, closeDay, stageDay, type RecordModel } from '../engine/records';

/**
 * Per stage, the median days from entering it to the win, over the won records among `rows`
 * (null = all) that entered it on a known day. Null for a stage no won record has a date for.
 *
 * @example
 * // won deals entered stage 1 on days 10, 20, 30 and won on days 40, 44, 70 → 30, 24, 40
 * remainingDays(model, null)[1] // 30
 */
export function remainingDays(model: RecordModel, rows: Uint32Array | null): (number | null)[] {
  const k = model.stageCount;
  const spans: number[][] = Array.from({ length: k }, () => []);
  const { entered, flags } = model;
  const count = rows ? rows.length : model.level.length;
  if (entered && flags) {
    for (let r = 0; r < count; r++) {
      const i = rows ? rows[r] : r;
      if (model.outcome[i] !== WON) continue;
      const won = closeDay(model, i);
      if (Number.isNaN(won)) continue;
      for (let j = 0; j < k; j++) {
        const days = entered[j];
        if (!flags[j][i] || !days || Number.isNaN(days[i])) continue;
        spans[j].push(won - days[i]);
      }
    }
  }
  return spans.map((s) => (s.length ? summariseDays(s).median : null));
}

export interface ExpectedClose {
  /** Per table row: the expected close day of an open row among the rows, else NaN. */
  days: Float64Array;
  /** Open rows dated by the close-date column, by an estimate, and not at all. */
  fromColumn: number;
  estimated: number;
  unknown: number;
  /** Open rows whose close date (from the column) has already passed at the as-of day. */
  overdue: number;
}

/**
 * Each open row's expected close day: its close date when the data has one; else the day it
 * entered its current stage plus that stage's median remaining days, and never before the as-of
 * day (a deal older than usual is expected now, not in the past).
 *
 * @example
 * // open deal in stage 1 since day 100, stage 1's median remaining days 30, as of day 110
 * expectedClose(model, null, 110, [null, 30]).days[row] // 130
 */
export function expectedClose(
  model: RecordModel,
  rows: Uint32Array | null,
  asOf: number,
  remaining: readonly (number | null)[],
): ExpectedClose {
  const days = new Float64Array(model.level.length).fill(NaN);
  let fromColumn = 0;
  let estimated = 0;
  let unknown = 0;
  let overdue = 0;
  const count = rows ? rows.length : model.level.length;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    const l = model.level[i];
    if (model.outcome[i] !== OPEN || l < 0) continue;
    const given = model.closed ? model.closed[i] : NaN;
    if (!Number.isNaN(given)) {
      days[i] = given;
      fromColumn++;
      if (given < asOf) overdue++;
      continue;
    }
    const since = stageDay(model, i);
    const rest = remaining[l];
    if (rest === null || rest === undefined || Number.isNaN(since)) {
      unknown++;
      continue;
    }
    days[i] = Math.max(asOf, since + rest);
    estimated++;
  }
  return { days, fromColumn, estimated, unknown, overdue };
}
