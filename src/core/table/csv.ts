/**
 * CSV for people's spreadsheets: UTF-8 with a byte-order mark (so Excel on Chinese Windows reads
 * 分公司 rather than mojibake), CRLF lines, and text cells that a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR, LF, full-width ＝ ＋ － ＠) neutralised with a leading
 * apostrophe. Numbers stay numbers: −12.5 is written as -12.5, not as text.
 */

export type CsvCell = string | number | null | undefined;

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠']);

/**
 * One cell as CSV text.
 *
 * @example
 * csvCell('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 * csvCell(-12.5)              // '-12.5'
 * csvCell('北京, 一组')         // '"北京, 一组"'
 * csvCell(null)                // ''
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value;
  if (s.length > 0 && FORMULA_START.has(s[0])) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A whole table as CSV text, starting with the byte-order mark.
 *
 * @example
 * toCsv(['分公司', '订单量'], [['北京分公司', 12]]) // '\ufeff分公司,订单量\r\n北京分公司,12\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
