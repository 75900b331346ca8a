// The one set of limits: the numbers are the loader's (a table at each limit loads, one past it
// is refused), and the importer keeps within them before anything is saved: too many columns or
// rows refused with the limit named, long names and cells cut with a warning, dates outside
// 1900–2200 left empty, the report itself within what a saved report may hold. Every accepted
// import goes through the loader's checks unchanged.
import { describe, expect, test } from 'vitest';
import { TableBuilder } from '../../../src/core/read/build';
import { dayNumber } from '../../../src/core/read/dates';
import { importDelimitedFile, importDelimitedText } from '../../../src/core/read/delimited';
import { dedupeHeaders } from '../../../src/core/read/infer';
import {
  MAX_CELL_LENGTH,
  MAX_COLUMNS,
  MAX_DAY,
  MAX_NAME_LENGTH,
  MAX_REPORT_LINES,
  MAX_REPORT_WARNINGS,
  MAX_ROWS,
  MIN_DAY,
} from '../../../src/core/table/limits';
import {
  dateColumn,
  numberColumn,
  textAt,
  textColumn,
  type Column,
  type Table,
} from '../../../src/core/table/table';
import { tableCheck, tableRecord } from '../../../src/persist/table-record';
import { reportCheck } from '../../../src/persist/schema';
import type { ImportReport } from '../../../src/core/read/report';

/** The table and report as the loader reads them back: throws if it would refuse either. */
function roundTrip(table: Table, report: ImportReport): void {
  expect(tableCheck(tableRecord(table), '').rowCount).toBe(table.rowCount);
  expect(reportCheck(JSON.parse(JSON.stringify(report)), '').rowsRead).toBe(report.rowsRead);
}

const record = (rowCount: number, columns: Column[]) => ({ v: 1, rowCount, columns });
const empty = (name: string): Column => ({
  kind: 'number',
  name,
  type: 'count',
  values: new Int32Array(0),
  nulls: null,
});

describe('the limits are the loader’s', () => {
  test('rows and columns: at the limit loads, one past it is refused', () => {
    expect(() => tableCheck(record(MAX_ROWS, []), '')).not.toThrow();
    expect(() => tableCheck(record(MAX_ROWS + 1, []), '')).toThrow();
    const wide = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => empty(`c${i}`));
    expect(() => tableCheck(record(0, wide.slice(0, MAX_COLUMNS)), '')).not.toThrow();
    expect(() => tableCheck(record(0, wide), '')).toThrow();
  });

  test('names and cells', () => {
    const named = (n: number) => record(0, [empty('n'.repeat(n))]);
    expect(() => tableCheck(named(MAX_NAME_LENGTH), '')).not.toThrow();
    expect(() => tableCheck(named(MAX_NAME_LENGTH + 1), '')).toThrow();
    const cell = (n: number) =>
      record(1, [
        {
          kind: 'text',
          name: 't',
          type: 'text',
          codes: Uint8Array.of(1),
          dict: ['', 'x'.repeat(n)],
        },
      ]);
    expect(() => tableCheck(cell(MAX_CELL_LENGTH), '')).not.toThrow();
    expect(() => tableCheck(cell(MAX_CELL_LENGTH + 1), '')).toThrow();
  });

  test('days: 1900-01-01 to 2200-12-31, the last with any time of day', () => {
    expect(MIN_DAY).toBe(dayNumber(1900, 1, 1));
    expect(MAX_DAY).toBe(dayNumber(2200, 12, 31));
    const dated = (day: number) =>
      record(1, [
        { kind: 'date', name: 'd', type: 'date', days: Float64Array.of(day), hasTime: true },
      ]);
    expect(() => tableCheck(dated(MIN_DAY), '')).not.toThrow();
    expect(() => tableCheck(dated(MAX_DAY + 0.99), '')).not.toThrow();
    expect(() => tableCheck(dated(MIN_DAY - 1), '')).toThrow();
    expect(() => tableCheck(dated(MAX_DAY + 1), '')).toThrow();
  });
});

/** A CSV of `width` columns named c1…cN and two rows of 1s. */
function wideCsv(width: number): string {
  const names = Array.from({ length: width }, (_, i) => `c${i + 1}`);
  const row = names.map(() => '1').join(',');
  return [names.join(','), row, row].join('\n');
}

describe('what the importer refuses', () => {
  test('one column more than a dataset holds: refused, naming the count and the limit', async () => {
    await expect(importDelimitedText(wideCsv(2_001), { fileName: 'x' })).rejects.toMatchObject({
      code: 'tooManyColumns',
      params: { count: 2_001, limit: 2_000 },
    });
  });

  test('2,000 columns: imported, and the loader takes the table back', async () => {
    const { table, report } = await importDelimitedText(wideCsv(2_000), { fileName: 'x' });
    expect(table.columns).toHaveLength(2_000);
    roundTrip(table, report);
  });

  test('30,000 identical headers: refused at once, not after a quadratic renaming', async () => {
    const text = `${Array(30_000).fill('点击量').join(',')}\n${Array(30_000).fill('1').join(',')}\n`;
    const started = performance.now();
    await expect(
      importDelimitedFile(new Blob([text]), { fileName: 'x.csv' }),
    ).rejects.toMatchObject({ code: 'tooManyColumns', params: { count: 30_000, limit: 2_000 } });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  test('one row more than allowed: refused where it is passed (a smaller limit stands in)', () => {
    const b = new TableBuilder(['日期', '点击量'], 16, 3);
    for (let k = 0; k < 3; k++) b.push(['2025-01-01', '1'], k + 2);
    expect(() => b.push(['2025-01-01', '1'], 5)).toThrow(
      expect.objectContaining({ code: 'tooManyRows', params: { limit: 3, line: 5 } }),
    );
  });
});

describe('header de-duplication in linear time', () => {
  test('30,000 identical headers: renamed in well under a second', () => {
    const started = performance.now();
    const { names, renamed } = dedupeHeaders(Array(30_000).fill('a'));
    expect(performance.now() - started).toBeLessThan(500);
    expect(names[0]).toBe('a');
    expect(names[1]).toBe('a (2)');
    expect(names[29_999]).toBe('a (30000)');
    expect(new Set(names).size).toBe(30_000);
    expect(renamed).toHaveLength(29_999);
  });

  test('numbers already taken are skipped, each name keeps its own count', () => {
    expect(dedupeHeaders(['a', 'a (2)', 'a', 'b', 'a', 'b']).names).toEqual([
      'a',
      'a (2)',
      'a (3)',
      'b',
      'a (4)',
      'b (2)',
    ]);
  });
});

describe('what the importer cuts or leaves empty, and says so', () => {
  test('a header of 1,500 characters is cut to 1,000; its repeat too, with room for “(2)”', async () => {
    const long = '展'.repeat(1_500);
    const { table, report } = await importDelimitedText(`${long},${long},日期\n1,2,2025-01-01\n`, {
      fileName: 'x',
    });
    const [a, b] = table.columns.map((c) => c.name);
    expect(a).toBe('展'.repeat(1_000));
    expect(b).toBe(`${'展'.repeat(996)} (2)`);
    expect(b.length).toBe(1_000);
    expect(report.warnings.filter((w) => w.key === 'import.warn.nameCut')).toHaveLength(2);
    expect(report.warnings[0]).toEqual({
      key: 'import.warn.nameCut',
      params: { length: 1_500, limit: 1_000, to: '展'.repeat(60) },
    });
    roundTrip(table, report);
  });

  test('a cell of 150,000 characters is cut to 100,000', async () => {
    const text = `日期,备注\n2025-01-01,${'备'.repeat(150_000)}\n2025-01-02,短\n`;
    const { table, report } = await importDelimitedText(text, { fileName: 'x' });
    const note = textColumn(table, '备注')!;
    expect(textAt(note, 0)).toBe('备'.repeat(100_000));
    expect(textAt(note, 1)).toBe('短');
    expect(report.warnings).toContainEqual({
      key: 'import.warn.cellCut',
      params: { column: '备注', count: 1, limit: 100_000, line: 2 },
    });
    roundTrip(table, report);
  });

  test('dates outside 1900–2200 are left empty and listed; the years at the edges stay', async () => {
    const days = ['1900-01-01', '9999-12-31', '2200-12-31', '1899-12-31', '2025-01-05'];
    const text = `日期,点击量\n${days.map((d) => `${d},1`).join('\n')}\n`;
    const { table, report } = await importDelimitedText(text, { fileName: 'x' });
    expect(Array.from(dateColumn(table, '日期')!.days)).toEqual([
      MIN_DAY,
      NaN,
      MAX_DAY,
      NaN,
      20_093,
    ]);
    expect(report.warnings).toContainEqual({
      key: 'import.warn.datesOutOfRange',
      params: { column: '日期', count: 2, lines: '3, 5', values: '“9999-12-31”, “1899-12-31”' },
    });
    roundTrip(table, report);
  });

  test('an Excel serial far beyond 2200 is left empty too', async () => {
    // 1,000 serials plan a date column; row 1,001 (line 1,002) holds a serial in the year 2.7 billion.
    const rows = Array.from({ length: 1000 }, (_, i) => `${45662 + (i % 30)},1`);
    const text = `Day,Clicks\n${rows.join('\n')}\n${'9'.repeat(12)},4\n`;
    const { table, report } = await importDelimitedText(text, { fileName: 'x' });
    expect(dateColumn(table, 'Day')!.days[0]).toBe(20_093);
    expect(Number.isNaN(dateColumn(table, 'Day')!.days[1000])).toBe(true);
    expect(report.warnings).toContainEqual({
      key: 'import.warn.datesOutOfRange',
      params: { column: 'Day', count: 1, lines: '1002', values: '“999999999999”' },
    });
    roundTrip(table, report);
  });

  test(`more total rows than a report lists: the first ${MAX_REPORT_LINES} listed, all counted`, async () => {
    const totals = MAX_REPORT_LINES + 1;
    const text = `日期,点击量\n2025-01-01,5\n${'合计,5\n'.repeat(totals)}`;
    const { table, report } = await importDelimitedText(text, { fileName: 'x' });
    expect(numberColumn(table, '点击量')!.values[0]).toBe(5);
    expect(report.droppedTotals).toHaveLength(MAX_REPORT_LINES);
    expect(report.warnings).toContainEqual({
      key: 'import.warn.totalsNotListed',
      params: { count: totals, listed: MAX_REPORT_LINES },
    });
    roundTrip(table, report);
  }, 30_000);

  test('more warnings than a report holds: the last one says how many more', async () => {
    // 1,200 date columns, each with one date in 9999: 1,200 warnings.
    const n = 1_200;
    const header = Array.from({ length: n }, (_, i) => `Date ${i + 1}`).join(',');
    const row = (d: string) => Array(n).fill(d).join(',');
    const text = [header, row('2025-01-01'), row('2025-01-02'), row('9999-12-31')].join('\n');
    const { table, report } = await importDelimitedText(text, { fileName: 'x' });
    expect(report.warnings).toHaveLength(MAX_REPORT_WARNINGS);
    expect(report.warnings.at(-1)).toEqual({
      key: 'import.warn.moreWarnings',
      params: { count: n - (MAX_REPORT_WARNINGS - 1) },
    });
    roundTrip(table, report);
  });
});
