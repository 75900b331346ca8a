/**
 * Group-by over dictionary codes: the stage totals of a compiled funnel for each value of a
 * text column (each branch, channel, keyword…). One pass over the selection per stage array,
 * accumulating into a Float64Array indexed by code, so 5,000 keywords cost no more than 5.
 */
import type { FunnelTotals } from './aggregate';
import type { CompiledFunnel } from './compile';
import type { TextColumn } from './table';

export interface SegmentTotals extends FunnelTotals {
  /** The column's value ('' for empty cells). */
  value: string;
  /** Its dictionary code. */
  code: number;
}

/** Per-code sums of one per-row array over the selection. */
function sumByCode(
  values: ArrayLike<number>,
  codes: ArrayLike<number>,
  size: number,
  rows: Uint32Array | null,
): Float64Array {
  const acc = new Float64Array(size);
  // One loop per value-array type keeps each loop monomorphic (see aggregate's sumOver).
  if (values instanceof Int32Array) sumInt32ByCode(values, codes, acc, rows);
  else if (values instanceof Float64Array) sumFloat64ByCode(values, codes, acc, rows);
  else if (rows === null) for (let i = 0; i < codes.length; i++) acc[codes[i]] += values[i];
  else
    for (let j = 0; j < rows.length; j++) {
      const i = rows[j];
      acc[codes[i]] += values[i];
    }
  return acc;
}

function sumInt32ByCode(
  values: Int32Array,
  codes: ArrayLike<number>,
  acc: Float64Array,
  rows: Uint32Array | null,
): void {
  if (rows === null) for (let i = 0; i < codes.length; i++) acc[codes[i]] += values[i];
  else
    for (let j = 0; j < rows.length; j++) {
      const i = rows[j];
      acc[codes[i]] += values[i];
    }
}

function sumFloat64ByCode(
  values: Float64Array,
  codes: ArrayLike<number>,
  acc: Float64Array,
  rows: Uint32Array | null,
): void {
  if (rows === null) for (let i = 0; i < codes.length; i++) acc[codes[i]] += values[i];
  else
    for (let j = 0; j < rows.length; j++) {
      const i = rows[j];
      acc[codes[i]] += values[i];
    }
}

/** Rows per code over the selection. */
function rowsByCode(
  codes: ArrayLike<number>,
  size: number,
  rows: Uint32Array | null,
): Float64Array {
  const acc = new Float64Array(size);
  if (rows === null) for (let i = 0; i < codes.length; i++) acc[codes[i]]++;
  else for (let j = 0; j < rows.length; j++) acc[codes[rows[j]]]++;
  return acc;
}

/** Stage totals per code for a `levels` funnel: a histogram per code, made cumulative. */
function levelsByCode(
  funnel: CompiledFunnel,
  codes: ArrayLike<number>,
  size: number,
  rows: Uint32Array | null,
): Float64Array[] {
  const n = funnel.labels.length;
  const level = funnel.level!;
  const weight = funnel.weight;
  const hist = new Float64Array(size * n);
  const count = rows ? rows.length : level.length;
  for (let j = 0; j < count; j++) {
    const i = rows ? rows[j] : j;
    const l = level[i];
    if (l >= 0) hist[codes[i] * n + l] += weight ? weight[i] : 1;
  }
  const out = Array.from({ length: n }, () => new Float64Array(size));
  for (let c = 0; c < size; c++) {
    let carried = 0;
    for (let k = n - 1; k >= 0; k--) {
      const here = hist[c * n + k];
      carried = funnel.cumulative ? carried + here : here;
      out[k][c] = carried;
    }
  }
  return out;
}

/** Stage totals, cost, revenue and row counts for every key 0..size−1 (typed arrays by key). */
export interface KeyedTotals {
  counts: Float64Array[];
  cost: Float64Array | null;
  revenue: Float64Array | null;
  rows: Float64Array;
}

/**
 * Sum a compiled funnel per integer key: `keys[i]` (a dictionary code, a day index…) says which
 * accumulator row `i` adds to. The building block of group-by and of the daily trend.
 *
 * @example
 * totalsByKey(funnel, Uint8Array.of(1, 2, 1), 3, null).counts[0] // Float64Array [0, 130, 50]
 */
export function totalsByKey(
  funnel: CompiledFunnel,
  keys: ArrayLike<number>,
  size: number,
  rows: Uint32Array | null,
): KeyedTotals {
  return {
    counts:
      funnel.mode === 'sums'
        ? funnel.stageValues.map((v) => sumByCode(v, keys, size, rows))
        : levelsByCode(funnel, keys, size, rows),
    cost: funnel.cost ? sumByCode(funnel.cost, keys, size, rows) : null,
    revenue: funnel.revenue ? sumByCode(funnel.revenue, keys, size, rows) : null,
    rows: rowsByCode(keys, size, rows),
  };
}

/** The totals of key `k` as one funnel's totals. */
export function totalsAt(keyed: KeyedTotals, k: number): FunnelTotals {
  return {
    counts: keyed.counts.map((s) => s[k]),
    cost: keyed.cost ? keyed.cost[k] : null,
    revenue: keyed.revenue ? keyed.revenue[k] : null,
    rows: keyed.rows[k],
  };
}

/**
 * Funnel totals for every value of `col` that has at least one selected row, in dictionary
 * order (the order values first appeared in the file).
 *
 * @example
 * // 渠道 = [百度, 360, 百度], 展现量 = [100, 50, 30], 点击量 = [3, 1, 2]
 * groupBy(funnel, channel, null)
 * // [{ value: '百度', counts: [130, 5], rows: 2, … }, { value: '360', counts: [50, 1], rows: 1, … }]
 */
export function groupBy(
  funnel: CompiledFunnel,
  col: TextColumn,
  rows: Uint32Array | null,
): SegmentTotals[] {
  const keyed = totalsByKey(funnel, col.codes, col.dict.length, rows);
  const out: SegmentTotals[] = [];
  for (let code = 0; code < col.dict.length; code++) {
    if (keyed.rows[code] === 0) continue;
    out.push({ value: col.dict[code], code, ...totalsAt(keyed, code) });
  }
  return out;
}
