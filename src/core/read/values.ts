/**
 * Cell values as exports write them: numbers with thousands separators (also full-width),
 * percent and currency signs, accounting negatives, 万 and 亿, placeholders for "no value", and
 * ids that look numeric but are not (dates are in dates.ts).
 *
 * The parsers return NaN for "not this kind of value" and never throw, so a column builder can
 * try them on a million cells without allocating. What a parse noticed on the way (a percent
 * sign, a currency symbol) is left in `lastNumber`, read right after the call, for the same
 * reason.
 */

import { MAX_NUMBER } from '../table/limits';

/** Spellings of "no value" in exports; compared after trimming. */
const PLACEHOLDERS = new Set([
  '',
  '-',
  '--',
  '---',
  '—',
  '–',
  '－',
  '－－',
  'n/a',
  '#n/a',
  'null',
  'nan',
  '#div/0!',
  '#value!',
  '#ref!',
  '#num!',
  '--%',
  '-%',
]);

/**
 * True when a cell means "no value" (blank, `--`, `-`, `N/A`, `#N/A` …).
 *
 * @example
 * isPlaceholder(' -- ') // true
 * isPlaceholder('0')    // false
 */
export function isPlaceholder(s: string): boolean {
  if (s.length === 0) return true;
  if (s.length > 7) return false;
  return PLACEHOLDERS.has(s.trim().toLowerCase());
}

/** What the last `parseNumber` call saw besides digits. */
export const lastNumber = { percent: false, currency: '' };

const CURRENCY = '¥￥$€£';

/** Full-width digits and punctuation (Chinese input methods, Excel on Chinese Windows) → ASCII. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // U+FF01..U+FF5E mirror ASCII 0x21..0x7E; U+3000 is the ideographic space.
    if (c >= 0xff01 && c <= 0xff5e && c !== 0xffe5) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += s[i];
  }
  return out;
}

/** `1,234` / `1,234.5` with comma groups of three. */
const COMMA_GROUPS = /^\d{1,3}(,\d{3})+(\.\d*)?$/;
/** European `1.234,56` / `1.234`-with-decimal-comma and `12,5`: a comma that cannot be grouping. */
const DOT_GROUPS_DECIMAL_COMMA = /^\d{1,3}(\.\d{3})+,\d+$/;
const DECIMAL_COMMA = /^\d+,(\d{1,2}|\d{4,})$/;
/** Space-grouped `1 234 567` (also NBSP and thin space). */
const SPACE_GROUPS = /^\d{1,3}([ \u00a0\u202f]\d{3})+(\.\d+|,\d+)?$/;
const PLAIN = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parse one cell as a number; NaN when it is not one. Percent gives the fraction, 万 and 亿
 * multiply, `(1,234.00)` is negative. Sets `lastNumber.percent` and `lastNumber.currency`.
 *
 * @example
 * parseNumber('1,234')      // 1234
 * parseNumber('１２３４')    // 1234
 * parseNumber('12.5%')      // 0.125 (lastNumber.percent === true)
 * parseNumber('(¥1,234.00)') // -1234 (lastNumber.currency === '¥')
 * parseNumber('1.2万')      // 12000
 * parseNumber('abc')        // NaN
 * parseNumber('1e309')      // NaN (Infinity is never a number here)
 * parseNumber('1e20')       // NaN (beyond MAX_NUMBER: it would not add up exactly)
 */
export function parseNumber(s: string): number {
  lastNumber.percent = false;
  lastNumber.currency = '';
  const fast = parsePlainNumber(s);
  if (fast === fast) return fast;
  return parseNumberSlow(s);
}

/**
 * The fast path for the common case, plain ASCII `-?digits(.digits)?`, with no allocation.
 * NaN for anything else (the general parser then takes over).
 *
 * @example
 * parsePlainNumber('1085')   // 1085
 * parsePlainNumber('-319.3') // -319.3
 * parsePlainNumber('1,085')  // NaN
 */
export function parsePlainNumber(s: string): number {
  const n = s.length;
  if (n === 0 || n > 15) return NaN;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45) {
    neg = true;
    i = 1;
    if (n === 1) return NaN;
  }
  let int = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    int = int * 10 + c;
    digits++;
  }
  if (i === n) return digits ? (neg ? -int : int) : NaN;
  if (s.charCodeAt(i) !== 46 || digits === 0 || i === n - 1) return NaN;
  // Decimals: let the engine round correctly rather than accumulating float error.
  for (let j = i + 1; j < n; j++) {
    const c = s.charCodeAt(j) - 48;
    if (c < 0 || c > 9) return NaN;
  }
  return Number(s);
}

function parseNumberSlow(raw: string): number {
  let s = toHalfWidth(raw).trim();
  if (s.length === 0) return NaN;
  let negative = false;
  // Accounting negatives: (1,234.00) and (¥1,234.00).
  if (s.charCodeAt(0) === 40 && s.charCodeAt(s.length - 1) === 41) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s[0] === '-' || s[0] === '+' || s[0] === '−') {
    negative = negative !== (s[0] !== '+');
    s = s.slice(1).trim();
  }
  // Currency before the number (¥, $, US$, HK$, CN¥ …) or 元 after it.
  const sym = /^(?:[A-Z]{1,3})?([¥￥$€£])\s*/.exec(s);
  if (sym) {
    lastNumber.currency = sym[1] === '￥' ? '¥' : sym[1];
    s = s.slice(sym[0].length);
  } else if (s.endsWith('元')) {
    lastNumber.currency = '¥';
    s = s.slice(0, -1).trim();
  } else if (CURRENCY.includes(s[s.length - 1])) {
    const c = s[s.length - 1];
    lastNumber.currency = c === '￥' ? '¥' : c;
    s = s.slice(0, -1).trim();
  }
  if (s[0] === '-' || s[0] === '−') {
    negative = !negative;
    s = s.slice(1).trim();
  }
  let scale = 1;
  if (s.endsWith('%')) {
    lastNumber.percent = true;
    scale = 0.01;
    s = s.slice(0, -1).trim();
  } else if (s.endsWith('万')) {
    scale = 1e4;
    s = s.slice(0, -1).trim();
  } else if (s.endsWith('亿')) {
    scale = 1e8;
    s = s.slice(0, -1).trim();
  }
  let plain: string;
  if (PLAIN.test(s)) plain = s;
  else if (COMMA_GROUPS.test(s)) plain = s.replace(/,/g, '');
  else if (DOT_GROUPS_DECIMAL_COMMA.test(s)) plain = s.replace(/\./g, '').replace(',', '.');
  else if (DECIMAL_COMMA.test(s)) plain = s.replace(',', '.');
  else if (SPACE_GROUPS.test(s)) plain = s.replace(/[ \u00a0\u202f]/g, '').replace(',', '.');
  else return NaN;
  const v = Number(plain);
  // Scale by division for percent so 12.5% is exactly 0.125, not 0.12500000000000001.
  const scaled = scale === 0.01 ? v / 100 : v * scale;
  // 1e309 is Infinity and 1e308 + 1e308 would be: beyond MAX_NUMBER a cell is not a number that
  // sums exactly, so it is no number at all (checked after 万 and 亿 have scaled it).
  if (!(Math.abs(scaled) <= MAX_NUMBER)) return NaN;
  return negative ? -scaled : scaled;
}

/**
 * True for values that are identifiers even though they look numeric: leading zeros (`00123`),
 * brackets (`[123]`, `{…}`), or more digits than a double holds exactly.
 *
 * @example
 * looksLikeId('00123') // true
 * looksLikeId('0.5')   // false
 * looksLikeId('[123]') // true
 */
export function looksLikeId(s: string): boolean {
  const t = s.trim();
  if (/^0\d+$/.test(t)) return true;
  if (/^[[{【（(<].*[\]}】）)>]$/.test(t) && !/^\([\d.,\s¥￥$€£%-]+\)$/.test(t)) return true;
  return /^\d{16,}$/.test(t);
}
