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

// One person's funnel events, gathered into scratch arrays reused across people and runs.
let ct = new Float64Array(256);
let cm = new Uint32Array(256);
let cx = new Uint32Array(256);
let cr = new Uint32Array(256);
let cs = new Int8Array(256);
let used = new Uint8Array(256);
let members = new Uint32Array(256);
const pathTime = new Float64Array(32);
const pathRow = new Int32Array(32);
const bestTime = new Float64Array(32);
const bestRow = new Int32Array(32);
const held = new Int32Array(32);
const firstAt = new Int32Array(32);

function grow(m: number): void {
  if (m <= ct.length) return;
  const size = Math.max(m, ct.length * 2);
  ct = new Float64Array(size);
  cm = new Uint32Array(size);
  cx = new Uint32Array(size);
  cr = new Uint32Array(size);
  cs = new Int8Array(size);
  used = new Uint8Array(size);
  members = new Uint32Array(size);
}

/** Exclusion events of `mask` that apply while waiting after step `after`. */
function excludes(rule: EventRule, mask: number, after: number): boolean {
  for (let x = 0; mask !== 0; x++, mask >>>= 1)
    if (mask & 1 && rule.exclusionAfter[x] === after) return true;
  return false;
}

// The path being walked from one entry: how far it is, and whether an exclusion holds it.
let level = 0;
let blocked = false;

/** Exclusion events among the group that hold the path, if it is not already held. */
function checkExclusions(p: number, q: number, t: number, rule: EventRule): void {
  for (let u = p; u < q && !blocked; u++)
    if (cx[u] !== 0 && t > pathTime[level] && excludes(rule, cx[u], level)) blocked = true;
}

/**
 * Sequential mode, one group of equal times [p, q) (without the entry i): pass over the group
 * until no event moves the path on, so equal times count in step order.
 */
function groupSequential(p: number, q: number, i: number, t: number, last: number): void {
  let progress = true;
  while (progress && level < last) {
    progress = false;
    for (let u = p; u < q && level < last; u++) {
      if (u === i || used[u] === 1) continue;
      const mask = cm[u];
      if (!blocked && ((mask >>> (level + 1)) & 1) === 1) {
        level++;
      } else if (blocked && level > 0 && ((mask >>> level) & 1) === 1) {
        // A later event of the same step starts it again, after the excluded event.
        blocked = false;
      } else continue;
      pathTime[level] = t;
      pathRow[level] = cr[u];
      used[u] = 1;
      progress = true;
    }
  }
  used.fill(0, p, q);
}

/**
 * Strict mode, one group of equal times: its events in step order, each funnel-step event
 * either the next step or (at the time of the step reached, of a step already passed) no
 * interruption; anything else ends the path. False when it ended.
 */
function groupStrict(p: number, q: number, i: number, t: number, last: number): boolean {
  // Insertion by step: groups are a handful of events at most.
  let len = 0;
  for (let u = p; u < q; u++) {
    if (u === i) continue;
    let j = len++;
    while (j > 0 && cs[members[j - 1]] > cs[u]) {
      members[j] = members[j - 1];
      j--;
    }
    members[j] = u;
  }
  for (let j = 0; j < len && level < last; j++) {
    const u = members[j];
    const mask = cm[u];
    if (mask === 0) continue;
    if (!blocked && ((mask >>> (level + 1)) & 1) === 1) {
      level++;
      pathTime[level] = t;
      pathRow[level] = cr[u];
    } else if (!(t === pathTime[level] && cs[u] <= level)) return false;
  }
  return true;
}

/**
 * The ordered modes from entry i: the furthest step, up to `last`; the path is left in
 * pathTime / pathRow.
 */
function scanOrdered(i: number, m: number, rule: EventRule, last: number): number {
  const t0 = ct[i];
  const deadline = t0 + rule.window;
  const strict = rule.mode === 'strict';
  level = 0;
  blocked = false;
  pathTime[0] = t0;
  pathRow[0] = cr[i];
  let p = i;
  while (p > 0 && ct[p - 1] === t0) p--;
  while (p < m && level < last) {
    const t = ct[p];
    if (t > deadline) break;
    let q = p + 1;
    while (q < m && ct[q] === t) q++;
    if (strict) {
      if (!groupStrict(p, q, i, t, last)) break;
    } else groupSequential(p, q, i, t, last);
    if (rule.exclusionAfter.length > 0) checkExclusions(p, q, t, rule);
    p = q;
  }
  return level;
}

/**
 * Sequential mode without exclusions, each event of one step at most: from each entry, step k's
 * event is the first one of step k at or after the tie group of step k − 1's event (equal times
 * count in step order), found by one forward walk that stops at the window's end. Fills
 * bestTime / bestRow; returns the furthest step (-1 without an entry).
 */
function walkSequential(m: number, rule: EventRule): number {
  const last = rule.steps - 1;
  let best = -1;
  for (let i = 0; i < m && best < last; i++) {
    if (cs[i] !== 0) continue;
    const deadline = ct[i] + rule.window;
    pathTime[0] = ct[i];
    pathRow[0] = cr[i];
    let level = 0;
    let j = i;
    while (j > 0 && ct[j - 1] === ct[i]) j--;
    while (level < last) {
      const want = level + 1;
      while (j < m && cs[j] !== want && ct[j] <= deadline) j++;
      if (j >= m || ct[j] > deadline) break;
      level = want;
      pathTime[level] = ct[j];
      pathRow[level] = cr[j];
      // The next step may share this one's time and sit before it in the file.
      const t = ct[j];
      while (j > 0 && ct[j - 1] === t) j--;
    }
    if (level > best) {
      best = level;
      for (let k = 0; k <= level; k++) {
        bestTime[k] = pathTime[k];
        bestRow[k] = pathRow[k];
      }
    }
  }
  return best;
}

/**
 * `walkSequential` straight over the table's rows, for the commonest run (positions are rows,
 * no filter): nothing is copied, events of no step are stepped over. Same paths, same ties.
 */
function walkRows(
  from: number,
  to: number,
  time: Float64Array,
  codes: ArrayLike<number>,
  minStep: Int8Array,
  rule: EventRule,
): number {
  const last = rule.steps - 1;
  let best = -1;
  for (let i = from; i < to && best < last; i++) {
    if (minStep[codes[i]] !== 0) continue;
    const deadline = time[i] + rule.window;
    pathTime[0] = time[i];
    pathRow[0] = i;
    let level = 0;
    let j = i;
    while (j > from && time[j - 1] === time[i]) j--;
    while (level < last) {
      const want = level + 1;
      while (j < to && minStep[codes[j]] !== want && time[j] <= deadline) j++;
      if (j >= to || time[j] > deadline) break;
      level = want;
      pathTime[level] = time[j];
      pathRow[level] = j;
      const t = time[j];
      while (j > from && time[j - 1] === t) j--;
    }
    if (level > best) {
      best = level;
      for (let k = 0; k <= level; k++) {
        bestTime[k] = pathTime[k];
        bestRow[k] = pathRow[k];
      }
    }
  }
  return best;
}

/** Any-order mode: the furthest prefix of steps inside one window; fills bestTime / bestRow. */
function scanAnyOrder(m: number, rule: EventRule): number {
  const steps = rule.steps;
  held.fill(0, 0, steps);
  let best = -1;
  let bestStart = -1;
  let right = 0;
  for (let i = 0; i < m; i++) {
    if (i > 0) for (let k = 0, mask = cm[i - 1]; mask !== 0; k++, mask >>>= 1) held[k] -= mask & 1;
    if (cm[i] === 0) continue;
    const deadline = ct[i] + rule.window;
    if (right < i) right = i;
    while (right < m && ct[right] <= deadline) {
      for (let k = 0, mask = cm[right]; mask !== 0; k++, mask >>>= 1) held[k] += mask & 1;
      right++;
    }
    let level = -1;
    while (level + 1 < steps && held[level + 1] > 0) level++;
    if (level > best) {
      best = level;
      bestStart = i;
      if (best === steps - 1) break;
    }
  }
  if (best < 0) return -1;
  // The path: each step's first event in the window; step k is reached when 1…k all are.
  firstAt.fill(-1, 0, steps);
  const deadline = ct[bestStart] + rule.window;
  for (let u = bestStart; u < m && ct[u] <= deadline; u++)
    for (let k = 0, mask = cm[u]; mask !== 0; k++, mask >>>= 1)
      if (mask & 1 && firstAt[k] < 0) firstAt[k] = u;
  let done = bestStart;
  for (let k = 0; k <= best; k++) {
    if (ct[firstAt[k]] > ct[done]) done = firstAt[k];
    bestTime[k] = ct[done];
    bestRow[k] = cr[done];
  }
  bestTime[0] = ct[bestStart];
  bestRow[0] = cr[bestStart];
  return best;
}

/**
 * One person's funnel events (steps and exclusions) into the scratch arrays, in time order;
 * returns how many. The plain case (positions are rows, no filter) has a loop of its own.
 */
function gatherRange(
  from: number,
  to: number,
  time: Float64Array,
  events: ArrayLike<number>,
  rule: EventRule,
): number {
  grow(to - from);
  const { stepMask, exclusionMask, minStep } = rule;
  let m = 0;
  for (let row = from; row < to; row++) {
    const code = events[row];
    const sm = stepMask[code];
    const xm = exclusionMask[code];
    if ((sm | xm) === 0) continue;
    ct[m] = time[row];
    cm[m] = sm;
    cx[m] = xm;
    cr[m] = row;
    cs[m] = minStep[code];
    m++;
  }
  return m;
}

function gather(
  from: number,
  to: number,
  time: Float64Array,
  events: ArrayLike<number>,
  rule: EventRule,
  order: Uint32Array | null,
  keep: Uint8Array | null,
): number {
  grow(to - from);
  const { stepMask, exclusionMask, minStep } = rule;
  let m = 0;
  for (let pos = from; pos < to; pos++) {
    const row = order ? order[pos] : pos;
    if (keep && keep[row] === 0) continue;
    const code = events[row];
    const sm = stepMask[code];
    const xm = exclusionMask[code];
    if ((sm | xm) === 0) continue;
    ct[m] = time[pos];
    cm[m] = sm;
    cx[m] = xm;
    cr[m] = row;
    cs[m] = minStep[code];
    m++;
  }
  return m;
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
  const jumps = rule.mode === 'sequential' && rule.singleSteps && rule.exclusionAfter.length === 0;
  for (let p = 0; p < people && steps > 0; p++) {
    const plain = order === null && keep === null;
    let best = -1;
    if (plain && jumps) best = walkRows(start[p], end[p], time, events, rule.minStep, rule);
    else {
      const m = plain
        ? gatherRange(start[p], end[p], time, events, rule)
        : gather(start[p], end[p], time, events, rule, order, keep);
      if (m === 0) continue;
      if (rule.mode === 'any') best = scanAnyOrder(m, rule);
      else if (jumps) best = walkSequential(m, rule);
      else {
        for (let i = 0; i < m && best < steps - 1; i++) {
          if ((cm[i] & 1) === 0) continue;
          const got = scanOrdered(i, m, rule, steps - 1);
          if (got > best) {
            best = got;
            for (let k = 0; k <= got; k++) {
              bestTime[k] = pathTime[k];
              bestRow[k] = pathRow[k];
            }
          }
        }
      }
    }
    if (best < 0) continue;
    reached[p] = best;
    entryRow[p] = bestRow[0];
    lastRow[p] = bestRow[best];
    entryTime[p] = bestTime[0];
    for (let k = 0; k <= best; k++) offsets[p * steps + k] = bestTime[k] - bestTime[0];
  }
  return { steps, reached, entryRow, lastRow, entryTime, offsets, rowCount: index.rowCount };
}
