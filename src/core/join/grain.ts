/**
 * How finely a file is dated, and a day put into its period at a grain. Day numbers are days
 * since 1970-01-01 (UTC), as the table keeps them; a period is named by its first day.
 */

/** From fine to coarse; 'all' is a file with no dates (one period: everything). */
export type Grain = 'day' | 'week' | 'month' | 'all';

const ORDER: readonly Grain[] = ['day', 'week', 'month', 'all'];

/** 1970-01-01 was a Thursday: a Monday is a day number n with (n + 3) mod 7 = 0. */
function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function monthStart(day: number): number {
  const d = new Date(day * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000;
}

/**
 * The grain of a date column from its values (and, when the values cannot tell, its header):
 * month when every date is the 1st of a month (two or more months, or a header saying 月 /
 * month), week when every date falls on the same weekday seven days apart (three or more weeks,
 * or a header saying 周 / week), else day. No dates at all: 'all'.
 *
 * @example
 * detectGrain(Float64Array.of(20089, 20120), '月份') // 'month' (2025-01-01, 2025-02-01)
 * detectGrain(Float64Array.of(20089, 20090), '日期') // 'day'
 */
export function detectGrain(days: Float64Array, header = ''): Grain {
  const distinct = new Set<number>();
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    if (d === d) distinct.add(Math.floor(d));
  }
  if (distinct.size === 0) return 'all';
  const list = [...distinct].sort((a, b) => a - b);
  const monthly = list.every((d) => monthStart(d) === d);
  if (monthly && (list.length >= 2 || /月|month/iu.test(header))) return 'month';
  const w = weekday(list[0]);
  const weekly = list.every((d) => weekday(d) === w);
  if (weekly && (list.length >= 3 || /周|week/iu.test(header))) return 'week';
  return 'day';
}

/** The coarsest of several grains (a monthly file makes the whole join monthly). */
export function coarsestGrain(grains: readonly Grain[]): Grain {
  let k = 0;
  for (const g of grains) k = Math.max(k, ORDER.indexOf(g));
  return ORDER[k];
}

/** True when `a` is coarser than `b`. */
export function coarser(a: Grain, b: Grain): boolean {
  return ORDER.indexOf(a) > ORDER.indexOf(b);
}

/**
 * The first day of the period holding `day` at `grain` (weeks start on Monday); NaN stays NaN,
 * and at grain 'all' every day is NaN (no date).
 *
 * @example
 * periodStart(20179.4, 'day')   // 20179 (2025-04-01 09:36 → 2025-04-01)
 * periodStart(20179, 'month')   // 20179 (2025-04-01)
 * periodStart(20185, 'month')   // 20179
 * periodStart(20185, 'week')    // 20184 (Monday 2025-04-07)
 */
export function periodStart(day: number, grain: Grain): number {
  if (day !== day || grain === 'all') return NaN;
  const d = Math.floor(day);
  if (grain === 'day') return d;
  if (grain === 'week') return d - weekday(d);
  return monthStart(d);
}

const MONTH = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/u;

/**
 * The first day of a month written as text (a monthly export's 2025-04, 2025/4, 2025年4月), NaN
 * when the text is not a month. The importer keeps such columns as text: they are no day.
 *
 * @example
 * monthText('2025年4月') // 20179 (2025-04-01)
 * monthText('2025-13')   // NaN
 */
export function monthText(text: string): number {
  const m = MONTH.exec(text.normalize('NFKC').trim());
  if (!m) return NaN;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return NaN;
  return Date.UTC(Number(m[1]), month - 1, 1) / 86_400_000;
}
