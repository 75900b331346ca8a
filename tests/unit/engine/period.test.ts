import { describe, expect, it } from 'vitest';
import {
  dayOf,
  dayText,
  defaultPeriod,
  fittedGranularity,
  isoWeek,
  isoWeekday,
  lastFullPeriod,
  nextPeriod,
  parseDay,
  periodLabel,
  periodStart,
  presetRange,
  previousRange,
  sameRangeLastYear,
  shiftMonths,
  type DayRange,
  type Granularity,
} from '../../../src/core/engine/period';

const d = (s: string) => Date.parse(s + 'T00:00:00Z') / 86_400_000;
const text = (r: DayRange) => `${dayText(r.from)}..${dayText(r.to)}`;

describe('calendar basics', () => {
  it('converts between day numbers and dates', () => {
    expect(dayOf(1970, 1, 1)).toBe(0);
    expect(dayOf(2025, 1, 5)).toBe(d('2025-01-05'));
    expect(dayText(d('2024-02-29'))).toBe('2024-02-29');
    expect(parseDay('2024-02-29')).toBe(d('2024-02-29'));
    expect(parseDay('2025-02-29')).toBeNull();
    expect(parseDay('2025-1-5')).toBeNull();
    expect(parseDay('')).toBeNull();
  });

  it('knows the weekday (Monday = 1)', () => {
    expect(isoWeekday(d('1970-01-01'))).toBe(4); // a Thursday
    expect(isoWeekday(d('2024-12-30'))).toBe(1); // a Monday
    expect(isoWeekday(d('2025-01-05'))).toBe(7); // a Sunday
    expect(isoWeekday(d('1969-12-29'))).toBe(1); // before day 0 too
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2024-12-30', 2025, 1],
    ['2021-01-03', 2020, 53],
    ['2021-01-04', 2021, 1],
    ['2020-12-31', 2020, 53],
    ['2026-01-01', 2026, 1],
    ['2027-01-01', 2026, 53],
    ['2025-06-15', 2025, 24],
  ])('%s is in %i-W%i', (s, year, week) => {
    expect(isoWeek(d(s))).toEqual({ year, week });
  });

  it('labels a week by its ISO year', () => {
    expect(periodLabel(periodStart(d('2025-01-01'), 'week'), 'week')).toBe('2025-W01');
    expect(periodLabel(periodStart(d('2021-01-03'), 'week'), 'week')).toBe('2020-W53');
  });
});

describe('periodStart and nextPeriod', () => {
  const cases: [string, Granularity, string, string, string][] = [
    ['2025-03-15', 'day', '2025-03-15', '2025-03-16', '2025-03-15'],
    ['2025-01-01', 'week', '2024-12-30', '2025-01-06', '2025-W01'],
    ['2025-01-05', 'week', '2024-12-30', '2025-01-06', '2025-W01'],
    ['2025-02-28', 'month', '2025-02-01', '2025-03-01', '2025-02'],
    ['2024-12-31', 'month', '2024-12-01', '2025-01-01', '2024-12'],
    ['2024-11-20', 'quarter', '2024-10-01', '2025-01-01', '2024-Q4'],
    ['2025-01-01', 'quarter', '2025-01-01', '2025-04-01', '2025-Q1'],
    ['2025-06-30', 'quarter', '2025-04-01', '2025-07-01', '2025-Q2'],
    ['2024-12-31', 'year', '2024-01-01', '2025-01-01', '2024'],
  ];
  it.each(cases)('%s by %s starts %s, next %s, named %s', (day, g, start, next, label) => {
    const s = periodStart(d(day), g);
    expect(dayText(s)).toBe(start);
    expect(dayText(nextPeriod(s, g))).toBe(next);
    expect(periodLabel(s, g)).toBe(label);
  });

  it('uses the whole day of a timed date', () => {
    expect(dayText(periodStart(d('2025-03-31') + 0.9, 'month'))).toBe('2025-03-01');
  });
});

describe('shiftMonths', () => {
  it.each([
    ['2025-03-15', -1, '2025-02-15'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-04-30', -1, '2025-03-31'],
    ['2024-02-29', -12, '2023-02-28'],
    ['2025-01-10', -2, '2024-11-10'],
    ['2024-11-30', 3, '2025-02-28'],
  ])('%s %i months → %s', (from, m, to) => {
    expect(dayText(shiftMonths(d(from), m))).toBe(to);
  });
});

describe('previousRange and sameRangeLastYear', () => {
  const r = (a: string, b: string): DayRange => ({ from: d(a), to: d(b) });
  it.each([
    [r('2025-03-01', '2025-03-31'), '2025-02-01..2025-02-28'],
    [r('2025-04-01', '2025-04-30'), '2025-03-01..2025-03-31'],
    [r('2025-01-01', '2025-01-31'), '2024-12-01..2024-12-31'],
    [r('2025-01-01', '2025-03-31'), '2024-10-01..2024-12-31'],
    [r('2024-01-01', '2024-12-31'), '2023-01-01..2023-12-31'],
    [r('2025-03-01', '2025-03-15'), '2025-02-01..2025-02-15'],
    [r('2025-03-05', '2025-03-11'), '2025-02-26..2025-03-04'],
    [r('2025-01-01', '2025-01-01'), '2024-12-31..2024-12-31'],
    [r('2025-01-01', '2025-02-10'), '2024-11-21..2024-12-31'],
    [r('2024-12-30', '2025-01-05'), '2024-12-23..2024-12-29'],
    [r('2025-01-02', '2025-01-02'), '2025-01-01..2025-01-01'],
  ])('before %o is %s', (range, expected) => {
    expect(text(previousRange(range))).toBe(expected);
  });

  it('goes back a calendar year', () => {
    expect(text(sameRangeLastYear(r('2024-02-01', '2024-02-29')))).toBe('2023-02-01..2023-02-28');
    expect(text(sameRangeLastYear(r('2025-10-01', '2025-12-31')))).toBe('2024-10-01..2024-12-31');
    expect(text(sameRangeLastYear(r('2025-03-05', '2025-03-11')))).toBe('2024-03-05..2024-03-11');
  });

  it('does not mutate its input', () => {
    const range = r('2025-03-01', '2025-03-31');
    const before = { ...range };
    previousRange(range);
    sameRangeLastYear(range);
    expect(range).toEqual(before);
  });
});

describe('presetRange', () => {
  it.each([
    ['last7', '2025-10-31', '2025-10-25..2025-10-31'],
    ['last30', '2025-10-31', '2025-10-02..2025-10-31'],
    ['thisMonth', '2025-10-12', '2025-10-01..2025-10-12'],
    ['lastMonth', '2025-10-12', '2025-09-01..2025-09-30'],
    ['lastMonth', '2025-01-15', '2024-12-01..2024-12-31'],
    ['thisQuarter', '2025-11-20', '2025-10-01..2025-11-20'],
    ['lastQuarter', '2025-01-15', '2024-10-01..2024-12-31'],
    ['thisYear', '2025-03-03', '2025-01-01..2025-03-03'],
    ['lastYear', '2025-03-03', '2024-01-01..2024-12-31'],
  ] as const)('%s from %s is %s', (preset, end, expected) => {
    expect(text(presetRange(preset, d(end)))).toBe(expected);
  });
});

describe('lastFullPeriod', () => {
  it.each([
    ['2025-10-12', 'month', '2025-09-01..2025-09-30'],
    ['2025-10-31', 'month', '2025-10-01..2025-10-31'],
    ['2025-01-04', 'week', '2024-12-23..2024-12-29'],
    ['2025-01-05', 'week', '2024-12-30..2025-01-05'],
    ['2025-02-10', 'quarter', '2024-10-01..2024-12-31'],
    ['2025-06-30', 'year', '2024-01-01..2024-12-31'],
    ['2025-06-30', 'day', '2025-06-30..2025-06-30'],
  ] as const)('ending %s by %s is %s', (end, g, expected) => {
    expect(text(lastFullPeriod(d(end), g))).toBe(expected);
  });
});

describe('fittedGranularity', () => {
  it.each([
    ['2025-06-04', '2025-06-04', 'day'],
    ['2025-06-04', '2025-06-17', 'day'], // a 14-day export
    ['2025-05-01', '2025-07-01', 'day'], // 62 days: about two months
    ['2025-05-01', '2025-07-02', 'week'],
    ['2025-05-01', '2025-10-31', 'week'], // six months
    ['2025-05-01', '2025-11-02', 'week'], // 186 days
    ['2025-05-01', '2025-11-03', 'month'],
    ['2020-01-01', '2025-12-31', 'month'],
  ] as const)('%s to %s is by %s', (from, to, expected) => {
    expect(fittedGranularity({ from: d(from), to: d(to) })).toBe(expected);
  });
});

describe('defaultPeriod: the latest period whose previous period is also inside the data', () => {
  it.each([
    // 14 days from a Wednesday, by day: the last 7 days (against the 7 before).
    ['2025-06-04', '2025-06-17', 'day', '2025-06-11..2025-06-17', '2025-06-04..2025-06-10'],
    // Fewer than 14 days: half of them against the other half (the odd first day left out).
    ['2025-06-04', '2025-06-12', 'day', '2025-06-09..2025-06-12', '2025-06-05..2025-06-08'],
    // By week: the last full ISO week, its previous week inside the data.
    ['2025-05-01', '2025-10-31', 'week', '2025-10-20..2025-10-26', '2025-10-13..2025-10-19'],
    // 10 days by week: no two full weeks inside, so the last 5 days against the 5 before.
    ['2025-06-04', '2025-06-13', 'week', '2025-06-09..2025-06-13', '2025-06-04..2025-06-08'],
    // By month: the last full month against the one before.
    ['2025-05-01', '2025-10-31', 'month', '2025-10-01..2025-10-31', '2025-09-01..2025-09-30'],
    ['2025-05-01', '2025-10-30', 'month', '2025-09-01..2025-09-30', '2025-08-01..2025-08-31'],
    // A month whose previous month starts before the data: the latest 30 days instead.
    ['2025-08-20', '2025-10-31', 'month', '2025-10-01..2025-10-31', '2025-09-01..2025-09-30'],
    ['2025-09-20', '2025-10-31', 'month', '2025-10-11..2025-10-31', '2025-09-20..2025-10-10'],
  ] as const)('%s to %s by %s: %s against %s', (from, to, g, current, base) => {
    const extent = { from: d(from), to: d(to) };
    const period = defaultPeriod(extent, g as Granularity);
    expect(text(period)).toBe(current);
    const before = previousRange(period);
    expect(text(before)).toBe(base);
    expect(before.to).toBe(period.from - 1);
    expect(before.from).toBeGreaterThanOrEqual(extent.from);
  });

  it('gives one day of a one-day file (there is nothing before it to compare with)', () => {
    const day = d('2025-06-04');
    expect(defaultPeriod({ from: day, to: day }, 'day')).toEqual({ from: day, to: day });
  });

  it('does not change the range it is given', () => {
    const extent = { from: d('2025-06-04'), to: d('2025-06-17') };
    defaultPeriod(extent, 'day');
    expect(text(extent)).toBe('2025-06-04..2025-06-17');
  });
});
