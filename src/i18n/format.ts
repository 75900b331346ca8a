/**
 * Numbers for people, with Intl for the locale. Undefined values (a zero denominator) are "—".
 */
import type { Locale } from './catalog';

export const DASH = '—';
/** The one minus sign of every number shown (U+2212), never the hyphen Intl writes. */
export const MINUS = '\u2212';

/** Intl's text with its hyphen-minus made the one minus sign. */
const minus = (text: string) => text.replace('-', MINUS);

const cache = new Map<string, Intl.NumberFormat>();
function nf(tag: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = tag + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(tag, options);
    cache.set(key, f);
  }
  return f;
}

function tagOf(locale: Locale): string {
  return locale === 'zh' ? 'zh-CN' : 'en';
}

/** 12345678 → "1,234.57万", 123456789 → "1.23亿" (Chinese readers' large numbers); else null. */
function inWan(v: number, locale: Locale, wan: boolean): string | null {
  if (!wan || locale !== 'zh' || Math.abs(v) < 10_000) return null;
  const [div, unit] = Math.abs(v) >= 1e8 ? [1e8, '亿'] : [1e4, '万'];
  return nf('zh-CN', { maximumFractionDigits: 2 }).format(Math.abs(v) / div) + unit;
}

/** 1234567 → "1,234,567"; with `wan` in Chinese, 1234567 → "123.46万"; −5 with the one minus. */
export function formatCount(v: number | null, locale: Locale, wan = false): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  const large = inWan(v, locale, wan);
  if (large !== null) return (v < 0 ? MINUS : '') + large;
  const digits = Number.isInteger(v) ? 0 : 1;
  return minus(nf(tagOf(locale), { maximumFractionDigits: digits }).format(v));
}

/** 0.1234 → "12.34%". Small rates keep two decimals so a 0.8 % click rate is readable. */
export function formatRate(v: number | null, locale: Locale): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  return minus(
    nf(tagOf(locale), {
      style: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(v),
  );
}

/**
 * Money with two decimals and the data's currency symbol when known: "¥24,862,200.00", or with
 * `wan` in Chinese "¥2,486.22万"; −¥20.00 with the one minus sign.
 */
export function formatMoney(v: number | null, locale: Locale, symbol = '', wan = false): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  const s =
    inWan(v, locale, wan) ??
    nf(tagOf(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Math.abs(v));
  return (v < 0 ? MINUS : '') + symbol + s;
}

/** A plain ratio such as ROAS: 3.2 → "3.20×". */
export function formatMultiple(v: number | null, locale: Locale): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  return (
    minus(nf(tagOf(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v)) + '×'
  );
}

/** Day number → "2025-01-05" (ISO: unambiguous in both languages). */
export function formatDay(day: number | null): string {
  if (day === null || !Number.isFinite(day)) return DASH;
  return new Date(Math.floor(day) * 86_400_000).toISOString().slice(0, 10);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function df(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = tag + JSON.stringify(options);
  let f = dateFormats.get(key);
  if (!f) {
    // Day numbers are UTC days: format them in UTC so no time zone shifts the date.
    f = new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' });
    dateFormats.set(key, f);
  }
  return f;
}

function dayOfIso(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86_400_000 : null;
}

/**
 * A day (day number or 'YYYY-MM-DD') for people: 2025-01-05 → "Jan 5, 2025" / "2025年1月5日".
 * Anything else is returned unchanged.
 */
export function formatDate(day: number | string | null, locale: Locale): string {
  const d = typeof day === 'string' ? dayOfIso(day) : day;
  if (d === null || !Number.isFinite(d)) return typeof day === 'string' ? day : DASH;
  return df(tagOf(locale), { year: 'numeric', month: 'short', day: 'numeric' }).format(
    Math.floor(d) * 86_400_000,
  );
}

/**
 * A period label of core/period.ts for people: '2025-05' → "May 2025" / "2025年5月",
 * '2025-Q2' → "Q2 2025" / "2025年第2季度", '2025-W01' → "2025 W1" / "2025年第1周",
 * '2025-01-05' → formatDate. Anything else (a year, a segment value) is returned unchanged.
 */
export function formatPeriod(label: string, locale: Locale): string {
  const zh = locale === 'zh';
  let m = /^(\d{4})-Q([1-4])$/.exec(label);
  if (m) return zh ? `${m[1]}年第${m[2]}季度` : `Q${m[2]} ${m[1]}`;
  m = /^(\d{4})-W(\d{2})$/.exec(label);
  if (m) return zh ? `${m[1]}年第${+m[2]}周` : `${m[1]} W${+m[2]}`;
  m = /^(\d{4})-(\d{2})$/.exec(label);
  if (m) {
    return df(tagOf(locale), { year: 'numeric', month: zh ? 'long' : 'short' }).format(
      Date.UTC(+m[1], +m[2] - 1, 1),
    );
  }
  return dayOfIso(label) === null ? label : formatDate(label, locale);
}

/** Items as a list in the reader's punctuation: "分公司、团队、地区" / "branch, team, region". */
export function formatList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'zh' ? '、' : ', ');
}

/** A label and its value with the reader's colon: "常见原因：网站打开速度" / "Usual causes: …". */
export function labelled(label: string, value: string, locale: Locale): string {
  return locale === 'zh' ? `${label}：${value}` : `${label}: ${value}`;
}

/** An aside in the reader's brackets: "（±0.00 个百分点）" / " (±0.00 pp)". */
export function aside(text: string, locale: Locale): string {
  return locale === 'zh' ? `（${text}）` : ` (${text})`;
}

/**
 * A stage's name as a unit to count by, for "cost per …": Chinese counts drop their 量 / 数
 * suffix (订单量 → 订单, 访客数 → 访客, so 每个订单的成本, not 每订单量成本); an English plural
 * becomes one (Orders → order: "Cost per order"); other names stay as they are.
 */
export function unitNoun(name: string, locale: Locale): string {
  if (locale === 'zh') return /\p{Script=Han}[量数]$/u.test(name) ? name.slice(0, -1) : name;
  return /^[A-Z]?[a-z ]*[a-z](?<![su])s$/.test(name) ? name.slice(0, -1).toLowerCase() : name;
}
