/**
 * Rows → columnar table. Records arrive one at a time (from papaparse in the worker, from a
 * spreadsheet, or from a test); blank, total and footer rows are dropped and reported, ragged
 * rows are padded and counted, and the first rows are held back just long enough to plan each
 * column's kind before everything streams into typed arrays.
 */
import type { ImportReport } from './report';
import type { Column, Table } from './table';
import {
  DateBuilder,
  NumberBuilder,
  TextBuilder,
  type ColumnBuilder,
  type DateOrderNote,
} from './columns';
import { dedupeHeaders, planColumn, type ColumnPlan } from './infer';
import { totalRowText } from './totals';
import { usedWidth } from './header';
import { retypeColumn } from './retype';

/** How many kept rows plan the column kinds. */
const SAMPLE_ROWS = 1000;
/** Ragged lines listed by number in the report (all are counted). */
const LINES_LISTED = 20;

export type BuiltReport = Pick<
  ImportReport,
  | 'rowsRead'
  | 'droppedTotals'
  | 'droppedBlank'
  | 'raggedRows'
  | 'raggedLines'
  | 'renamedHeaders'
  | 'warnings'
  | 'currency'
> & { dateOrders: DateOrderNote[] };

export class TableBuilder {
  readonly names: string[];
  readonly report: BuiltReport;
  #width: number;
  #capacity: number;
  #sample: string[][] | null = [];
  #builders: ColumnBuilder[] = [];
  #plans: ColumnPlan[] = [];
  #rows = 0;

  /**
   * @param header the header record's cells
   * @param expectedRows a capacity hint (e.g. file size ÷ bytes per row), to avoid regrowing
   *
   * @example
   * const b = new TableBuilder(['日期', '点击量']);
   * b.push(['2025-01-05', '12'], 2);
   * b.push(['合计', '12'], 3);
   * b.finish().table.rowCount // 1 (the total row is in b.report.droppedTotals)
   */
  constructor(header: readonly string[], expectedRows = 1024) {
    const width = Math.max(1, usedWidth(header));
    const { names, renamed } = dedupeHeaders(header.slice(0, width));
    this.names = names;
    this.#width = width;
    this.#capacity = Math.max(16, expectedRows);
    this.report = {
      rowsRead: 0,
      droppedTotals: [],
      droppedBlank: 0,
      raggedRows: 0,
      raggedLines: [],
      renamedHeaders: renamed,
      warnings: renamed.map((r): { key: string; params: Record<string, string> } =>
        r.from === ''
          ? { key: 'import.warn.blankHeader', params: { to: r.to } }
          : { key: 'import.warn.renamed', params: { from: r.from, to: r.to } },
      ),
      currency: '',
      dateOrders: [],
    };
  }

  get rowCount(): number {
    return this.#rows;
  }

  /** Add one record that starts on 1-based `line` of the file. */
  push(cells: string[], line: number): void {
    const total = totalRowText(cells);
    if (total !== null) {
      this.report.droppedTotals.push({ line, text: total });
      return;
    }
    if (isBlank(cells)) {
      this.report.droppedBlank++;
      return;
    }
    const n = cells.length;
    if (n !== this.#width && (n < this.#width || usedWidth(cells) > this.#width))
      this.#ragged(line);
    this.#rows++;
    if (this.#sample !== null) {
      this.#sample.push(cells);
      if (this.#sample.length >= SAMPLE_ROWS) this.#startColumns();
      return;
    }
    this.#append(cells);
  }

  #ragged(line: number): void {
    this.report.raggedRows++;
    if (this.report.raggedLines.length < LINES_LISTED) this.report.raggedLines.push(line);
  }

  #startColumns(): void {
    const sample = this.#sample!;
    this.#sample = null;
    this.#plans = this.names.map((name, j) =>
      planColumn(
        name,
        sample.map((r) => r[j] ?? ''),
      ),
    );
    this.#builders = this.#plans.map((plan, j) => {
      const name = this.names[j];
      if (plan.kind === 'number') return new NumberBuilder(name, this.#capacity);
      if (plan.kind === 'date') return new DateBuilder(name, this.#capacity, plan.serial);
      return new TextBuilder(name, this.#capacity);
    });
    for (const r of sample) this.#append(r);
  }

  #append(cells: string[]): void {
    const builders = this.#builders;
    const n = cells.length;
    for (let j = 0; j < builders.length; j++) {
      const cell = j < n ? cells[j] : '';
      if (!builders[j].push(cell)) {
        const row = builders[j].length;
        const text = builders[j].toText();
        builders[j] = text;
        text.push(cell);
        this.report.warnings.push({
          key: 'import.warn.becameText',
          params: { column: text.name, row: row + 1, value: cell.slice(0, 40) },
        });
      }
    }
  }

  /** The table and the finished report (rowsRead, currency and date orders filled in). */
  finish(): { table: Table; report: BuiltReport } {
    if (this.#sample !== null) this.#startColumns();
    const columns: Column[] = this.#builders.map((b, j) => {
      if (b instanceof NumberBuilder) {
        if (!this.report.currency && b.currency) this.report.currency = b.currency;
        return b.finish();
      }
      if (b instanceof DateBuilder) {
        const { column, order } = b.finish();
        if (order) this.#noteOrder(order);
        return column;
      }
      const text = (b as TextBuilder).finish();
      // A column empty in the first rows was read as text; settle it on all of its values.
      return this.#plans[j].undecided ? settleUndecided(text) : text;
    });
    this.report.rowsRead = this.#rows;
    return { table: { rowCount: this.#rows, columns }, report: this.report };
  }

  #noteOrder(order: DateOrderNote): void {
    this.report.dateOrders.push(order);
    if (order.evidence === 'assumed') {
      this.report.warnings.push({
        key: 'import.warn.dateOrderAssumed',
        params: { column: order.column },
      });
    } else if (order.evidence === 'mixed') {
      this.report.warnings.push({
        key: 'import.warn.dateOrderMixed',
        params: { column: order.column },
      });
    }
  }
}

function isBlank(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c !== '' && c.trim() !== '') return false;
  }
  return true;
}

/** A late-filled text column whose values are all numbers (or all dates) becomes one. */
function settleUndecided(col: Column): Column {
  if (col.kind !== 'text' || col.dict.length < 2) return col;
  const plan = planColumn(col.name, col.dict.slice(1));
  if (plan.kind === 'text') return col;
  return retypeColumn(col, plan.kind === 'date' ? 'date' : 'number').column;
}
