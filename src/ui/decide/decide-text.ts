/**
 * Words and signed numbers for the decide screens: what a step is called in the user's terms
 * (点击率, not "step 1"), and changes shown with their sign (+212, −¥1,200.00, +1.20 pp).
 */
import { formatCount, formatMoney, formatRate } from '../../i18n/format';
import type { Locale } from '../../i18n/catalog';
import { t } from '../../i18n/i18n.svelte';

const NAMED_RATES = new Set(['clicks', 'visits', 'consultations', 'orders']);

/**
 * The name of the step into stage k: the search-ads rates have their own names (DOMAIN.md §1),
 * any other is "A → B rate". Index 0 is the top stage's volume.
 */
export function stepName(k: number, ids: readonly string[], labels: readonly string[]): string {
  if (k === 0) return t('decide.volume', { stage: labels[0] ?? '' });
  if (NAMED_RATES.has(ids[k]) && ids[k - 1] !== undefined) return t(`decide.rate.${ids[k]}`);
  return t('decide.rate.generic', { from: labels[k - 1] ?? '', to: labels[k] ?? '' });
}

const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '±');

/** +212 / −38 / ±0, "—" when unknown. */
export function signedCount(v: number | null, locale: Locale): string {
  if (v === null || !Number.isFinite(v)) return formatCount(null, locale);
  const rounded = Math.round(Math.abs(v) * 10) / 10;
  return sign(rounded === 0 ? 0 : v) + formatCount(rounded, locale);
}

/** +¥180,000.00 / −¥20.00. */
export function signedMoney(v: number | null, locale: Locale, currency: string): string {
  if (v === null || !Number.isFinite(v)) return formatMoney(null, locale);
  const cents = Math.round(Math.abs(v) * 100) / 100;
  return sign(cents === 0 ? 0 : v) + formatMoney(cents, locale, currency);
}

/** A rate difference as percentage points: 0.012 → "+1.20 pp" / "+1.20 个百分点". */
export function signedPoints(v: number | null, locale: Locale): string {
  if (v === null || !Number.isFinite(v)) return formatRate(null, locale);
  const pts = Math.round(Math.abs(v) * 10000) / 100;
  const text = formatRate(pts / 100, locale).replace(/\s*%$/, '');
  return t('decide.points', { value: sign(pts === 0 ? 0 : v) + text });
}

/** A relative change as a signed percentage: 0.1 → "+10.00%". */
export function signedRate(v: number | null, locale: Locale): string {
  if (v === null || !Number.isFinite(v)) return formatRate(null, locale);
  return (v > 0 ? '+' : v < 0 ? '−' : '±') + formatRate(Math.abs(v), locale);
}

/** Raw value for a data-* attribute: the number, or empty when undefined. */
export function raw(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '' : String(v);
}
