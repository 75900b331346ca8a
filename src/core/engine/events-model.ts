/**
 * What the event funnel runs over, built once per table and per spec:
 * - the index (per table): each person's events as a range of positions in event order, with
 *   their times in microseconds. An imported event table is already in event order (see
 *   events-import.ts), so positions are rows; any other table (a person or time column chosen
 *   by hand) gets its order once, here;
 * - the rule (per spec): which steps and exclusions each event name stands for, as bit masks
 *   indexed by the event column's dictionary code, the window and the order mode.
 */
import { MAX_STEPS } from '../spec/events-validate';
import type { EventOrderMode, FunnelSpec } from '../spec/spec';
import { key } from './records';
import { column, type Table, type TextColumn } from '../table/table';
import { eventOrder, isEventOrder } from './events-order';
import { numbersAsText, timeMicros, windowMicros } from './events-time';

export interface EventIndex {
  rowCount: number;
  people: number;
  /** Person p's events are positions start[p] .. end[p] (exclusive), by time. */
  start: Uint32Array;
  end: Uint32Array;
  /** Row of each position; null when positions are rows (the table is in event order). */
  order: Uint32Array | null;
  /** Time of each position, whole microseconds. */
  time: Float64Array;
  /** Each person's id. */
  ids: string[];
  /** The latest event time (microseconds; NaN without events): later entries are immature. */
  lastTime: number;
}

export interface EventRule {
  steps: number;
  /** Per event code: bit k set when the event is (one of) step k. */
  stepMask: Uint32Array;
  /** Per event code: its lowest step, -1 when none (equal times go in step order). */
  minStep: Int8Array;
  /** Per event code: bit x set when the event is exclusion x. */
  exclusionMask: Uint32Array;
  /** Per exclusion: the step after which it applies (0-based). */
  exclusionAfter: Int8Array;
  window: number;
  mode: EventOrderMode;
  /** No event stands for two steps: the furthest step can be found in one pass (events-funnel). */
  singleSteps: boolean;
}

const indexes = new WeakMap<object, WeakMap<object, EventIndex>>();

function personCodes(table: Table, name: string): TextColumn | null {
  const c = column(table, name);
  if (c?.kind === 'text') return c;
  if (c?.kind !== 'number') return null;
  return { kind: 'text', name, type: 'id', ...numbersAsText(c) };
}

/**
 * The event index of a table's person and time columns (kept while their arrays live); null when
 * either column is missing or of the wrong kind.
 *
 * @example
 * // 用户ID ['a', 'a', 'b'], 时间 10:00, 10:05, 09:00
 * eventIndex(table, '用户ID', '时间') // { people: 2, start: [0, 2], end: [2, 3], order: null, … }
 */
export function eventIndex(table: Table, person: string, time: string): EventIndex | null {
  const who = personCodes(table, person);
  const when = column(table, time);
  if (!who || !when) return null;
  const timeArray =
    when.kind === 'date' ? when.days : when.kind === 'number' ? when.values : when.codes;
  let byTime = indexes.get(who.codes);
  const known = byTime?.get(timeArray);
  if (known) return known;
  const micros = timeMicros(when);
  if (!micros) return null;
  const sorted = isEventOrder(who.codes, micros);
  const order = sorted ? null : eventOrder(who.codes, who.dict.length, micros);
  const n = table.rowCount;
  const time2 = order ? new Float64Array(n) : micros;
  if (order) for (let i = 0; i < n; i++) time2[i] = micros[order[i]];
  const starts: number[] = [];
  const ends: number[] = [];
  const ids: string[] = [];
  let pos = 0;
  while (pos < n) {
    const code = who.codes[order ? order[pos] : pos];
    let stop = pos + 1;
    while (stop < n && who.codes[order ? order[stop] : stop] === code) stop++;
    // Empty ids are nobody; empty times (last in each range) cannot be placed in order.
    let last = stop;
    while (last > pos && Number.isNaN(time2[last - 1])) last--;
    if (code !== 0 && last > pos) {
      starts.push(pos);
      ends.push(last);
      ids.push(who.dict[code]);
    }
    pos = stop;
  }
  let lastTime = NaN;
  for (let p = 0; p < ends.length; p++)
    if (!(time2[ends[p] - 1] <= lastTime)) lastTime = time2[ends[p] - 1];
  const index: EventIndex = {
    lastTime,
    rowCount: n,
    people: ids.length,
    start: Uint32Array.from(starts),
    end: Uint32Array.from(ends),
    order,
    time: time2,
    ids,
  };
  if (!byTime) indexes.set(who.codes, (byTime = new WeakMap()));
  // A numeric person column makes new codes on every call: keep nothing for it.
  if (column(table, person)?.kind === 'text') byTime.set(timeArray, index);
  return index;
}

/** The event values of a step (its source's values). */
export function stepValues(spec: FunnelSpec, k: number): string[] {
  const src = spec.stages[k]?.source;
  return src?.kind === 'events' ? src.values : src?.kind === 'value' ? [src.value] : [];
}

/**
 * The rule of an event spec over an event column: bit masks by dictionary code (values compared
 * trimmed and in any case, like stage values), the window in microseconds, the order mode.
 *
 * @example
 * // 事件 dict ['', '访问', '下单', '咨询'], steps 访问 / 咨询 / 下单
 * eventRule(spec, eventColumn).stepMask // Uint32Array [0, 0b001, 0b100, 0b010]
 */
export function eventRule(spec: FunnelSpec, events: TextColumn): EventRule {
  const settings = spec.events!;
  const codeOf = new Map<string, number[]>();
  events.dict.forEach((v, code) => {
    if (code === 0) return;
    const k = key(v);
    codeOf.set(k, [...(codeOf.get(k) ?? []), code]);
  });
  const size = events.dict.length;
  const stepMask = new Uint32Array(size);
  const minStep = new Int8Array(size).fill(-1);
  const steps = Math.min(spec.stages.length, MAX_STEPS);
  for (let k = steps - 1; k >= 0; k--) {
    for (const v of stepValues(spec, k)) {
      for (const code of codeOf.get(key(v)) ?? []) {
        stepMask[code] |= 1 << k;
        minStep[code] = k;
      }
    }
  }
  const exclusions = settings.exclusions.slice(0, MAX_STEPS);
  const exclusionMask = new Uint32Array(size);
  const exclusionAfter = new Int8Array(exclusions.length);
  exclusions.forEach((x, i) => {
    exclusionAfter[i] = x.after;
    for (const v of x.values)
      for (const code of codeOf.get(key(v)) ?? []) exclusionMask[code] |= 1 << i;
  });
  return {
    steps,
    stepMask,
    minStep,
    exclusionMask,
    exclusionAfter,
    window: windowMicros(settings.window),
    mode: settings.order,
    singleSteps: stepMask.every((m) => (m & (m - 1)) === 0),
  };
}
