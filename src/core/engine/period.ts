/**
 * Periods over day numbers (days since 1970-01-01, UTC): the calendar arithmetic behind the
 * granularity picker, the date-range presets and "previous period" / "same period last year".
 *
 * Weeks are ISO weeks (Monday first; week 1 holds the year's first Thursday), so the week of
 * 2024-12-30 is 2025-W01. Presets count back from the data's last date, not from today: a view
 * of last year's export still shows "last month" of that export.
 */

export type Granularity = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month', 'quarter', 'year'];

/**
 * The length of a period: a granularity, or (a number) a span of that many whole years, 10, 100,
 * 1,000…, aligned on its multiples (1900–1999). Spans of years are no user's choice: the trend
 * coarsens to them when even years are too many to draw (a stray 9999-12-31 among 2025 dates).
 */
export type Step = Granularity | number;

/** An inclusive range of whole days. */
export interface DayRange {
  from: number;
  to: number;
}

const MS_PER_DAY = 86_400_000;

/** Day number of a calendar date (month 1–12). `dayOf(1970, 1, 1) === 0`. */
export function dayOf(year: number, month: number, date: number): number {
  // Date.UTC reads years 0–99 as 1900–1999.
  if (year >= 0 && year < 100) {
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, date);
    return Math.round(d.getTime() / MS_PER_DAY);
  }
  return Math.round(Date.UTC(year, month - 1, date) / MS_PER_DAY);
}

/** Calendar parts of a day number. */
export function partsOf(day: number): { year: number; month: number; date: number } {
  const d = new Date(Math.floor(day) * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

/** Day number of an ISO date text '2025-01-05'; null when it is not a real date. */
export function parseDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dayOf(y, mo, d);
  const back = partsOf(day);
  return back.year === y && back.month === mo && back.date === d ? day : null;
}

/** '2025-01-05' for a day number. */
export function dayText(day: number): string {
  return new Date(Math.floor(day) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((Math.floor(day) + 3) % 7) + 7) % 7) + 1;
}

/**
 * ISO week-numbering year and week of a day.
 *
 * @example
 * isoWeek(dayOf(2024, 12, 30)) // { year: 2025, week: 1 }
 * isoWeek(dayOf(2021, 1, 3))   // { year: 2020, week: 53 }
 */
export function isoWeek(day: number): { year: number; week: number } {
  // The Thursday of the same week decides the year.
  const thursday = Math.floor(day) - isoWeekday(day) + 4;
  const year = partsOf(thursday).year;
  const week = Math.floor((thursday - dayOf(year, 1, 1)) / 7) + 1;
  return { year, week };
}

/**
 * First day of the period holding `day`.
 *
 * @example
 * periodStart(dayOf(2025, 2, 14), 'quarter') === dayOf(2025, 1, 1)
 * periodStart(dayOf(2025, 1, 1), 'week') === dayOf(2024, 12, 30) // a Monday
 */
export function periodStart(day: number, g: Step): number {
  const d = Math.floor(day);
  if (g === 'day') return d;
  if (g === 'week') return d - isoWeekday(d) + 1;
  const { year, month } = partsOf(d);
  if (typeof g === 'number') return dayOf(Math.floor(year / g) * g, 1, 1);
  if (g === 'month') return dayOf(year, month, 1);
  if (g === 'quarter') return dayOf(year, month - ((month - 1) % 3), 1);
  return dayOf(year, 1, 1);
}

/**
 * First day of the period after the one starting at `start` (exclusive end).
 *
 * @example
 * nextPeriod(dayOf(2024, 10, 1), 'quarter') === dayOf(2025, 1, 1)
 */
export function nextPeriod(start: number, g: Step): number {
  if (g === 'day') return start + 1;
  if (g === 'week') return start + 7;
  const { year, month } = partsOf(start);
  if (typeof g === 'number') return dayOf(year + g, 1, 1);
  if (g === 'month') return dayOf(year, month + 1, 1);
  if (g === 'quarter') return dayOf(year, month + 3, 1);
  return dayOf(year + 1, 1, 1);
}

/**
 * A short, sortable, language-neutral name for the period starting at `start`.
 *
 * @example
 * periodLabel(dayOf(2024, 12, 30), 'week') // '2025-W01'
 * periodLabel(dayOf(2025, 4, 1), 'quarter') // '2025-Q2'
 * periodLabel(dayOf(2000, 1, 1), 100)       // '2000–2099'
 */
export function periodLabel(start: number, g: Step): string {
  const { year, month } = partsOf(start);
  const two = (n: number) => String(n).padStart(2, '0');
  if (typeof g === 'number') return `${year}–${year + g - 1}`;
  if (g === 'day') return dayText(start);
  if (g === 'week') {
    const w = isoWeek(start);
    return `${w.year}-W${two(w.week)}`;
  }
  if (g === 'month') return `${year}-${two(month)}`;
  if (g === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return String(year);
}

/** Days in a month (month 1–12). */
function monthLength(year: number, month: number): number {
  return dayOf(year, month + 1, 1) - dayOf(year, month, 1);
}

/**
 * Move a day by whole months; a day past the end of the shorter month lands on its last day,
 * and a month's last day stays a month's last day (2025-04-30 − 1 month = 2025-03-31).
 *
 * @example
 * shiftMonths(dayOf(2024, 2, 29), -12) === dayOf(2023, 2, 28)
 */
export function shiftMonths(day: number, months: number): number {
  const { year, month, date } = partsOf(day);
  const index = year * 12 + (month - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  const length = monthLength(ty, tm);
  const wasLast = date === monthLength(year, month);
  return dayOf(ty, tm, wasLast ? length : Math.min(date, length));
}

/** Whole calendar months a range touches, counting both ends. */
function monthsSpanned(range: DayRange): number {
  const a = partsOf(range.from);
  const b = partsOf(range.to);
  return (b.year - a.year) * 12 + (b.month - a.month) + 1;
}

/**
 * The period just before a range, of the same kind. Whole calendar months move by months
 * (March → February, Q2 → Q1, a year → the year before); a month so far moves to the same days
 * of the month before (1–15 March → 1–15 February); any other range moves back by its own
 * length in days (a week → the week before, one day → the day before).
 *
 * @example
 * previousRange({ from: dayOf(2025, 3, 1), to: dayOf(2025, 3, 31) })
 * // { from: dayOf(2025, 2, 1), to: dayOf(2025, 2, 28) }
 * previousRange({ from: dayOf(2025, 3, 5), to: dayOf(2025, 3, 11) })
 * // { from: dayOf(2025, 2, 26), to: dayOf(2025, 3, 4) }
 */
export function previousRange(range: DayRange): DayRange {
  const a = partsOf(range.from);
  const b = partsOf(range.to);
  const length = range.to - range.from + 1;
  const wholeMonths = a.date === 1 && b.date === monthLength(b.year, b.month);
  const monthSoFar = a.date === 1 && a.year === b.year && a.month === b.month && length > 1;
  if (wholeMonths || monthSoFar) {
    const m = monthsSpanned(range);
    return { from: shiftMonths(range.from, -m), to: shiftMonths(range.to, -m) };
  }
  return { from: range.from - length, to: range.to - length };
}

/**
 * The same calendar days one year earlier (29 February becomes the 28th).
 *
 * @example
 * sameRangeLastYear({ from: dayOf(2024, 2, 1), to: dayOf(2024, 2, 29) })
 * // { from: dayOf(2023, 2, 1), to: dayOf(2023, 2, 28) }
 */
export function sameRangeLastYear(range: DayRange): DayRange {
  return { from: shiftMonths(range.from, -12), to: shiftMonths(range.to, -12) };
}

export type Preset =
  | 'last7'
  | 'last30'
  | 'thisMonth'
  | 'lastMonth'
  | 'thisQuarter'
  | 'lastQuarter'
  | 'thisYear'
  | 'lastYear';
export const PRESETS: readonly Preset[] = [
  'last7',
  'last30',
  'thisMonth',
  'lastMonth',
  'thisQuarter',
  'lastQuarter',
  'thisYear',
  'lastYear',
];

/**
 * A preset date range, counted back from `end` (the data's last day). "This month" runs from
 * the 1st to `end`; "last month" is the whole calendar month before.
 *
 * @example
 * presetRange('last7', dayOf(2025, 10, 31)) // { from: dayOf(2025, 10, 25), to: dayOf(2025, 10, 31) }
 * presetRange('lastQuarter', dayOf(2025, 1, 15)) // Q4 2024: 2024-10-01 … 2024-12-31
 */
export function presetRange(preset: Preset, end: number): DayRange {
  const e = Math.floor(end);
  const whole = (g: Granularity, back: number): DayRange => {
    let start = periodStart(e, g);
    for (let k = 0; k < back; k++) start = periodStart(start - 1, g);
    return back === 0 ? { from: start, to: e } : { from: start, to: nextPeriod(start, g) - 1 };
  };
  switch (preset) {
    case 'last7':
      return { from: e - 6, to: e };
    case 'last30':
      return { from: e - 29, to: e };
    case 'thisMonth':
      return whole('month', 0);
    case 'lastMonth':
      return whole('month', 1);
    case 'thisQuarter':
      return whole('quarter', 0);
    case 'lastQuarter':
      return whole('quarter', 1);
    case 'thisYear':
      return whole('year', 0);
    case 'lastYear':
      return whole('year', 1);
  }
}

/**
 * The latest period of granularity `g` that ends on or before `end` (the data's last day): the
 * period to compare when no date range is chosen, so a half-finished month is never set
 * against a whole one.
 *
 * @example
 * lastFullPeriod(dayOf(2025, 10, 12), 'month') // 2025-09-01 … 2025-09-30
 * lastFullPeriod(dayOf(2025, 10, 31), 'month') // 2025-10-01 … 2025-10-31
 */
export function lastFullPeriod(end: number, g: Granularity): DayRange {
  const e = Math.floor(end);
  let start = periodStart(e, g);
  if (nextPeriod(start, g) - 1 > e) start = periodStart(start - 1, g);
  return { from: start, to: nextPeriod(start, g) - 1 };
}

/** Longest span (in days) shown by day, then by week: about two months, then about six. */
const DAYS_BY_DAY = 62;
const DAYS_BY_WEEK = 186;

/**
 * The granularity that suits data spanning `extent`: days up to about two months, weeks up to
 * about six, months beyond (a 14-day export by month would be one dot).
 *
 * @example
 * fittedGranularity({ from: dayOf(2025, 6, 4), to: dayOf(2025, 6, 17) }) // 'day'
 * fittedGranularity({ from: dayOf(2025, 5, 1), to: dayOf(2025, 10, 31) }) // 'week'
 * fittedGranularity({ from: dayOf(2024, 1, 1), to: dayOf(2025, 10, 31) }) // 'month'
 */
export function fittedGranularity(extent: DayRange): Granularity {
  const days = Math.floor(extent.to) - Math.floor(extent.from) + 1;
  return days <= DAYS_BY_DAY ? 'day' : days <= DAYS_BY_WEEK ? 'week' : 'month';
}

/**
 * The period to compare when no date range is chosen, such that it and the period before it
 * (`previousRange`) both lie inside the data: the last full period of `g` when that fits, else
 * the data's last days, as many as a period of `g` holds (a week for days: one day is noise)
 * but no more than half the data, so the baseline is never a stretch without rows.
 *
 * @example
 * // 14 days from a Wednesday: the last 7 days (set against the 7 before)
 * defaultPeriod({ from: dayOf(2025, 6, 4), to: dayOf(2025, 6, 17) }, 'day')
 * // { from: dayOf(2025, 6, 11), to: dayOf(2025, 6, 17) }
 * // six months to 31 October, by month: October (against September)
 * defaultPeriod({ from: dayOf(2025, 5, 1), to: dayOf(2025, 10, 31) }, 'month')
 * // { from: dayOf(2025, 10, 1), to: dayOf(2025, 10, 31) }
 */
export function defaultPeriod(extent: DayRange, g: Granularity): DayRange {
  const first = Math.floor(extent.from);
  const end = Math.floor(extent.to);
  const full = lastFullPeriod(end, g === 'day' ? 'week' : g);
  if (g !== 'day' && full.from >= first && previousRange(full).from >= first) return full;
  const unit = full.to - full.from + 1;
  const length = Math.max(1, Math.min(unit, Math.floor((end - first + 1) / 2)));
  return { from: end - length + 1, to: end };
}

/** The next step up: day → week → month → quarter → year → 10 years → 100 years → … */
function coarserStep(step: Step): Step {
  if (typeof step === 'number') return step * 10;
  if (step === 'year') return 10;
  return GRANULARITIES[GRANULARITIES.indexOf(step) + 1];
}

/**
 * How many periods of `step` the days `first` to `last` touch, counting both ends: arithmetic
 * on the calendar, no walk through the periods.
 *
 * @example
 * periodCount(dayOf(2025, 1, 31), dayOf(2025, 3, 1), 'month') // 3
 * periodCount(dayOf(2025, 1, 1), dayOf(9999, 12, 31), 'day')  // 2_912_808
 */
export function periodCount(first: number, last: number, step: Step): number {
  const a = Math.floor(first);
  const b = Math.floor(last);
  if (step === 'day') return b - a + 1;
  if (step === 'week') return (periodStart(b, 'week') - periodStart(a, 'week')) / 7 + 1;
  const pa = partsOf(a);
  const pb = partsOf(b);
  if (step === 'month') return (pb.year - pa.year) * 12 + pb.month - pa.month + 1;
  if (step === 'quarter') {
    const q = (p: { year: number; month: number }) => p.year * 4 + Math.floor((p.month - 1) / 3);
    return q(pb) - q(pa) + 1;
  }
  const n = step === 'year' ? 1 : step;
  return Math.floor(pb.year / n) - Math.floor(pa.year / n) + 1;
}

/**
 * The finest step, `g` or coarser, that cuts the days `first` to `last` into at most `max`
 * periods (`max` is at least 2: two days can straddle any boundary).
 *
 * @example
 * fittingStep(dayOf(2024, 1, 1), dayOf(2025, 12, 31), 'day', 400)   // 'week' (731 days, 105 weeks)
 * fittingStep(dayOf(2025, 1, 1), dayOf(9999, 12, 31), 'month', 400) // 100 (81 centuries)
 */
export function fittingStep(first: number, last: number, g: Granularity, max: number): Step {
  const limit = Math.max(2, max);
  let step: Step = g;
  while (periodCount(first, last, step) > limit) step = coarserStep(step);
  return step;
}
