/**
 * What each column is: a count, a number, a percent, money, a date, a category, an id or free
 * text. The kind (number / date / text) is planned from the first rows so the builder can parse
 * straight into typed arrays; the finer type is settled at the end from everything seen.
 * Headers are cleaned here too: trimmed, blanks named, repeats renamed deterministically.
 */
import type { NumericType, TextType } from '../table/table';
import { isPlaceholder, looksLikeId, parseNumber } from './values';
import { isExcelSerial, parseDate } from './dates';

export type ColumnKind = 'number' | 'date' | 'text';

export interface ColumnPlan {
  kind: ColumnKind;
  /** date columns holding Excel serial numbers (45662) rather than written dates */
  serial: boolean;
  /** no value in the sample: decide from the whole column at the end */
  undecided: boolean;
}

const DATE_HEADER = /(日期|时间|日|date|day|time|created|closed|modified)/i;
const MONEY_HEADER =
  /(消费|花费|费用|成本|金额|销售额|收入|营收|成交额|预算|价格|单价|客单价|GMV|cost|spend|amount|revenue|price|sales|budget|value|cpc|cpm|cpa)/i;
const ID_HEADER =
  /(^id$|[\s_-]id$|\bid\b|编号|编码|单号|号码|订单号|手机|电话|phone|zip|postcode|邮编)/i;

/**
 * Plan a column from a sample of its cells (usually the first thousand rows).
 *
 * @example
 * planColumn('展现量', ['1,085', '--', '1163']).kind  // 'number'
 * planColumn('日期', ['2025/1/5', '2025/1/6']).kind   // 'date'
 * planColumn('Day', ['45662']).serial                 // true (an Excel serial under a date header)
 * planColumn('客户编号', ['00123', '00124']).kind      // 'text'
 */
export function planColumn(name: string, sample: readonly string[]): ColumnPlan {
  let values = 0;
  let numbers = 0;
  let dates = 0;
  let serials = 0;
  let ids = 0;
  for (const raw of sample) {
    if (isPlaceholder(raw)) continue;
    values++;
    if (looksLikeId(raw)) ids++;
    const n = parseNumber(raw);
    if (n === n) {
      numbers++;
      if (Number.isInteger(n) && isExcelSerial(n)) serials++;
    }
    if (parseDate(raw) === parseDate(raw)) dates++;
  }
  const plan: ColumnPlan = { kind: 'text', serial: false, undecided: values === 0 };
  // Ids stay text even when they are all digits: nobody sums a Record ID.
  if (values === 0 || ids > 0 || ID_HEADER.test(name)) return plan;
  if (dates === values) plan.kind = 'date';
  else if (serials === values && DATE_HEADER.test(name)) {
    plan.kind = 'date';
    plan.serial = true;
  } else if (numbers === values) plan.kind = 'number';
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
 * Clean header cells: trim, name blanks "Column N", rename repeats "Name (2)", "Name (3)" in
 * reading order (skipping names already taken). `__proto__` and `constructor` are ordinary
 * names: columns live in arrays, never as object keys.
 *
 * @example
 * dedupeHeaders(['Clicks', ' Clicks ', '']) // names ['Clicks', 'Clicks (2)', 'Column 3']
 */
export function dedupeHeaders(cells: readonly string[]): {
  names: string[];
  renamed: { from: string; to: string }[];
} {
  const trimmed = cells.map((c) => c.replace(/^\uFEFF/, '').trim());
  const taken = new Set(trimmed.filter((c) => c !== ''));
  const used = new Set<string>();
  const renamed: { from: string; to: string }[] = [];
  const names = trimmed.map((name, i) => {
    if (name !== '' && !used.has(name)) {
      used.add(name);
      return name;
    }
    const base = name === '' ? `Column ${i + 1}` : name;
    let k = name === '' ? 1 : 2;
    let candidate = k === 1 ? base : `${base} (${k})`;
    while (used.has(candidate) || taken.has(candidate)) candidate = `${base} (${++k})`;
    used.add(candidate);
    renamed.push({ from: name, to: candidate });
    return candidate;
  });
  return { names, renamed };
}
