// Parquet in: files written by DuckDB (its Node package) into a temporary folder, read back
// into the app's typed columns. Expected values come from the SQL that wrote each file (or from
// DuckDB reading it), never from the reader under test.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { AsyncBuffer } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobBuffer, importParquet, memoryNeeded } from '../../../src/core/read/parquet';
import { decodeHybrid } from '../../../src/core/read/parquet-pages';
import { importDelimitedFile } from '../../../src/core/read/delimited';
import { ImportError } from '../../../src/core/read/import-error';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { importHandler } from '../../../src/ingest/handler';
import type { FromWorker } from '../../../src/ingest/messages';
import { isNull, type Column, type Table } from '../../../src/core/table/table';

let dir: string;
let con: DuckDBConnection;
const DAY = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

async function write(name: string, select: string, options = ''): Promise<string> {
  const path = join(dir, name);
  await con.run(`COPY (${select}) TO '${path}' (FORMAT PARQUET${options ? ', ' + options : ''})`);
  return path;
}

function bytesOf(path: string): Blob {
  return new Blob([readFileSync(path)]);
}

async function read(path: string, memoryLimit = 2 ** 30) {
  return importParquet(blobBuffer(bytesOf(path)), { fileName: 'x.parquet', memoryLimit });
}

/** A column's cells as plain values: numbers (null when empty), days, or text. */
function cells(col: Column): (number | string | null)[] {
  if (col.kind === 'number') {
    return Array.from(col.values, (v, i) => (isNull(col, i) ? null : v));
  }
  if (col.kind === 'date') return Array.from(col.days, (d) => (d === d ? d : null));
  return Array.from(col.codes, (c) => col.dict[c]);
}

function byName(table: Table, name: string): Column {
  const col = table.columns.find((c) => c.name === name);
  if (!col) throw new Error(`no column ${name}`);
  return col;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fw-parquet-'));
  con = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => {
  con?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

describe('Parquet types become the app’s columns', () => {
  it('reads integers, doubles, decimals, dates, time stamps, text and booleans, empties kept', async () => {
    const path = await write(
      'types.parquet',
      `SELECT * FROM (VALUES
        (1::INTEGER, 10::BIGINT, 1.5::DOUBLE, 2.25::DECIMAL(10,2), DATE '2025-01-05',
         TIMESTAMP '2025-01-05 06:00:00', '华北', true),
        (NULL, 20, NULL, -0.5, NULL, TIMESTAMP '2025-01-06 18:00:00', NULL, false),
        (3, NULL, 3.0, 1.0, DATE '2025-01-07', NULL, ' 华东 ', NULL)
      ) t(点击量, 展现量, 比率, 金额, 日期, 时间, 地区, 已付)`,
    );
    const { table, report } = await read(path);
    expect(table.rowCount).toBe(3);
    expect(report.encoding).toBe('parquet');
    expect(report.rowsRead).toBe(3);
    const kinds = table.columns.map((c) => [c.name, c.kind, c.type]);
    expect(kinds).toEqual([
      ['点击量', 'number', 'count'],
      ['展现量', 'number', 'count'],
      ['比率', 'number', 'number'],
      ['金额', 'number', 'money'],
      ['日期', 'date', 'date'],
      ['时间', 'date', 'date'],
      ['地区', 'text', 'category'],
      ['已付', 'text', 'category'],
    ]);
    expect(cells(byName(table, '点击量'))).toEqual([1, null, 3]);
    expect(cells(byName(table, '展现量'))).toEqual([10, 20, null]);
    expect(cells(byName(table, '比率'))).toEqual([1.5, null, 3]);
    expect(cells(byName(table, '金额'))).toEqual([2.25, -0.5, 1]);
    expect(cells(byName(table, '日期'))).toEqual([DAY('2025-01-05'), null, DAY('2025-01-07')]);
    // Times are fractional days: 06:00 is a quarter, 18:00 three quarters.
    expect(cells(byName(table, '时间'))).toEqual([
      DAY('2025-01-05') + 0.25,
      DAY('2025-01-06') + 0.75,
      null,
    ]);
    expect(byName(table, '时间')).toMatchObject({ hasTime: true });
    expect(byName(table, '日期')).toMatchObject({ hasTime: false });
    // Text is trimmed, as a CSV cell is; empty is code 0.
    expect(cells(byName(table, '地区'))).toEqual(['华北', '', '华东']);
    expect(cells(byName(table, '已付'))).toEqual(['true', 'false', '']);
    // Whole numbers in int32 range are kept in an Int32Array, others in a Float64Array.
    expect(byName(table, '点击量')).toMatchObject({ values: expect.any(Int32Array) });
    expect(byName(table, '比率')).toMatchObject({ values: expect.any(Float64Array) });
  });

  it('keeps dictionary-coded text as codes, row groups and pages in order, empties anywhere', async () => {
    // 5,000 rows in row groups of 2,048 (DuckDB's smallest): a repeating region with gaps, a
    // counter, days.
    const path = await write(
      'groups.parquet',
      `SELECT CASE WHEN i % 11 = 0 THEN NULL ELSE ['华北','华东','华南'][(i % 3) + 1] END AS 地区,
              CASE WHEN i % 13 = 0 THEN NULL ELSE i END AS 点击量,
              DATE '2025-01-01' + (i // 100)::INTEGER AS 日期
       FROM range(5000) t(i)`,
      'ROW_GROUP_SIZE 2048',
    );
    const { table } = await read(path);
    expect(table.rowCount).toBe(5000);
    const region = byName(table, '地区');
    const clicks = byName(table, '点击量');
    const day = byName(table, '日期');
    if (region.kind !== 'text' || clicks.kind !== 'number' || day.kind !== 'date')
      throw new Error();
    expect(region.dict.slice().sort()).toEqual(['', '华东', '华北', '华南'].sort());
    expect(region.codes).toBeInstanceOf(Uint8Array);
    for (const i of [0, 1, 2, 11, 2047, 2048, 2049, 4095, 4096, 4997, 4999]) {
      expect(region.dict[region.codes[i]], `row ${i}`).toBe(
        i % 11 === 0 ? '' : ['华北', '华东', '华南'][i % 3],
      );
      expect(isNull(clicks, i), `row ${i}`).toBe(i % 13 === 0);
      if (i % 13 !== 0) expect(clicks.values[i]).toBe(i);
      expect(day.days[i]).toBe(DAY('2025-01-01') + Math.floor(i / 100));
    }
    let sum = 0;
    for (let i = 0; i < 5000; i++) if (i % 13 !== 0) sum += i;
    expect(Array.from(clicks.values).reduce((a, b) => a + b, 0)).toBe(sum);
  });

  it('reads every codec and the version-2 pages (delta and dictionary encodings) alike', async () => {
    const select = `SELECT i::INTEGER AS 点击量, 'v' || (i % 7) AS 渠道, i * 0.5 AS 消费,
      CASE WHEN i % 5 = 0 THEN NULL ELSE i::BIGINT * 1000 END AS 展现量 FROM range(1500) t(i)`;
    const files = [
      await write('snappy.parquet', select),
      await write('zstd.parquet', select, 'COMPRESSION zstd'),
      await write('gzip.parquet', select, 'COMPRESSION gzip'),
      await write('none.parquet', select, 'COMPRESSION uncompressed'),
      await write('lz4.parquet', select, 'COMPRESSION lz4'),
      await write('brotli.parquet', select, 'COMPRESSION brotli'),
      await write('v2.parquet', select, 'PARQUET_VERSION V2, ROW_GROUP_SIZE 1000'),
    ];
    const expected = {
      点击量: Array.from({ length: 1500 }, (_, i) => i),
      渠道: Array.from({ length: 1500 }, (_, i) => `v${i % 7}`),
      消费: Array.from({ length: 1500 }, (_, i) => i * 0.5),
      展现量: Array.from({ length: 1500 }, (_, i) => (i % 5 === 0 ? null : i * 1000)),
    };
    for (const f of files) {
      const { table } = await read(f);
      for (const [name, values] of Object.entries(expected)) {
        expect(cells(byName(table, name)), `${f} ${name}`).toEqual(values);
      }
    }
  });

  it('judges columns as a CSV’s are: ids stay ids, text of numbers and dates becomes them', async () => {
    const path = await write(
      'judged.parquet',
      `SELECT i AS 客户ID, (i * 3)::VARCHAR AS 点击量, '2025-02-0' || (1 + i % 9) AS 日期,
              CASE WHEN i % 2 = 0 THEN '--' ELSE 'A' END AS 备注
       FROM range(40) t(i)`,
    );
    const { table } = await read(path);
    expect(byName(table, '客户ID')).toMatchObject({ kind: 'text', type: 'id' });
    expect(cells(byName(table, '客户ID')).slice(0, 3)).toEqual(['0', '1', '2']);
    expect(byName(table, '点击量')).toMatchObject({ kind: 'number', type: 'count' });
    expect(cells(byName(table, '点击量')).slice(0, 3)).toEqual([0, 3, 6]);
    expect(byName(table, '日期')).toMatchObject({ kind: 'date' });
    expect(cells(byName(table, '日期'))[1]).toBe(DAY('2025-02-02'));
    // "--" means no value, as in a CSV.
    expect(cells(byName(table, '备注')).slice(0, 3)).toEqual(['', 'A', '']);
  });

  it('leaves out what a double cannot add up or a date column cannot hold, and says so', async () => {
    const path = await write(
      'odd.parquet',
      `SELECT * FROM (VALUES (1::BIGINT, DATE '2025-01-05'), (9007199254740993, DATE '9999-12-31'),
        (3, DATE '2025-01-06')) t(展现量, 日期)`,
    );
    const { table, report } = await read(path);
    expect(cells(byName(table, '展现量'))).toEqual([1, null, 3]);
    expect(cells(byName(table, '日期'))).toEqual([DAY('2025-01-05'), null, DAY('2025-01-06')]);
    expect(report.warnings.map((w) => [w.key, w.params?.column, w.params?.count])).toEqual([
      ['import.warn.notNumbers', '展现量', 1],
      ['import.warn.datesOutOfRange', '日期', 1],
    ]);
    expect(report.warnings[1].params?.values).toBe('“9999-12-31”');
  });

  it('skips nested columns with a warning; refuses a file of nothing else', async () => {
    const mixed = await write(
      'nested.parquet',
      `SELECT 1 AS 点击量, [1, 2] AS 列表, {'a': 1} AS 记录`,
    );
    const { table, report } = await read(mixed);
    expect(table.columns.map((c) => c.name)).toEqual(['点击量']);
    expect(report.warnings).toContainEqual({
      key: 'import.warn.parquetSkipped',
      params: { count: 2, columns: '列表, 记录' },
    });
    const only = await write('only-nested.parquet', `SELECT [1, 2] AS 列表`);
    await expect(read(only)).rejects.toMatchObject({ code: 'parquetNoColumns' });
  });

  it('renames repeated and blank names as a CSV header is renamed', async () => {
    const path = await write('names.parquet', `SELECT 1 AS "点击量", 2 AS " 点击量 ", 3 AS " "`);
    const { table, report } = await read(path);
    expect(table.columns.map((c) => c.name)).toEqual(['点击量', '点击量 (2)', 'Column 3']);
    expect(report.renamedHeaders).toEqual([
      { from: '点击量', to: '点击量 (2)' },
      { from: '', to: 'Column 3' },
    ]);
  });
});

describe('a Parquet export and a CSV of the same table give the same dataset', () => {
  it('search-ads sample: same columns, types, values and recognised funnel', async () => {
    const csvPath = 'public/samples/search-ads.csv';
    const path = await write('ads.parquet', `SELECT * FROM read_csv('${csvPath}', header = true)`);
    const fromCsv = (await importDelimitedFile(bytesOf(csvPath), { fileName: 'a.csv' })).table;
    const fromParquet = (await read(path)).table;
    expect(fromParquet.rowCount).toBe(fromCsv.rowCount);
    expect(fromParquet.columns.map((c) => [c.name, c.kind, c.type])).toEqual(
      fromCsv.columns.map((c) => [c.name, c.kind, c.type]),
    );
    for (const col of fromCsv.columns) {
      const other = cells(byName(fromParquet, col.name));
      const mine = cells(col);
      if (col.kind === 'number') {
        // Money in cents: the same number, to the double's last digits.
        let worst = 0;
        other.forEach(
          (v, i) => (worst = Math.max(worst, Math.abs((v as number) - (mine[i] as number)))),
        );
        expect(worst, col.name).toBeLessThan(1e-9);
      } else expect(other, col.name).toEqual(mine);
    }
    expect(recogniseSpec(fromParquet).spec).toEqual(recogniseSpec(fromCsv).spec);
  });
});

describe('memory, progress and stopping', () => {
  it('refuses a table too large for memory before reading any of its data', async () => {
    // About 2 MB: more than the footer's first read (the file's last 512 KB).
    const path = await write(
      'big.parquet',
      `SELECT i AS 点击量, md5(i::VARCHAR) AS 关键词 FROM range(60000) t(i)`,
    );
    const blob = bytesOf(path);
    expect(blob.size).toBeGreaterThan(1 << 20);
    const reads: [number, number][] = [];
    const file: AsyncBuffer = {
      byteLength: blob.size,
      slice: (start, end) => {
        reads.push([start, end ?? blob.size]);
        return blob.slice(start, end).arrayBuffer();
      },
    };
    const error = await importParquet(file, { fileName: 'big.parquet', memoryLimit: 1_000_000 })
      .then(() => null)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({
      code: 'parquetTooLarge',
      params: { rows: 60000, limit: 1_000_000 },
    });
    expect((error as ImportError).params.size).toBeGreaterThan(1_000_000);
    // Only the footer was read: the file's tail, never the column chunks at its start.
    expect(reads.length).toBeGreaterThan(0);
    for (const [start, end] of reads) {
      expect(end).toBe(blob.size);
      expect(start).toBeGreaterThanOrEqual(blob.size - 512 * 1024);
    }
  });

  it('estimates memory from the footer: 100,000 rows of a number take at least 1.2 MB', async () => {
    const path = await write('estimate.parquet', `SELECT i AS 点击量 FROM range(100000) t(i)`);
    const { parquetMetadataAsync } = await import('hyparquet');
    const metadata = await parquetMetadataAsync(blobBuffer(bytesOf(path)));
    const need = memoryNeeded(metadata, [{ source: '点击量', name: '点击量', kind: 'number' }]);
    expect(need).toBeGreaterThanOrEqual(1_200_000);
    expect(need).toBeLessThan(20_000_000);
  });

  it('reports progress after each row group and stops when asked', async () => {
    // DuckDB rounds row groups to its vector size, 2,048 rows.
    const path = await write(
      'progress.parquet',
      `SELECT i AS 点击量 FROM range(8192) t(i)`,
      'ROW_GROUP_SIZE 2048',
    );
    const seen: number[] = [];
    await importParquet(blobBuffer(bytesOf(path)), {
      fileName: 'p.parquet',
      memoryLimit: 2 ** 30,
      onChunk: (_, rows) => {
        seen.push(rows);
        return true;
      },
    });
    expect(seen).toEqual([2048, 4096, 6144, 8192]);
    await expect(
      importParquet(blobBuffer(bytesOf(path)), {
        fileName: 'p.parquet',
        memoryLimit: 2 ** 30,
        onChunk: (_, rows) => rows < 4096,
      }),
    ).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('refuses an empty table and a file that is not Parquet', async () => {
    const empty = await write('empty.parquet', `SELECT 1 AS 点击量 WHERE false`);
    await expect(read(empty)).rejects.toMatchObject({ code: 'empty' });
    const bad = new Blob([new TextEncoder().encode('PAR1 not really parquet')]);
    await expect(
      importParquet(blobBuffer(bad), { fileName: 'bad.parquet', memoryLimit: 2 ** 30 }),
    ).rejects.toMatchObject({ code: 'failed' });
  });
});

describe('decodeHybrid (run-length / bit-packed levels and indices)', () => {
  it.each([
    // header 5 << 1 = 10: a run of five 1s.
    ['one run', [10, 1], 1, 5, [1, 1, 1, 1, 1]],
    // header (1 << 1) | 1 = 3: one group of eight 2-bit values, 0b11100100 twice.
    ['bit-packed', [3, 0xe4, 0xe4], 2, 8, [0, 1, 2, 3, 0, 1, 2, 3]],
    // a run of three 1s, then eight packed 1-bit values, lowest bit first.
    ['run then packed', [6, 1, 3, 0b10110001], 1, 11, [1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1]],
    // 12-bit values cross bytes: 0xabc and 0x123 packed little-endian.
    ['wide values', [3, 0xbc, 0x3a, 0x12, 0, 0, 0, 0, 0, 0, 0, 0, 0], 12, 2, [0xabc, 0x123]],
  ])('%s', (_, bytes, width, n, expected) => {
    const out = new Int32Array(n);
    decodeHybrid(Uint8Array.from(bytes), 0, bytes.length, width, out);
    expect(Array.from(out)).toEqual(expected);
  });
});

describe('the import worker', () => {
  it('reads a Parquet file by its first bytes, whatever its name, with progress and buffers handed over', async () => {
    const path = await write(
      'worker.parquet',
      `SELECT i AS 点击量, 'v' || (i % 3) AS 渠道 FROM range(5000) t(i)`,
    );
    const sent: { message: FromWorker; transfer: ArrayBuffer[] }[] = [];
    const handle = importHandler(
      (message, transfer) => sent.push({ message, transfer }),
      async () => {},
    );
    const bytes = readFileSync(path);
    await handle({
      type: 'import',
      id: 7,
      name: 'export.bin',
      source: {
        kind: 'bytes',
        bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
      },
      options: {},
    });
    const done = sent.find((s) => s.message.type === 'done');
    expect(sent.some((s) => s.message.type === 'progress')).toBe(true);
    if (done?.message.type !== 'done') throw new Error(JSON.stringify(sent.at(-1)?.message));
    expect(done.message.result.report.encoding).toBe('parquet');
    expect(done.message.result.table.rowCount).toBe(5000);
    // The column sums travel with the table (0 + 1 + … + 4999), and the buffers are transferred.
    expect(byName(done.message.result.table, '点击量')).toMatchObject({
      stats: { sum: 12_497_500 },
    });
    expect(done.transfer.length).toBeGreaterThan(0);
  });
});
