/**
 * A span of seconds in words a marketer reads at a glance: the two largest units that matter
 * ("2 h 5 min", "3 d 4 h", "45 s"), in the page's language.
 */
import { t } from '../../i18n/i18n.svelte';

const UNITS: [key: string, seconds: number][] = [
  ['events.duration.d', 86_400],
  ['events.duration.h', 3_600],
  ['events.duration.min', 60],
  ['events.duration.s', 1],
];

/**
 * @example
 * formatDuration(7500) // '2 h 5 min'
 * formatDuration(0.4)  // '0.4 s'
 * formatDuration(null) // '—'
 */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds < 60) {
    const n = seconds < 10 ? Math.round(seconds * 10) / 10 : Math.round(seconds);
    return t('events.duration.s', { n });
  }
  // Two adjacent units at most: "3 d 4 h", never "3 d 12 s".
  const rest = Math.round(seconds);
  const i = UNITS.findIndex(([, size]) => rest >= size);
  const [key, size] = UNITS[i];
  const n = Math.floor(rest / size);
  const [nextKey, nextSize] = UNITS[i + 1];
  const m = Math.floor((rest - n * size) / nextSize);
  return m > 0 ? `${t(key, { n })} ${t(nextKey, { n: m })}` : t(key, { n });
}
