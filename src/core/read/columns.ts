/**
 * Column builders: parse one column's cells straight into growable typed arrays, so a million
 * rows never exist as objects. A builder that meets a cell of the wrong kind (text in a number
 * column) hands over to a text builder carrying what it had, and the import goes on.
 */
import {
  codeArray,
  setBit,
  type DateColumn,
  type NumberColumn,
  type TextColumn,
} from '../table/table';
import {
  beyondDouble,
  measureHeader,
  MIN_NUMBERS,
  ODD_SHARE,
  numericType,
  oddAllowed,
  textType,
  type NumberStats,
} from './infer';
import { MAX_DAY, MIN_DAY } from '../table/limits';
import { isPlaceholder, lastNumber, looksLikeId, parseNumber, parsePlainNumber } from './values';
import { excelSerialToDay, lastDate, parseDate, swapDayMonth, type DateOrder } from './dates';
import { cellText, hashBytes, isoDayAt, plainNumberAt } from './byte-rows';

function grow<T extends Int32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

export interface ColumnBuilder {
  readonly name: string;
  /**
   * Add the next cell, from 1-based `line` of the file; false when the column can no longer be
   * this kind (the caller switches to text).
   */
  push(cell: string, line?: number): boolean;
  /**
   * The same for a cell given as UTF-8 bytes `[start, end)` of `bytes` (the fast path): the
   * common values are read from the bytes, any other is decoded and pushed as text, so the
   * column comes out as `push` would have made it.
   */
  pushBytes(bytes: Uint8Array, start: number, end: number, line: number): boolean;
  /** The cells so far as text, to continue in a text builder. */
  toText(): TextBuilder;
  length: number;
}

/** Cells a builder left empty because they could not be read, for the import report. */
export class OddCells {
  count = 0;
  /** Lines of the first few. */
  readonly lines: number[] = [];
  /** The first few distinct texts, each cut to 40 characters. */
  readonly texts: string[] = [];

  add(cell: string, line: number): void {
    this.count++;
    if (this.lines.length < LISTED) this.lines.push(line);
    const text = cell.trim().slice(0, 40);
    if (this.texts.length < LISTED_TEXTS && !this.texts.includes(text)) this.texts.push(text);
  }

  /** As plain data, to send between workers. */
  data(): OddList {
    return { count: this.count, lines: [...this.lines], texts: [...this.texts] };
  }

  /**
   * Add the cells another builder counted later in the file (its lines `offset` below the
   * file's): the first lines and texts stay the file's first, as if one builder had seen all.
   */
  absorb(later: OddList, offset: number): void {
    this.count += later.count;
    for (const line of later.lines) if (this.lines.length < LISTED) this.lines.push(line + offset);
    for (const text of later.texts) {
      if (this.texts.length < LISTED_TEXTS && !this.texts.includes(text)) this.texts.push(text);
    }
  }

  /** Message parameters: the column, how many, the first lines and texts. */
  params(column: string): Record<string, string | number> {
    return {
      column,
      count: this.count,
      lines: this.lines.join(', '),
      values: this.texts.map((t) => `“${t}”`).join(', '),
    };
  }
}

/** An OddCells as plain data. */
export interface OddList {
  count: number;
  lines: number[];
  texts: string[];
}

/**
 * What a builder made of the back half of a file (read in a second worker, see halves.ts), as
 * plain data to send back: the front half's builder of the same kind absorbs it.
 */
export type HalfColumn =
  | {
      kind: 'number';
      length: number;
      ints: Int32Array | null;
      floats: Float64Array | null;
      nulls: Uint8Array | null;
      stats: NumberStats;
    }
  | {
      kind: 'date' | 'serial';
      days: Float64Array;
      hasTime: boolean;
      mdy: number;
      dmy: number;
      ambiguous: number;
      outOfRange: OddList;
    }
  | { kind: 'text'; codes: Int32Array; dict: string[]; firstLines: number[]; values: number };

/** Lines and texts listed per column in the report (all are counted). */
const LISTED = 5;
const LISTED_TEXTS = 3;
/**
 * Unreadable cells a number column may hold while it is built before it gives up and becomes
 * text: the share the plan allowed in its first thousand rows (MIN_HELD), or ODD_SHARE of the
 * column so far. Checked as the cells come, so the texts kept to rebuild the column as text
 * stay few.
 */
const MIN_HELD = 50;

export class NumberBuilder implements ColumnBuilder {
  length = 0;
  /** Whole numbers in int32 range halve the memory; the first other value switches to floats. */
  #ints: Int32Array | null;
  #floats: Float64Array | null = null;
  #nulls: Uint8Array | null = null;
  #stats: NumberStats = { percent: 0, currency: '', negative: false, whole: true, values: 0 };
  /** Cells that are not numbers (or too large to add up): left empty, counted and listed. */
  readonly odd = new OddCells();
  /** Their texts by row, to give them back if the column turns out to be text after all. */
  #held = new Map<number, string>();
  /** Where the first unreadable cell was, for the "read as text" warning. */
  firstOdd: { line: number; text: string } | null = null;

  /** Not a measure's header: a value too long for a double is an id, and the column text. */
  readonly #idLike: boolean;

  constructor(
    readonly name: string,
    capacity: number,
  ) {
    this.#ints = new Int32Array(Math.max(capacity, 16));
    this.#idLike = !measureHeader(name);
  }

  push(cell: string, line = 0): boolean {
    // Past the sample too: an 18-digit member number read as a double would lose its digits.
    if (cell.length > 15 && this.#idLike && beyondDouble(cell)) return false;
    const i = this.length;
    if (i >= this.#capacity) this.#grow(i + 1);
    let v = parsePlainNumber(cell);
    if (v !== v) {
      if (isPlaceholder(cell)) {
        this.#setNull(i);
        this.length = i + 1;
        return true;
      }
      v = parseNumber(cell);
      if (v !== v) return this.#pushOdd(cell, line, i);
      if (lastNumber.percent) this.#stats.percent++;
      if (lastNumber.currency && !this.#stats.currency) this.#stats.currency = lastNumber.currency;
    }
    this.#store(i, v);
    return true;
  }

  pushBytes(bytes: Uint8Array, start: number, end: number, line: number): boolean {
    const v = plainNumberAt(bytes, start, end);
    if (v !== v) return this.push(cellText(bytes, start, end), line);
    const i = this.length;
    const ints = this.#ints;
    // The commonest cell of all, a whole number with room for it: no more to do than this.
    if (ints !== null && i < ints.length && (v | 0) === v) {
      ints[i] = v;
      const stats = this.#stats;
      stats.values++;
      if (v < 0) stats.negative = true;
      this.length = i + 1;
      return true;
    }
    if (i >= this.#capacity) this.#grow(i + 1);
    this.#store(i, v);
    return true;
  }

  #store(i: number, v: number): void {
    this.#stats.values++;
    if (v < 0) this.#stats.negative = true;
    const ints = this.#ints;
    if (ints !== null && (v | 0) === v) ints[i] = v;
    else {
      if (ints !== null) this.#toFloats();
      this.#floats![i] = v;
      if (this.#stats.whole && !Number.isInteger(v)) this.#stats.whole = false;
    }
    this.length = i + 1;
  }

  /** An unreadable cell: empty, counted; false once there are too many for a number column. */
  #pushOdd(cell: string, line: number, i: number): boolean {
    this.firstOdd ??= { line, text: cell.trim().slice(0, 40) };
    const filled = this.#stats.values + this.odd.count + 1;
    if (this.odd.count + 1 > Math.max(MIN_HELD, filled * ODD_SHARE)) return false;
    this.odd.add(cell, line);
    this.#held.set(i, cell);
    this.#setNull(i);
    this.length = i + 1;
    return true;
  }

  #setNull(i: number): void {
    this.#nulls ??= new Uint8Array((this.#capacity + 7) >> 3);
    setBit(this.#nulls, i);
  }

  /**
   * True when the column is numeric enough to stay numbers: no unreadable cell, or at least
   * MIN_NUMBERS numbers and no more unreadable cells than `oddAllowed` forgives.
   */
  get numeric(): boolean {
    const odd = this.odd.count;
    if (odd === 0) return true;
    const numbers = this.#stats.values;
    return numbers >= MIN_NUMBERS && odd <= oddAllowed(numbers + odd);
  }

  get #capacity(): number {
    return (this.#ints ?? this.#floats)!.length;
  }

  #grow(n: number): void {
    if (this.#ints) this.#ints = grow(this.#ints, n);
    else this.#floats = grow(this.#floats!, n);
    if (this.#nulls && this.#nulls.length * 8 < this.#capacity) {
      const bits = new Uint8Array((this.#capacity + 7) >> 3);
      bits.set(this.#nulls);
      this.#nulls = bits;
    }
  }

  #toFloats(): void {
    const f = new Float64Array(this.#ints!.length);
    f.set(this.#ints!);
    this.#floats = f;
    this.#ints = null;
  }

  #isNull(i: number): boolean {
    return this.#nulls !== null && (this.#nulls[i >> 3] & (1 << (i & 7))) !== 0;
  }

  /**
   * The column so far as a back half; null when it met an unreadable cell, since whether the
   * column gives up on numbers depends on the cells before it (the front half's).
   */
  half(): HalfColumn | null {
    if (this.odd.count > 0) return null;
    const n = this.length;
    return {
      kind: 'number',
      length: n,
      ints: this.#ints ? this.#ints.slice(0, n) : null,
      floats: this.#floats ? this.#floats.slice(0, n) : null,
      nulls: this.#nulls ? this.#nulls.slice(0, (n + 7) >> 3) : null,
      stats: { ...this.#stats },
    };
  }

  /** Append a back half (see `half`): its cells after these, its figures added to these. */
  absorb(h: Extract<HalfColumn, { kind: 'number' }>): void {
    const n = this.length;
    if (n + h.length > this.#capacity) this.#grow(n + h.length);
    if (h.floats && this.#ints) this.#toFloats();
    (this.#ints ?? this.#floats)!.set(h.ints ?? h.floats!, n);
    if (h.nulls) {
      for (let i = 0; i < h.length; i++) if (h.nulls[i >> 3] & (1 << (i & 7))) this.#setNull(n + i);
    }
    const s = this.#stats;
    s.percent += h.stats.percent;
    s.currency ||= h.stats.currency;
    s.negative ||= h.stats.negative;
    s.whole &&= h.stats.whole;
    s.values += h.stats.values;
    this.length = n + h.length;
  }

  /** The cells so far as text: numbers as written plainly, unreadable cells as they were. */
  toText(): TextBuilder {
    const t = new TextBuilder(this.name, this.#capacity);
    const values = (this.#ints ?? this.#floats)!;
    const pct = this.#stats.percent > 0;
    for (let i = 0; i < this.length; i++) {
      if (this.#isNull(i)) t.push(this.#held.get(i) ?? '');
      else t.push(pct ? `${+(values[i] * 100).toPrecision(12)}%` : String(values[i]));
    }
    return t;
  }

  finish(): NumberColumn {
    const n = this.length;
    const nulls = this.#nulls ? this.#nulls.slice(0, (n + 7) >> 3) : null;
    const values = this.#ints ? this.#ints.slice(0, n) : this.#floats!.slice(0, n);
    const type = numericType(this.name, this.#stats);
    return { kind: 'number', name: this.name, type, values, nulls };
  }

  get currency(): string {
    return this.#stats.currency;
  }
}

/** How a column of year-last slash dates was read (see `lastDate.evidence`). */
export interface DateOrderNote {
  column: string;
  order: DateOrder;
  /** 'proved' by a value such as 13/1/2025, 'assumed' when every value fits both, 'mixed' when values contradict */
  evidence: 'proved' | 'assumed' | 'mixed';
}

export class DateBuilder implements ColumnBuilder {
  length = 0;
  #days: Float64Array;
  #hasTime = false;
  #mdy = 0;
  #dmy = 0;
  #ambiguous = 0;
  /** Rows come grouped by day: the same date text again needs no parse. */
  #lastCell: string | null = null;
  #lastDay = NaN;
  /** What that parse noted (`lastDate` itself may since have been set by another column). */
  #lastEvidence: (typeof lastDate)['evidence'] = '';
  #lastHasTime = false;

  constructor(
    readonly name: string,
    capacity: number,
    readonly serial: boolean,
  ) {
    this.#days = new Float64Array(capacity);
  }

  /** Dates outside MIN_DAY…MAX_DAY (1900–2200): left empty, counted and listed. */
  readonly outOfRange = new OddCells();

  push(cell: string, line = 0): boolean {
    const i = this.length;
    let v: number;
    if (this.serial) {
      v = parsePlainNumber(cell);
      if (v === v) v = excelSerialToDay(v);
    } else {
      // Always month-first while streaming; finish() re-reads ambiguous dates if the column proves day-first.
      if (cell !== this.#lastCell) {
        this.#lastDay = parseDate(cell, 'mdy');
        this.#lastCell = cell;
        this.#lastEvidence = lastDate.evidence;
        this.#lastHasTime = lastDate.hasTime;
      }
      v = this.#lastDay;
      if (v === v) {
        if (this.#lastHasTime) this.#hasTime = true;
        const evidence = this.#lastEvidence;
        if (evidence === 'mdy') this.#mdy++;
        else if (evidence === 'dmy') this.#dmy++;
        else if (evidence === 'ambiguous') this.#ambiguous++;
      }
    }
    if (v !== v && !isPlaceholder(cell)) return false;
    // 9999-12-31 stands for "never" in some CRMs; a trend would draw every month up to it.
    if (v < MIN_DAY || v >= MAX_DAY + 1) {
      this.outOfRange.add(cell, line);
      v = NaN;
    }
    if (i >= this.#days.length) this.#days = grow(this.#days, i + 1);
    this.#days[i] = v;
    this.length = i + 1;
    return true;
  }

  /** ISO dates (or serials) in range are read from the bytes; they prove no order, hold no time. */
  pushBytes(bytes: Uint8Array, start: number, end: number, line: number): boolean {
    let v: number;
    if (this.serial) {
      v = plainNumberAt(bytes, start, end);
      if (v === v) v = excelSerialToDay(v);
    } else v = isoDayAt(bytes, start, end);
    if (!(v >= MIN_DAY && v < MAX_DAY + 1)) return this.push(cellText(bytes, start, end), line);
    const i = this.length;
    if (i >= this.#days.length) this.#days = grow(this.#days, i + 1);
    this.#days[i] = v;
    this.length = i + 1;
    return true;
  }

  /** The column so far as a back half (see NumberBuilder's `half`). */
  half(): HalfColumn {
    return {
      kind: this.serial ? 'serial' : 'date',
      days: this.#days.slice(0, this.length),
      hasTime: this.#hasTime,
      mdy: this.#mdy,
      dmy: this.#dmy,
      ambiguous: this.#ambiguous,
      outOfRange: this.outOfRange.data(),
    };
  }

  /** Append a back half whose lines are `offset` below the file's. */
  absorb(h: Extract<HalfColumn, { kind: 'date' | 'serial' }>, offset: number): void {
    const n = this.length;
    this.#days = grow(this.#days, n + h.days.length);
    this.#days.set(h.days, n);
    this.length = n + h.days.length;
    this.#hasTime ||= h.hasTime;
    this.#mdy += h.mdy;
    this.#dmy += h.dmy;
    this.#ambiguous += h.ambiguous;
    this.outOfRange.absorb(h.outOfRange, offset);
  }

  toText(): TextBuilder {
    const t = new TextBuilder(this.name, this.#days.length);
    for (let i = 0; i < this.length; i++) t.push(formatDayTime(this.#days[i], this.#hasTime));
    return t;
  }

  /** The column, with ambiguous dates re-read day-first when any value proved day-first. */
  finish(): { column: DateColumn; order: DateOrderNote | null } {
    let days: Float64Array = this.#days.slice(0, this.length);
    let order: DateOrderNote | null = null;
    if (this.#dmy > 0 && this.#mdy === 0) {
      days = swapDayMonth(days);
      order = { column: this.name, order: 'dmy', evidence: 'proved' };
    } else if (this.#mdy > 0 && this.#dmy === 0) {
      order = { column: this.name, order: 'mdy', evidence: 'proved' };
    } else if (this.#mdy > 0 && this.#dmy > 0) {
      order = { column: this.name, order: 'mdy', evidence: 'mixed' };
    } else if (this.#ambiguous > 0) {
      order = { column: this.name, order: 'mdy', evidence: 'assumed' };
    }
    return {
      column: { kind: 'date', name: this.name, type: 'date', days, hasTime: this.#hasTime },
      order,
    };
  }
}

/** A day number as `2025-01-05` (with ` 13:45` when the column has times); '' when empty. */
export function formatDayTime(v: number, withTime: boolean): string {
  if (v !== v) return '';
  const iso = new Date(Math.round(v * 86_400_000)).toISOString();
  return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}

export class TextBuilder implements ColumnBuilder {
  length = 0;
  #codes: Int32Array;
  #index = new Map<string, number>([['', 0]]);
  #dict: string[] = [''];
  /** The line each dictionary value was first seen on (for reporting a late retype). */
  #firstLines: number[] = [0];
  #values = 0;
  #idLike = 0;
  #maxLength = 0;
  #lastCell: string | null = null;
  #lastCode = 0;
  /** Raw cells seen as bytes, to their code: each distinct cell is decoded once. */
  #byBytes = new ByteDictionary();

  constructor(
    readonly name: string,
    capacity: number,
  ) {
    this.#codes = new Int32Array(capacity);
  }

  pushBytes(bytes: Uint8Array, start: number, end: number, line: number): boolean {
    const dict = this.#byBytes;
    let code = dict.find(bytes, start, end);
    if (code < 0) {
      const cell = cellText(bytes, start, end);
      code = this.#index.get(cell) ?? this.#add(cell, line);
      dict.add(bytes, start, end, code);
    }
    const i = this.length;
    if (i >= this.#codes.length) this.#codes = grow(this.#codes, i + 1);
    this.#codes[i] = code;
    if (code !== 0) this.#values++;
    this.length = i + 1;
    return true;
  }

  push(cell: string, line = 0): boolean {
    const i = this.length;
    // Exports group rows (by day, branch, campaign): a run of one value skips the hash lookup.
    let code: number | undefined = cell === this.#lastCell ? this.#lastCode : this.#index.get(cell);
    if (code === undefined) code = this.#add(cell, line);
    this.#lastCell = cell;
    this.#lastCode = code;
    if (i >= this.#codes.length) this.#codes = grow(this.#codes, i + 1);
    this.#codes[i] = code;
    if (code !== 0) this.#values++;
    this.length = i + 1;
    return true;
  }

  /** A new raw cell: trimmed and placeholder-checked once, then remembered under its raw text. */
  #add(cell: string, line: number): number {
    const clean = isPlaceholder(cell) ? '' : cell.trim();
    let code = this.#index.get(clean);
    if (code === undefined) {
      code = this.#dict.length;
      this.#dict.push(clean);
      this.#firstLines.push(line);
      this.#index.set(clean, code);
      if (looksLikeId(clean)) this.#idLike++;
      if (clean.length > this.#maxLength) this.#maxLength = clean.length;
    }
    this.#index.set(cell, code);
    return code;
  }

  toText(): TextBuilder {
    return this;
  }

  /** The column so far as a back half (see NumberBuilder's `half`). */
  half(): HalfColumn {
    return {
      kind: 'text',
      codes: this.#codes.slice(0, this.length),
      dict: this.#dict,
      firstLines: this.#firstLines,
      values: this.#values,
    };
  }

  /**
   * Append a back half whose lines are `offset` below the file's: its codes are mapped by value
   * into this dictionary, values new here added in the order the back half met them (the order
   * one builder reading the whole file would have given them).
   */
  absorb(h: Extract<HalfColumn, { kind: 'text' }>, offset: number): void {
    const byValue = new Map<string, number>();
    for (let c = 0; c < this.#dict.length; c++) byValue.set(this.#dict[c], c);
    const remap = new Int32Array(h.dict.length);
    for (let c = 0; c < h.dict.length; c++) {
      const value = h.dict[c];
      let code = byValue.get(value);
      if (code === undefined) {
        code = this.#dict.length;
        this.#dict.push(value);
        this.#firstLines.push(h.firstLines[c] + offset);
        if (!this.#index.has(value)) this.#index.set(value, code);
        if (looksLikeId(value)) this.#idLike++;
        if (value.length > this.#maxLength) this.#maxLength = value.length;
      }
      remap[c] = code;
    }
    const n = this.length;
    const m = h.codes.length;
    this.#codes = grow(this.#codes, n + m);
    const codes = this.#codes;
    for (let i = 0; i < m; i++) codes[n + i] = remap[h.codes[i]];
    this.#values += h.values;
    this.length = n + m;
    this.#lastCell = null;
  }

  /** The line dictionary value `code` was first seen on (0 when not known). */
  firstLine(code: number): number {
    return this.#firstLines[code] ?? 0;
  }

  finish(): TextColumn {
    const n = this.length;
    const codes = codeArray(n, this.#dict.length);
    codes.set(this.#codes.subarray(0, n));
    const type = textType(this.name, {
      distinct: this.#dict.length - 1,
      values: this.#values,
      idLike: this.#idLike,
      maxLength: this.#maxLength,
    });
    return { kind: 'text', name: this.name, type, codes, dict: this.#dict };
  }
}

/**
 * Raw cell bytes → dictionary code, by open addressing on a hash of the bytes, the bytes kept in
 * one growing buffer. Stops taking new entries past MAX_BYTE_ENTRIES (a column of ids, nearly
 * every cell new): those cells are decoded each time, as papaparse would have made them anyway.
 */
class ByteDictionary {
  #slots = new Int32Array(1024);
  #hashes = new Int32Array(512);
  #starts = new Int32Array(512);
  #ends = new Int32Array(512);
  #codes = new Int32Array(512);
  #held = new Uint8Array(1 << 14);
  #heldLength = 0;
  /** Entries so far; entry k is stored in the slots as k + 1. */
  #size = 0;
  /** The last cell found: exports group rows, so the same text often comes again. */
  #last = -1;

  /** The code of these bytes, or -1 when not seen. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const last = this.#last;
    if (last >= 0 && this.#same(last, bytes, start, end)) return this.#codes[last];
    const h = hashBytes(bytes, start, end) | 0;
    const mask = this.#slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const k = this.#slots[s] - 1;
      if (k < 0) return -1;
      if (this.#hashes[k] === h && this.#same(k, bytes, start, end)) {
        this.#last = k;
        return this.#codes[k];
      }
    }
  }

  add(bytes: Uint8Array, start: number, end: number, code: number): void {
    const k = this.#size;
    if (k >= MAX_BYTE_ENTRIES) return;
    if ((k + 1) * 2 > this.#slots.length) this.#rehash();
    if (k >= this.#codes.length) {
      this.#hashes = grow(this.#hashes, k + 1);
      this.#starts = grow(this.#starts, k + 1);
      this.#ends = grow(this.#ends, k + 1);
      this.#codes = grow(this.#codes, k + 1);
    }
    const length = end - start;
    if (this.#heldLength + length > this.#held.length) {
      const next = new Uint8Array(Math.max(this.#held.length * 2, this.#heldLength + length));
      next.set(this.#held.subarray(0, this.#heldLength));
      this.#held = next;
    }
    this.#held.set(bytes.subarray(start, end), this.#heldLength);
    const h = hashBytes(bytes, start, end) | 0;
    this.#hashes[k] = h;
    this.#starts[k] = this.#heldLength;
    this.#ends[k] = this.#heldLength + length;
    this.#codes[k] = code;
    this.#heldLength += length;
    this.#size = k + 1;
    this.#place(h, k);
    this.#last = k;
  }

  #place(h: number, k: number): void {
    const mask = this.#slots.length - 1;
    let s = h & mask;
    while (this.#slots[s] !== 0) s = (s + 1) & mask;
    this.#slots[s] = k + 1;
  }

  #rehash(): void {
    this.#slots = new Int32Array(this.#slots.length * 2);
    for (let k = 0; k < this.#size; k++) this.#place(this.#hashes[k], k);
  }

  #same(k: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.#starts[k];
    if (this.#ends[k] - from !== end - start) return false;
    const held = this.#held;
    for (let i = 0; i < end - start; i++) if (held[from + i] !== bytes[start + i]) return false;
    return true;
  }
}

/** Distinct raw cells a text column remembers by bytes. */
const MAX_BYTE_ENTRIES = 1 << 20;
