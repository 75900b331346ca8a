/**
 * The columnar table: the one in-memory shape of imported data.
 *
 * Measures live in typed arrays, text dimensions are dictionary-encoded, dates are day numbers.
 * Nothing here holds row objects: a million rows is a handful of buffers that the worker can
 * transfer to the main thread without copying. A column may also carry its all-row figures
 * (`stats`, see table-stats.ts), worked out for exactly its arrays: a column made from another
 * starts without them (`withoutStats`), and the engine works them out when they are absent.
 */

/** What a column means to a user; the importer infers it and the user may override it. */
export type ColumnType =
  'count' | 'number' | 'percent' | 'money' | 'date' | 'category' | 'id' | 'text';

export type NumericType = 'count' | 'number' | 'percent' | 'money';
export type TextType = 'category' | 'id' | 'text';

/**
 * A numeric column. Empty cells are stored as 0 in `values` and marked in `nulls`, a bitmap
 * (bit set = empty) that is null when the column has no empty cell: sums need not branch.
 * Whole-number columns use Int32Array to halve memory; others Float64Array.
 */
export interface NumberColumn {
  kind: 'number';
  name: string;
  type: NumericType;
  values: Float64Array | Int32Array;
  nulls: Uint8Array | null;
  /** All-row figures (see `withStats`): the sum of `values`. */
  stats?: { sum: number };
}

/** Dates as days since 1970-01-01 (UTC), fractional when the column carries times; NaN = empty. */
export interface DateColumn {
  kind: 'date';
  name: string;
  type: 'date';
  days: Float64Array;
  hasTime: boolean;
  /** All-row figures (see `withStats`): the first and last whole day, null when all are empty. */
  stats?: { extent: { from: number; to: number } | null };
}

/**
 * Text, dictionary-encoded: `codes[i]` indexes `dict`. Code 0 is always the empty value and
 * `dict[0] === ''`, so a filter or group-by works on integers only.
 */
export interface TextColumn {
  kind: 'text';
  name: string;
  type: TextType;
  codes: Uint8Array | Uint16Array | Int32Array;
  dict: string[];
  /** All-row figures (see `withStats`): rows per dictionary code. */
  stats?: { counts: Float64Array };
}

export type Column = NumberColumn | DateColumn | TextColumn;

/**
 * A column's data without its all-row figures: what a column made from another (new arrays, a
 * new type) or a saved record starts from, so no figure outlives the arrays it was worked out for.
 *
 * @example
 * withoutStats({ ...clicks, stats: { sum: 6 } }) // clicks' kind, name, type, values and nulls
 */
export function withoutStats<C extends Column>(col: C): C {
  if (col.stats === undefined) return col;
  const { stats: _, ...data } = col;
  return data as C;
}

export interface Table {
  rowCount: number;
  columns: Column[];
}

/** Find a column by its exact name; undefined when absent. */
export function column(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

export function numberColumn(table: Table, name: string): NumberColumn | undefined {
  const c = column(table, name);
  return c && c.kind === 'number' ? c : undefined;
}

export function textColumn(table: Table, name: string): TextColumn | undefined {
  const c = column(table, name);
  return c && c.kind === 'text' ? c : undefined;
}

export function dateColumn(table: Table, name: string): DateColumn | undefined {
  const c = column(table, name);
  return c && c.kind === 'date' ? c : undefined;
}

/** True when row `i` of a numeric column is empty. */
export function isNull(col: NumberColumn, i: number): boolean {
  return col.nulls !== null && (col.nulls[i >> 3] & (1 << (i & 7))) !== 0;
}

/** A bitmap for `n` rows, all clear. */
export function newBitmap(n: number): Uint8Array {
  return new Uint8Array((n + 7) >> 3);
}

export function setBit(bits: Uint8Array, i: number): void {
  bits[i >> 3] |= 1 << (i & 7);
}

/** The smallest unsigned code array that can index a dictionary of `size` entries. */
export function codeArray(rows: number, size: number): Uint8Array | Uint16Array | Int32Array {
  if (size <= 0xff) return new Uint8Array(rows);
  if (size <= 0xffff) return new Uint16Array(rows);
  return new Int32Array(rows);
}

/** Text of row `i` ('' when empty). */
export function textAt(col: TextColumn, i: number): string {
  return col.dict[col.codes[i]];
}

/**
 * Build a table from plain arrays. Meant for tests, samples and small derived tables; the
 * importer builds columns directly.
 *
 * @example
 * fromArrays({ day: ['2025-01-01'], clicks: [12] }, { day: 'date' })
 */
export function fromArrays(
  data: Record<string, ReadonlyArray<string | number | null>>,
  types: Record<string, ColumnType> = {},
): Table {
  const names = Object.keys(data);
  const rowCount = names.length ? data[names[0]].length : 0;
  const columns: Column[] = names.map((name) => {
    const raw = data[name];
    // own keys only: a column named `__proto__` or `constructor` must not read Object.prototype
    const declared = Object.hasOwn(types, name) ? types[name] : undefined;
    const numeric =
      declared !== undefined
        ? ['count', 'number', 'percent', 'money'].includes(declared)
        : raw.every((v) => v === null || typeof v === 'number');
    if (declared === 'date') {
      const days = new Float64Array(rowCount);
      raw.forEach((v, i) => {
        days[i] =
          v === null || v === '' ? NaN : typeof v === 'number' ? v : Date.parse(v) / 86_400_000;
      });
      return { kind: 'date', name, type: 'date', days, hasTime: false } satisfies DateColumn;
    }
    if (numeric) {
      const whole = raw.every(
        (v) => v === null || (Number.isInteger(v) && Math.abs(v as number) < 2 ** 31),
      );
      const values = whole ? new Int32Array(rowCount) : new Float64Array(rowCount);
      let nulls: Uint8Array | null = null;
      raw.forEach((v, i) => {
        if (v === null || v === '') {
          nulls ??= newBitmap(rowCount);
          setBit(nulls, i);
        } else values[i] = Number(v);
      });
      return {
        kind: 'number',
        name,
        type: (declared as NumericType) ?? (whole ? 'count' : 'number'),
        values,
        nulls,
      } satisfies NumberColumn;
    }
    const dict = [''];
    const index = new Map<string, number>([['', 0]]);
    const codesTmp = new Int32Array(rowCount);
    raw.forEach((v, i) => {
      const s = v === null ? '' : String(v);
      let code = index.get(s);
      if (code === undefined) {
        code = dict.length;
        dict.push(s);
        index.set(s, code);
      }
      codesTmp[i] = code;
    });
    const codes = codeArray(rowCount, dict.length);
    codes.set(codesTmp);
    return {
      kind: 'text',
      name,
      type: (declared as TextType) ?? 'category',
      codes,
      dict,
    } satisfies TextColumn;
  });
  return { rowCount, columns };
}
