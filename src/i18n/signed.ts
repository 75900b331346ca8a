/**
 * Signed numbers for deltas: "+1,234", "−12.5%", "+0.42" (percentage points). A missing delta
 * is "—", as everywhere.
 */
import type { Locale } from './catalog';
import { DASH } from './format';

const tag = (locale: Locale) => (locale === 'zh' ? 'zh-CN' : 'en');

/** +1,234 / −56 */
export function signedCount(v: number | null, locale: Locale): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  return new Intl.NumberFormat(tag(locale), {
    signDisplay: 'exceptZero',
    maximumFractionDigits: Number.isInteger(v) ? 0 : 2,
  }).format(v);
}

/** 0.125 → +12.5% */
export function signedRate(v: number | null, locale: Locale): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  return new Intl.NumberFormat(tag(locale), {
    style: 'percent',
    signDisplay: 'exceptZero',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(v);
}

/** A difference of two rates as percentage points: 0.0042 → +0.42 */
export function signedPoints(v: number | null, locale: Locale): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  return new Intl.NumberFormat(tag(locale), {
    signDisplay: 'exceptZero',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(v * 100);
}
