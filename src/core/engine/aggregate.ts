/**
 * Sum a compiled funnel over a selection of rows: the hot loop behind every view.
 * A selection is an index list (ascending row numbers) or null for all rows; nothing copies rows.
 */
import type { NumberColumn } from '../table/table';
import type { CompiledFunnel } from './compile';

export interface FunnelTotals {
  counts: number[];
  cost: number | null;
  revenue: number | null;
  /** Rows that took part. */
  rows: number;
}

/**
 * Totals over every row that are known before any pass: each stage's, the cost's and the
 * revenue's, taken from the columns' all-row figures (`knownSum`); null where a stage is a
 * formula or a column carries no figure. With them the first funnel of a million-row import
 * draws without a pass over each stage on the main thread.
 */
export interface AllRowSums {
  stages: readonly (number | null)[];
  cost: number | null;
  revenue: number | null;
}

/**
 * The sum of all of a number column's rows when the column carries it (`stats.sum`, see
 * `withStats`); null when only a pass can tell.
 *
 * @example
 * knownSum({ ...clicks, stats: { sum: 1234 } }) // 1234
 * knownSum(fromArrays({ 点击量: [1, 2] }).columns[0]) // null
 */
export function knownSum(col: NumberColumn | null | undefined): number | null {
  const sum = col?.stats?.sum;
  return typeof sum === 'number' ? sum : null;
}

/** Sum of `values` over `rows` (or all). */
export function sumOver(values: ArrayLike<number>, rows: Uint32Array | null): number {
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
 * Stage totals, cost and revenue of a compiled funnel over a selection. Over all rows, a sum the
 * funnel already knows (`allRowSums`) is taken as it is.
 *
 * @example
 * aggregate(funnel, Uint32Array.of(0, 2)) // sums rows 0 and 2
 */
export function aggregate(funnel: CompiledFunnel, rows: Uint32Array | null): FunnelTotals {
  const n = funnel.labels.length;
  const known = rows === null ? funnel.allRowSums : undefined;
  let counts: number[];
  let rowCount: number;
  if (funnel.mode === 'sums') {
    counts = funnel.stageValues.map((v, k) => known?.stages[k] ?? sumOver(v, rows));
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
    cost: funnel.cost ? (known?.cost ?? sumOver(funnel.cost, rows)) : null,
    revenue: funnel.revenue ? (known?.revenue ?? sumOver(funnel.revenue, rows)) : null,
    rows: rowCount,
  };
}
