import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/core/table/csv';

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+86 10', "'+86 10"],
    ['-abc', "'-abc"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['＝1+1', "'＝1+1"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['\nx', `"'\nx"`],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['北京, 一组', '"北京, 一组"'],
    ['say "hi"', '"say ""hi"""'],
    ['北京分公司', '北京分公司'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('keeps numbers as numbers, negative ones too', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(NaN)).toBe('');
    expect(csvCell(null)).toBe('');
  });
});

describe('toCsv', () => {
  it('starts with a BOM and ends lines with CRLF', () => {
    expect(
      toCsv(
        ['分公司', '订单量'],
        [
          ['北京分公司', 12],
          ['=cmd', -3],
        ],
      ),
    ).toBe("\ufeff分公司,订单量\r\n北京分公司,12\r\n'=cmd,-3\r\n");
  });
});
