/**
 * Parquet pages → the app's typed columns. A sink per column takes one page's values at a time
 * (with its definition levels: 0 = empty) and writes them straight into the arrays the table
 * keeps: numbers into a Float64Array and a null bitmap, days into a Float64Array, text into
 * dictionary codes.
 *
 * Text never becomes a string per row where the file is dictionary-encoded: the sink's
 * `stringFromBytes` parser turns each dictionary entry into this column's code once, and the
 * rows then copy codes by index. Numbers and days in a dictionary are converted once per entry
 * too. Only plain-encoded pages (a writer gives up on the dictionary when it grows too large)
 * decode each row's value.
 */
import type { ParquetParsers } from 'hyparquet';
import {
  codeArray,
  newBitmap,
  setBit,
  type Column,
  type DateColumn,
  type NumberColumn,
  type TextColumn,
} from '../table/table';
import { MAX_DAY, MAX_NUMBER, MIN_DAY } from '../table/limits';
import { formatDayTime, OddCells } from './columns';
import { numericType, textType } from './infer';
import { isPlaceholder, looksLikeId } from './values';
import type { ImportReport } from './report';

type Warning = ImportReport['warnings'][number];

/** What a Parquet column becomes: numbers, days, or dictionary-coded text. */
export type SinkKind = 'number' | 'date' | 'text';

/** Per value of a page, 0 where the row is empty (null); null when every row has a value. */
export type Levels = ArrayLike<number> | null;

export interface ColumnSink {
  readonly name: string;
  readonly kind: SinkKind;
  /** hyparquet's parsers for this column (merged over its defaults). */
  readonly parsers: Partial<ParquetParsers>;
  /** A dictionary page's entries, already through `parsers`: the rows that follow index them. */
  dictionary(entries: ArrayLike<unknown>): void;
  /** `count` rows from `rowStart`: the filled ones take `values` in turn. */
  values(values: ArrayLike<unknown>, levels: Levels, rowStart: number, count: number): void;
  /** `count` rows from `rowStart`: the filled ones take the dictionary entries `indices` name. */
  indexed(indices: ArrayLike<number>, levels: Levels, rowStart: number, count: number): void;
  /** The finished column; what was left empty is said in `warnings`. */
  finish(warnings: Warning[]): Column;
}

const MS_PER_DAY = 86_400_000;
const decoder = new TextDecoder();

/**
 * Time stamps as day numbers (fractional: the time of day), the form date columns hold. Parquet
 * times are UTC instants or wall-clock times; both are read as written, like a CSV's `2025-01-05
 * 13:45`.
 */
const DAY_PARSERS: Partial<ParquetParsers> = {
  dateFromDays: (days: number) => days,
  timestampFromMilliseconds: (ms: bigint) => Number(ms) / MS_PER_DAY,
  timestampFromMicroseconds: (us: bigint) => Number(us) / (MS_PER_DAY * 1000),
  // Whole microseconds first: nanoseconds since 1970 pass 2^53 and would lose the day's digits.
  timestampFromNanoseconds: (ns: bigint) => Number(ns / 1000n) / (MS_PER_DAY * 1000),
};

/**
 * The shared walk over a page: filled rows take the next value, empty rows are `empty`. Each
 * sink passes its own `put`, so the loop stays one shape per sink.
 */
function walk(
  levels: Levels,
  rowStart: number,
  count: number,
  put: (row: number, k: number) => void,
  empty: (row: number) => void,
): void {
  if (levels === null) {
    for (let j = 0; j < count; j++) put(rowStart + j, j);
    return;
  }
  let k = 0;
  for (let j = 0; j < count; j++) {
    if (levels[j] === 0) empty(rowStart + j);
    else put(rowStart + j, k++);
  }
}

class NumberSink implements ColumnSink {
  readonly kind = 'number';
  readonly parsers = DAY_PARSERS;
  /** Whole numbers in int32 range halve the memory, as a CSV's do; the first other value
   * moves the column to floats. */
  #ints: Int32Array | null;
  #floats: Float64Array | null = null;
  #nulls: Uint8Array | null = null;
  #whole = true;
  #negative = false;
  /** The current dictionary as numbers; NaN marks an entry that cannot be summed. */
  #dict = new Float64Array(0);
  #dictRaw: ArrayLike<unknown> = [];
  #dictClean = true;
  /** Cells a double cannot add up exactly (beyond 2^53, ±Infinity): left empty and listed. */
  readonly odd = new OddCells();

  constructor(
    readonly name: string,
    readonly rows: number,
  ) {
    this.#ints = new Int32Array(rows);
  }

  #toFloats(): Float64Array {
    const floats = new Float64Array(this.rows);
    floats.set(this.#ints!);
    this.#floats = floats;
    this.#ints = null;
    return floats;
  }

  /** A value as a summable number, noting what the column holds; NaN when it cannot be. */
  #number(raw: unknown, row: number): number {
    if (raw === null || raw === undefined) return NaN;
    const v = typeof raw === 'number' ? raw : Number(raw);
    if (v !== v) return NaN;
    if (!(v <= MAX_NUMBER && v >= -MAX_NUMBER)) {
      this.odd.add(String(raw), row + 1);
      return NaN;
    }
    if ((v | 0) !== v) {
      if (this.#ints) this.#toFloats();
      if (this.#whole && !Number.isInteger(v)) this.#whole = false;
    }
    if (v < 0) this.#negative = true;
    return v;
  }

  #empty = (row: number): void => {
    this.#nulls ??= newBitmap(this.rows);
    setBit(this.#nulls, row);
  };

  #put(row: number, raw: unknown): void {
    const v = this.#number(raw, row);
    if (v !== v) this.#empty(row);
    else (this.#ints ?? this.#floats!)[row] = v;
  }

  dictionary(entries: ArrayLike<unknown>): void {
    this.#dictRaw = entries;
    this.#dict = new Float64Array(entries.length);
    this.#dictClean = true;
    for (let e = 0; e < entries.length; e++) {
      const raw = entries[e];
      const v = typeof raw === 'number' ? raw : raw === null ? NaN : Number(raw);
      const ok = v === v && v <= MAX_NUMBER && v >= -MAX_NUMBER;
      // Entries that cannot be summed go the slow way, row by row, to be listed.
      if (!ok) this.#dictClean = false;
      else this.#number(v, 0);
      this.#dict[e] = ok ? v : NaN;
    }
  }

  values(values: ArrayLike<unknown>, levels: Levels, rowStart: number, count: number): void {
    walk(levels, rowStart, count, (row, k) => this.#put(row, values[k]), this.#empty);
  }

  indexed(indices: ArrayLike<number>, levels: Levels, rowStart: number, count: number): void {
    if (levels === null && this.#dictClean) {
      if (this.#ints) copyByIndex(this.#ints, this.#dict, indices, rowStart, count);
      else copyByIndex(this.#floats!, this.#dict, indices, rowStart, count);
      return;
    }
    const dict = this.#dict;
    const raw = this.#dictRaw;
    walk(
      levels,
      rowStart,
      count,
      (row, k) => {
        const v = dict[indices[k]];
        if (v === v) (this.#ints ?? this.#floats!)[row] = v;
        else this.#put(row, raw[indices[k]]);
      },
      this.#empty,
    );
  }

  finish(warnings: Warning[]): NumberColumn {
    if (this.odd.count > 0) {
      warnings.push({ key: 'import.warn.notNumbers', params: this.odd.params(this.name) });
    }
    const type = numericType(this.name, {
      percent: 0,
      currency: '',
      negative: this.#negative,
      whole: this.#whole,
      values: this.rows,
    });
    const values = this.#ints ?? this.#floats!;
    return { kind: 'number', name: this.name, type, values, nulls: this.#nulls };
  }
}

/** Rows `rowStart…` take the dictionary entries their indices name (one loop per array type). */
function copyByIndex(
  out: Int32Array | Float64Array,
  dict: Float64Array,
  indices: ArrayLike<number>,
  rowStart: number,
  count: number,
): void {
  for (let j = 0; j < count; j++) out[rowStart + j] = dict[indices[j]];
}

class DateSink implements ColumnSink {
  readonly kind = 'date';
  readonly parsers = DAY_PARSERS;
  #days: Float64Array;
  #hasTime = false;
  #dict = new Float64Array(0);
  /** Days outside 1900–2200 (9999-12-31 for "never"): left empty and listed, as a CSV's are. */
  readonly outOfRange = new OddCells();

  constructor(
    readonly name: string,
    readonly rows: number,
  ) {
    this.#days = new Float64Array(rows).fill(NaN);
  }

  /** A value as a day number in range; NaN (listed when out of range) otherwise. */
  #day(v: unknown, row: number): number {
    if (typeof v !== 'number' || v !== v) return NaN;
    if (v < MIN_DAY || v >= MAX_DAY + 1) {
      // (Beyond ±270,000 years a Date cannot say the day: the number itself is listed.)
      const text = Math.abs(v) < 1e8 ? formatDayTime(v, v !== Math.floor(v)) : String(v);
      this.outOfRange.add(text, row + 1);
      return NaN;
    }
    if (!this.#hasTime && v !== Math.floor(v)) this.#hasTime = true;
    return v;
  }

  dictionary(entries: ArrayLike<unknown>): void {
    this.#dict = Float64Array.from({ length: entries.length }, (_, e) => {
      const v = entries[e];
      return typeof v === 'number' ? v : NaN;
    });
  }

  values(values: ArrayLike<unknown>, levels: Levels, rowStart: number, count: number): void {
    const days = this.#days;
    walk(
      levels,
      rowStart,
      count,
      (row, k) => (days[row] = this.#day(values[k], row)),
      () => {},
    );
  }

  indexed(indices: ArrayLike<number>, levels: Levels, rowStart: number, count: number): void {
    const days = this.#days;
    const dict = this.#dict;
    walk(
      levels,
      rowStart,
      count,
      (row, k) => (days[row] = this.#day(dict[indices[k]], row)),
      () => {},
    );
  }

  finish(warnings: Warning[]): DateColumn {
    if (this.outOfRange.count > 0) {
      warnings.push({
        key: 'import.warn.datesOutOfRange',
        params: this.outOfRange.params(this.name),
      });
    }
    return {
      kind: 'date',
      name: this.name,
      type: 'date',
      days: this.#days,
      hasTime: this.#hasTime,
    };
  }
}

class TextSink implements ColumnSink {
  readonly kind = 'text';
  readonly parsers: Partial<ParquetParsers>;
  #codes: Int32Array;
  #index = new Map<string, number>([['', 0]]);
  #dict: string[] = [''];
  #pageDict = new Int32Array(0);
  #idLike = 0;
  #maxLength = 0;

  constructor(
    readonly name: string,
    readonly rows: number,
  ) {
    this.#codes = new Int32Array(rows);
    // A dictionary page's entries become codes here, once each; its rows then carry codes.
    const code = (bytes: Uint8Array | undefined) =>
      bytes === undefined ? 0 : this.#code(decoder.decode(bytes));
    this.parsers = { ...DAY_PARSERS, stringFromBytes: code, jsonFromBytes: code };
  }

  /** The code of a value as a CSV cell would keep it: trimmed, "no value" spellings empty. */
  #code(text: string): number {
    let code = this.#index.get(text);
    if (code !== undefined) return code;
    const clean = isPlaceholder(text) ? '' : text.trim();
    code = this.#index.get(clean);
    if (code === undefined) {
      code = this.#dict.length;
      this.#dict.push(clean);
      this.#index.set(clean, code);
      if (looksLikeId(clean)) this.#idLike++;
      if (clean.length > this.#maxLength) this.#maxLength = clean.length;
    }
    this.#index.set(text, code);
    return code;
  }

  /** Codes from our parser; other values (booleans, UUIDs, raw bytes) are written as text. */
  #codeOf(v: unknown): number {
    if (typeof v === 'number') return v;
    if (v === null || v === undefined) return 0;
    if (typeof v === 'boolean') return this.#code(v ? 'true' : 'false');
    if (v instanceof Uint8Array) {
      return this.#code(Array.from(v, (b) => b.toString(16).padStart(2, '0')).join(''));
    }
    return this.#code(String(v));
  }

  dictionary(entries: ArrayLike<unknown>): void {
    this.#pageDict = Int32Array.from({ length: entries.length }, (_, e) =>
      this.#codeOf(entries[e]),
    );
  }

  values(values: ArrayLike<unknown>, levels: Levels, rowStart: number, count: number): void {
    const codes = this.#codes;
    // Empty rows keep code 0, which the array starts with.
    walk(
      levels,
      rowStart,
      count,
      (row, k) => (codes[row] = this.#codeOf(values[k])),
      () => {},
    );
  }

  indexed(indices: ArrayLike<number>, levels: Levels, rowStart: number, count: number): void {
    const codes = this.#codes;
    const dict = this.#pageDict;
    if (levels === null) {
      for (let j = 0; j < count; j++) codes[rowStart + j] = dict[indices[j]];
      return;
    }
    walk(
      levels,
      rowStart,
      count,
      (row, k) => (codes[row] = dict[indices[k]]),
      () => {},
    );
  }

  finish(): TextColumn {
    const codes = codeArray(this.rows, this.#dict.length);
    codes.set(this.#codes);
    let filled = 0;
    for (let i = 0; i < codes.length; i++) if (codes[i] !== 0) filled++;
    const type = textType(this.name, {
      distinct: this.#dict.length - 1,
      values: filled,
      idLike: this.#idLike,
      maxLength: this.#maxLength,
    });
    return { kind: 'text', name: this.name, type, codes, dict: this.#dict };
  }
}

/**
 * A sink for one column of `rows` rows.
 *
 * @example
 * const s = columnSink('点击量', 'number', 3);
 * s.values([1n, 5n], Uint8Array.of(1, 0, 1), 0, 3);
 * s.finish([]) // { kind: 'number', type: 'count', values: Int32Array [1, 0, 5], nulls: [0b010] }
 */
export function columnSink(name: string, kind: SinkKind, rows: number): ColumnSink {
  if (kind === 'number') return new NumberSink(name, rows);
  if (kind === 'date') return new DateSink(name, rows);
  return new TextSink(name, rows);
}
