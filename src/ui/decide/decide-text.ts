/**
 * Words and signed numbers for the decide screens: what a step is called in the user's terms
 * (点击率, not "step 1"), and changes shown with their sign (+212, −¥1,200.00, +1.20 pp).
 */
import { formatRate } from '../../i18n/format';
import { signedPoints as points } from '../../i18n/signed';
import type { Locale } from '../../i18n/catalog';
import { t } from '../../i18n/i18n.svelte';

const NAMED_RATES = new Set(['clicks', 'visits', 'consultations', 'orders']);

/**
 * The name of the step into stage k: the search-ads rates have their own names (DOMAIN.md §1),
 * any other is "A → B rate". Index 0 is the top stage's volume. `names` are the stages as the
 * reader reads them (DecideView.names), not the file's labels.
 */
export function stepName(k: number, ids: readonly string[], names: readonly string[]): string {
  if (k === 0) return t('decide.volume', { stage: names[0] ?? '' });
  if (NAMED_RATES.has(ids[k]) && ids[k - 1] !== undefined) return t(`decide.rate.${ids[k]}`);
  return t('decide.rate.generic', { from: names[k - 1] ?? '', to: names[k] ?? '' });
}

export { signedCount, signedMoney } from '../../i18n/signed';

/** A rate difference as percentage points: 0.012 → "+1.20 pp" / "+1.20 个百分点". */
export function signedPoints(v: number | null, locale: Locale): string {
  if (v === null || !Number.isFinite(v)) return formatRate(null, locale);
  return t('decide.points', { value: points(v, locale) });
}

/** Raw value for a data-* attribute: the number, or empty when undefined. */
export function raw(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '' : String(v);
}
