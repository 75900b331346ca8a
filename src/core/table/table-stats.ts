/**
 * All-row figures of a table that every first screen needs: rows per value of each text column
 * (the filter lists), the sum of each number column (the funnel), the first and last day of
 * each date column (the period controls). The import worker works them out while it holds the
 * freshly built table and they travel with the columns (`stats`), so opening a million-row table
 * costs the page no pass over its rows. The engine reads them for an all-rows question and works
 * the answer out itself when a column has none (a table built in a test, restored, or edited).
 */
import { sumOver } from '../engine/aggregate';
import { dayExtent, valueCounts } from '../engine/slice';
import { withoutStats, type Column, type Table } from './table';

function statsOf(col: Column): Column {
  const c = withoutStats(col);
  if (c.kind === 'text') return { ...c, stats: { counts: valueCounts(c, null) } };
  if (c.kind === 'number') return { ...c, stats: { sum: sumOver(c.values, null) } };
  return { ...c, stats: { extent: dayExtent(c, null) } };
}

/**
 * The table with every column carrying its all-row figures, worked out afresh from its arrays
 * (any figures it had are not trusted). The input table and its columns are not changed; the
 * new columns share their arrays.
 *
 * @example
 * withStats(fromArrays({ 地区: ['华北', '华东', '华北'], 点击量: [1, 2, 3] })).columns
 * // [{ …地区, stats: { counts: [0, 2, 1] } }, { …点击量, stats: { sum: 6 } }]
 */
export function withStats(table: Table): Table {
  return { ...table, columns: table.columns.map(statsOf) };
}
