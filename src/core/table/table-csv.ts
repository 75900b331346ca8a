/**
 * The rows of a table (or of a selection of it) as CSV a spreadsheet opens safely and this app
 * re-imports to the same numbers: raw numbers in their shortest exact form (never rounded for
 * display), dates as ISO days, text through `csvCell` (formula-looking text neutralised).
 * Produced in chunks so a million rows never become one giant string.
 */
import { csvCell } from './csv';
import { isNull, type Column, type Table } from './table';

function dayOrTime(day: number, withTime: boolean): string {
  if (!Number.isFinite(day)) return '';
  const iso = new Date(Math.round(day * 86_400_000)).toISOString();
  return withTime ? iso.slice(0, 19).replace('T', ' ') : iso.slice(0, 10);
}

function cellOf(col: Column, i: number): string {
  if (col.kind === 'number') return isNull(col, i) ? '' : csvCell(col.values[i]);
  if (col.kind === 'date') return dayOrTime(col.days[i], col.hasTime);
  return csvCell(col.dict[col.codes[i]]);
}

/**
 * CSV chunks: the byte-order mark and header first, then up to `chunkRows` lines per chunk.
 *
 * @example
 * [...tableCsvChunks(fromArrays({ 渠道: ['=1+1'], 点击量: [-3] }), null)].join('')
 * // "\ufeff渠道,点击量\r\n'=1+1,-3\r\n"
 */
export function* tableCsvChunks(
  table: Table,
  rows: Uint32Array | null,
  chunkRows = 20_000,
): Generator<string> {
  const cols = table.columns;
  yield '\ufeff' + cols.map((c) => csvCell(c.name)).join(',') + '\r\n';
  const n = rows ? rows.length : table.rowCount;
  for (let start = 0; start < n; start += chunkRows) {
    const lines: string[] = [];
    const end = Math.min(n, start + chunkRows);
    for (let j = start; j < end; j++) {
      const i = rows ? rows[j] : j;
      lines.push(cols.map((c) => cellOf(c, i)).join(','));
    }
    yield lines.join('\r\n') + '\r\n';
  }
}
