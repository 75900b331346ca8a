/**
 * Cohort maturity: deals created in a recent month have not had time to close, so their win
 * rate so far is not their final one and must not read as a collapse. A creation cohort is
 * immature while its youngest deals are younger than the typical time to a win (the median days
 * from creation to a win); an immature cohort is shown with the final rate the older, mature
 * cohorts reached. Time to a win, not to any close: the rate is won ÷ created, and losses come
 * sooner (in the B2B sample a median 23 days against 57 for a win), so a close-based clock would
 * call a month final while most of its winners are still open.
 */
import { summariseDays } from '../engine/pipeline';
import { nextPeriod, periodLabel, periodStart, type Granularity } from '../engine/period';
import { LOST, WON, closeDay, startDay, type RecordModel } from '../engine/records';

/**
 * The typical time to a win: the median days from creation to the win over the won records among
 * `rows` (null = all); null when no won record has both days.
 *
 * @example
 * // won after 10, 15, 46 and 60 days; lost deals and open ones do not count
 * typicalWinDays(model, null) // 30.5
 */
export function typicalWinDays(model: RecordModel, rows: Uint32Array | null): number | null {
  const spans: number[] = [];
  const count = rows ? rows.length : model.level.length;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    if (model.outcome[i] !== WON) continue;
    const span = closeDay(model, i) - startDay(model, i);
    if (Number.isFinite(span)) spans.push(span);
  }
  return spans.length ? summariseDays(spans).median : null;
}

export interface Cohort {
  /** First day of the creation period, and its label ('2025-09'). */
  start: number;
  label: string;
  created: number;
  won: number;
  lost: number;
  open: number;
  /** won ÷ created so far. */
  rate: number | null;
  /** Days from the cohort's last day (or the as-of day, if earlier) to the as-of day. */
  age: number;
  mature: boolean;
  /** An immature cohort's expected final rate: the mature cohorts' won ÷ created; else null. */
  expected: number | null;
}

/**
 * The creation cohorts of the rows, oldest first, each marked mature or not against `typical`
 * days as of `asOf`. With no typical time (nothing won yet) every cohort counts as mature:
 * there is nothing to say they are not.
 *
 * @example
 * // as of 2025-10-31, typical time to close 45 days: the September cohort (last day 09-30,
 * // 31 days old) is immature, August (61 days) is mature
 * creationCohorts(model, null, dayOf(2025, 10, 31), 45).map((c) => c.mature) // [… true, false, false]
 */
export function creationCohorts(
  model: RecordModel,
  rows: Uint32Array | null,
  asOf: number,
  typical: number | null,
  granularity: Granularity = 'month',
): Cohort[] {
  const byStart = new Map<number, Cohort>();
  const count = rows ? rows.length : model.level.length;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    const day = startDay(model, i);
    if (Number.isNaN(day)) continue;
    const start = periodStart(day, granularity);
    let c = byStart.get(start);
    if (!c) {
      const last = Math.min(nextPeriod(start, granularity) - 1, asOf);
      const age = asOf - last;
      c = {
        start,
        label: periodLabel(start, granularity),
        created: 0,
        won: 0,
        lost: 0,
        open: 0,
        rate: null,
        age,
        mature: typical === null || age >= typical,
        expected: null,
      };
      byStart.set(start, c);
    }
    c.created++;
    const o = model.outcome[i];
    if (o === WON) c.won++;
    else if (o === LOST) c.lost++;
    else c.open++;
  }
  const cohorts = [...byStart.values()].sort((a, b) => a.start - b.start);
  let wonMature = 0;
  let createdMature = 0;
  for (const c of cohorts) {
    c.rate = c.created > 0 ? c.won / c.created : null;
    if (c.mature) {
      wonMature += c.won;
      createdMature += c.created;
    }
  }
  const expected = createdMature > 0 ? wonMature / createdMature : null;
  for (const c of cohorts) if (!c.mature) c.expected = expected;
  return cohorts;
}
