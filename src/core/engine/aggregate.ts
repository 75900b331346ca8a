/**
 * Sum a compiled funnel over a selection of rows: the hot loop behind every view.
 * A selection is an index list (ascending row numbers) or null for all rows; nothing copies rows.
 */
import type { CompiledFunnel } from './compile';

export interface FunnelTotals {
  counts: number[];
  cost: number | null;
  revenue: number | null;
  /** Rows that took part. */
  rows: number;
}

// All-row sums handed over by whoever already read every value (the import worker), so the
// first funnel of a million rows draws without a pass over each stage on the main thread.
const allSums = new WeakMap<object, number>();

/**
 * Remember the sum of all of `values` (worked out elsewhere, by the same loop as `sumOver`):
 * `sumOver(values, null)` returns it. Arrays never change in place, so it stays right.
 *
 * @example
 * rememberSum(clicks, 1234); sumOver(clicks, null) // 1234, without a pass
 */
export function rememberSum(values: ArrayLike<number> & object, sum: number): void {
  allSums.set(values, sum);
}

/** Sum of `values` over `rows` (or all). */
export function sumOver(values: ArrayLike<number>, rows: Uint32Array | null): number {
  if (rows === null) {
    const known = allSums.get(values);
    if (known !== undefined) return known;
  }
  // One loop per array type keeps each loop monomorphic: a loop fed both Int32Array and
  // Float64Array runs several times slower at a million rows.
  if (values instanceof Int32Array) return rows ? sumInt32At(values, rows) : sumInt32(values);
  if (values instanceof Float64Array) return rows ? sumFloat64At(values, rows) : sumFloat64(values);
  let s = 0;
  if (rows === null) {
    for (let i = 0; i < values.length; i++) s += values[i];
  } else {
    for (let j = 0; j < rows.length; j++) s += values[rows[j]];
  }
  return s;
}

function sumInt32(values: Int32Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
function sumInt32At(values: Int32Array, rows: Uint32Array): number {
  let s = 0;
  for (let j = 0; j < rows.length; j++) s += values[rows[j]];
  return s;
}
function sumFloat64(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
function sumFloat64At(values: Float64Array, rows: Uint32Array): number {
  let s = 0;
  for (let j = 0; j < rows.length; j++) s += values[rows[j]];
  return s;
}

/**
 * Stage totals, cost and revenue of a compiled funnel over a selection.
 *
 * @example
 * aggregate(funnel, Uint32Array.of(0, 2)) // sums rows 0 and 2
 */
export function aggregate(funnel: CompiledFunnel, rows: Uint32Array | null): FunnelTotals {
  const n = funnel.labels.length;
  let counts: number[];
  let rowCount: number;
  if (funnel.mode === 'sums') {
    counts = funnel.stageValues.map((v) => sumOver(v, rows));
    rowCount = rows ? rows.length : (funnel.stageValues[0]?.length ?? 0);
  } else {
    const level = funnel.level!;
    const weight = funnel.weight;
    const hist = new Float64Array(n);
    rowCount = rows ? rows.length : level.length;
    for (let j = 0; j < rowCount; j++) {
      const i = rows ? rows[j] : j;
      const l = level[i];
      if (l >= 0) hist[l] += weight ? weight[i] : 1;
    }
    if (funnel.cumulative) for (let k = n - 2; k >= 0; k--) hist[k] += hist[k + 1];
    counts = Array.from(hist);
  }
  return {
    counts,
    cost: funnel.cost ? sumOver(funnel.cost, rows) : null,
    revenue: funnel.revenue ? sumOver(funnel.revenue, rows) : null,
    rows: rowCount,
  };
}
