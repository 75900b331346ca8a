/**
 * What each column is: a count, a number, a percent, money, a date, a category, an id or free
 * text. The kind (number / date / text) is planned from the first rows so the builder can parse
 * straight into typed arrays; the finer type is settled at the end from everything seen.
 * Headers are cleaned here too: trimmed, blanks named, repeats renamed deterministically.
 */
import type { NumericType, TextType } from '../table/table';
import { isPlaceholder, looksLikeId, parseNumber } from './values';
import { isExcelSerial, parseDate } from './dates';
import { MAX_NAME_LENGTH } from '../table/limits';

export type ColumnKind = 'number' | 'date' | 'text';

export interface ColumnPlan {
  kind: ColumnKind;
  /** date columns holding Excel serial numbers (45662) rather than written dates */
  serial: boolean;
  /** no value in the sample: decide from the whole column at the end */
  undecided: boolean;
  /**
   * For a text column whose filled cells are mostly numbers (too many odd ones to forgive): the
   * sample index of its first cell that is not a number, so the report can say why; else -1.
   */
  firstOdd: number;
}

const DATE_HEADER = /(日期|时间|日|date|day|time|created|closed|modified)/i;
const MONEY_HEADER =
  /(消费|花费|费用|成本|金额|销售额|收入|营收|成交额|预算|价格|单价|客单价|GMV|cost|spend|amount|revenue|price|sales|budget|value|cpc|cpm|cpa)/i;
const ID_HEADER =
  /(^id$|[\s_-]id$|\bid\b|编号|编码|单号|号码|订单号|手机|电话|phone|zip|postcode|邮编)/i;

/**
 * A header that names a measure: money, or a count (展现量, 访客数, 点击次数, Clicks, Sessions,
 * Users). Such a column is summed, so a value too long for a double in it is an odd cell, left
 * out and listed; under any other header (member, 客户, client) that value is an id.
 */
const COUNT_HEADER =
  /(量|数|次|额|impressions|clicks|visits|sessions|views|users|visitors|orders|leads|conversions|purchases|installs|events|count|total|qty|quantity)\s*(\(.*\)|（.*）)?$/i;

/** True when `name` names something summed (money or a count), not an identifier. */
export function measureHeader(name: string): boolean {
  return MONEY_HEADER.test(name) || COUNT_HEADER.test(name.trim());
}

/** Share of a number column's filled cells that may be unreadable (left empty and listed). */
export const ODD_SHARE = 0.05;
/** Numbers a column needs before an unreadable cell can be forgiven. */
export const MIN_NUMBERS = 3;

/**
 * How many unreadable cells a number column of `filled` filled cells may hold: 5 %, and at
 * least one, so a short report with one `Infinity` or `1e309` keeps its count column.
 *
 * @example
 * oddAllowed(10)   // 1
 * oddAllowed(1000) // 50
 */
export function oddAllowed(filled: number): number {
  return Math.max(1, Math.floor(filled * ODD_SHARE));
}

/** Digits a double keeps exactly, whatever they are: past 15, some integers are not exact. */
const EXACT_DIGITS = 15;

/**
 * True for a plain number whose digits a double cannot hold: an integer of more than 15 digits
 * (a member number, an order number, a 17-digit open id), or a decimal of more than 15
 * significant digits that does not come back the same from the double it reads as (a client
 * id like `1000000001.1700007777`). Such a value is an identifier: read as a number it would
 * lose digits, and two people whose ids differ in the 17th digit would become one. A decimal
 * that comes back the same (`0.30000000000000004`, as pandas writes floats) is a number.
 *
 * @example
 * beyondDouble('123456789012345678')    // true (18 digits)
 * beyondDouble('1234567890123456')      // true (16 digits)
 * beyondDouble('123456789012345')       // false (15 digits: exact)
 * beyondDouble('1000000001.1700007777') // true (reads as 1000000001.1700008)
 * beyondDouble('0.30000000000000004')   // false (the double's own digits)
 * beyondDouble('12.34000000000000000')  // false (trailing zeros add no digits)
 */
export function beyondDouble(raw: string): boolean {
  const m = /^\s*[-+]?0*(\d*)(?:\.(\d*?)0*)?\s*$/.exec(raw);
  if (!m) return false;
  const int = m[1];
  const frac = m[2] ?? '';
  if (frac === '') return int.length > EXACT_DIGITS;
  const digits = (int + frac).replace(/^0+/, '');
  if (digits.length <= EXACT_DIGITS) return false;
  const written = `${int || '0'}.${frac}`;
  return String(Number(written)) !== written;
}

/**
 * Plan a column from a sample of its cells (usually the first thousand rows). A column is a
 * number column when every filled cell is a number, or when at least MIN_NUMBERS are and the
 * rest are few (`oddAllowed`): one odd cell (`Infinity`, `0x10`, `1_000`, stray text) must not
 * turn a count column into text and silently take a stage out of the funnel. Leading-zero
 * values (`00123`) are ids unless they are as rare as odd cells (and the column long enough to
 * tell: one in twenty). One number with more digits than a double holds (`beyondDouble`) makes
 * the column text: forgiven as an odd cell, that id would be lost.
 *
 * @example
 * planColumn('展现量', ['1,085', '--', '1163']).kind  // 'number'
 * planColumn('展现量', ['1', '2', '3', 'Infinity']).kind // 'number' (Infinity will be empty)
 * planColumn('日期', ['2025/1/5', '2025/1/6']).kind   // 'date'
 * planColumn('Day', ['45662']).serial                 // true (an Excel serial under a date header)
 * planColumn('客户编号', ['00123', '00124']).kind      // 'text'
 * planColumn('Code', ['00123', '456', '789']).kind    // 'text' (leading zeros: an id)
 * planColumn('member', ['12', '123456789012345678', '34', '56']).kind // 'text'
 * planColumn('点击量', ['12', '123456789012345678', '34', '56']).kind // 'number' (one odd cell)
 */
export function planColumn(name: string, sample: readonly string[]): ColumnPlan {
  let values = 0;
  let numbers = 0;
  let dates = 0;
  let serials = 0;
  let ids = 0;
  /** The first cell with more digits than a double holds, or -1. */
  let long = -1;
  let firstOdd = -1;
  for (let k = 0; k < sample.length; k++) {
    const raw = sample[k];
    if (isPlaceholder(raw)) continue;
    values++;
    if (looksLikeId(raw)) ids++;
    if (long === -1 && beyondDouble(raw)) long = k;
    const n = parseNumber(raw);
    if (n === n) {
      numbers++;
      if (Number.isInteger(n) && isExcelSerial(n)) serials++;
    } else if (firstOdd === -1) firstOdd = k;
    if (parseDate(raw) === parseDate(raw)) dates++;
  }
  const plan: ColumnPlan = { kind: 'text', serial: false, undecided: values === 0, firstOdd: -1 };
  // Ids stay text even when they are all digits: nobody sums a Record ID.
  if (values === 0 || ids > Math.floor(values * ODD_SHARE) || ID_HEADER.test(name)) return plan;
  if (dates === values) plan.kind = 'date';
  else if (serials === values && DATE_HEADER.test(name)) {
    plan.kind = 'date';
    plan.serial = true;
  } else if (
    numbers === values ||
    (numbers >= MIN_NUMBERS && values - numbers <= oddAllowed(values))
  ) {
    plan.kind = 'number';
  } else if (numbers >= MIN_NUMBERS && numbers * 2 > values) plan.firstOdd = firstOdd;
  // Numbers but for an id too long to be one: text, and the report says which cell made it so.
  // Under a measure's header the long value is an odd cell instead: one hostile cell must not
  // take a count column, and its stage, out of the funnel.
  if (long >= 0 && plan.kind !== 'text' && !measureHeader(name)) {
    plan.kind = 'text';
    plan.serial = false;
    plan.firstOdd = long;
  }
  return plan;
}

/** What a number column saw while it was built. */
export interface NumberStats {
  percent: number;
  currency: string;
  negative: boolean;
  whole: boolean;
  values: number;
}

/**
 * The type of a numeric column: percent when its cells carry %, money when they carry a
 * currency sign or the header names money, count for whole non-negative numbers, else number.
 *
 * @example
 * numericType('消费', { percent: 0, currency: '', negative: false, whole: false, values: 9 }) // 'money'
 * numericType('点击量', { percent: 0, currency: '', negative: false, whole: true, values: 9 }) // 'count'
 */
export function numericType(name: string, s: NumberStats): NumericType {
  if (s.percent > 0 && s.percent * 2 >= s.values) return 'percent';
  if (s.currency !== '' || MONEY_HEADER.test(name)) return 'money';
  if (s.whole && !s.negative) return 'count';
  return 'number';
}

/** What a text column saw while it was built. */
export interface TextStats {
  distinct: number;
  values: number;
  idLike: number;
  maxLength: number;
}

/**
 * The type of a text column: id (header says so, or values with leading zeros or brackets),
 * category (values repeat: a dimension to slice by), else free text.
 *
 * @example
 * textType('渠道', { distinct: 4, values: 1000, idLike: 0, maxLength: 4 })      // 'category'
 * textType('Deal Name', { distinct: 95, values: 100, idLike: 0, maxLength: 30 }) // 'text'
 */
export function textType(name: string, s: TextStats): TextType {
  if (s.idLike > 0 || ID_HEADER.test(name)) return 'id';
  if (s.maxLength > 200) return 'text';
  if (s.distinct <= 20 || s.distinct * 2 <= s.values) return 'category';
  return 'text';
}

/**
 * `text` cut to at most `max` UTF-16 units, never between the two halves of a surrogate pair.
 *
 * @example
 * cutText('abcdef', 4) // 'abcd'
 * cutText('ab😀', 3)   // 'ab'
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const c = text.charCodeAt(max - 1);
  return text.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
}

/**
 * Clean header cells: trim, cut names longer than MAX_NAME_LENGTH, name blanks "Column N",
 * rename repeats "Name (2)", "Name (3)" in reading order (skipping names already taken), in
 * time linear in the number of cells: each name remembers the next number to try, so 30,000
 * identical headers do not try 2, 3, 4 … again for every repeat. `__proto__` and `constructor`
 * are ordinary names: columns live in arrays, never as object keys.
 *
 * @example
 * dedupeHeaders(['Clicks', ' Clicks ', '']) // names ['Clicks', 'Clicks (2)', 'Column 3']
 */
export function dedupeHeaders(cells: readonly string[]): {
  names: string[];
  renamed: { from: string; to: string }[];
  cut: { length: number; to: string }[];
} {
  const cut: { length: number; to: string }[] = [];
  const trimmed = cells.map((c) => {
    const name = c.replace(/^\uFEFF/, '').trim();
    if (name.length <= MAX_NAME_LENGTH) return name;
    const to = cutText(name, MAX_NAME_LENGTH).trim();
    cut.push({ length: name.length, to });
    return to;
  });
  const taken = new Set(trimmed.filter((c) => c !== ''));
  const used = new Set<string>();
  // Per repeated name, the next number to try.
  const next = new Map<string, number>();
  const renamed: { from: string; to: string }[] = [];
  const names = trimmed.map((name, i) => {
    if (name !== '' && !used.has(name)) {
      used.add(name);
      return name;
    }
    const base = name === '' ? `Column ${i + 1}` : name;
    let k = next.get(base) ?? (name === '' ? 1 : 2);
    let candidate = numbered(base, k);
    while (used.has(candidate) || taken.has(candidate)) candidate = numbered(base, ++k);
    next.set(base, k + 1);
    used.add(candidate);
    renamed.push({ from: name, to: candidate });
    return candidate;
  });
  return { names, renamed, cut };
}

/** `base` with ` (k)` after it (k > 1), the base cut so the whole stays within MAX_NAME_LENGTH. */
function numbered(base: string, k: number): string {
  if (k === 1) return base;
  const suffix = ` (${k})`;
  return cutText(base, MAX_NAME_LENGTH - suffix.length) + suffix;
}

/** Renamed columns that get a warning each; more are summed up in one (all are listed). */
const RENAMES_WARNED = 20;

/**
 * The import report's warnings about the header row, in the order a reader meets them: names
 * cut to the name limit, then blank or repeated headers renamed (the first twenty one by one,
 * the rest in one line). One wording for every format that has a header (CSV, XLSX, Parquet).
 *
 * @example
 * headerWarnings(dedupeHeaders(['a', 'a'])) // [{ key: 'import.warn.renamed', params: { from: 'a', to: 'a (2)' } }]
 */
export function headerWarnings({
  renamed,
  cut,
}: Pick<ReturnType<typeof dedupeHeaders>, 'renamed' | 'cut'>): {
  key: string;
  params: Record<string, string | number>;
}[] {
  const warnings: { key: string; params: Record<string, string | number> }[] = cut.map((c) => ({
    key: 'import.warn.nameCut',
    params: { length: c.length, limit: MAX_NAME_LENGTH, to: c.to.slice(0, 60) },
  }));
  for (const r of renamed.slice(0, RENAMES_WARNED)) {
    warnings.push(
      r.from === ''
        ? { key: 'import.warn.blankHeader', params: { to: r.to } }
        : { key: 'import.warn.renamed', params: { from: r.from, to: r.to } },
    );
  }
  if (renamed.length > RENAMES_WARNED) {
    warnings.push({
      key: 'import.warn.renamedMore',
      params: { count: renamed.length - RENAMES_WARNED },
    });
  }
  return warnings;
}
