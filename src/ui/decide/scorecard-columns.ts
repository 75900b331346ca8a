/**
 * The scorecard's columns as data: one definition gives the header, the sort value and the CSV
 * cell, so the table on screen, its sorting and the exported file can never disagree.
 */
import type { ScoreRow } from '../../core/decide/scorecard';
import { toCsv, type CsvCell } from '../../core/table/csv';
import { t } from '../../i18n/i18n.svelte';
import { stepName } from './decide-text';

export interface ScoreColumn {
  /** Stable key: 'rank', 'member', 'count:2', 'rate:3', 'overall', … */
  key: string;
  /** Its full name (the CSV's header, the sort button's label). */
  header: string;
  /** Counts and rates sit under a group heading with a short header each. */
  group?: 'counts' | 'rates';
  short?: string;
  /** The value it sorts by and exports; null sorts last. */
  value: (r: ScoreRow) => number | string | null;
}

/**
 * Every column, in display order: what a manager reads first (rank, member, target, attainment,
 * stalled deals, weakest step), then the detail (each stage's count, each step rate, overall).
 */
export function scoreColumns(
  field: string,
  ids: readonly string[],
  names: readonly string[],
  targetStage: number,
): ScoreColumn[] {
  const counts = names.map((name, k): ScoreColumn => ({
    key: `count:${k}`,
    header: name,
    group: 'counts',
    short: name,
    value: (r) => r.counts[k],
  }));
  const rates = names.slice(1).map((name, j): ScoreColumn => ({
    key: `rate:${j + 1}`,
    header: stepName(j + 1, ids, names),
    group: 'rates',
    short: `→ ${name}`,
    value: (r) => r.rates[j + 1],
  }));
  const stage = names[targetStage] ?? '';
  return [
    { key: 'rank', header: t('review.rank'), value: (r) => r.rank },
    { key: 'member', header: field, value: (r) => r.member },
    { key: 'target', header: t('review.target', { stage }), value: (r) => r.target },
    { key: 'attainment', header: t('review.attainment'), value: (r) => r.attainment },
    { key: 'stalled', header: t('review.stalled'), value: (r) => r.stalled },
    { key: 'weak', header: t('review.weakest'), value: (r) => r.weakest?.gain ?? null },
    ...counts,
    ...rates,
    { key: 'overall', header: t('review.overall'), value: (r) => r.overall },
  ];
}

/**
 * The rows sorted by one column, nulls last whichever the direction; ties keep rank order.
 *
 * @example
 * sortRows(rows, column('attainment'), 'asc') // lowest attainment first, no-target rows last
 */
export function sortRows(
  rows: readonly ScoreRow[],
  column: ScoreColumn,
  direction: 'asc' | 'desc',
): ScoreRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    const order =
      typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sign * order || a.rank - b.rank;
  });
}

/**
 * The scorecard as CSV: raw numbers, rates as fractions, the weakest step by name and its gain in
 * its own column; names that look like formulas are neutralised by `toCsv`.
 */
export function scorecardCsv(
  rows: readonly ScoreRow[],
  columns: readonly ScoreColumn[],
  ids: readonly string[],
  names: readonly string[],
  lastStage: string,
): string {
  const out = columns.flatMap((c): ScoreColumn[] =>
    c.key !== 'weak'
      ? [c]
      : [
          {
            key: 'weak',
            header: c.header,
            value: (r) => (r.weakest ? stepName(r.weakest.index, ids, names) : null),
          },
          {
            key: 'gain',
            header: t('review.weakGain', { stage: lastStage }),
            value: (r) => r.weakest?.gain ?? null,
          },
        ],
  );
  return toCsv(
    out.map((c) => c.header),
    rows.map((r) => out.map((c): CsvCell => c.value(r))),
  );
}
