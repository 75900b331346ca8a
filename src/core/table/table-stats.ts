/**
 * All-row figures of a table that every first screen needs: rows per value of each text column
 * (the filter lists), the sum of each number column (the funnel), the first and last day of
 * each date column (the period controls). The import worker works them out while it holds the
 * freshly built table, and the main thread hands them to the engine's caches, so opening a
 * million-row table costs the page no pass over its rows.
 */
import { rememberSum, sumOver } from '../engine/aggregate';
import { dayExtent, rememberDayExtent, rememberValueCounts, valueCounts } from '../engine/slice';
import type { Table } from './table';

/** One column's figure, in column order. */
export type ColumnStat =
  | { kind: 'text'; counts: Float64Array }
  | { kind: 'number'; sum: number }
  | { kind: 'date'; extent: { from: number; to: number } | null };

/**
 * The all-row figures of every column.
 *
 * @example
 * tableStats(fromArrays({ 地区: ['华北', '华东', '华北'], 点击量: [1, 2, 3] }))
 * // [{ kind: 'text', counts: [0, 2, 1] }, { kind: 'number', sum: 6 }]
 */
export function tableStats(table: Table): ColumnStat[] {
  return table.columns.map((c): ColumnStat => {
    if (c.kind === 'text') return { kind: 'text', counts: valueCounts(c, null) };
    if (c.kind === 'number') return { kind: 'number', sum: sumOver(c.values, null) };
    return { kind: 'date', extent: dayExtent(c, null) };
  });
}

/** The buffers inside `stats`, to transfer rather than copy. */
export function statBuffers(stats: readonly ColumnStat[]): ArrayBuffer[] {
  return stats.flatMap((s) => (s.kind === 'text' ? [s.counts.buffer as ArrayBuffer] : []));
}

/**
 * Hand `stats` (from `tableStats` of the same table, e.g. in the worker) to the engine's
 * caches. A figure whose column does not match in kind is skipped (worked out again on use).
 *
 * @example
 * rememberTableStats(table, stats) // valueCounts(col, null), sumOver(values, null) and
 * // dayExtent(col, null) now answer without a pass
 */
export function rememberTableStats(table: Table, stats: readonly ColumnStat[]): void {
  stats.forEach((s, i) => {
    const c = table.columns[i];
    if (!c || c.kind !== s.kind) return;
    if (c.kind === 'text' && s.kind === 'text') rememberValueCounts(c, s.counts);
    else if (c.kind === 'number' && s.kind === 'number') rememberSum(c.values, s.sum);
    else if (c.kind === 'date' && s.kind === 'date') rememberDayExtent(c, s.extent);
  });
}
