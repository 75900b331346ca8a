/**
 * Storage sizes for people: 1_234_567 → "1.2 MB" (decimal units, as browsers report quotas).
 */
import type { Locale } from '../../i18n/catalog';

const UNITS = [
  [1e9, 'gigabyte'],
  [1e6, 'megabyte'],
  [1e3, 'kilobyte'],
] as const;

/**
 * @example
 * formatBytes(1_234_567, 'en') // '1.2 MB'
 * formatBytes(512, 'zh')       // '512 B'
 */
export function formatBytes(bytes: number, locale: Locale): string {
  const tag = locale === 'zh' ? 'zh-CN' : 'en';
  for (const [size, unit] of UNITS) {
    if (bytes >= size) {
      return new Intl.NumberFormat(tag, { style: 'unit', unit, maximumFractionDigits: 1 }).format(
        bytes / size,
      );
    }
  }
  return `${Math.round(bytes)} B`;
}
