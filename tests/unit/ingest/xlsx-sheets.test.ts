// The workbook reader's own XML: what each kind of cell shows, whatever piece boundaries the
// inflating text arrives in, and sheets whose names repeat. Expected texts are written by hand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/core/read/import-error';
import { dateColumn, numberColumn, type Table } from '../../../src/core/table/table';
import { SheetRows, columnOf, serialText } from '../../../src/ingest/sheet-rows';
import { importWorkbook, sheetLabels } from '../../../src/ingest/xlsx';
import { isDateFormat, readSharedStrings, resolvePart } from '../../../src/ingest/xlsx-parts';
import { XmlScanner, decodeXml, scanXml } from '../../../src/ingest/xml-scan';
import { duplicateSheets, workbook, zip } from '../../fixtures/hostile/bounded-workbooks.mjs';
import { FIXTURES } from '../../e2e/helpers/fixture';

const buffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

async function* pieces(...texts: string[]): AsyncGenerator<string> {
  for (const t of texts) yield t;
}

// A sheet with every kind of cell: style 1 is a date style, style 2 is not.
const SHEET = `<?xml version="1.0"?><!-- written by hand -->
<x:worksheet xmlns:x="main"><x:dimension ref="A1:F4"/><x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>A &amp; B</x:t></x:is></x:c><x:c r="D1" t="b"><x:v>1</x:v></x:c></x:row>
<x:row r="3" spans="1:6"><x:c r="A3" s="1"><x:v>45662</x:v></x:c><x:c r="B3" s='1'><x:v>45662.5</x:v></x:c><x:c r="C3" s="2"><x:v>1.5E-3</x:v></x:c><x:c r="D3" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="E3" t="str"><x:f>A1&amp;"x"</x:f><x:v>line_x000D__x000A_two</x:v></x:c><x:c r="F3" t="d"><x:v>2025-01-06T00:00:00Z</x:v></x:c></x:row>
<x:row><x:c><x:v>7</x:v></x:c><x:c/><x:c><x:v><![CDATA[8 & 9]]></x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>中</x:t></x:r><x:r><x:t xml:space="preserve">文 </x:t></x:r><x:rPh><x:t>ちゅう</x:t></x:rPh></x:is></x:c><x:c r="E4"><x:v>-0012</x:v></x:c></x:row>
</x:sheetData></x:worksheet>`;
const EXPECTED = [
  { line: 1, cells: ['标题 &lt;1&gt;', 'A & B', '', 'TRUE'] },
  {
    line: 3,
    cells: ['2025-01-05', '2025-01-05 12:00:00', '0.0015', '#DIV/0!', 'line\r\ntwo', '2025-01-06'],
  },
  { line: 4, cells: ['7', '', '8 & 9', '中文 ', '-12'] },
];
const CTX = { strings: ['标题 &lt;1&gt;'], dateStyles: [false, true, false], date1904: false };

function readAll(parts: string[]) {
  const rows: { line: number; cells: string[] }[] = [];
  const scanner = new XmlScanner(new SheetRows(CTX, (cells, line) => rows.push({ line, cells })));
  for (const p of parts) scanner.feed(p);
  scanner.end();
  return rows;
}

describe('SheetRows: what each cell shows', () => {
  it('reads strings, dates, numbers, booleans, errors, formulas, CDATA and prefixed names', () => {
    expect(readAll([SHEET])).toEqual(EXPECTED);
  });

  it('reads the same whichever character the text is cut at between pieces', () => {
    for (let k = 1; k < SHEET.length; k++) {
      const rows = readAll([SHEET.slice(0, k), SHEET.slice(k)]);
      if (JSON.stringify(rows) !== JSON.stringify(EXPECTED)) {
        expect({ cutAt: k, rows }).toEqual({ cutAt: k, rows: EXPECTED });
      }
    }
    // And in pieces of one character.
    expect(readAll([...SHEET])).toEqual(EXPECTED);
  });

  it('counts the 1904 date system of old Mac workbooks', () => {
    expect(serialText(0, true)).toBe('1904-01-01');
    expect(serialText(45662, false)).toBe('2025-01-05');
    // Outside Excel's calendar a serial stays a number.
    expect(serialText(3_000_000, false)).toBe('3000000');
    expect(serialText(-1, false)).toBe('-1');
  });

  it('places cells by their reference, A … XFD', () => {
    expect([columnOf('A1'), columnOf('c7'), columnOf('AA10'), columnOf('XFD1')]).toEqual([
      0, 2, 26, 16_383,
    ]);
    expect(columnOf('17')).toBe(-1);
  });

  it('refuses a cell past column XFD rather than making a row of millions of cells', () => {
    const xml = '<sheetData><row r="1"><c r="ZZZZ1"><v>1</v></c></row></sheetData>';
    expect(() => readAll([xml])).toThrow(ImportError);
  });
});

describe('the XML scanner', () => {
  it('decodes the five escapes and character references, and leaves others alone', () => {
    expect(decodeXml('&lt;&gt;&amp;&quot;&apos;&#20013;&#x6587;')).toBe(`<>&"'中文`);
    // Beyond Unicode: kept as written rather than throwing a RangeError.
    expect(decodeXml('&#x110000;&nbsp;')).toBe('&#x110000;&nbsp;');
  });

  it('refuses a tag longer than 1 MB instead of gathering it for ever', () => {
    const scanner = new XmlScanner({ open() {}, close() {}, text() {}, wantsText: false });
    scanner.feed('<c r="');
    const run = 'A'.repeat(1 << 16);
    expect(() => {
      for (let k = 0; k < 32; k++) scanner.feed(run);
    }).toThrow(ImportError);
  });

  it('skips a DOCTYPE with entities of its own: nothing is expanded', async () => {
    const seen: string[] = [];
    await scanXml(
      pieces(
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]><sst><si><t>&b;</t></si></sst>',
      ),
      { open: (n) => seen.push(n), close() {}, text() {}, wantsText: false },
    );
    expect(seen).toEqual(['sst', 'si', 't']);
    expect(await readSharedStrings(pieces('<sst><si><t>&b;</t></si></sst>'))).toEqual(['&b;']);
  });
});

describe('workbook parts', () => {
  it('joins rich-text runs of a shared string and leaves out phonetic guides', async () => {
    const xml =
      '<sst><si><t>一</t></si><si><r><t>東</t></r><r><t>京</t></r><rPh sb="0" eb="2"><t>とうきょう</t></rPh></si><si><t/></si></sst>';
    expect(await readSharedStrings(pieces(xml.slice(0, 40), xml.slice(40)))).toEqual([
      '一',
      '東京',
      '',
    ]);
  });

  it.each([
    ['yyyy"年"m"月"d"日"', true],
    ['[$-409]mmm d, yyyy', true],
    ['[h]:mm:ss', true],
    ['#,##0.00;[Red]-#,##0.00', false],
    ['0.0%', false],
    ['"days" 0', false],
    ['General', false],
  ])('isDateFormat(%j) is %s', (code, date) => {
    expect(isDateFormat(code)).toBe(date);
  });

  it('resolves relationship targets', () => {
    expect(resolvePart('xl/', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePart('xl/', '/xl/worksheets/sheet2.xml')).toBe('xl/worksheets/sheet2.xml');
    expect(resolvePart('xl/', '../xl/./styles.xml')).toBe('xl/styles.xml');
  });
});

/** The values of a number column, as plain numbers. */
const numbers = (table: Table, name: string) => Array.from(numberColumn(table, name)!.values);

describe('importWorkbook: sheets', () => {
  it('offers two sheets of the same name under distinct labels, each readable', async () => {
    const bytes = duplicateSheets();
    const first = await importWorkbook(buffer(bytes), 'dup.xlsx');
    expect(first.report.sheets).toEqual(['数据', '数据 (2)']);
    expect(first.report.sheet).toBe('数据');
    expect(numbers(first.table, '展现量')).toEqual([100, 200]);
    const second = await importWorkbook(buffer(bytes), 'dup.xlsx', { sheet: '数据 (2)' });
    expect(second.report.sheet).toBe('数据 (2)');
    expect(numbers(second.table, '展现量')).toEqual([7, 8, 9]);
  });

  it('labels blank and repeated names so every label is unique', () => {
    expect(sheetLabels(['数据', '数据', '', '数据 (2)']).labels).toEqual([
      '数据',
      '数据 (3)',
      'Sheet 3',
      '数据 (2)',
    ]);
  });

  it('cuts a 1,500-character sheet name to the name limit and says so in the report', async () => {
    const long = '长'.repeat(1500);
    const bytes = workbook([
      {
        name: long,
        rows: [
          ['日期', '展现量'],
          [{ date: 45658 }, 5],
        ],
      },
    ]);
    const { report } = await importWorkbook(buffer(bytes), 'long.xlsx');
    expect(report.sheets).toEqual(['长'.repeat(1000)]);
    expect(report.warnings).toContainEqual({
      key: 'import.warn.sheetNameCut',
      params: { length: 1500, limit: 1000, to: '长'.repeat(1000) },
    });
  });

  it('reads the two-sheet fixture as before: title rows above, 合计 dropped, dates as days', async () => {
    const bytes = readFileSync(`${FIXTURES}/workbook.xlsx`);
    const { table, report } = await importWorkbook(buffer(bytes), 'workbook.xlsx');
    expect(report.sheets).toEqual(['推广数据', '地区']);
    expect(report.headerLine).toBe(3);
    expect(table.rowCount).toBe(12);
    expect(report.droppedTotals.map((d) => d.line)).toEqual([16]);
    // Serials 45658 … 45663: 2025-01-01 … 2025-01-06, two plans a day.
    const days = Array.from(dateColumn(table, '日期')!.days);
    const first = Date.UTC(2025, 0, 1) / 86_400_000;
    expect(days).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5].map((d) => first + d));
    const regions = await importWorkbook(buffer(bytes), 'workbook.xlsx', { sheet: '地区' });
    expect(regions.table.rowCount).toBe(4);
  });

  it('says a workbook without sheets is empty, and one without workbook.xml unreadable', async () => {
    const none = await importWorkbook(buffer(workbook([])), 'none.xlsx').catch((e) => e);
    expect(none).toMatchObject({ code: 'empty' });
    const notes = zip([{ name: 'notes.txt', data: new TextEncoder().encode('hello') }]);
    const other = await importWorkbook(buffer(notes), 'notes.xlsx').catch((e) => e);
    expect(other).toMatchObject({ code: 'xlsxUnreadable', params: { reason: 'no workbook.xml' } });
  });
});
