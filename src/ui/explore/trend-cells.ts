// A trend table's rows as plain data: the period, its marks, and each stage's count then (from
// the second stage) its step rate. One flat list of cells per row keeps the markup to one loop
// over hundreds of rows × stages; the single trend's table and the split one's row blocks share it.
import type { PeriodTotals } from '../../core/engine/trend';
import { formatPeriod } from '../../i18n/format';
import type { Locale } from '../../i18n/catalog';

export interface TrendCell {
  stage?: string;
  /** The number as written in data-count / data-step-rate (exact, for tests and tools). */
  count?: string;
  rate?: string;
  text: string;
}

export interface TrendRow {
  label: string;
  name: string;
  incomplete: boolean;
  /** An event funnel's period whose people have not all had a full window yet. */
  immature: boolean;
  cells: TrendCell[];
}

const raw = (v: number | null) => (v === null ? '' : String(v));

/**
 * @example
 * trendRows(periods, ['展现', '点击'], 'zh', String, String, null)[0].cells
 * // [{ stage: '展现', count: '900', text: '900' }, { stage: '点击', count: '90', … }, { rate: '0.1', … }]
 */
export function trendRows(
  periods: readonly PeriodTotals[],
  labels: readonly string[],
  locale: Locale,
  count: (v: number | null) => string,
  rate: (v: number | null) => string,
  immatureFrom: number | null,
): TrendRow[] {
  return periods.map((p) => ({
    label: p.label,
    name: formatPeriod(p.label, locale),
    incomplete: p.incomplete,
    immature: immatureFrom !== null && p.end > immatureFrom,
    cells: labels.flatMap((stage, k): TrendCell[] => {
      const c = { stage, count: raw(p.counts[k]), text: count(p.counts[k]) };
      if (k === 0) return [c];
      const r = p.stepRates[k];
      return [c, { rate: raw(r), text: rate(r) }];
    }),
  }));
}
