/**
 * Dates as exports write them: 2025-01-05, 2025/1/5, 2025年1月5日, 20250105, Jan 5, 2025,
 * 5-Jan-2025, month-first or day-first with the year last, with or without a time of day, and
 * Excel serial numbers. Results are day numbers (days since 1970-01-01 UTC; a time of day is
 * the fraction). Like the number parsers, these return NaN rather than throw, and leave what the
 * value proved about day/month order in `lastDate`.
 */
import { toHalfWidth } from './values';

/** How slash dates with the year last are read: month first (US) or day first (most others). */
export type DateOrder = 'mdy' | 'dmy';

/**
 * What the last `parseDate` call learnt: `evidence` is 'mdy' or 'dmy' when the value can only be
 * read one way (13/1/2025 is day first), 'ambiguous' when both parts are ≤ 12, '' when the value
 * fixes its own order (2025-01-05, 2025年1月5日). `hasTime` when it carried a time of day.
 */
export const lastDate: { evidence: '' | 'mdy' | 'dmy' | 'ambiguous'; hasTime: boolean } = {
  evidence: '',
  hasTime: false,
};

const DAY_MS = 86_400_000;

function daysIn(y: number, m: number): number {
  return m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : m === 4 || m === 6 || m === 9 || m === 11
      ? 30
      : 31;
}

/**
 * Day number (days since 1970-01-01 UTC) of a calendar date; NaN when the date does not exist.
 *
 * @example
 * dayNumber(2025, 1, 5) // 20093
 * dayNumber(2025, 2, 30) // NaN
 */
export function dayNumber(y: number, m: number, d: number): number {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return NaN;
  // Days from the civil date (Howard Hinnant's algorithm): no Date object per cell.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthByName(name: string): number {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? 0 : i + 1;
}

/** Fraction of a day from "13:45", "13:45:30", "1:45 PM", "13时45分"; NaN when malformed. */
function timeFraction(t: string): number {
  const m =
    /^(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})?(?:\.\d+)?秒?)?\s*(am|pm|上午|下午)?(?:\s*(?:z|[+-]\d{2}:?\d{2}|utc|gmt))?$/i.exec(
      t.trim(),
    );
  if (!m) return NaN;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const sec = m[3] ? Number(m[3]) : 0;
  const half = m[4]?.toLowerCase();
  if (half === 'pm' || half === '下午') h = h === 12 ? 12 : h + 12;
  else if ((half === 'am' || half === '上午') && h === 12) h = 0;
  if (h > 24 || min > 59 || sec > 60) return NaN;
  return (h * 3600 + min * 60 + sec) / 86400;
}

/** Split off a time part after a space or 'T'; sets lastDate.hasTime. NaN when malformed. */
function withTime(day: number, rest: string): number {
  if (day !== day) return NaN;
  if (rest === '') return day;
  const f = timeFraction(rest);
  if (f !== f) return NaN;
  if (f > 0) lastDate.hasTime = true;
  return day + f;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  if (y.length === 2) return n < 70 ? 2000 + n : 1900 + n;
  return NaN;
}

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(.*))?$/;
const CJK = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(.*)$/;
const YEAR_LAST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?:[T\s]+(.*))?$/;
const NAMED_MDY = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s+(.*))?$/i;
const NAMED_DMY = /^(\d{1,2})[-\s]([a-z]{3,9})\.?[-\s,]+(\d{4}|\d{2})(?:\s+(.*))?$/i;

/**
 * Parse one cell as a date (day number, fractional with a time); NaN when it is not a date.
 * Year-last dates that fit both orders are read in `order` (default: month first, but day
 * first for dotted dates); `lastDate.evidence` says whether the value itself proves an order
 * (or, for dotted dates, the convention does), so a column can decide from all its values.
 *
 * @example
 * parseDate('2025-01-05')        // 20093
 * parseDate('2025/1/5')          // 20093
 * parseDate('2025年1月5日')       // 20093
 * parseDate('20250105')          // 20093
 * parseDate('5/1/2025', 'dmy')   // 20093 (lastDate.evidence === 'ambiguous')
 * parseDate('13/1/2025')         // 20101 (evidence 'dmy': 13 cannot be a month)
 * parseDate('2025-01-05 12:00')  // 20093.5
 */
export function parseDate(raw: string, order?: DateOrder): number {
  lastDate.evidence = '';
  lastDate.hasTime = false;
  const n = raw.length;
  // Fast path: YYYY-MM-DD exactly, the commonest date in exports.
  if (n === 10 && raw.charCodeAt(4) === 45 && raw.charCodeAt(7) === 45) {
    const y = digits(raw, 0, 4);
    const m = digits(raw, 5, 2);
    const d = digits(raw, 8, 2);
    if (y === y && m === m && d === d) return dayNumber(y, m, d);
  }
  const s = n > 40 ? '' : toHalfWidth(raw).trim();
  if (s.length < 6) return NaN;
  if (s.length === 8 && /^\d{8}$/.test(s)) {
    return dayNumber(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
  }
  let m = ISO.exec(s);
  if (m) return withTime(dayNumber(Number(m[1]), Number(m[2]), Number(m[3])), m[4] ?? '');
  m = CJK.exec(s);
  if (m) return withTime(dayNumber(Number(m[1]), Number(m[2]), Number(m[3])), m[4] ?? '');
  m = YEAR_LAST.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = fullYear(m[4]);
    if (a > 12 && b > 12) return NaN;
    const proof = a > 12 ? 'dmy' : b > 12 ? 'mdy' : 'ambiguous';
    // Dotted dates (05.01.2025) are day-first by convention: nobody writes month.day.year.
    const dotted = m[2] === '.';
    const read = order ?? (dotted ? 'dmy' : 'mdy');
    const dayFirst = proof === 'dmy' || (proof === 'ambiguous' && read === 'dmy');
    const v = withTime(dayFirst ? dayNumber(y, b, a) : dayNumber(y, a, b), m[5] ?? '');
    lastDate.evidence = proof === 'ambiguous' && dotted ? 'dmy' : proof;
    return v;
  }
  m = NAMED_MDY.exec(s);
  if (m) {
    const mo = monthByName(m[1]);
    return mo ? withTime(dayNumber(Number(m[3]), mo, Number(m[2])), m[4] ?? '') : NaN;
  }
  m = NAMED_DMY.exec(s);
  if (m) {
    const mo = monthByName(m[2]);
    return mo ? withTime(dayNumber(fullYear(m[3]), mo, Number(m[1])), m[4] ?? '') : NaN;
  }
  return NaN;
}

function digits(s: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug is folded into that origin). */
const EXCEL_EPOCH = -25569;

/**
 * Day number of an Excel serial date (what a date cell becomes when saved as CSV unformatted).
 *
 * @example
 * excelSerialToDay(45662) // 20093 (2025-01-05)
 */
export function excelSerialToDay(serial: number): number {
  return serial + EXCEL_EPOCH;
}

/** Plausible Excel serials for report data: 1954-10-03 (20000) to 2119-01-09 (80000). */
export function isExcelSerial(v: number): boolean {
  return v >= 20000 && v <= 80000;
}

/**
 * Re-read a column of dates parsed month-first as day-first (or back): every date whose day and
 * month are both ≤ 12 has them swapped; the others were unambiguous and stay. Returns a new array.
 *
 * @example
 * swapDayMonth(Float64Array.of(dayNumber(2025, 1, 5)))[0] === dayNumber(2025, 5, 1) // true
 */
export function swapDayMonth(days: Float64Array): Float64Array {
  const out = new Float64Array(days.length);
  for (let i = 0; i < days.length; i++) {
    const v = days[i];
    if (v !== v) {
      out[i] = NaN;
      continue;
    }
    const whole = Math.floor(v);
    const dt = new Date(whole * DAY_MS);
    const mo = dt.getUTCMonth() + 1;
    const d = dt.getUTCDate();
    out[i] = d <= 12 ? dayNumber(dt.getUTCFullYear(), d, mo) + (v - whole) : v;
  }
  return out;
}
