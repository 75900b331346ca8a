/**
 * A table as it is kept: its column buffers as they are (typed arrays; IndexedDB clones them
 * without re-parsing any text), with a schema version. Reading one back checks every buffer's
 * kind and length and every dictionary code, so a damaged record or a hostile file cannot hand
 * the engine an array that reads past its end; every number is finite, every date within
 * 1900–2200 and every dictionary value listed once (a value twice would be two segments of one
 * name, and a screen keyed by value fails on it).
 */
import {
  withoutStats,
  type Column,
  type DateColumn,
  type NumberColumn,
  type Table,
  type TextColumn,
} from '../core/table/table';
import {
  bool,
  int,
  isDayNumber,
  isPlainObject,
  obj,
  oneOf,
  SchemaError,
  str,
  type Check,
} from './check';
import { TABLE_VERSION } from './schema';
import { MAX_COLUMNS, MAX_ROWS } from '../core/table/limits';

export interface TableRecord {
  v: typeof TABLE_VERSION;
  rowCount: number;
  columns: Column[];
}

/**
 * The record for a table, buffers inline (the shape that is checked, and kept in files). The
 * columns' all-row figures are not kept: a restored table works them out again on use.
 */
export function tableRecord(table: Table): TableRecord {
  return { v: TABLE_VERSION, rowCount: table.rowCount, columns: table.columns.map(withoutStats) };
}

type Buffer = Int32Array | Float64Array | Uint8Array | Uint16Array;
const KINDS = { Int32Array, Float64Array, Uint8Array, Uint16Array } as const;
const BUFFER_KEYS = ['values', 'nulls', 'days', 'codes'] as const;
/** Bytes copied per task: a 1 MB copy takes a few ms, so saving never freezes the page. */
const SLICE = 1 << 20;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Copies into Blobs, yielding a task after each SLICE bytes in all (one 60 MB copy would block
 * for ~200 ms). Counted across buffers, not per buffer: a 2,000-column table of small buffers
 * yielded 6,000 times (setTimeout's clamp made that 16 s of "Saving…").
 */
class BlobCopier {
  #since = 0;
  async toBlob(a: Buffer): Promise<Blob> {
    const bytes = new Uint8Array(a.buffer as ArrayBuffer, a.byteOffset, a.byteLength);
    const parts: Blob[] = [];
    for (let at = 0; at < bytes.length; at += SLICE) {
      const part = bytes.subarray(at, at + SLICE);
      parts.push(new Blob([part]));
      this.#since += part.length;
      if (this.#since >= SLICE) {
        this.#since = 0;
        await nextTask();
      }
    }
    return new Blob(parts);
  }
}

/**
 * The record as IndexedDB keeps it: each column buffer as a Blob (`{ type, blob }`), so the
 * write and the read copy bytes off the main thread instead of structured-cloning megabytes
 * in one task. The all-row figures stay behind, as in `tableRecord`.
 */
export async function tableToStore(table: Table): Promise<Record<string, unknown>> {
  const columns: Record<string, unknown>[] = [];
  const copier = new BlobCopier();
  for (const c of table.columns) {
    const out: Record<string, unknown> = { ...withoutStats(c) };
    for (const key of BUFFER_KEYS) {
      const a = out[key] as Buffer | null | undefined;
      if (a) out[key] = { type: a.constructor.name, blob: await copier.toBlob(a) };
    }
    columns.push(out);
  }
  return { v: TABLE_VERSION, rowCount: table.rowCount, columns };
}

/**
 * A stored record with its Blobs read back into typed arrays, ready for `readTable`. Anything
 * that is not a `{ type, blob }` wrapper is left as it is for the strict check to judge.
 */
export async function tableFromStore(raw: unknown): Promise<unknown> {
  if (!isPlainObject(raw) || !Array.isArray(raw.columns)) return raw;
  const columns = await Promise.all(
    raw.columns.map(async (c: unknown) => {
      if (!isPlainObject(c)) return c;
      const out: Record<string, unknown> = { ...c };
      for (const key of BUFFER_KEYS) {
        const w = out[key];
        if (!isPlainObject(w) || !(w.blob instanceof Blob) || !Object.hasOwn(KINDS, String(w.type)))
          continue;
        const Kind = KINDS[w.type as keyof typeof KINDS];
        const bytes = await w.blob.arrayBuffer();
        if (bytes.byteLength % Kind.BYTES_PER_ELEMENT === 0) out[key] = new Kind(bytes);
      }
      return out;
    }),
  );
  return { ...raw, columns };
}

function typed<T>(v: unknown, path: string, kinds: (new (n: number) => T)[], length: number): T {
  const kind = kinds.find((k) => v instanceof k);
  if (!kind) throw new SchemaError(path, `not ${kinds.map((k) => k.name).join(' or ')}`);
  if ((v as ArrayLike<number>).length !== length)
    throw new SchemaError(path, `length is not ${length}`);
  return v as T;
}

const head = { kind: oneOf('number', 'date', 'text'), name: str(1_000) };

function numberColumn(v: Record<string, unknown>, path: string, rows: number): NumberColumn {
  obj({ ...head, type: oneOf('count', 'number', 'percent', 'money'), values: ok, nulls: ok })(
    v,
    path,
  );
  const values = typed<Float64Array | Int32Array>(
    v.values,
    `${path}.values`,
    [Float64Array, Int32Array],
    rows,
  );
  const nulls =
    v.nulls === null
      ? null
      : typed<Uint8Array>(v.nulls, `${path}.nulls`, [Uint8Array], (rows + 7) >> 3);
  // An empty cell's slot is never read, so only filled cells must hold a finite number.
  if (values instanceof Float64Array) {
    for (let i = 0; i < rows; i++) {
      if (!Number.isFinite(values[i]) && !(nulls && (nulls[i >> 3] >> (i & 7)) & 1))
        throw new SchemaError(`${path}.values[${i}]`, 'not a finite number');
    }
  }
  return {
    kind: 'number',
    name: v.name as string,
    type: v.type as NumberColumn['type'],
    values,
    nulls,
  };
}

function dateColumn(v: Record<string, unknown>, path: string, rows: number): DateColumn {
  obj({ ...head, type: oneOf('date'), days: ok, hasTime: bool })(v, path);
  const days = typed<Float64Array>(v.days, `${path}.days`, [Float64Array], rows);
  for (let i = 0; i < rows; i++) {
    const d = days[i];
    // NaN is an empty cell
    if (d === d && !isDayNumber(d))
      throw new SchemaError(`${path}.days[${i}]`, 'not a date between 1900 and 2200');
  }
  return {
    kind: 'date',
    name: v.name as string,
    type: 'date',
    days,
    hasTime: v.hasTime as boolean,
  };
}

function textColumn(v: Record<string, unknown>, path: string, rows: number): TextColumn {
  obj({ ...head, type: oneOf('category', 'id', 'text'), codes: ok, dict: ok })(v, path);
  const codes = typed<TextColumn['codes']>(
    v.codes,
    `${path}.codes`,
    [Uint8Array, Uint16Array, Int32Array],
    rows,
  );
  const d = v.dict;
  if (!Array.isArray(d) || d.length < 1 || d.length > rows + 1)
    throw new SchemaError(`${path}.dict`, 'bad size');
  for (let i = 0; i < d.length; i++) {
    if (typeof d[i] !== 'string' || d[i].length > 100_000)
      throw new SchemaError(`${path}.dict[${i}]`, 'not text');
  }
  if (d[0] !== '') throw new SchemaError(`${path}.dict[0]`, 'must be empty');
  const seen = new Map<string, number>();
  for (let i = 0; i < d.length; i++) {
    const first = seen.get(d[i]);
    if (first !== undefined)
      throw new SchemaError(`${path}.dict[${i}]`, `repeats ${path}.dict[${first}]`);
    seen.set(d[i], i);
  }
  for (let i = 0; i < rows; i++) {
    const c = codes[i];
    if (c < 0 || c >= d.length)
      throw new SchemaError(`${path}.codes[${i}]`, 'outside the dictionary');
  }
  return {
    kind: 'text',
    name: v.name as string,
    type: v.type as TextColumn['type'],
    codes,
    dict: d as string[],
  };
}

/** Any value: the column functions check buffers themselves. */
const ok: Check<unknown> = (v) => v;

/**
 * One column of a table of `rows` rows, checked (kind, buffers, codes, ranges, dictionary).
 *
 * @example
 * columnCheck({ kind: 'date', name: 'd', type: 'date', days: Float64Array.of(20000),
 *   hasTime: false }, '.columns[0]', 1) // the date column
 */
export function columnCheck(c: unknown, path: string, rows: number): Column {
  if (!isPlainObject(c)) throw new SchemaError(path, 'not an object');
  if (c.kind === 'number') return numberColumn(c, path, rows);
  if (c.kind === 'date') return dateColumn(c, path, rows);
  if (c.kind === 'text') return textColumn(c, path, rows);
  throw new SchemaError(`${path}.kind`, 'not a column kind');
}

/** Refuse a name used by two columns of the table at `path`: a column is found by its name. */
export function namesOnce(columns: readonly Column[], path: string): void {
  const seen = new Set<string>();
  columns.forEach((col, i) => {
    if (seen.has(col.name))
      throw new SchemaError(`${path}.columns[${i}].name`, 'repeated column name');
    seen.add(col.name);
  });
}

/**
 * Check a stored table record and return the table.
 *
 * @example
 * tableCheck({ v: 1, rowCount: 1, columns: [{ kind: 'date', name: 'd', type: 'date',
 *   days: Float64Array.of(20000), hasTime: false }] }, '') // a one-row table
 */
export const tableCheck: Check<Table> = (v, path) => {
  obj({ v: oneOf(TABLE_VERSION), rowCount: int(0, MAX_ROWS), columns: ok })(v, path);
  const rec = v as Record<string, unknown>;
  const rows = rec.rowCount as number;
  if (!Array.isArray(rec.columns) || rec.columns.length > MAX_COLUMNS) {
    throw new SchemaError(`${path}.columns`, 'not a list of columns');
  }
  const columns = rec.columns.map((c: unknown, i) => columnCheck(c, `${path}.columns[${i}]`, rows));
  namesOnce(columns, path);
  return { rowCount: rows, columns };
};
