/**
 * The rows behind a number the explore view shows: which figure was asked for, the rows of the
 * current slice behind it (core/engine/rows-behind), how long each record has sat in the stage
 * (record data with stage dates), the order they are read in (a permutation, never a copy of the
 * rows) and the CSV of them. Read from the view's public figures only, so the rows always match
 * the number clicked: the same funnel, the same selection.
 */
import { asOfDay, stallLines, stalledDeals } from '../core/decide/stalled';
import { lastDay } from '../core/engine/records';
import {
  daysInStage,
  rowsBehind,
  type PipelineFigure,
  type RowsTarget,
} from '../core/engine/rows-behind';
import { sortPositions, type SortDirection } from '../core/engine/rows-sort';
import { tableCsvChunks } from '../core/table/table-csv';
import type { Column, NumberColumn, Table } from '../core/table/table';
import type { SlicePart, View } from './view.svelte';

/** A figure to open, in the view's terms (a segment by its field's name and value). */
export type RowsRequest =
  | { kind: 'stage'; stage: number }
  /** Between stage − 1 and stage. */
  | { kind: 'drop'; stage: number }
  | { kind: 'segment'; field: string; value: string; stage: number }
  | { kind: 'pipeline'; figure: PipelineFigure; stage: number | null }
  /** Record data: open records in their stage longer than 9 in 10 that moved on (停滞商机). */
  | { kind: 'stalled' };

/** Where focus goes back to when the rows close (the control that opened them). */
export interface FocusTarget {
  focus(): void;
}

/** The sort: a table column by its index, or `days` (the computed days in stage). */
export interface RowsSort {
  column: number | 'days';
  direction: SortDirection;
}

/** Today as a day number (UTC). */
const today = (): number => Math.floor(Date.now() / 86_400_000);

export class RowsView {
  constructor(private readonly view: View) {}

  #request = $state.raw<RowsRequest | null>(null);
  #sort = $state.raw<RowsSort | null>(null);
  #locale = $state('en');
  #returnTo: FocusTarget | null = null;

  /** The figure open, or null when the rows are closed. */
  get request(): RowsRequest | null {
    return this.#request;
  }
  get sort(): RowsSort | null {
    return this.#sort;
  }

  /** Open the rows behind a figure; `returnTo` gets focus back when they close. */
  open(request: RowsRequest, returnTo: FocusTarget | null = null): void {
    this.#request = request;
    this.#sort = null;
    this.#returnTo = returnTo;
  }

  /** Close the rows and give focus back to the control that opened them. */
  close(): void {
    if (!this.#request) return;
    this.#request = null;
    const back = this.#returnTo;
    this.#returnTo = null;
    back?.focus();
  }

  /** Sort by a column: ascending first (descending for numbers and days), then the other way. */
  sortBy(column: number | 'days', locale: string): void {
    const now = this.#sort;
    this.#locale = locale;
    if (now && now.column === column) {
      this.#sort = { column, direction: now.direction === 'asc' ? 'desc' : 'asc' };
      return;
    }
    const col = column === 'days' ? null : this.table?.columns[column];
    this.#sort = { column, direction: col?.kind === 'text' ? 'asc' : 'desc' };
  }

  get table(): Table | null {
    return this.view.table;
  }

  /** The request in the engine's terms (a segment's column looked up), or null. */
  #target: RowsTarget | null = $derived.by(() => {
    const r = this.#request;
    if (!r || r.kind === 'stalled') return null;
    if (r.kind !== 'segment') return r;
    const column = this.view.column(r.field);
    return column ? { kind: 'segment', column, value: r.value, stage: r.stage } : null;
  });

  /**
   * The stalled open records of the selection, as the Scorecard's stalled list finds them (each
   * stage's line over the whole dataset, counted to the same as-of day); ascending rows.
   */
  readonly stalled: Uint32Array = $derived.by(() => {
    const model = this.view.funnel?.records;
    const last = model?.entered ? lastDay(model) : null;
    if (!model || last === null) return new Uint32Array(0);
    const deals = stalledDeals(
      model,
      this.view.rows,
      stallLines(model, null),
      asOfDay(last, today()),
    );
    return Uint32Array.from(deals, (d) => d.row).sort();
  });

  /** The rows behind the figure, ascending (empty when closed). */
  readonly rows: Uint32Array = $derived.by(() => {
    if (this.#request?.kind === 'stalled') return this.stalled;
    const funnel = this.view.funnel;
    const target = this.#target;
    return funnel && target ? rowsBehind(funnel, this.view.rows, target) : new Uint32Array(0);
  });

  /** The stage whose days the rows show: the one clicked, the one dropped at, or each's own. */
  #daysStage: number | null = $derived.by(() => {
    const r = this.#request;
    if (!r || r.kind === 'stalled') return null;
    if (r.kind === 'drop') return r.stage - 1;
    return r.stage;
  });

  /**
   * The day an open record's days are counted to (record data): the data's last day, or today
   * when the data is current, as the stalled list counts them.
   */
  readonly asOf: number | null = $derived.by(() => {
    const model = this.view.funnel?.records;
    const last = model && this.#request ? lastDay(model) : null;
    return last === null ? null : asOfDay(last, today());
  });

  /** Record data with stage dates: days each row has been in the stage, aligned with `rows`. */
  readonly days: Float64Array | null = $derived.by(() => {
    const model = this.view.funnel?.records;
    const asOf = this.asOf;
    if (!model || asOf === null) return null;
    return daysInStage(model, this.rows, this.#daysStage, asOf);
  });

  /** The order rows are read in: positions into `rows`, first to last. */
  readonly order: Uint32Array = $derived.by(() => {
    const rows = this.rows;
    const sort = this.#sort;
    const table = this.table;
    if (!sort || !table) return fileOrder(rows.length);
    if (sort.column === 'days') {
      const days = this.days;
      return days ? sortPositions({ values: days }, rows, sort.direction) : fileOrder(rows.length);
    }
    const column = table.columns[sort.column];
    return sortPositions({ column }, rows, sort.direction, this.#locale);
  });

  /** The slice the rows come from, in parts to put in words (with the segment's own). */
  readonly sliceParts: SlicePart[] = $derived.by(() => {
    const r = this.#request;
    const parts = this.view.sliceParts;
    return r?.kind === 'segment' ? [...parts, { field: r.field, values: [r.value] }] : parts;
  });

  /**
   * The rows as CSV chunks, in the order shown: the file's own columns (re-importing gives the
   * same funnel over them), then the days in stage when known, under `daysName`.
   */
  csvParts(daysName: string): string[] {
    const table = this.table;
    if (!table) return [];
    const rows = this.rows;
    const order = this.order;
    const shown = Uint32Array.from(order, (p) => rows[p]);
    const days = this.days;
    if (!days) return [...tableCsvChunks(table, shown)];
    const values = new Float64Array(table.rowCount);
    const nulls = new Uint8Array((table.rowCount + 7) >> 3).fill(0xff);
    for (let j = 0; j < rows.length; j++) {
      const i = rows[j];
      if (Number.isNaN(days[j])) continue;
      values[i] = days[j];
      nulls[i >> 3] &= ~(1 << (i & 7));
    }
    const column: NumberColumn = {
      kind: 'number',
      name: uniqueName(table.columns, daysName),
      type: 'number',
      values,
      nulls,
    };
    return [
      ...tableCsvChunks({ rowCount: table.rowCount, columns: [...table.columns, column] }, shown),
    ];
  }
}

/** Positions 0 … n − 1: the rows as the file has them. */
function fileOrder(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let j = 0; j < n; j++) out[j] = j;
  return out;
}

/** `name`, or `name (2)` … when the table already has a column of that name. */
function uniqueName(columns: readonly Column[], name: string): string {
  const taken = new Set(columns.map((c) => c.name));
  let out = name;
  for (let n = 2; taken.has(out); n++) out = `${name} (${n})`;
  return out;
}
