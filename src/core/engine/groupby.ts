/**
 * Group-by over dictionary codes: the stage totals of a compiled funnel for each value of a
 * text column (each branch, channel, keyword…). The selected rows' codes are read once, then one
 * pass per stage array accumulates into a Float64Array indexed by code: 5,000 keywords cost no
 * more than 5.
 */
import type { FunnelTotals } from './aggregate';
import type { CompiledFunnel } from './compile';
import type { TextColumn } from '../table/table';

export interface SegmentTotals extends FunnelTotals {
  /** The column's value ('' for empty cells). */
  value: string;
  /** Its dictionary code. */
  code: number;
}

/**
 * The key of each selected row, in selection order, as one Uint32Array. Reading the codes once
 * (whatever their array type) lets every per-stage loop below run over one array type.
 */
function gatherKeys(keys: ArrayLike<number>, rows: Uint32Array | null): Uint32Array {
  if (rows === null) return keys instanceof Uint32Array ? keys : Uint32Array.from(keys);
  const out = new Uint32Array(rows.length);
  for (let j = 0; j < rows.length; j++) out[j] = keys[rows[j]];
  return out;
}

/** Per-key sums of one per-row array over the selection; `at[j]` is the key of `rows[j]`. */
function sumByKey(
  values: ArrayLike<number>,
  at: Uint32Array,
  size: number,
  rows: Uint32Array | null,
): Float64Array {
  const acc = new Float64Array(size);
  // One loop per value-array type keeps each loop monomorphic (see aggregate's sumOver).
  if (values instanceof Int32Array) sumInt32ByKey(values, at, acc, rows);
  else if (values instanceof Float64Array) sumFloat64ByKey(values, at, acc, rows);
  else if (rows === null) for (let i = 0; i < at.length; i++) acc[at[i]] += values[i];
  else for (let j = 0; j < at.length; j++) acc[at[j]] += values[rows[j]];
  return acc;
}

function sumInt32ByKey(
  values: Int32Array,
  at: Uint32Array,
  acc: Float64Array,
  rows: Uint32Array | null,
): void {
  if (rows === null) for (let i = 0; i < at.length; i++) acc[at[i]] += values[i];
  else for (let j = 0; j < at.length; j++) acc[at[j]] += values[rows[j]];
}

function sumFloat64ByKey(
  values: Float64Array,
  at: Uint32Array,
  acc: Float64Array,
  rows: Uint32Array | null,
): void {
  if (rows === null) for (let i = 0; i < at.length; i++) acc[at[i]] += values[i];
  else for (let j = 0; j < at.length; j++) acc[at[j]] += values[rows[j]];
}

/** Rows per key over the selection. */
function rowsByKey(at: Uint32Array, size: number): Float64Array {
  const acc = new Float64Array(size);
  for (let j = 0; j < at.length; j++) acc[at[j]]++;
  return acc;
}

/** Stage totals per key for a `levels` funnel: a histogram per key, made cumulative. */
function levelsByKey(
  funnel: CompiledFunnel,
  at: Uint32Array,
  size: number,
  rows: Uint32Array | null,
): Float64Array[] {
  const n = funnel.labels.length;
  const level = funnel.level!;
  const weight = funnel.weight;
  const hist = new Float64Array(size * n);
  for (let j = 0; j < at.length; j++) {
    const i = rows ? rows[j] : j;
    const l = level[i];
    if (l >= 0) hist[at[j] * n + l] += weight ? weight[i] : 1;
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
  const at = gatherKeys(keys, rows);
  return {
    counts:
      funnel.mode === 'sums'
        ? funnel.stageValues.map((v) => sumByKey(v, at, size, rows))
        : levelsByKey(funnel, at, size, rows),
    cost: funnel.cost ? sumByKey(funnel.cost, at, size, rows) : null,
    revenue: funnel.revenue ? sumByKey(funnel.revenue, at, size, rows) : null,
    rows: rowsByKey(at, size),
  };
}

/**
 * The totals of key `k` as one funnel's totals.
 *
 * @example
 * totalsAt(totalsByKey(funnel, codes, 3, null), 1) // { counts: [130, 5], cost, revenue, rows: 2 }
 */
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
