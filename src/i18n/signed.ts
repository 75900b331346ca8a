/**
 * Signed numbers for changes, the one way every screen writes them: "+1,234", "−12.5%", "+0.42"
 * (percentage points), "±0" for no change, with the one minus sign (U+2212) of format.ts. A
 * missing change is "—", as everywhere.
 */
import type { Locale } from './catalog';
import { DASH, formatCount, formatMoney, formatRate, MINUS } from './format';

/** '+' above zero, the minus sign below, '±' at zero. */
export function sign(v: number): string {
  return v > 0 ? '+' : v < 0 ? MINUS : '±';
}

/**
 * A change in a count, in whole units (people, deals and orders come whole): +1,234 / −56 / ±0;
 * with `wan` in Chinese, +12.35万.
 */
export function signedCount(v: number | null, locale: Locale, wan = false): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  const whole = Math.round(Math.abs(v));
  return sign(whole === 0 ? 0 : v) + formatCount(whole, locale, wan);
}

/** A relative change: 0.125 → +12.5%. */
export function signedRate(v: number | null, locale: Locale): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  const tenths = Math.round(Math.abs(v) * 1000) / 1000;
  const text = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(tenths);
  return sign(tenths === 0 ? 0 : v) + text;
}

/** A difference of two rates as percentage points (the number only): 0.0042 → +0.42. */
export function signedPoints(v: number | null, locale: Locale): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  const pts = Math.round(Math.abs(v) * 10_000) / 10_000;
  return sign(pts === 0 ? 0 : v) + formatRate(pts, locale).replace(/\s*%$/, '');
}

/** A change in money: +¥180,000.00 / −¥20.00; with `wan` in Chinese, +¥18万. */
export function signedMoney(
  v: number | null,
  locale: Locale,
  currency: string,
  wan = false,
): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  const cents = Math.round(Math.abs(v) * 100) / 100;
  return sign(cents === 0 ? 0 : v) + formatMoney(cents, locale, currency, wan);
}
