/**
 * The rows behind a number: which rows of the table make up a figure the funnel shows, so a
 * person can read them. A row is behind a figure when it adds to it:
 * - a stage's count: rows whose value at the stage is not zero (wide and aggregated data: the
 *   report's lines that carry clicks), rows at or past the stage (record data and long tables
 *   with a current stage), and for event data the entry rows of the people who reached the step;
 * - a drop-off between two stages: rows whose contribution to the difference is not zero (for
 *   record data: reached the stage before and not this one; for events: stopped at the step
 *   before, as the drop-off id list has it);
 * - a breakdown cell: the same within one segment (an event funnel's person by their first or
 *   last touch, as its breakdown counts them);
 * - a pipeline figure (record data): won, lost or open records, over all stages or at one.
 * Re-summing the funnel over the rows returned gives the number clicked. Pure: index lists in,
 * index lists out, nothing copies rows.
 */
import type { CompiledFunnel } from './compile';
import { countedPeople } from './events-people';
import { LOST, OPEN, WON, type RecordModel } from './records';
import type { TextColumn } from '../table/table';

export type PipelineFigure = 'won' | 'lost' | 'open';

export type RowsTarget =
  | { kind: 'stage'; stage: number }
  /** Between stage − 1 and stage. */
  | { kind: 'drop'; stage: number }
  | { kind: 'segment'; column: TextColumn; value: string; stage: number }
  /** Record data: won, lost or open records, at one stage (their highest) or at any (null). */
  | { kind: 'pipeline'; figure: PipelineFigure; stage: number | null };

/** Keep the selected rows (null = all `count` rows) that pass `keep`, ascending. */
function collect(
  rows: Uint32Array | null,
  count: number,
  keep: (i: number) => boolean,
): Uint32Array {
  const n = rows ? rows.length : count;
  const out = new Uint32Array(n);
  let m = 0;
  for (let j = 0; j < n; j++) {
    const i = rows ? rows[j] : j;
    if (keep(i)) out[m++] = i;
  }
  return out.slice(0, m);
}

function rowCountOf(funnel: CompiledFunnel): number {
  if (funnel.events) return funnel.events.index.rowCount;
  if (funnel.records) return funnel.records.level.length;
  return funnel.mode === 'sums' ? (funnel.stageValues[0]?.length ?? 0) : funnel.level!.length;
}

/** Per row, its contribution to stage k's count is not zero (NaN and empty add nothing). */
function addsTo(funnel: CompiledFunnel, k: number): (i: number) => boolean {
  if (funnel.mode === 'sums') {
    const v = funnel.stageValues[k];
    return (i) => v[i] !== 0 && v[i] === v[i];
  }
  const level = funnel.level!;
  const w = funnel.weight;
  const at = funnel.cumulative ? (i: number) => level[i] >= k : (i: number) => level[i] === k;
  return w ? (i) => at(i) && w[i] !== 0 && w[i] === w[i] : at;
}

/** Per row, its contribution to count[k − 1] − count[k] is not zero. */
function dropsAt(funnel: CompiledFunnel, k: number): (i: number) => boolean {
  const m = funnel.records;
  if (m?.flags) {
    const before = m.flags[k - 1];
    const here = m.flags[k];
    return (i) => before[i] === 1 && here[i] === 0;
  }
  if (funnel.mode === 'sums') {
    const a = funnel.stageValues[k - 1];
    const b = funnel.stageValues[k];
    return (i) => {
      const d = a[i] - b[i];
      return d !== 0 && d === d;
    };
  }
  const level = funnel.level!;
  const w = funnel.weight;
  // Cumulative (a current stage): [level ≥ k−1] − [level ≥ k] is 1 exactly at level k−1.
  const at = funnel.cumulative
    ? (i: number) => level[i] === k - 1
    : (i: number) => level[i] === k - 1 || level[i] === k;
  return w ? (i) => at(i) && w[i] !== 0 && w[i] === w[i] : at;
}

function outcomeOf(figure: PipelineFigure): number {
  return figure === 'won' ? WON : figure === 'lost' ? LOST : OPEN;
}

/**
 * Event data: the entry rows of the counted people (as the drop-off list counts them) whose
 * furthest step passes `reached`, and who belong to the segment when one is given.
 */
function eventRows(
  funnel: CompiledFunnel,
  rows: Uint32Array | null,
  reached: (step: number) => boolean,
  segment: { column: TextColumn; code: number } | null,
): Uint32Array {
  const ev = funnel.events!;
  const people = countedPeople(ev.run, rows, ev.index.rowCount);
  const touch = ev.touch === 'first' ? ev.run.entryRow : ev.run.lastRow;
  const out = new Uint32Array(people.length);
  let m = 0;
  for (let j = 0; j < people.length; j++) {
    const p = people[j];
    if (!reached(ev.run.reached[p])) continue;
    if (segment && segment.column.codes[touch[p]] !== segment.code) continue;
    out[m++] = ev.run.entryRow[p];
  }
  return out.slice(0, m).sort();
}

/**
 * The rows among `rows` (the view's selection, null = all) behind `target`, ascending.
 *
 * @example
 * // wide: 点击量 [3, 0, 2] → the rows behind the click count
 * rowsBehind(funnel, null, { kind: 'stage', stage: 1 }) // Uint32Array [0, 2]
 * // records by current stage: levels [0, 2, 1] → behind the drop from stage 0 to stage 1
 * rowsBehind(funnel, null, { kind: 'drop', stage: 1 }) // Uint32Array [0]
 */
export function rowsBehind(
  funnel: CompiledFunnel,
  rows: Uint32Array | null,
  target: RowsTarget,
): Uint32Array {
  const count = rowCountOf(funnel);
  if (target.kind === 'pipeline') {
    const m = funnel.records;
    if (!m) return new Uint32Array(0);
    const want = outcomeOf(target.figure);
    const stage = target.stage;
    return collect(
      rows,
      count,
      stage === null
        ? (i) => m.outcome[i] === want
        : (i) => m.outcome[i] === want && m.level[i] === stage,
    );
  }
  const k = target.stage;
  if (k < 0 || k >= funnel.labels.length || (target.kind === 'drop' && k === 0))
    return new Uint32Array(0);
  const segment =
    target.kind === 'segment'
      ? { column: target.column, code: target.column.dict.indexOf(target.value) }
      : null;
  if (segment && segment.code < 0) return new Uint32Array(0);

  if (funnel.events) {
    const reached = target.kind === 'drop' ? (s: number) => s === k - 1 : (s: number) => s >= k;
    return eventRows(funnel, rows, reached, segment);
  }
  const keep = target.kind === 'drop' ? dropsAt(funnel, k) : addsTo(funnel, k);
  if (!segment) return collect(rows, count, keep);
  const codes = segment.column.codes;
  const code = segment.code;
  return collect(rows, count, (i) => codes[i] === code && keep(i));
}

/**
 * Days each record has spent in a stage: from the day it entered the stage to the day it entered
 * the next stage it reached, else the day it closed (lost or won there), else `asOf` while it is
 * still open there. `stage` null means each record's own highest stage. NaN where the stage has
 * no date, or a closed record has no close date. Aligned with `rows`; null without stage dates.
 *
 * @example
 * // entered 方案 on day 100, 报价 on day 112: 12 days; still open in 方案 since day 110, as of 120: 10
 * daysInStage(model, Uint32Array.of(0, 1), 1, 120) // Float64Array [12, 10]
 */
export function daysInStage(
  model: RecordModel,
  rows: Uint32Array,
  stage: number | null,
  asOf: number,
): Float64Array | null {
  const { entered, flags } = model;
  if (!entered || !flags) return null;
  const k = model.stageCount;
  const out = new Float64Array(rows.length).fill(NaN);
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j];
    const s = stage ?? model.level[i];
    const from = s >= 0 ? entered[s] : null;
    if (!from || Number.isNaN(from[i])) continue;
    let end = NaN;
    for (let n = s + 1; n < k && Number.isNaN(end); n++) {
      const next = entered[n];
      if (next && flags[n][i]) end = next[i];
    }
    if (Number.isNaN(end)) {
      const o = model.outcome[i];
      if (o === OPEN) end = asOf;
      else if (model.closed && !Number.isNaN(model.closed[i])) end = model.closed[i];
      else if (o === WON) end = from[i];
    }
    out[j] = end - from[i];
  }
  return out;
}
