// Column builders: cells straight into typed arrays, the finer type settled at the end, and the
// hand-over to text when a cell does not fit.
import { describe, expect, it } from 'vitest';
import {
  DateBuilder,
  NumberBuilder,
  TextBuilder,
  formatDayTime,
  type ColumnBuilder,
} from '../../../src/core/read/columns';
import { isNull, type NumberColumn } from '../../../src/core/table/table';

// Day numbers by hand: 2025-01-01 is 55 × 365 + 14 leap days = 20089 days after 1970-01-01.
const JAN = (d: number) => 20089 + d - 1;

function fill<B extends ColumnBuilder>(builder: B, cells: readonly string[]): B {
  for (const c of cells) expect(builder.push(c), c).toBe(true);
  return builder;
}
const numbers = (name: string, cells: readonly string[]) =>
  fill(new NumberBuilder(name, 4), cells).finish();
const emptyRows = (col: NumberColumn) =>
  Array.from(col.values, (_, i) => i).filter((i) => isNull(col, i));

describe('NumberBuilder', () => {
  it.each<[string, string, string[], number[], number[], NumberColumn['type'], string]>([
    // name, cells, values, empty rows, type, array kind
    ['whole counts', '点击量', ['3', '4', '--', '7'], [3, 4, 0, 7], [2], 'count', 'Int32Array'],
    ['grouped and negative', '变化', ['1,085', '-2.5'], [1085, -2.5], [], 'number', 'Float64Array'],
    [
      'percent signs',
      '点击率',
      ['12.5%', '50%', 'N/A'],
      [0.125, 0.5, 0],
      [2],
      'percent',
      'Float64Array',
    ],
    ['a currency sign', '合计额', ['¥1,234.00', '¥10'], [1234, 10], [], 'money', 'Int32Array'],
    ['a money header', '消费', ['1.5', '2'], [1.5, 2], [], 'money', 'Float64Array'],
    ['past int32', '展现量', ['3000000000', '1'], [3e9, 1], [], 'count', 'Float64Array'],
  ])('%s', (_, name, cells, values, empty, type, kind) => {
    const col = numbers(name, cells);
    expect(col.kind).toBe('number');
    expect(col.name).toBe(name);
    expect(col.type).toBe(type);
    expect(col.values.constructor.name).toBe(kind);
    expect(Array.from(col.values)).toEqual(values);
    expect(emptyRows(col)).toEqual(empty);
    // No empty cell, no bitmap: sums need not look.
    expect(col.nulls === null).toBe(empty.length === 0);
  });

  it('leaves an unreadable cell empty and lists it, and gives it back as text', () => {
    const b = fill(new NumberBuilder('点击量', 4), ['3', '4', '5']);
    expect(b.push('abc', 9)).toBe(true);
    expect(b.numeric).toBe(true);
    expect(b.odd).toMatchObject({ count: 1, lines: [9], texts: ['abc'] });
    expect(emptyRows(b.finish())).toEqual([3]);
    // Handed over to text, the unreadable cell is there as it was written.
    const text = b.toText().finish();
    expect(text.dict[text.codes[3]]).toBe('abc');
  });

  it('is not numeric with fewer than three numbers beside an unreadable cell', () => {
    const b = fill(new NumberBuilder('点击量', 4), ['3', 'abc']);
    expect(b.numeric).toBe(false);
  });

  it('turns text down once more than 5 % of its cells (and more than 50) are unreadable', () => {
    const b = new NumberBuilder('点击量', 16);
    for (let i = 0; i < 1000; i++) b.push('1', i + 2);
    // 1000 numbers: 52 unreadable cells are 4.9 % of 1052, the 53rd makes 5.03 % of 1053.
    for (let k = 0; k < 52; k++) expect(b.push('x', 1002 + k)).toBe(true);
    expect(b.push('x', 1054)).toBe(false);
    expect(b.firstOdd).toEqual({ line: 1002, text: 'x' });
  });

  it('grows past its capacity, bitmap included, and finishes at its length', () => {
    const cells = Array.from({ length: 40 }, (_, i) => (i === 0 || i === 35 ? '' : String(i)));
    const col = numbers('点击量', cells);
    expect(col.values.length).toBe(40);
    // 1 + 2 + … + 39 less the empty row 35: 780 − 35 = 745.
    expect(Array.from(col.values).reduce((a, b) => a + b, 0)).toBe(745);
    expect(col.nulls!.length).toBe(5); // ceil(40 / 8)
    expect(emptyRows(col)).toEqual([0, 35]);
  });

  it('notes the first currency it meets', () => {
    const b = fill(new NumberBuilder('x', 4), ['5', '$3', '€4']);
    expect(b.currency).toBe('$');
  });

  it.each<[string, string[], string[], number[]]>([
    ['as written', ['3', '--', '4.5'], ['', '3', '4.5'], [1, 0, 2]],
    ['percents as percents', ['12.5%', '', '50%'], ['', '12.5%', '50%'], [1, 0, 2]],
  ])('hands over to text with its cells %s', (_, cells, dict, codes) => {
    const text = fill(new NumberBuilder('x', 4), cells).toText().finish();
    expect(text.dict).toEqual(dict);
    expect(Array.from(text.codes)).toEqual(codes);
  });
});

describe('DateBuilder', () => {
  it.each<[string, string[], number[], string | null, string | null]>([
    // what, cells, days, order, evidence
    ['written dates, one order', ['2025-01-05', '2025/1/6', ''], [JAN(5), JAN(6), NaN], null, null],
    [
      'proved day-first: all re-read',
      ['5/1/2025', '13/1/2025'],
      [JAN(5), JAN(13)],
      'dmy',
      'proved',
    ],
    ['proved month-first', ['1/13/2025', '1/5/2025'], [JAN(13), JAN(5)], 'mdy', 'proved'],
    ['both orders seen', ['13/1/2025', '1/13/2025'], [JAN(13), JAN(13)], 'mdy', 'mixed'],
    ['nothing proves an order', ['1/5/2025', '--'], [JAN(5), NaN], 'mdy', 'assumed'],
  ])('%s', (_, cells, days, order, evidence) => {
    const { column, order: note } = fill(new DateBuilder('日期', 4, false), cells).finish();
    expect(Array.from(column.days)).toEqual(days);
    expect(column.hasTime).toBe(false);
    expect(note && [note.column, note.order, note.evidence]).toEqual(
      order ? ['日期', order, evidence] : null,
    );
  });

  it('keeps a time of day as the fraction', () => {
    const { column } = fill(new DateBuilder('时间', 4, false), ['2025-01-05 12:00']).finish();
    expect(Array.from(column.days)).toEqual([JAN(5) + 0.5]);
    expect(column.hasTime).toBe(true);
  });

  it('reads Excel serials when planned so', () => {
    const { column } = fill(new DateBuilder('Day', 4, true), ['45662', '']).finish();
    expect(Array.from(column.days)).toEqual([JAN(5), NaN]);
  });

  it('turns down what is no date, takes placeholders as empty', () => {
    const b = new DateBuilder('日期', 4, false);
    expect(b.push('abc')).toBe(false);
    expect(b.push('--')).toBe(true);
    expect(b.length).toBe(1);
  });

  it('grows past its capacity', () => {
    const cells = Array.from({ length: 20 }, (_, i) => `2025-01-${String(i + 1).padStart(2, '0')}`);
    const { column } = fill(new DateBuilder('日期', 4, false), cells).finish();
    expect(column.days.length).toBe(20);
    expect(column.days[19]).toBe(JAN(20));
  });

  it('hands over to text with its dates written out', () => {
    const text = fill(new DateBuilder('时间', 4, false), ['2025-01-05 13:45', ''])
      .toText()
      .finish();
    expect(text.dict).toEqual(['', '2025-01-05 13:45']);
    expect(Array.from(text.codes)).toEqual([1, 0]);
  });
});

describe('formatDayTime', () => {
  it.each<[number, boolean, string]>([
    [JAN(5), false, '2025-01-05'],
    [JAN(5) + 0.5, true, '2025-01-05 12:00'],
    [JAN(5) + 0.5, false, '2025-01-05'],
    [NaN, true, ''],
  ])('%d (time %s) → %j', (day, withTime, text) => {
    expect(formatDayTime(day, withTime)).toBe(text);
  });
});

describe('TextBuilder', () => {
  const text = (name: string, cells: readonly string[]) =>
    fill(new TextBuilder(name, 4), cells).finish();

  it('encodes values once: trimmed, placeholders empty, code 0 the empty value', () => {
    const col = text('地区', ['华北', ' 华北 ', '--', '华东', '华北']);
    expect(col.dict).toEqual(['', '华北', '华东']);
    expect(Array.from(col.codes)).toEqual([1, 1, 0, 2, 1]);
    expect(col.codes).toBeInstanceOf(Uint8Array);
  });

  it.each<[string, string, string[], string]>([
    ['values that repeat', '渠道', ['百度', '360', '百度', '百度'], 'category'],
    ['leading zeros', '客户', ['00123', '00124'], 'id'],
    ['an id header', '客户编号', ['A1', 'A1'], 'id'],
    ['30 different of 30', '名称', Array.from({ length: 30 }, (_, i) => `客户${i}`), 'text'],
    ['a long value', '备注', ['x'.repeat(201)], 'text'],
  ])('types %s as %s', (_, name, cells, type) => {
    expect(text(name, cells).type).toBe(type);
  });

  it('widens its codes to what the dictionary needs', () => {
    const cells = Array.from({ length: 300 }, (_, i) => `v${i}`);
    const col = text('关键词', cells);
    // 300 values and the empty one: more than a byte indexes.
    expect(col.dict.length).toBe(301);
    expect(col.codes).toBeInstanceOf(Uint16Array);
    expect(col.codes[299]).toBe(300);
  });

  it('is its own text builder', () => {
    const b = new TextBuilder('x', 4);
    expect(b.toText()).toBe(b);
  });
});
