/**
 * The evidence a file carries about the order of its stages (stage-order.ts weighs it): per
 * stage a sort key, smaller first. Each reads columns once; none copies rows.
 */
import type { Evidence } from './stage-order';
import type { Table, TextColumn } from '../table/table';
import { column } from '../table/table';

/** Median of a list (sorted in place). */
function median(list: number[]): number {
  list.sort((a, b) => a - b);
  const m = list.length >> 1;
  return list.length % 2 ? list[m] : (list[m - 1] + list[m]) / 2;
}

/** The value of each row of a stage column, null where empty. */
export function rowValues(col: TextColumn): (string | null)[] {
  return Array.from(col.codes, (c) => (c === 0 || col.dict[c].trim() === '' ? null : col.dict[c]));
}

/**
 * Median of a per-row number over the rows carrying each value of a text column (NaN skipped).
 *
 * @example
 * medianBy(阶段 ['A','B','A'], [0.1, 0.5, 0.3]) // Map { A → 0.2, B → 0.5 }
 */
export function medianBy(col: TextColumn, values: ArrayLike<number>): Map<string, number> {
  const lists = new Map<number, number[]>();
  for (let i = 0; i < col.codes.length; i++) {
    if (Number.isNaN(values[i])) continue;
    const list = lists.get(col.codes[i]) ?? [];
    list.push(values[i]);
    lists.set(col.codes[i], list);
  }
  const out = new Map<string, number>();
  for (const [code, list] of lists) out.set(col.dict[code], median(list));
  return out;
}

/** Stages by their records' median win probability (lowest first). */
export function probabilityEvidence(col: TextColumn, probability: ArrayLike<number>): Evidence {
  return { rule: 'probability', key: medianBy(col, probability) };
}

/** Stages by the first row that carries them. */
export function firstRowEvidence(col: TextColumn, rule: 'firstRow' | 'rowOrder'): Evidence {
  const first = new Int32Array(col.dict.length).fill(-1);
  let missing = col.dict.length - 1;
  for (let i = 0; i < col.codes.length && missing > 0; i++) {
    const c = col.codes[i];
    if (first[c] < 0) {
      first[c] = i;
      if (c > 0) missing--;
    }
  }
  const key = new Map<string, number>();
  col.dict.forEach((v, code) => {
    if (code > 0 && first[code] >= 0) key.set(v, first[code]);
  });
  return { rule, key };
}

/**
 * Stages by the earliest date of a row that carries them (the order they first appear over
 * time); ties and stages without a dated row fall back on their first row. Null without a date
 * column.
 */
export function firstSeenEvidence(
  table: Table,
  col: TextColumn,
  dateColumn: string | null,
): Evidence | null {
  const dates = dateColumn ? column(table, dateColumn) : undefined;
  if (dates?.kind !== 'date') return null;
  const earliest = new Float64Array(col.dict.length).fill(Infinity);
  for (let i = 0; i < col.codes.length; i++) {
    const d = dates.days[i];
    if (d < earliest[col.codes[i]]) earliest[col.codes[i]] = d;
  }
  const rows = firstRowEvidence(col, 'firstRow').key;
  const key = new Map<string, number>();
  // A row number is far below a day's share: dates decide, rows only break ties.
  for (const [v, row] of rows) {
    const code = col.dict.indexOf(v);
    const day = Number.isFinite(earliest[code]) ? earliest[code] : 1e9;
    key.set(v, day + row / (col.codes.length + 1));
  }
  return { rule: 'firstSeen', key };
}

/** Long data: stages by their total count, largest first (a funnel narrows). */
export function sizeEvidence(col: TextColumn, weight: ArrayLike<number> | null): Evidence {
  const total = new Float64Array(col.dict.length);
  for (let i = 0; i < col.codes.length; i++) total[col.codes[i]] += weight ? weight[i] : 1;
  const key = new Map<string, number>();
  col.dict.forEach((v, code) => {
    if (code > 0) key.set(v, -total[code]);
  });
  return { rule: 'size', key };
}

/** How many rows have each date column filled in, and their median day. */
export function dateFill(
  table: Table,
  columns: readonly string[],
): { filled: number; median: number }[] {
  return columns.map((name) => {
    const c = column(table, name);
    const days: number[] = [];
    if (c?.kind === 'date') for (const d of c.days) if (!Number.isNaN(d)) days.push(d);
    return { filled: days.length, median: days.length ? median(days) : Infinity };
  });
}

/**
 * One date per stage: stages by how many records have the date (more first: every record
 * passes the first stage, few reach the last), then by the median date (earlier first).
 *
 * @example
 * // 需求日期 filled 10 times (median 3 Mar), 演示日期 6 (median 20 Mar), 试用日期 6 (median 9 Mar)
 * stageDateEvidence(table, [{ stage: '需求', column: '需求日期' }, …]).key
 * // 需求 first, then 试用 (same count, earlier), then 演示
 */
export function stageDateEvidence(
  table: Table,
  dates: readonly { stage: string; column: string }[],
): Evidence {
  const fill = dateFill(
    table,
    dates.map((d) => d.column),
  );
  const order = dates
    .map((d, i) => ({ stage: d.stage, ...fill[i] }))
    .sort((a, b) => b.filled - a.filled || a.median - b.median);
  return { rule: 'stageDates', key: new Map(order.map((d, i) => [d.stage, i])) };
}
