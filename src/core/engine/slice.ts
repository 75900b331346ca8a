/**
 * Slices: which rows of a table the current view looks at.
 *
 * A slice is a list of clauses `{source, field, predicate}` (Mosaic's SelectionClause): a value
 * set on a text column, or a day range on a date column. Clauses are plain data (values, not
 * dictionary codes) so they survive a re-import and travel in a URL. Selecting builds an
 * ascending index list over the table; no row is ever copied.
 */
import { codeIndex, rowsOfCodes } from './code-index';
import { column, type DateColumn, type Table, type TextColumn } from '../table/table';

export type Predicate =
  /** Rows whose text is one of `values` ('' selects empty cells). */
  | { kind: 'values'; values: string[] }
  /** Rows whose day lies in [from, to], both whole day numbers, inclusive. */
  | { kind: 'range'; from: number; to: number };

export interface Clause {
  /** Who set it: 'filter', 'date', 'drill', 'brush'… A control ignores its own source's clauses. */
  source: string;
  /** The column the predicate tests. */
  field: string;
  predicate: Predicate;
}

/**
 * A clause bound to a table's arrays. Value tests look codes up in a 0/1 table; range tests
 * compare day numbers. Each kind gets its own loop below, so the hot loops stay monomorphic.
 */
type BoundTest =
  | { kind: 'values'; codes: ArrayLike<number>; keep: Uint8Array }
  | { kind: 'range'; days: Float64Array; from: number; end: number };

/**
 * The bound test for one clause, or null when the clause cannot apply to this table (its column
 * is missing or of the wrong kind): a view restored from a link must not blank the screen because
 * one filter names a column this dataset lacks.
 */
function bind(table: Table, clause: Clause): BoundTest | null {
  const col = column(table, clause.field);
  if (!col) return null;
  const p = clause.predicate;
  if (p.kind === 'values' && col.kind === 'text') {
    return { kind: 'values', codes: col.codes, keep: valueLookup(col, p.values) };
  }
  if (p.kind === 'range' && col.kind === 'date') {
    // Dates with a time of day are fractional: the whole of day `to` is inside.
    return { kind: 'range', days: col.days, from: p.from, end: p.to + 1 };
  }
  return null;
}

/** Share of rows a test keeps, estimated on an even sample: the narrowest test goes first. */
function estimate(test: BoundTest, n: number): number {
  const step = Math.max(1, Math.floor(n / 1024));
  let kept = 0;
  let seen = 0;
  for (let i = 0; i < n; i += step, seen++) {
    if (test.kind === 'values') kept += test.keep[test.codes[i]];
    else kept += test.days[i] >= test.from && test.days[i] < test.end ? 1 : 0;
  }
  return seen ? kept / seen : 1;
}

// The stores below are branch-free (always write, advance by 0 or 1): with a filter keeping a
// random sixth of the rows, a branch would be mispredicted on every sixth row.

function scanValues(codes: Uint8Array, keep: Uint8Array, out: Uint32Array, n: number): number {
  let len = 0;
  for (let i = 0; i < n; i++) {
    out[len] = i;
    len += keep[codes[i]];
  }
  return len;
}

function scanValuesWide(
  codes: ArrayLike<number>,
  keep: Uint8Array,
  out: Uint32Array,
  n: number,
): number {
  let len = 0;
  for (let i = 0; i < n; i++) {
    out[len] = i;
    len += keep[codes[i]];
  }
  return len;
}

function scanRange(
  days: Float64Array,
  from: number,
  end: number,
  out: Uint32Array,
  n: number,
): number {
  let len = 0;
  for (let i = 0; i < n; i++) {
    const d = days[i];
    out[len] = i;
    len += (d >= from ? 1 : 0) & (d < end ? 1 : 0);
  }
  return len;
}

function narrowValues(
  codes: ArrayLike<number>,
  keep: Uint8Array,
  out: Uint32Array,
  len: number,
): number {
  let kept = 0;
  for (let j = 0; j < len; j++) {
    const i = out[j];
    out[kept] = i;
    kept += keep[codes[i]];
  }
  return kept;
}

function narrowRange(
  days: Float64Array,
  from: number,
  end: number,
  out: Uint32Array,
  len: number,
): number {
  let kept = 0;
  for (let j = 0; j < len; j++) {
    const i = out[j];
    const d = days[i];
    out[kept] = i;
    kept += (d >= from ? 1 : 0) & (d < end ? 1 : 0);
  }
  return kept;
}

/** Up to this many chosen values, a selection merges their rows from the index rather than scan. */
const MERGE_AT_MOST = 4;

/** Working space for `select`, reused across calls: a million-row list is 4 MB not to allocate. */
let scratch = new Uint32Array(0);

/**
 * A lookup by dictionary code: `keep[code] === 1` when the code's text is in `values`.
 *
 * @example
 * valueLookup({ dict: ['', '华北', '华东'], … }, ['华东']) // Uint8Array [0, 0, 1]
 */
export function valueLookup(col: TextColumn, values: readonly string[]): Uint8Array {
  const keep = new Uint8Array(col.dict.length);
  const wanted = new Set(values);
  for (let code = 0; code < col.dict.length; code++) if (wanted.has(col.dict[code])) keep[code] = 1;
  return keep;
}

/**
 * True when the clause constrains this table (its column exists with the right kind).
 *
 * @example
 * appliesTo(table, { source: 'filter', field: '地区', predicate: { kind: 'values', values: ['华北'] } })
 */
export function appliesTo(table: Table, clause: Clause): boolean {
  return bind(table, clause) !== null;
}

/**
 * The rows matching every clause, as an ascending index list; null when no clause applies
 * (meaning all rows, which the aggregate loops handle without an index list).
 * `except` leaves out the clauses of one source: a control counts its own choices with every
 * filter but its own, so ticking one region does not hide the others.
 *
 * @example
 * // rows 0..3 with 地区 = [华北, 华东, 华北, 华南]
 * select(table, [{ source: 'filter', field: '地区', predicate: { kind: 'values', values: ['华北'] } }])
 * // Uint32Array [0, 2]
 */
export function select(
  table: Table,
  clauses: readonly Clause[],
  except: ((clause: Clause) => boolean) | null = null,
): Uint32Array | null {
  const n = table.rowCount;
  const tests: { test: BoundTest; share: number }[] = [];
  for (const clause of clauses) {
    if (except && except(clause)) continue;
    const test = bind(table, clause);
    if (test) tests.push({ test, share: estimate(test, n) });
  }
  if (tests.length === 0) return null;
  tests.sort((a, b) => a.share - b.share);
  // One extra slot: the branch-free loops write one index past the last kept row.
  if (scratch.length < n + 1) scratch = new Uint32Array(n + 1);
  const out = scratch;
  // The narrowest clause makes the first list; each later one only narrows it in place.
  const first = tests[0].test;
  let len = first.kind === 'range' ? scanRange(first.days, first.from, first.end, out, n) : 0;
  if (first.kind === 'values') {
    const chosen: number[] = [];
    first.keep.forEach((k, code) => k && chosen.push(code));
    // A few values: copy their rows from the column's index. Many: one scan is cheaper.
    len =
      chosen.length <= MERGE_AT_MOST
        ? rowsOfCodes(codeIndex(first.codes, first.keep.length), chosen, out)
        : first.codes instanceof Uint8Array
          ? scanValues(first.codes, first.keep, out, n)
          : scanValuesWide(first.codes, first.keep, out, n);
  }
  for (let t = 1; t < tests.length && len > 0; t++) {
    const test = tests[t].test;
    len =
      test.kind === 'range'
        ? narrowRange(test.days, test.from, test.end, out, len)
        : narrowValues(test.codes, test.keep, out, len);
  }
  return out.slice(0, len);
}

/**
 * Leaves out the clauses of one source: the "every clause but its own" rule.
 *
 * @example
 * select(table, clauses, notFrom('brush')) // every filter but the brush's own range
 */
export function notFrom(source: string): (clause: Clause) => boolean {
  return (clause) => clause.source === source;
}

/**
 * Leaves out the clauses on one field (a value filter does not narrow its own list of choices).
 *
 * @example
 * valueCounts(region, select(table, clauses, onField('地区')))
 */
export function onField(field: string): (clause: Clause) => boolean {
  return (clause) => clause.field === field;
}

/**
 * How many selected rows carry each dictionary code of a text column: the numbers beside a
 * filter's choices.
 *
 * @example
 * valueCounts(regionColumn, null) // Float64Array [0, 2, 1, 1] for ['', 华北, 华东, 华南]
 */
export function valueCounts(col: TextColumn, rows: Uint32Array | null): Float64Array {
  // All rows: the counts the column carries (see `withStats`), copied so a caller's edit cannot
  // change them. Counts that do not fit the dictionary are not trusted.
  const all = rows === null ? col.stats?.counts : undefined;
  if (all instanceof Float64Array && all.length === col.dict.length) return all.slice();
  return countCodes(col.codes, col.dict.length, rows);
}

function countCodes(
  codes: TextColumn['codes'],
  size: number,
  rows: Uint32Array | null,
): Float64Array {
  // One loop per code-array type keeps each loop monomorphic.
  if (codes instanceof Uint8Array) return countUint8(codes, size, rows);
  const counts = new Float64Array(size);
  if (rows === null) for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  else for (let j = 0; j < rows.length; j++) counts[codes[rows[j]]]++;
  return counts;
}

function countUint8(codes: Uint8Array, size: number, rows: Uint32Array | null): Float64Array {
  const counts = new Float64Array(size);
  if (rows === null) for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  else for (let j = 0; j < rows.length; j++) counts[codes[rows[j]]]++;
  return counts;
}

/**
 * First and last whole day present among the selected rows of a date column; null when none.
 * All rows: the extent the column carries (see `withStats`), when it does.
 *
 * @example
 * dayExtent({ days: Float64Array.of(20000, NaN, 19990.5) }, null) // { from: 19990, to: 20000 }
 */
export function dayExtent(
  col: Pick<DateColumn, 'days' | 'stats'>,
  rows: Uint32Array | null,
): { from: number; to: number } | null {
  const days = col.days;
  if (rows === null && col.stats && 'extent' in col.stats) {
    const known = col.stats.extent;
    return known && { ...known };
  }
  let lo = Infinity;
  let hi = -Infinity;
  const n = rows ? rows.length : days.length;
  for (let j = 0; j < n; j++) {
    const d = days[rows ? rows[j] : j];
    // NaN (an empty date) fails both comparisons and is skipped.
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  return lo === Infinity ? null : { from: Math.floor(lo), to: Math.floor(hi) };
}
