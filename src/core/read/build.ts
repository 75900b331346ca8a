/**
 * Rows → columnar table. Records arrive one at a time (from papaparse in the worker, from a
 * spreadsheet, or from a test); blank, total and footer rows are dropped and reported, ragged
 * rows are padded and counted, and the first rows are held back just long enough to plan each
 * column's kind before everything streams into typed arrays.
 *
 * The limits of a saved table (src/core/table/limits.ts) are enforced here, before anything is
 * saved: too many columns or rows are refused; over-long names and cells are cut; cells a
 * number or date column cannot hold (unreadable, too large, outside 1900–2200) are left empty.
 * Each is counted and listed in the report, so no number changes behind the user's back.
 */
import type { ImportReport } from './report';
import { isNull, type Column, type Table, type TextColumn } from '../table/table';
import {
  DateBuilder,
  NumberBuilder,
  OddCells,
  TextBuilder,
  type ColumnBuilder,
  type DateOrderNote,
  type HalfColumn,
  type OddList,
} from './columns';
import {
  cutText,
  dedupeHeaders,
  headerWarnings,
  MIN_NUMBERS,
  oddAllowed,
  planColumn,
  type ColumnPlan,
} from './infer';
import { saysNoData, totalRowText } from './totals';
import { usedWidth } from './header';
import { retypeColumn } from './retype';
import { ImportError } from './import-error';
import { MAX_CELL_LENGTH, MAX_COLUMNS, MAX_REPORT_LINES, MAX_ROWS } from '../table/limits';
import { cellText, type ByteRows } from './byte-rows';

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

type Warning = ImportReport['warnings'][number];

/** A column's kind as built: what a back half must be built as to be absorbed. */
export type BuiltKind = HalfColumn['kind'];

/**
 * What a builder made of the back half of a file (halves.ts), as plain data: its rows, columns
 * and report, every line counted from the back half's first line (1).
 */
export interface BuilderHalf {
  rows: number;
  columns: HalfColumn[];
  droppedTotals: { line: number; text: string }[];
  totalsNotListed: number;
  droppedBlank: number;
  raggedRows: number;
  raggedLines: number[];
  cut: OddList[] | null;
  /** Short rows held at the end (maybe a footer; see `push`). */
  trailing: { cells: string[]; line: number }[];
}

export class TableBuilder {
  readonly names: string[];
  readonly report: BuiltReport;
  #width: number;
  #capacity: number;
  #maxRows: number;
  #sample: string[][] | null = [];
  #sampleLines: number[] = [];
  #builders: ColumnBuilder[] = [];
  #plans: ColumnPlan[] = [];
  #rows = 0;
  #trailing: { cells: string[]; line: number }[] = [];
  /** Total and footer rows beyond those listed. */
  #totalsNotListed = 0;
  /** Per column, cells cut to MAX_CELL_LENGTH (made on the first such cell). */
  #cut: OddCells[] | null = null;
  /** Warnings of columns handed over to text, in the order it happened. */
  #handedOver: Warning[] = [];

  /**
   * @param header the header record's cells
   * @param expectedRows a capacity hint (e.g. file size ÷ bytes per row), to avoid regrowing
   * @param maxRows rows beyond which the import is refused (MAX_ROWS; smaller in tests)
   * @param sampleRows kept rows that plan the column kinds (SAMPLE_ROWS; smaller in tests)
   * @throws ImportError 'tooManyColumns' for a header wider than MAX_COLUMNS
   *
   * @example
   * const b = new TableBuilder(['日期', '点击量']);
   * b.push(['2025-01-05', '12'], 2);
   * b.push(['合计', '12'], 3);
   * b.finish().table.rowCount // 1 (the total row is in b.report.droppedTotals)
   */
  constructor(
    header: readonly string[],
    expectedRows = 1024,
    maxRows = MAX_ROWS,
    readonly sampleRows = SAMPLE_ROWS,
  ) {
    const width = Math.max(1, usedWidth(header));
    if (width > MAX_COLUMNS) {
      throw new ImportError('tooManyColumns', { count: width, limit: MAX_COLUMNS });
    }
    const { names, renamed, cut } = dedupeHeaders(header.slice(0, width));
    this.names = names;
    this.#width = width;
    this.#capacity = Math.max(16, expectedRows);
    this.#maxRows = maxRows;
    const warnings: Warning[] = headerWarnings({ renamed, cut });
    this.report = {
      rowsRead: 0,
      droppedTotals: [],
      droppedBlank: 0,
      raggedRows: 0,
      raggedLines: [],
      renamedHeaders: renamed,
      warnings,
      currency: '',
      dateOrders: [],
    };
  }

  /**
   * A builder for the back half of a file whose front half's builder has these column kinds:
   * the rows go straight into columns of those kinds, with no sample to plan them.
   */
  static forBackHalf(
    header: readonly string[],
    kinds: readonly BuiltKind[],
    expectedRows: number,
    maxRows = MAX_ROWS,
  ): TableBuilder {
    const b = new TableBuilder(header, expectedRows, maxRows);
    b.#sample = null;
    b.#builders = kinds.map((kind, j) => {
      const name = b.names[j];
      if (kind === 'number') return new NumberBuilder(name, b.#capacity);
      if (kind === 'text') return new TextBuilder(name, b.#capacity);
      return new DateBuilder(name, b.#capacity, kind === 'serial');
    });
    return b;
  }

  /** The kinds the columns are being built as; null while the first rows still plan them. */
  kinds(): BuiltKind[] | null {
    if (this.#sample !== null) return null;
    return this.#builders.map(kindOf);
  }

  /**
   * This builder's work as a back half (plain data, to send to the front half's builder); null
   * when it cannot be absorbed as it is: a column changed kind or met a cell whose fate depends
   * on the rows before it.
   */
  half(): BuilderHalf | null {
    if (this.#sample !== null || this.#handedOver.length > 0) return null;
    const columns: HalfColumn[] = [];
    for (const b of this.#builders) {
      const column = (b as NumberBuilder | DateBuilder | TextBuilder).half();
      if (column === null) return null;
      columns.push(column);
    }
    return {
      rows: this.#rows,
      columns,
      droppedTotals: this.report.droppedTotals,
      totalsNotListed: this.#totalsNotListed,
      droppedBlank: this.report.droppedBlank,
      raggedRows: this.report.raggedRows,
      raggedLines: this.report.raggedLines,
      cut: this.#cut ? this.#cut.map((c) => c.data()) : null,
      trailing: this.#trailing,
    };
  }

  /**
   * Take in the back half of the file, read by another builder from just after this one's last
   * row, its lines `offset` below the file's: the table and report come out as if this builder
   * had read those rows itself. False (and nothing changed) when that cannot be promised: a
   * short row is held here (the back half's first row decides its fate), a column's kind is not
   * what the back half was built as, or the rows pass the limit (the caller then reads the back
   * half itself, which says where).
   */
  absorb(half: BuilderHalf, offset: number): boolean {
    const kinds = this.kinds();
    if (
      kinds === null ||
      this.#trailing.length > 0 ||
      this.#rows + half.rows > this.#maxRows ||
      half.columns.some((c, j) => c.kind !== kinds[j])
    ) {
      return false;
    }
    half.columns.forEach((c, j) => {
      const b = this.#builders[j];
      if (c.kind === 'number') (b as NumberBuilder).absorb(c);
      else if (c.kind === 'text') (b as TextBuilder).absorb(c, offset);
      else (b as DateBuilder).absorb(c, offset);
    });
    this.#rows += half.rows;
    const report = this.report;
    for (const t of half.droppedTotals) this.#dropTotal(t.line + offset, t.text);
    this.#totalsNotListed += half.totalsNotListed;
    report.droppedBlank += half.droppedBlank;
    report.raggedRows += half.raggedRows;
    for (const line of half.raggedLines) {
      if (report.raggedLines.length < LINES_LISTED) report.raggedLines.push(line + offset);
    }
    half.cut?.forEach((c, j) => {
      if (c.count === 0) return;
      this.#cut ??= this.names.map(() => new OddCells());
      this.#cut[j].absorb(c, offset);
    });
    for (const held of half.trailing) this.#trailing.push({ ...held, line: held.line + offset });
    return true;
  }

  get rowCount(): number {
    return this.#rows;
  }

  /**
   * Add one record that starts on 1-based `line` of the file.
   * @throws ImportError 'tooManyRows' for the row after `maxRows`
   */
  push(cells: string[], line: number): void {
    const total = totalRowText(cells);
    if (total !== null) {
      this.#dropTotal(line, total);
      return;
    }
    if (isBlank(cells)) {
      this.report.droppedBlank++;
      return;
    }
    // A short row with one filled cell may be a footer note (a report title, "Generated By: …",
    // the company name under a Salesforce report): held back until a data row follows it.
    if (this.#width > 1 && filledAtMost1(cells) && usedWidth(cells) < this.#width) {
      this.#trailing.push({ cells, line });
      return;
    }
    if (this.#trailing.length > 0) {
      for (const held of this.#trailing) this.#keep(held.cells, held.line);
      this.#trailing = [];
    }
    this.#keep(cells, line);
  }

  /**
   * Add the rows of a scanned piece (the fast path), row `r` on line `firstLine + r`. A row is
   * taken from its bytes when it is plainly data: as wide as the header (or wider by empty
   * cells only), two or more cells that are surely filled, none that could be a total label or
   * longer than a cell may be. Any other row, and every row while the column kinds are still
   * being planned, is decoded into cells and pushed as papaparse's would be.
   */
  pushRows(rows: ByteRows, firstLine: number): void {
    const bytes = rows.bytes;
    const width = this.#width;
    for (let r = 0; r < rows.rows; r++) {
      const line = firstLine + r;
      const first = rows.firstCell(r);
      const end = rows.rowCells[r];
      if (this.#sample !== null || this.#trailing.length > 0 || !plainRow(rows, r, width)) {
        const cells: string[] = [];
        for (let k = first; k < end; k++)
          cells.push(cellText(bytes, rows.cellStart(r, k), rows.cellEnds[k]));
        this.push(cells, line);
        continue;
      }
      if (this.#rows >= this.#maxRows) {
        throw new ImportError('tooManyRows', { limit: this.#maxRows, line });
      }
      this.#rows++;
      const builders = this.#builders;
      let start = rows.rowStarts[r];
      for (let j = 0; j < width; j++) {
        const cellEnd = rows.cellEnds[first + j];
        if (!builders[j].pushBytes(bytes, start, cellEnd, line)) {
          const cell = cellText(bytes, start, cellEnd);
          const text = this.#toText(builders[j], line, cell);
          builders[j] = text;
          text.push(cell, line);
        }
        start = cellEnd + 1;
      }
    }
  }

  /** A total or footer row: listed up to what a saved report may hold, counted beyond that. */
  #dropTotal(line: number, text: string): void {
    if (this.report.droppedTotals.length < MAX_REPORT_LINES) {
      this.report.droppedTotals.push({ line, text });
    } else this.#totalsNotListed++;
  }

  #keep(cells: string[], line: number): void {
    if (this.#rows >= this.#maxRows) {
      // Refused, not cut: a funnel over the first rows only would be a wrong number.
      throw new ImportError('tooManyRows', { limit: this.#maxRows, line });
    }
    const n = cells.length;
    if (n !== this.#width && (n < this.#width || usedWidth(cells) > this.#width))
      this.#ragged(line);
    this.#rows++;
    if (this.#sample !== null) {
      this.#sample.push(cells);
      this.#sampleLines.push(line);
      if (this.#sample.length >= this.sampleRows) this.#startColumns();
      return;
    }
    this.#append(cells, line);
  }

  #ragged(line: number): void {
    this.report.raggedRows++;
    if (this.report.raggedLines.length < LINES_LISTED) this.report.raggedLines.push(line);
  }

  #startColumns(): void {
    const sample = this.#sample!;
    const lines = this.#sampleLines;
    this.#sample = null;
    this.#sampleLines = [];
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
      // Mostly numbers, but too many odd cells to forgive: text, and the report says why.
      if (plan.firstOdd >= 0) {
        this.#handedOver.push({
          key: 'import.warn.becameText',
          params: {
            column: name,
            line: lines[plan.firstOdd],
            value: sample[plan.firstOdd][j].trim().slice(0, 40),
          },
        });
      }
      return new TextBuilder(name, this.#capacity);
    });
    for (let k = 0; k < sample.length; k++) this.#append(sample[k], lines[k]);
  }

  #append(cells: string[], line: number): void {
    const builders = this.#builders;
    const n = cells.length;
    for (let j = 0; j < builders.length; j++) {
      let cell = j < n ? cells[j] : '';
      if (cell.length > MAX_CELL_LENGTH) cell = this.#cutCell(cell, j, line);
      if (!builders[j].push(cell, line)) {
        const text = this.#toText(builders[j], line, cell);
        builders[j] = text;
        text.push(cell, line);
      }
    }
  }

  /** A cell longer than a saved table may hold: cut, and counted for its column. */
  #cutCell(cell: string, j: number, line: number): string {
    this.#cut ??= this.names.map(() => new OddCells());
    this.#cut[j].add('', line);
    return cutText(cell, MAX_CELL_LENGTH);
  }

  /** Hand a number or date column over to text, saying where it stopped being one. */
  #toText(b: ColumnBuilder, line: number, cell: string): TextBuilder {
    const at = b instanceof NumberBuilder && b.firstOdd ? b.firstOdd : { line, text: cell };
    this.#handedOver.push({
      key: 'import.warn.becameText',
      params: { column: b.name, line: at.line, value: at.text.trim().slice(0, 40) },
    });
    if (b instanceof DateBuilder) this.#noteOutOfRange(b);
    return b.toText();
  }

  /** The table and the finished report (rowsRead, currency and date orders filled in). */
  finish(): { table: Table; report: BuiltReport } {
    for (const held of this.#trailing) {
      this.#dropTotal(held.line, held.cells.join(' ').trim());
    }
    this.#trailing = [];
    this.report.droppedTotals.sort((a, b) => a.line - b.line);
    if (this.#rows === 0 && saysNoData(this.names, this.report.droppedTotals))
      throw new ImportError('noData');
    if (this.#sample !== null) this.#startColumns();
    const warnings = this.report.warnings;
    const columns: Column[] = this.#builders.map((built, j) => {
      let b = built;
      // Too many unreadable cells for a number column after all: text, with every cell kept.
      if (b instanceof NumberBuilder && !b.numeric) b = this.#toText(b, 0, '');
      if (b instanceof NumberBuilder) {
        if (!this.report.currency && b.currency) this.report.currency = b.currency;
        if (b.odd.count > 0) {
          warnings.push({ key: 'import.warn.notNumbers', params: b.odd.params(b.name) });
        }
        return b.finish();
      }
      if (b instanceof DateBuilder) {
        const { column, order } = b.finish();
        if (order) this.#noteOrder(order);
        this.#noteOutOfRange(b);
        return column;
      }
      const builder = b as TextBuilder;
      const text = builder.finish();
      // A column empty in the first rows was read as text; settle it on all of its values.
      return this.#plans[j].undecided ? this.#settleUndecided(text, builder) : text;
    });
    warnings.push(...this.#handedOver);
    this.#cut?.forEach((c, j) => {
      if (c.count === 0) return;
      warnings.push({
        key: 'import.warn.cellCut',
        params: { column: this.names[j], count: c.count, limit: MAX_CELL_LENGTH, line: c.lines[0] },
      });
    });
    if (this.#totalsNotListed > 0) {
      warnings.push({
        key: 'import.warn.totalsNotListed',
        params: {
          count: this.report.droppedTotals.length + this.#totalsNotListed,
          listed: this.report.droppedTotals.length,
        },
      });
    }
    this.report.rowsRead = this.#rows;
    return { table: { rowCount: this.#rows, columns }, report: this.report };
  }

  #noteOutOfRange(b: DateBuilder): void {
    if (b.outOfRange.count === 0) return;
    this.report.warnings.push({
      key: 'import.warn.datesOutOfRange',
      params: b.outOfRange.params(b.name),
    });
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

  /**
   * A late-filled text column whose values are all numbers (or all dates), or numbers but for a
   * few odd cells, becomes one; its cells that do not fit become empty and are reported.
   */
  #settleUndecided(col: TextColumn, built: TextBuilder): Column {
    if (col.dict.length < 2) return col;
    const plan = planColumn(col.name, col.dict.slice(1));
    if (plan.kind === 'text') return col;
    const { column, lost } = retypeColumn(col, plan.kind === 'date' ? 'date' : 'number');
    if (lost === 0) return column;
    let filled = 0;
    for (let i = 0; i < col.codes.length; i++) if (col.codes[i] !== 0) filled++;
    // The plan judged distinct values; the cells decide (one odd value may fill many rows).
    if (plan.kind === 'number' && (lost > oddAllowed(filled) || filled - lost < MIN_NUMBERS)) {
      return col;
    }
    const odd = new OddCells();
    const seen = new Set<number>();
    for (let i = 0; i < col.codes.length && seen.size < 5; i++) {
      const code = col.codes[i];
      if (code === 0 || seen.has(code) || !emptyAt(column, i)) continue;
      seen.add(code);
      odd.add(col.dict[code], built.firstLine(code));
    }
    odd.count = lost;
    this.report.warnings.push({
      key: plan.kind === 'date' ? 'import.warn.datesOutOfRange' : 'import.warn.notNumbers',
      params: odd.params(col.name),
    });
    return column;
  }
}

/** First bytes of the labels `totalRowText` looks for: t T g G s S o O, and 合 总 汇 小 全. */
const TOTAL_ASCII = new Uint8Array(128);
for (const c of 'tTgGsSoO') TOTAL_ASCII[c.charCodeAt(0)] = 1;
const TOTAL_CJK = new Set([...'合总汇小全'].map((c) => c.codePointAt(0)!));

/**
 * True when row `r` of a scanned piece is plainly a data row that `push` would keep as it is:
 * `width` cells (more only if empty), at least two whose first byte is surely not white space
 * (printable ASCII, or a CJK character U+4000–U+9FFF), no cell whose first character could be
 * white space, no total label among the first three filled cells, no cell over MAX_CELL_LENGTH.
 */
function plainRow(rows: ByteRows, r: number, width: number): boolean {
  if (width < 2) return false;
  const bytes = rows.bytes;
  const ends = rows.cellEnds;
  const first = rows.firstCell(r);
  const n = rows.rowCells[r] - first;
  if (n < width) return false;
  let filled = 0;
  let start = rows.rowStarts[r];
  for (let k = first; k < first + n; k++) {
    const end = ends[k];
    if (end > start) {
      if (k - first >= width || end - start > MAX_CELL_LENGTH) return false;
      const b = bytes[start];
      if (b > 0x20 && b < 0x7f) {
        if (filled < 3 && TOTAL_ASCII[b] === 1 && isTotal(bytes, start, end)) return false;
      } else if (b >= 0xe4 && b <= 0xe9) {
        // 合 小 全 start with E5, 总 汇 with E6.
        if (filled < 3 && (b === 0xe5 || b === 0xe6)) {
          const c =
            ((b & 0x0f) << 12) | ((bytes[start + 1] & 0x3f) << 6) | (bytes[start + 2] & 0x3f);
          if (TOTAL_CJK.has(c) && isTotal(bytes, start, end)) return false;
        }
      } else return false;
      filled++;
    }
    start = end + 1;
  }
  return filled >= 2;
}

/** A cell that starts like a total label: is it one (or a footer note)? Asked as `push` asks. */
function isTotal(bytes: Uint8Array, start: number, end: number): boolean {
  return totalRowText([cellText(bytes, start, end)]) !== null;
}

function kindOf(b: ColumnBuilder): BuiltKind {
  if (b instanceof NumberBuilder) return 'number';
  if (b instanceof DateBuilder) return b.serial ? 'serial' : 'date';
  return 'text';
}

function emptyAt(col: Column, i: number): boolean {
  if (col.kind === 'date') return col.days[i] !== col.days[i];
  return col.kind === 'number' && isNull(col, i);
}

function filledAtMost1(cells: readonly string[]): boolean {
  let filled = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c !== '' && c.trim() !== '' && ++filled > 1) return false;
  }
  return true;
}

function isBlank(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c !== '' && c.trim() !== '') return false;
  }
  return true;
}
