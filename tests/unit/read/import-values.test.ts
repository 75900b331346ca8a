import { describe, expect, test } from 'vitest';
import {
  isPlaceholder,
  lastNumber,
  looksLikeId,
  parseNumber,
  parsePlainNumber,
} from '../../../src/core/read/values';
import {
  dayNumber,
  excelSerialToDay,
  lastDate,
  parseDate,
  swapDayMonth,
} from '../../../src/core/read/dates';

// Day numbers worked by hand: 2025-01-01 is 55 years after 1970-01-01 with 14 leap days
// (1972…2024), so 55 × 365 + 14 = 20089.
const JAN1_2025 = 20089;

describe('numbers', () => {
  test.each([
    ['1234', 1234],
    ['-319.30', -319.3],
    ['1,234', 1234],
    ['1,234,567.89', 1234567.89],
    ['１２３４', 1234],
    ['１，２３４', 1234],
    ['1，234', 1234],
    ['１２３４．５', 1234.5],
    [' 42 ', 42],
    ['+7', 7],
    ['(1,234.00)', -1234],
    ['（1,234.00）', -1234],
    ['1.2万', 12000],
    ['3亿', 300000000],
    ['1.5E+03', 1500],
    ['12,5', 12.5],
    ['1.234,56', 1234.56],
    ['1 234 567', 1234567],
    ['.5', 0.5],
  ])('%s → %d', (cell, value) => {
    expect(parseNumber(cell)).toBeCloseTo(value, 10);
    expect(lastNumber.percent).toBe(false);
  });

  test.each([
    ['12.5%', 0.125],
    ['７．５％', 0.075],
    ['-3%', -0.03],
    ['100%', 1],
  ])('percent %s → %d', (cell, value) => {
    expect(parseNumber(cell)).toBe(value);
    expect(lastNumber.percent).toBe(true);
  });

  test.each([
    ['¥1,234.50', 1234.5, '¥'],
    ['￥88', 88, '¥'],
    ['$24,000.00', 24000, '$'],
    ['-$5.00', -5, '$'],
    ['($5.00)', -5, '$'],
    ['€12.30', 12.3, '€'],
    ['£7', 7, '£'],
    ['US$3', 3, '$'],
    ['1,234.00元', 1234, '¥'],
    ['12.30 €', 12.3, '€'],
  ])('money %s → %d %s', (cell, value, symbol) => {
    expect(parseNumber(cell)).toBe(value);
    expect(lastNumber.currency).toBe(symbol);
  });

  test.each(['abc', '1,23,4', '12-34', '[123]', '2025-01-05', '', '--', '1.2.3', 'N/A'])(
    '%s is not a number',
    (cell) => {
      expect(parseNumber(cell)).toBeNaN();
    },
  );

  test('the fast path takes plain ASCII numbers only', () => {
    expect(parsePlainNumber('1085')).toBe(1085);
    expect(parsePlainNumber('-0.25')).toBe(-0.25);
    expect(parsePlainNumber('1,085')).toBeNaN();
    expect(parsePlainNumber('-')).toBeNaN();
    expect(parsePlainNumber('.')).toBeNaN();
    expect(parsePlainNumber('1.')).toBeNaN();
  });
});

describe('placeholders and ids', () => {
  test.each(['', '-', '--', ' -- ', 'N/A', 'n/a', '#N/A', '—', 'null', '#DIV/0!'])(
    '%j means no value',
    (cell) => expect(isPlaceholder(cell)).toBe(true),
  );
  test.each(['0', 'NA', '北京', '-1', 'None of these'])('%j is a value', (cell) =>
    expect(isPlaceholder(cell)).toBe(false),
  );
  test.each([
    ['00123', true],
    ['[123]', true],
    ['{A-7}', true],
    ['【88】', true],
    ['12345678901234567', true],
    ['0.5', false],
    ['0', false],
    ['(1,234.00)', false],
    ['15678935000', false],
  ])('%s looks like an id: %s', (cell, id) => expect(looksLikeId(cell)).toBe(id));
});

describe('dates', () => {
  test('day numbers', () => {
    expect(dayNumber(2025, 1, 1)).toBe(JAN1_2025);
    expect(dayNumber(2024, 2, 29)).toBe(JAN1_2025 - 366 + 59);
    expect(dayNumber(2025, 2, 29)).toBeNaN();
    expect(dayNumber(2025, 13, 1)).toBeNaN();
  });

  test.each([
    ['2025-01-05', JAN1_2025 + 4],
    ['2025/1/5', JAN1_2025 + 4],
    ['2025.01.05', JAN1_2025 + 4],
    ['2025年1月5日', JAN1_2025 + 4],
    ['2025 年 1 月 5 日', JAN1_2025 + 4],
    ['２０２５年１月５日', JAN1_2025 + 4],
    ['20250105', JAN1_2025 + 4],
    ['Jan 5, 2025', JAN1_2025 + 4],
    ['January 5 2025', JAN1_2025 + 4],
    ['5-Jan-2025', JAN1_2025 + 4],
    ['05 Jan 25', JAN1_2025 + 4],
  ])('%s', (cell, day) => {
    expect(parseDate(cell)).toBe(day);
    expect(lastDate.evidence).toBe('');
  });

  test.each([
    ['2025-01-05 12:00', JAN1_2025 + 4.5],
    ['2025-01-05T06:00:00Z', JAN1_2025 + 4.25],
    ['2025/1/5 18:00:00', JAN1_2025 + 4.75],
    ['1/5/2025 1:30 PM', JAN1_2025 + 4 + 13.5 / 24],
    ['2025年1月5日 12时00分', JAN1_2025 + 4.5],
  ])('date-time %s', (cell, day) => {
    expect(parseDate(cell)).toBeCloseTo(day, 9);
    expect(lastDate.hasTime).toBe(true);
  });

  test('midnight is a date without a time', () => {
    expect(parseDate('2025-01-05 00:00:00')).toBe(JAN1_2025 + 4);
    expect(lastDate.hasTime).toBe(false);
  });

  test.each([
    ['1/5/2025', 'mdy', JAN1_2025 + 4, 'ambiguous'],
    ['1/5/2025', 'dmy', JAN1_2025 + 120, 'ambiguous'],
    ['13/1/2025', 'mdy', JAN1_2025 + 12, 'dmy'],
    ['1/13/2025', 'dmy', JAN1_2025 + 12, 'mdy'],
    ['05.01.2025', undefined, JAN1_2025 + 4, 'dmy'],
    ['1-5-25', 'mdy', JAN1_2025 + 4, 'ambiguous'],
  ] as const)('year-last %s read %s', (cell, order, day, evidence) => {
    expect(parseDate(cell, order)).toBe(day);
    expect(lastDate.evidence).toBe(evidence);
  });

  test.each(['2025-02-30', '13/13/2025', 'hello', '12345', '2025', '1,234', '32/1/2025'])(
    '%s is not a date',
    (cell) => expect(parseDate(cell)).toBeNaN(),
  );

  test('Excel serials count from 1899-12-30', () => {
    // 45658 is 2025-01-01 in Excel (and in LibreOffice).
    expect(excelSerialToDay(45658)).toBe(JAN1_2025);
  });

  test('swapping day and month touches only dates that fit both readings', () => {
    const input = Float64Array.of(dayNumber(2025, 1, 5), dayNumber(2025, 1, 20) + 0.5, NaN);
    const copy = input.slice();
    const out = swapDayMonth(input);
    expect(Array.from(out)).toEqual([dayNumber(2025, 5, 1), dayNumber(2025, 1, 20) + 0.5, NaN]);
    expect(input).toEqual(copy);
  });
});
