/**
 * The event funnel's rule, run over each person's events (one contiguous range, by time):
 *
 * A person reaches step k when they have events of steps 1…k in that order (each after the one
 * before; equal times count in step order) and step k happens within the conversion window after
 * step 1 (its edge included). Each person counts once, from the entry (a step-1 event) that takes
 * them furthest; among entries that go equally far, the earliest, followed by the earliest events
 * in order after it. Modes:
 * - sequential: other events may come in between;
 * - strict: no other funnel-step event in between (an event of a step already passed, at the
 *   same time as the last step reached, is not "in between");
 * - any order: steps 1…k each happen, in any order, within one window counted from the first of
 *   them (one event may stand for every step it names).
 * Exclusions (ordered modes): a person who does an excluded event after step a and before step
 * a+1 stops at step a, unless (sequential) a later step-a event starts that step again.
 *
 * Only the selected rows (the view's filters) take part. The result is per person; `levelsOf`
 * writes each person's furthest step on the row of their counted entry, so the ordinary
 * aggregate, group-by and daily trend read event funnels like any other (by entry, once each).
 */
import type { EventIndex, EventRule } from './events-model';
import { bestRow, bestTime } from './events-path';
import { scanPerson } from './events-scan';
import { stepsByPosition, walkAnyRows, walkRows, walkStrictRows } from './events-walk';

export interface EventRun {
  steps: number;
  /** Per person: the furthest step reached (0-based); -1 without an entry in the selection. */
  reached: Int8Array;
  /** Per person: the row of the counted entry, and of the last step reached on its path. */
  entryRow: Int32Array;
  lastRow: Int32Array;
  /** Per person: the time of the counted entry (microseconds). */
  entryTime: Float64Array;
  /** Per person and step (person × steps): microseconds from the entry; NaN beyond reached. */
  offsets: Float64Array;
  /** How many rows the run was made over. */
  rowCount: number;
}

const levels = new WeakMap<EventRun, Int16Array>();

/**
 * Per row: each counted person's furthest step on the row of their entry, -1 elsewhere (made on
 * first use, then kept): what aggregate, group-by and the daily trend read.
 *
 * @example
 * levelsOf(run) // Int16Array [2, -1, -1, 0, …]: a's entry is row 0, b's row 3
 */
export function levelsOf(run: EventRun): Int16Array {
  let level = levels.get(run);
  if (level) return level;
  level = new Int16Array(run.rowCount).fill(-1);
  for (let p = 0; p < run.reached.length; p++)
    if (run.reached[p] >= 0) level[run.entryRow[p]] = run.reached[p];
  levels.set(run, level);
  return level;
}

/**
 * Run the funnel rule over the selected rows (null = all) of an event table.
 *
 * @example
 * // person a: 访问 10:00, 咨询 10:05, 下单 10:20; person b: 访问 09:00, 下单 09:30
 * // steps 访问 / 咨询 / 下单, sequential, 7 days
 * runEventFunnel(index, eventCodes, rule, null).reached // Int8Array [2, 0]
 */
export function runEventFunnel(
  index: EventIndex,
  events: ArrayLike<number>,
  rule: EventRule,
  rows: Uint32Array | null,
): EventRun {
  const steps = rule.steps;
  const people = index.people;
  const reached = new Int8Array(people).fill(-1);
  const entryRow = new Int32Array(people).fill(-1);
  const lastRow = new Int32Array(people).fill(-1);
  const entryTime = new Float64Array(people).fill(NaN);
  const offsets = new Float64Array(people * steps).fill(NaN);
  let keep: Uint8Array | null = null;
  if (rows) {
    keep = new Uint8Array(index.rowCount);
    for (let j = 0; j < rows.length; j++) keep[rows[j]] = 1;
  }
  const { order, time, start, end } = index;
  // Each event one step at most, no exclusions: the walks over positions (events-walk.ts).
  const simple = rule.singleSteps && rule.exclusionAfter.length === 0;
  const ks = rule.singleSteps ? stepsByPosition(index, events, rule.minStep, keep) : null;
  for (let p = 0; p < people && steps > 0; p++) {
    const from = start[p];
    const to = end[p];
    let best = -2;
    if (ks && simple && rule.mode === 'sequential')
      best = walkRows(from, to, time, ks, rule, order);
    else if (ks && simple && rule.mode === 'strict')
      best = walkStrictRows(from, to, time, ks, rule, order);
    else if (ks && rule.mode === 'any') best = walkAnyRows(from, to, time, ks, rule, order);
    if (best === -2) best = scanPerson(from, to, time, events, rule, order, keep);
    if (best < 0) continue;
    reached[p] = best;
    entryRow[p] = bestRow[0];
    lastRow[p] = bestRow[best];
    entryTime[p] = bestTime[0];
    for (let k = 0; k <= best; k++) offsets[p * steps + k] = bestTime[k] - bestTime[0];
  }
  return { steps, reached, entryRow, lastRow, entryTime, offsets, rowCount: index.rowCount };
}
