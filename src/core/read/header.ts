/**
 * Where the table starts. Exports put a title, a date range or a whole block of report facts
 * above the header: Google Ads ("Campaign report" / "January 1, 2025 - January 31, 2025"),
 * Baidu (数据生成时间：… with full-width colons), Microsoft Ads ("Report Name: …", "Report Time:
 * …", "Rows: …"), Sogou (a date-range line). Those lines are narrow, so the header is the first
 * record as wide as the table below it whose cells read as names rather than numbers or dates.
 */
import { commonest } from './delimiter';
import { isPlaceholder, parseNumber } from './values';
import { parseDate } from './dates';

/** Number of fields after dropping trailing empty ones (Excel adds trailing delimiters). */
export function usedWidth(cells: readonly string[]): number {
  let n = cells.length;
  while (n > 0 && cells[n - 1].trim() === '') n--;
  return n;
}

function filled(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (c.trim() !== '') n++;
  return n;
}

/** The table's width: the commonest used width among records with at least two filled cells. */
function tableWidth(records: readonly (readonly string[])[]): number {
  return commonest(records.filter((r) => filled(r) >= 2).map(usedWidth)).value;
}

function looksLikeValue(cell: string): boolean {
  const t = cell.trim();
  if (isPlaceholder(t)) return false;
  return parseNumber(t) === parseNumber(t) || parseDate(t) === parseDate(t);
}

/**
 * Index of the header record among the first records of a file (0 when the file starts with it).
 *
 * @example
 * findHeader([['Campaign report'], ['Jan 1, 2025 - Jan 31, 2025'], ['Day', 'Clicks'], ['2025-01-01', '3']]) // 2
 */
export function findHeader(records: readonly (readonly string[])[]): number {
  const width = tableWidth(records);
  if (width <= 1) {
    const first = records.findIndex((r) => filled(r) > 0);
    return first < 0 ? 0 : first;
  }
  const minFilled = Math.max(2, Math.ceil(width * 0.6));
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const n = filled(r);
    if (n < minFilled || usedWidth(r) < Math.ceil(width * 0.8)) continue;
    let values = 0;
    for (const c of r) if (looksLikeValue(c)) values++;
    if (values * 2 <= n) return i;
  }
  const first = records.findIndex((r) => filled(r) >= minFilled);
  return first < 0 ? 0 : first;
}
