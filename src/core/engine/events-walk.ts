/**
 * The event funnel's common cases walked straight over a person's positions, nothing copied:
 * every event stands for one step at most and there are no exclusions. From each entry, step k's
 * event is the first one of step k at or after the time of step k − 1's (equal times count in
 * step order), within the window (sequential); or the very next step event (strict); or a window
 * sliding over the steps (any order). The general scans (events-scan.ts) give the same paths, by
 * the gathered copy every other case needs; a unit test runs both over the same people.
 */
import type { EventIndex, EventRule } from './events-model';
import { keepPath, pathRow, pathTime } from './events-path';

// Each index's step of every position for the last rule run over all rows: a change of order
// mode or window keeps the steps' events, so it reads them again without a pass over the codes.
const lastSteps = new WeakMap<
  EventIndex,
  { codes: ArrayLike<number>; key: string; steps: Int8Array }
>();

/**
 * The step of the event at each position (time order): -1 for none, or when the row is filtered
 * out. One pass over the codes, so the walks read one small array in order instead of a row's
 * code through the time order, again for every entry a window starts from.
 *
 * @example
 * stepsByPosition(index, codes, rule.minStep, null) // Int8Array [0, -1, 1, 2, …]
 */
export function stepsByPosition(
  index: EventIndex,
  codes: ArrayLike<number>,
  minStep: Int8Array,
  keep: Uint8Array | null,
): Int8Array {
  const key = keep === null ? minStep.join(',') : '';
  const kept = keep === null ? lastSteps.get(index) : undefined;
  if (kept && kept.codes === codes && kept.key === key) return kept.steps;
  const { order, rowCount } = index;
  const steps = new Int8Array(rowCount);
  for (let pos = 0; pos < rowCount; pos++) {
    const row = order === null ? pos : order[pos];
    steps[pos] = keep !== null && keep[row] === 0 ? -1 : minStep[codes[row]];
  }
  if (keep === null) lastSteps.set(index, { codes, key, steps });
  return steps;
}

/**
 * Sequential mode over positions from..to (time in `time`, by position); the best path is left
 * in bestTime / bestRow. Returns the furthest step, -1 without an entry.
 *
 * @example
 * walkRows(0, 3, time, stepsByPosition(index, codes, rule.minStep, null), rule, null) // 2
 */
export function walkRows(
  from: number,
  to: number,
  time: Float64Array,
  ks: Int8Array,
  rule: EventRule,
  order: Uint32Array | null,
): number {
  const last = rule.steps - 1;
  let best = -1;
  for (let i = from; i < to && best < last; i++) {
    if (ks[i] !== 0) continue;
    const deadline = time[i] + rule.window;
    pathTime[0] = time[i];
    pathRow[0] = order === null ? i : order[i];
    let level = 0;
    let j = i;
    while (j > from && time[j - 1] === time[i]) j--;
    while (level < last) {
      const want = level + 1;
      while (j < to && time[j] <= deadline && ks[j] !== want) j++;
      if (j >= to || time[j] > deadline) break;
      level = want;
      pathTime[level] = time[j];
      pathRow[level] = order === null ? j : order[j];
      // The next step may share this one's time and sit before it.
      const t = time[j];
      while (j > from && time[j - 1] === t) j--;
    }
    if (level > best) {
      best = level;
      keepPath(level);
    }
  }
  return best;
}

/**
 * Strict mode over positions from..to when no two of the person's step events share a time:
 * from each entry, every next step event must be the next step. Returns -2 when a tie needs the
 * general scan's step-order rule instead.
 */
export function walkStrictRows(
  from: number,
  to: number,
  time: Float64Array,
  ks: Int8Array,
  rule: EventRule,
  order: Uint32Array | null,
): number {
  let prev = -Infinity;
  for (let u = from; u < to; u++) {
    if (ks[u] < 0) continue;
    if (time[u] === prev) return -2;
    prev = time[u];
  }
  const last = rule.steps - 1;
  let best = -1;
  for (let i = from; i < to && best < last; i++) {
    if (ks[i] !== 0) continue;
    const deadline = time[i] + rule.window;
    pathTime[0] = time[i];
    pathRow[0] = order === null ? i : order[i];
    let level = 0;
    for (let j = i + 1; j < to && level < last && time[j] <= deadline; j++) {
      const k = ks[j];
      if (k < 0) continue;
      if (k !== level + 1) break;
      level = k;
      pathTime[level] = time[j];
      pathRow[level] = order === null ? j : order[j];
    }
    if (level > best) {
      best = level;
      keepPath(level);
    }
  }
  return best;
}

// Each person's counts of steps inside the sliding window, and each step's first event in it.
const held = new Int32Array(32);
const firstAt = new Int32Array(32);

/**
 * Any-order mode over positions from..to: a window slides from each step event, counting the
 * steps inside it; the furthest complete prefix (steps 1…k) wins, the earliest such window first.
 * Step k is reached when the last of steps 1…k arrives in that window.
 */
export function walkAnyRows(
  from: number,
  to: number,
  time: Float64Array,
  ks: Int8Array,
  rule: EventRule,
  order: Uint32Array | null,
): number {
  const steps = rule.steps;
  for (let k = 0; k < steps; k++) held[k] = 0;
  let best = -1;
  let start = -1;
  let right = from;
  for (let i = from; i < to && best < steps - 1; i++) {
    const left = i > from ? ks[i - 1] : -1;
    if (left >= 0) held[left]--;
    if (ks[i] < 0) continue;
    const deadline = time[i] + rule.window;
    if (right < i) right = i;
    for (; right < to && time[right] <= deadline; right++) {
      const k = ks[right];
      if (k >= 0) held[k]++;
    }
    let level = -1;
    while (level + 1 < steps && held[level + 1] > 0) level++;
    if (level > best) {
      best = level;
      start = i;
    }
  }
  if (best < 0) return -1;
  for (let k = 0; k < steps; k++) firstAt[k] = -1;
  const deadline = time[start] + rule.window;
  for (let u = start; u < to && time[u] <= deadline; u++) {
    const k = ks[u];
    if (k >= 0 && firstAt[k] < 0) firstAt[k] = u;
  }
  let done = start;
  for (let k = 0; k <= best; k++) {
    if (time[firstAt[k]] > time[done]) done = firstAt[k];
    pathTime[k] = time[done];
    pathRow[k] = order === null ? done : order[done];
  }
  pathTime[0] = time[start];
  pathRow[0] = order === null ? start : order[start];
  keepPath(best);
  return best;
}
