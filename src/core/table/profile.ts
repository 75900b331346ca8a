/**
 * A column at a glance for the data preview: how many cells are empty, how many distinct values
 * it holds, and its smallest and largest value (numbers and dates only). One pass over the typed
 * arrays, no row objects.
 */
import type { Column } from './table';

export interface ColumnProfile {
  empty: number;
  distinct: number;
  /** Smallest / largest number (day number for dates); null for text or an all-empty column. */
  min: number | null;
  max: number | null;
}

/**
 * Profile one column.
 *
 * @example
 * profileColumn(fromArrays({ 点击量: [3, null, 3, 7] }).columns[0])
 * // { empty: 1, distinct: 2, min: 3, max: 7 }
 */
export function profileColumn(col: Column): ColumnProfile {
  if (col.kind === 'text') {
    const seen = new Uint8Array(col.dict.length);
    let empty = 0;
    for (let i = 0; i < col.codes.length; i++) {
      const c = col.codes[i];
      if (c === 0) empty++;
      else seen[c] = 1;
    }
    let distinct = 0;
    for (let k = 1; k < seen.length; k++) distinct += seen[k];
    return { empty, distinct, min: null, max: null };
  }
  const values = col.kind === 'number' ? col.values : col.days;
  const nulls = col.kind === 'number' ? col.nulls : null;
  // Filled values, sorted natively: distinct, min and max in one pass without a Set of a
  // million numbers.
  const filled = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if ((nulls !== null && (nulls[i >> 3] & (1 << (i & 7))) !== 0) || v !== v) continue;
    filled[n++] = v;
  }
  const sorted = filled.subarray(0, n).sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  return {
    empty: values.length - n,
    distinct,
    min: n ? sorted[0] : null,
    max: n ? sorted[n - 1] : null,
  };
}

/**
 * Replace one column of a table, keeping the others (and the input table) as they are.
 *
 * @example
 * withColumn(table, 2, retypeColumn(table.columns[2], 'id').column)
 */
export function withColumn<T extends { rowCount: number; columns: Column[] }>(
  table: T,
  index: number,
  column: Column,
): T {
  return { ...table, columns: table.columns.map((c, j) => (j === index ? column : c)) };
}

/**
 * Bytes a table holds: its typed-array buffers plus an estimate for the dictionaries (two bytes
 * per character and about 40 bytes per string and map slot). What the import bench compares
 * with the file's size.
 *
 * @example
 * tableMemory(fromArrays({ 点击量: [1, 2] })) // 8 (one Int32Array of two)
 */
export function tableMemory(table: { columns: Column[] }): number {
  let bytes = 0;
  for (const c of table.columns) {
    if (c.kind === 'number') bytes += c.values.byteLength + (c.nulls?.byteLength ?? 0);
    else if (c.kind === 'date') bytes += c.days.byteLength;
    else {
      bytes += c.codes.byteLength;
      for (const s of c.dict) bytes += 40 + 2 * s.length;
    }
  }
  return bytes;
}
