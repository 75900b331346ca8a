import { describe, expect, it } from 'vitest';
import { formatDate, formatPeriod } from '../../../src/i18n/format';

// Day number of 2025-01-05, worked by hand: 55 years from 1970 incl. 14 leap days = 20088 days
// to 2025-01-01, plus 4.
const JAN5 = 55 * 365 + 14 + 4;

describe('formatDate', () => {
  it.each([
    [JAN5, 'en', 'Jan 5, 2025'],
    [JAN5, 'zh', '2025年1月5日'],
    ['2025-10-31', 'en', 'Oct 31, 2025'],
    ['2025-10-31', 'zh', '2025年10月31日'],
    [JAN5 + 0.75, 'en', 'Jan 5, 2025'],
  ] as const)('%s in %s → %s', (day, locale, text) => {
    expect(formatDate(day, locale)).toBe(text);
  });
  it('keeps text that is not a day, and shows a missing day as a dash', () => {
    expect(formatDate('soon', 'en')).toBe('soon');
    expect(formatDate(null, 'zh')).toBe('—');
    expect(formatDate(NaN, 'en')).toBe('—');
  });
});

describe('formatPeriod', () => {
  it.each([
    ['2025-05', 'en', 'May 2025'],
    ['2025-05', 'zh', '2025年5月'],
    ['2025-Q2', 'en', 'Q2 2025'],
    ['2025-Q2', 'zh', '2025年第2季度'],
    ['2025-W01', 'en', '2025 W1'],
    ['2025-W01', 'zh', '2025年第1周'],
    ['2025-01-05', 'zh', '2025年1月5日'],
    ['2025', 'en', '2025'],
    ['北京分公司', 'en', '北京分公司'],
  ] as const)('%s in %s → %s', (label, locale, text) => {
    expect(formatPeriod(label, locale)).toBe(text);
  });
});
