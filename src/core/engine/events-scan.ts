/**
 * The event funnel's general scans, for every case the walks (events-walk.ts) leave: events that
 * stand for several steps, exclusions, ties in strict mode, any order. A person's funnel events
 * are first gathered into scratch arrays (time, step bits, exclusion bits, row, lowest step),
 * then each entry's path is scanned group by group of equal times (events-funnel.ts states the
 * rule). The best path is left in bestTime / bestRow (events-path.ts).
 */
import type { EventRule } from './events-model';
import { bestRow, bestTime, keepPath, pathRow, pathTime } from './events-path';

// One person's funnel events, gathered into scratch arrays reused across people and runs.
let ct = new Float64Array(256);
let cm = new Uint32Array(256);
let cx = new Uint32Array(256);
let cr = new Uint32Array(256);
let cs = new Int8Array(256);
let used = new Uint8Array(256);
let members = new Uint32Array(256);
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
  // Loops, not fill(): a builtin call per group of one or two events costs more than the work.
  for (let u = p; u < q; u++) used[u] = 0;
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

// Any order with events of several steps: the window's events grouped by their step bits, and
// which group each matched step takes (one event stands for one step only).
const groupMask = new Uint32Array(64);
const groupSize = new Int32Array(64);
const groupUsed = new Int32Array(64);
const groupSeen = new Uint8Array(64);
const stepGroup = new Int32Array(32);
let groups = 0;
let matched = -1;

/** Kuhn's augmenting path: give step k an event, moving matched steps to others if need be. */
function augment(k: number): boolean {
  for (let g = 0; g < groups; g++) {
    if (((groupMask[g] >>> k) & 1) === 0 || groupSeen[g] === 1) continue;
    groupSeen[g] = 1;
    if (groupUsed[g] < groupSize[g]) {
      groupUsed[g]++;
      stepGroup[k] = g;
      return true;
    }
    for (let j = 0; j <= matched; j++) {
      if (j !== k && stepGroup[j] === g && augment(j)) {
        stepGroup[k] = g;
        return true;
      }
    }
  }
  return false;
}

/**
 * The furthest prefix of steps that distinct events among [from, to) can stand for, each event
 * for one step; with `record`, each step's path time is when its prefix first could (bestTime /
 * bestRow from step 1 on). Events are added one at a time and the matching only grows, so a step
 * that fails now may succeed when a later event arrives.
 */
function matchPrefix(from: number, to: number, steps: number, record: boolean): number {
  groups = 0;
  matched = -1;
  for (let u = from; u < to; u++) {
    const mask = cm[u];
    if (mask === 0) continue;
    let g = 0;
    while (g < groups && groupMask[g] !== mask) g++;
    if (g === groups) {
      if (groups === groupMask.length) break; // more distinct step sets than any funnel names
      groupMask[g] = mask;
      groupSize[g] = 0;
      groupUsed[g] = 0;
      groups++;
    }
    groupSize[g]++;
    while (matched + 1 < steps) {
      groupSeen.fill(0, 0, groups);
      if (!augment(matched + 1)) break;
      matched++;
      if (record) {
        bestTime[matched] = ct[u];
        bestRow[matched] = cr[u];
      }
    }
  }
  return matched;
}

/**
 * Any-order mode: the furthest prefix of steps inside one window, each event standing for one
 * step only (a repeated step needs a second event); fills bestTime / bestRow.
 */
function scanAnyOrder(m: number, rule: EventRule): number {
  const steps = rule.steps;
  for (let k = 0; k < steps; k++) held[k] = 0;
  let best = -1;
  let bestStart = -1;
  let right = 0;
  // One step per event (the usual case): its step, not its bits, says which count moves, and
  // the counts alone say how far a window goes. Otherwise they only bound it: an event of two
  // steps is counted for both, so a bound past the best is checked by matching events to steps.
  const single = rule.singleSteps;
  for (let i = 0; i < m; i++) {
    if (i > 0) {
      if (single) held[cs[i - 1]] -= cm[i - 1] === 0 ? 0 : 1;
      else for (let k = 0, mask = cm[i - 1]; mask !== 0; k++, mask >>>= 1) held[k] -= mask & 1;
    }
    if (cm[i] === 0) continue;
    const deadline = ct[i] + rule.window;
    if (right < i) right = i;
    while (right < m && ct[right] <= deadline) {
      if (single) held[cs[right]] += cm[right] === 0 ? 0 : 1;
      else for (let k = 0, mask = cm[right]; mask !== 0; k++, mask >>>= 1) held[k] += mask & 1;
      right++;
    }
    let level = -1;
    while (level + 1 < steps && held[level + 1] > 0) level++;
    if (level > best && !single) level = matchPrefix(i, right, level + 1, false);
    if (level > best) {
      best = level;
      bestStart = i;
      if (best === steps - 1) break;
    }
  }
  if (best < 0) return -1;
  const deadline = ct[bestStart] + rule.window;
  if (single) {
    // The path: each step's first event in the window; step k is reached when 1…k all are.
    for (let k = 0; k < steps; k++) firstAt[k] = -1;
    for (let u = bestStart; u < m && ct[u] <= deadline; u++)
      for (let k = 0, mask = cm[u]; mask !== 0; k++, mask >>>= 1)
        if (mask & 1 && firstAt[k] < 0) firstAt[k] = u;
    let done = bestStart;
    for (let k = 0; k <= best; k++) {
      if (ct[firstAt[k]] > ct[done]) done = firstAt[k];
      bestTime[k] = ct[done];
      bestRow[k] = cr[done];
    }
  } else {
    let end = bestStart;
    while (end < m && ct[end] <= deadline) end++;
    matchPrefix(bestStart, end, best + 1, true);
  }
  bestTime[0] = ct[bestStart];
  bestRow[0] = cr[bestStart];
  return best;
}

/**
 * One person's funnel events (steps and exclusions) into the scratch arrays, in time order;
 * returns how many.
 */
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
 * The furthest step of one person (positions from..to) by the general scans; the best path is
 * left in bestTime / bestRow. -1 without an entry.
 *
 * @example
 * scanPerson(0, 4, index.time, codes, strictRule, null, null) // 0: 访问, 下单, 咨询, 下单
 */
export function scanPerson(
  from: number,
  to: number,
  time: Float64Array,
  events: ArrayLike<number>,
  rule: EventRule,
  order: Uint32Array | null,
  keep: Uint8Array | null,
): number {
  const m = gather(from, to, time, events, rule, order, keep);
  if (m === 0) return -1;
  if (rule.mode === 'any') return scanAnyOrder(m, rule);
  let best = -1;
  for (let i = 0; i < m && best < rule.steps - 1; i++) {
    if ((cm[i] & 1) === 0) continue;
    const got = scanOrdered(i, m, rule, rule.steps - 1);
    if (got > best) {
      best = got;
      keepPath(got);
    }
  }
  return best;
}
