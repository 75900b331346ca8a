// Hostile input for the reader, one class per block, with answers worked by hand: a change of
// line ending part-way, one odd cell in a count column, numbers too large to add, a bad byte
// or a GBK stretch after the first 64 KB. Each used to import with wrong numbers and no alert.
import { describe, expect, test } from 'vitest';
import { importDelimitedFile, importDelimitedText } from '../../../src/core/read/delimited';
import { RecordReader } from '../../../src/core/read/records';
import { streamPieces } from '../../../src/core/read/pieces';
import { parseNumber } from '../../../src/core/read/values';
import {
  column,
  isNull,
  numberColumn,
  textAt,
  textColumn,
  type Table,
} from '../../../src/core/table/table';

const utf8 = (s: string) => new TextEncoder().encode(s);
const fileOf = (...parts: (string | Uint8Array | number[])[]) =>
  new Blob(parts.map((p) => (typeof p === 'string' ? utf8(p) : Uint8Array.from(p))));

/** Sum of a number column, empty cells left out. */
function sum(table: Table, name: string): number {
  const c = numberColumn(table, name);
  if (!c) throw new Error(`${name} is ${column(table, name)?.kind}, not a number column`);
  let s = 0;
  for (let i = 0; i < c.values.length; i++) if (!isNull(c, i)) s += c.values[i];
  return s;
}

/** 200 rows: 展现量 1000 + i and 点击量 i mod 50, so the sums are 219,900 and 4,900. */
function rows200(): string[] {
  return Array.from(
    { length: 200 },
    (_, i) => `2025-01-${String((i % 28) + 1).padStart(2, '0')},华北,${1000 + i},${i % 50}`,
  );
}
const HEADER = '日期,地区,展现量,点击量';
// 200 × 1000 + (0 + 1 + … + 199) = 200,000 + 19,900; four times 0 + 1 + … + 49 = 4 × 1,225.
const IMPRESSIONS = 219_900;
const CLICKS = 4_900;

describe('line endings', () => {
  test.each([
    ['CRLF for the first half, then LF', (k: number) => (k < 100 ? '\r\n' : '\n')],
    ['LF for the first half, then CRLF', (k: number) => (k < 100 ? '\n' : '\r\n')],
    ['a lone CR throughout (old Mac)', () => '\r'],
    ['CRLF, LF and CR in turn', (k: number) => ['\r\n', '\n', '\r'][k % 3]],
  ])('%s: every row is read', async (_, ending) => {
    const lines = [HEADER, ...rows200()];
    const text = lines.map((l, k) => l + ending(k)).join('');
    for (const imported of [
      await importDelimitedFile(fileOf(text), { fileName: 'x.csv' }),
      await importDelimitedText(text, { fileName: 'x' }),
    ]) {
      const { table, report } = imported;
      expect(table.rowCount).toBe(200);
      expect(sum(table, '展现量')).toBe(IMPRESSIONS);
      expect(sum(table, '点击量')).toBe(CLICKS);
      expect(report.raggedRows).toBe(0);
    }
  });

  test('line numbers in the report count every kind of line break', async () => {
    const text = `${HEADER}\r\n${rows200().slice(0, 3).join('\n')}\r合计,,3003,3\r\n`;
    const { report } = await importDelimitedText(text, { fileName: 'x' });
    // Header on line 1, three rows on lines 2-4, the total on line 5.
    expect(report.droppedTotals).toEqual([{ line: 5, text: '合计, 3003, 3' }]);
  });

  test('a CRLF cut between two pieces is one line break', () => {
    const records: [string[], number][] = [];
    const reader = new RecordReader(',', (cells, line) => records.push([cells, line]));
    reader.read('a,b\r', false);
    reader.read('\n1,"x\r\ny"\r', false);
    reader.read('\n2,z', true);
    expect(records).toEqual([
      [['a', 'b'], 1],
      [['1', 'x\ny'], 2],
      [['2', 'z'], 4],
    ]);
  });

  test.each(['utf-16le', 'utf-16be'])(
    '%s with CRLF, streamed a few bytes at a time: no record lost or split',
    async (encoding) => {
      const text = Array.from({ length: 200 }, (_, i) => `第${i}行,${i}`).join('\r\n') + '\r';
      const units = [...text].map((c) => c.charCodeAt(0));
      const bytes = Uint8Array.from(
        units.flatMap((u) => (encoding === 'utf-16le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff])),
      );
      for (const chunk of [1, 3, 7]) {
        let at = 0;
        const stream = new ReadableStream<Uint8Array>({
          pull(c) {
            if (at >= bytes.length) return c.close();
            c.enqueue(bytes.slice(at, at + chunk));
            at += chunk;
          },
        });
        const got: string[][] = [];
        const reader = new RecordReader(',', (cells) => got.push(cells));
        // Pieces of 10 bytes: most cuts fall between a CR and its LF, or inside a character.
        for await (const p of streamPieces(stream, 0, encoding, false, 10)) {
          reader.read(p.text, p.last);
        }
        expect(got).toEqual(Array.from({ length: 200 }, (_, i) => [`第${i}行`, String(i)]));
      }
    },
  );

  test('a file of more than one piece whose line ending changes part-way', async () => {
    // 30,000 rows (~900 KB: several 256 KB pieces), CRLF until row 12,345, then LF.
    const n = 30_000;
    const lines = Array.from({ length: n }, (_, i) => `${i % 7},x${i % 3}`);
    const text = 'a,b\r\n' + lines.map((l, i) => l + (i < 12_345 ? '\r\n' : '\n')).join('');
    const { table } = await importDelimitedFile(fileOf(text), { fileName: 'x.csv' });
    expect(table.rowCount).toBe(n);
    // 0 + 1 + … + 6 = 21 per 7 rows: 4,285 full weeks and rows 29,995-29,999 add 0 + … + 4.
    expect(sum(table, 'a')).toBe(4_285 * 21 + 10);
  });
});

describe('one odd cell in a count column', () => {
  // 20 rows of 1, 2, … 20 (sum 210); row 7 (line 8) holds the odd cell instead of 7.
  function withOdd(odd: string) {
    const lines = ['日期,点击量'];
    for (let i = 1; i <= 20; i++)
      lines.push(`2025-01-${String(i).padStart(2, '0')},${i === 7 ? odd : i}`);
    return importDelimitedText(lines.join('\n'), { fileName: 'x' });
  }

  test.each([
    'Infinity',
    '-Infinity',
    '1e309',
    '1e308',
    '0x10',
    '1_000',
    '1.234.567',
    '123456789012345678901234567890',
    'twelve',
  ])('“%s” is left empty and listed; the column stays a count', async (odd) => {
    const { table, report } = await withOdd(odd);
    expect(column(table, '点击量')?.type).toBe('count');
    expect(sum(table, '点击量')).toBe(210 - 7);
    expect(isNull(numberColumn(table, '点击量')!, 6)).toBe(true);
    expect(report.warnings).toContainEqual({
      key: 'import.warn.notNumbers',
      params: { column: '点击量', count: 1, lines: '8', values: `“${odd}”` },
    });
  });

  test('00012 among counts reads as 12', async () => {
    const { table } = await withOdd('00012');
    expect(sum(table, '点击量')).toBe(210 - 7 + 12);
  });

  test('two odd cells in twenty are too many: the column is text and the report says where', async () => {
    const lines = ['日期,点击量'];
    for (let i = 1; i <= 20; i++)
      lines.push(`2025-01-${String(i).padStart(2, '0')},${i % 10 === 3 ? 'x' : i}`);
    const { table, report } = await importDelimitedText(lines.join('\n'), { fileName: 'x' });
    const clicks = textColumn(table, '点击量')!;
    expect(clicks.kind).toBe('text');
    // Every cell is kept as it was written, the odd ones too.
    expect(textAt(clicks, 2)).toBe('x');
    expect(textAt(clicks, 3)).toBe('4');
    expect(report.warnings).toContainEqual({
      key: 'import.warn.becameText',
      params: { column: '点击量', line: 4, value: 'x' },
    });
  });

  test('a column where most values have leading zeros stays an id column', async () => {
    const text = ['客户,点击量', '00123,1', '00456,2', '00789,3', '10001,4'].join('\n');
    const { table } = await importDelimitedText(text, { fileName: 'x' });
    expect(column(table, '客户')?.type).toBe('id');
  });

  test('an odd cell in a column empty through the first thousand rows', async () => {
    const lines = ['地区,转化量'];
    for (let i = 0; i < 1000; i++) lines.push('华北,');
    for (let i = 1; i <= 30; i++) lines.push(`华东,${i === 9 ? '1e999' : i}`);
    const { table, report } = await importDelimitedText(lines.join('\n'), { fileName: 'x' });
    // 1 + … + 30 = 465, less the 9 whose cell is 1e999.
    expect(sum(table, '转化量')).toBe(465 - 9);
    // Row 1009 is on line 1010.
    expect(report.warnings).toContainEqual({
      key: 'import.warn.notNumbers',
      params: { column: '转化量', count: 1, lines: '1010', values: '“1e999”' },
    });
  });
});

describe('non-finite numbers and sums that overflow', () => {
  test.each([
    ['Infinity', NaN],
    ['1e309', NaN],
    ['-1e309', NaN],
    ['1e308', NaN],
    ['1e305亿', NaN],
    ['9007199254740991', 9_007_199_254_740_991],
    ['9007199254740992', NaN],
    ['1e15', 1e15],
    ['-1,000,000,000,000,000', -1e15],
  ])('parseNumber(%s)', (cell, expected) => {
    expect(parseNumber(cell)).toBe(expected);
  });

  test('two cells of 1e308 are left empty and named: the column still adds up', async () => {
    // 40 rows of 100 (4,000), rows 10 and 30 (lines 11 and 31) hold 1e308.
    const lines = ['日期,展现量'];
    for (let i = 1; i <= 40; i++) lines.push(`2025-01-01,${i === 10 || i === 30 ? '1e308' : 100}`);
    const { table, report } = await importDelimitedText(lines.join('\n'), { fileName: 'x' });
    expect(sum(table, '展现量')).toBe(3_800);
    expect(Number.isFinite(sum(table, '展现量'))).toBe(true);
    expect(report.warnings).toContainEqual({
      key: 'import.warn.notNumbers',
      params: { column: '展现量', count: 2, lines: '11, 31', values: '“1e308”' },
    });
  });
});

describe('encoding after the first 64 KB', () => {
  /** UTF-8 rows of 21 bytes with Chinese regions (华南 on even rows), each of 展现量 10. */
  function utf8Rows(n = 3000): string {
    return Array.from({ length: n }, (_, i) => `2025-01-01,${i % 2 ? '华北' : '华南'},10`).join(
      '\n',
    );
  }

  test.each([
    ['far down (line 4,001, past the first 64 KB)', 4000],
    ['in the first 64 KB (line 101)', 100],
  ])('one bad byte %s costs one character, not every Chinese header', async (_, row) => {
    // 5,000 rows (~105 KB) of 展现量 10; row `row` gets a stray 0xFF after its region.
    const lines = utf8Rows(5000).split('\n');
    const before =
      ['日期,地区,展现量', ...lines.slice(0, row - 1)].join('\n') + '\n2025-01-01,华北';
    const after = ',10\n' + lines.slice(row).join('\n') + '\n';
    const { table, report } = await importDelimitedFile(fileOf(before, [0xff], after), {
      fileName: 'x.csv',
    });
    expect(table.columns.map((c) => c.name)).toEqual(['日期', '地区', '展现量']);
    expect(report.encoding).toBe('utf-8');
    expect(table.rowCount).toBe(5000);
    expect(sum(table, '展现量')).toBe(50_000);
    const region = textColumn(table, '地区')!;
    expect(textAt(region, row - 1)).toBe('华北\uFFFD');
    expect(textAt(region, row)).toBe(row % 2 ? '华北' : '华南');
    expect(new Set(region.dict)).toEqual(new Set(['', '华北', '华南', '华北\uFFFD']));
    expect(report.warnings).toContainEqual({
      key: 'import.warn.badUtf8',
      params: { line: row + 1, count: 1 },
    });
  });

  test('UTF-8, then rows in GBK: each read in its own encoding, and the report says from where', async () => {
    // 华东 in GBK is BB AA B6 AB. 3,000 UTF-8 rows (lines 2-3,001), then 10 GBK rows of 展现量 5.
    const head = `日期,地区,展现量\n${utf8Rows()}\n`;
    const gbkRow = [...utf8('2025-01-02,'), 0xbb, 0xaa, 0xb6, 0xab, ...utf8(',5\n')];
    const { table, report } = await importDelimitedFile(
      fileOf(head, Array.from({ length: 10 }, () => gbkRow).flat()),
      { fileName: 'x.csv' },
    );
    expect(table.rowCount).toBe(3010);
    expect(sum(table, '展现量')).toBe(30_050);
    const region = textColumn(table, '地区')!;
    expect(textAt(region, 0)).toBe('华南');
    expect(textAt(region, 3000)).toBe('华东');
    expect(new Set(region.dict)).toEqual(new Set(['', '华北', '华南', '华东']));
    expect(report.encoding).toBe('utf-8');
    expect(report.warnings).toContainEqual({
      key: 'import.warn.partGb18030',
      params: { line: 3002 },
    });
  });
});
