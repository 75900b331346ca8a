// The import worker's message handling, driven in node as the worker drives it in the browser:
// requests in, progress / result / error out, each with its request id; the newest request
// wins; buffers are handed over, not copied.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportError, type ImportErrorCode } from '../../../src/core/read/import-error';
import {
  dateColumn,
  numberColumn,
  textColumn,
  type Column,
  type Table,
} from '../../../src/core/table/table';
import { ImportClient, type Progress } from '../../../src/ingest/client';
import { importHandler, transferables, type Post } from '../../../src/ingest/handler';
import type { FromWorker, ImportSource, ToWorker } from '../../../src/ingest/messages';
import { FIXTURES } from '../../e2e/helpers/fixture';

// Three rows by hand: 点击量 3 + 4 + (empty) = 7; 地区 华北 ×2, 华东 ×1; days 2025-01-05 and -06.
const CSV = '日期,地区,点击量\n2025-01-05,华北,3\n2025-01-06,华东,4\n2025-01-05,华北,\n';
const DAY_0105 = Date.UTC(2025, 0, 5) / 86_400_000; // 20093

type Sent = { message: FromWorker; transfer: ArrayBuffer[] };

/** A handler whose replies are recorded; `onPause` runs where the worker lets messages in. */
function harness(onPause: () => void = () => {}) {
  const sent: Sent[] = [];
  const post: Post = (message, transfer) => sent.push({ message, transfer });
  const handle = importHandler(post, async () => onPause());
  return { sent, handle, of: (id: number) => sent.filter((s) => s.message.id === id) };
}

const importMsg = (id: number, source: ImportSource, name = 'a.csv'): ToWorker => ({
  type: 'import',
  id,
  name,
  source,
  options: {},
});
const text = (t: string): ImportSource => ({ kind: 'text', text: t });
const fixture = (name: string): ImportSource => ({
  kind: 'file',
  file: new Blob([readFileSync(`${FIXTURES}/${name}`)]),
});

function doneTable(sent: Sent[]): Table {
  const done = sent.find((s) => s.message.type === 'done')?.message;
  if (done?.type !== 'done') throw new Error('no result');
  return done.result.table;
}

describe('importHandler: a request', () => {
  it('reports progress, then the table and report under the request id', async () => {
    const { sent, handle } = harness();
    await handle(importMsg(7, text(CSV)));
    expect(sent.map((s) => s.message.type)).toEqual(['progress', 'done']);
    expect(sent.every((s) => s.message.id === 7)).toBe(true);
    // One piece: all of it read, three rows kept.
    expect(sent[0].message).toEqual({
      type: 'progress',
      id: 7,
      bytes: CSV.length,
      totalBytes: CSV.length,
      rows: 3,
    });
    const done = sent[1].message;
    expect(done.type === 'done' && done.result.report.fileName).toBe('a.csv');
    expect(doneTable(sent).rowCount).toBe(3);
  });

  it('hands back columns that carry their all-row figures', async () => {
    const { sent, handle } = harness();
    await handle(importMsg(1, text(CSV)));
    const table = doneTable(sent);
    expect(numberColumn(table, '点击量')!.stats).toEqual({ sum: 7 });
    const region = textColumn(table, '地区')!;
    expect(region.dict).toEqual(['', '华北', '华东']);
    expect(Array.from(region.stats!.counts)).toEqual([0, 2, 1]);
    expect(dateColumn(table, '日期')!.stats).toEqual({
      extent: { from: DAY_0105, to: DAY_0105 + 1 },
    });
  });

  it.each<[string, ImportSource]>([
    ['a file', { kind: 'file', file: new Blob([CSV]) }],
    ['bytes', { kind: 'bytes', bytes: new TextEncoder().encode(CSV).buffer as ArrayBuffer }],
  ])('reads %s: progress from 0 to every byte, then the table', async (_, source) => {
    const { sent, handle } = harness();
    await handle(importMsg(3, source));
    const bytes = new TextEncoder().encode(CSV).length;
    const progress = sent.filter((s) => s.message.type === 'progress').map((s) => s.message);
    expect(progress[0]).toEqual({ type: 'progress', id: 3, bytes: 0, totalBytes: bytes, rows: 0 });
    expect(progress.at(-1)).toEqual({
      type: 'progress',
      id: 3,
      bytes,
      totalBytes: bytes,
      rows: 3,
    });
    expect(doneTable(sent).rowCount).toBe(3);
  });

  it('reads a workbook whatever its name, and warns when the name says otherwise', async () => {
    const { sent, handle } = harness();
    await handle(importMsg(4, fixture('workbook-renamed.csv'), 'workbook-renamed.csv'));
    const done = sent.at(-1)!.message;
    if (done.type !== 'done') throw new Error(done.type);
    expect(done.result.report.sheets).toEqual(['推广数据', '地区']);
    expect(done.result.report.warnings[0]).toEqual({
      key: 'import.warn.xlsxRenamed',
      params: { name: 'workbook-renamed.csv' },
    });
  });

  it('posts nothing for a warm-up', async () => {
    const { sent, handle } = harness();
    await handle({ type: 'warm' });
    expect(sent).toEqual([]);
  });
});

describe('importHandler: a failing file', () => {
  it.each<[string, ImportSource, ImportErrorCode, Record<string, string | number>]>([
    ['an empty file', fixture('empty.csv'), 'empty', {}],
    ['empty text', text('  \n'), 'empty', {}],
    ['a byte-order mark alone', fixture('bom-only.csv'), 'bomOnly', {}],
    ['a header without rows', fixture('header-only.csv'), 'headerOnly', { line: 1, dropped: 0 }],
    ['a PNG image', fixture('image.png'), 'binary', { format: 'png' }],
    ['a zip that is no workbook', fixture('not-a-workbook.csv'), 'binary', { format: 'zip' }],
    [
      'an old .xls',
      { kind: 'bytes', bytes: Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 1, 2).buffer },
      'xlsOld',
      {},
    ],
    ['a web page', text('<html><table></table></html>'), 'html', {}],
    ['a quote never closed', fixture('unterminated-quote.csv'), 'unterminatedQuote', { line: 4 }],
  ])('%s: the error variant with its code and details', async (_, source, code, params) => {
    const { sent, handle } = harness();
    await handle(importMsg(9, source));
    expect(sent.at(-1)).toEqual({ message: { type: 'error', id: 9, code, params }, transfer: [] });
    expect(sent.some((s) => s.message.type === 'done')).toBe(false);
  });

  it('a failure that is not an ImportError becomes "failed" with its reason', async () => {
    const unreadable = {
      size: 10,
      slice: () => ({ arrayBuffer: () => Promise.reject(new Error('disk gone')) }),
    } as unknown as Blob;
    const { sent, handle } = harness();
    await handle(importMsg(2, { kind: 'file', file: unreadable }));
    expect(sent.map((s) => s.message)).toEqual([
      { type: 'error', id: 2, code: 'failed', params: { reason: 'disk gone' } },
    ]);
  });
});

describe('importHandler: the newest request wins', () => {
  // Request 5 is under way; at its first pause (where the worker lets queued messages in)
  // another message arrives. Replies by request id.
  it.each<[string, ToWorker, string[], string[]]>([
    [
      'a newer import stops the older one, which then says nothing more',
      importMsg(6, text(CSV)),
      ['progress'],
      ['progress', 'done'],
    ],
    [
      'a cancel stops the current import without a reply',
      { type: 'cancel', id: 5 },
      ['progress'],
      [],
    ],
    [
      'a cancel of an older request leaves the current one alone',
      { type: 'cancel', id: 4 },
      ['progress', 'done'],
      [],
    ],
  ])('%s', async (_, arriving, toCurrent, toArriving) => {
    let later: Promise<void> | null = null;
    const { handle, of } = harness(() => {
      later ??= handle(arriving);
    });
    await handle(importMsg(5, text(CSV)));
    await later;
    expect(of(5).map((s) => s.message.type)).toEqual(toCurrent);
    if (arriving.type !== 'warm' && arriving.id !== 5) {
      expect(of(arriving.id).map((s) => s.message.type)).toEqual(toArriving);
    }
  });

  it('a failure of a superseded request is dropped too', async () => {
    const { handle, of } = harness();
    let newer: Promise<void> | null = null;
    // The newer request arrives while the older one waits for its file, which then fails.
    const failsLate = {
      size: 10,
      slice: () => ({
        arrayBuffer: async () => {
          newer = handle(importMsg(2, text(CSV)));
          throw new Error('disk gone');
        },
      }),
    } as unknown as Blob;
    await handle(importMsg(1, { kind: 'file', file: failsLate }));
    await newer;
    expect(of(1)).toEqual([]);
    expect(of(2).map((s) => s.message.type)).toEqual(['progress', 'done']);
  });
});

describe('importHandler: buffers are handed over, not copied', () => {
  const buffersIn = (c: Column): ArrayBufferLike[] => {
    if (c.kind === 'number') return [c.values.buffer, ...(c.nulls ? [c.nulls.buffer] : [])];
    if (c.kind === 'date') return [c.days.buffer];
    return [c.codes.buffer, c.stats!.counts.buffer];
  };

  it('lists every column buffer and every figure buffer of the result', async () => {
    const { sent, handle } = harness();
    await handle(importMsg(1, text(CSV)));
    const done = sent.find((s) => s.message.type === 'done')!;
    const table = doneTable(sent);
    // 日期: days; 地区: codes and counts; 点击量: values and its empty-cell bitmap.
    const expected = table.columns.flatMap(buffersIn);
    expect(expected).toHaveLength(5);
    expect(done.transfer).toEqual(expected);
    expect(new Set(done.transfer).size).toBe(5);
    for (const b of expected) expect(done.transfer).toContain(b);
    // Progress and errors carry nothing to transfer.
    expect(sent.filter((s) => s !== done).every((s) => s.transfer.length === 0)).toBe(true);
  });

  it('the transfer detaches the worker copy and the page gets the same numbers', async () => {
    const { sent, handle } = harness();
    await handle(importMsg(1, text(CSV)));
    const done = sent.find((s) => s.message.type === 'done')!;
    const there = doneTable(sent);
    const page = structuredClone(done.message, { transfer: done.transfer });
    expect(numberColumn(there, '点击量')!.values.length).toBe(0); // detached
    if (page.type !== 'done') throw new Error(page.type);
    expect(Array.from(numberColumn(page.result.table, '点击量')!.values)).toEqual([3, 4, 0]);
    expect(numberColumn(page.result.table, '点击量')!.stats).toEqual({ sum: 7 });
  });

  it('transferables does not mutate the table', () => {
    const days = Float64Array.of(1);
    const table: Table = {
      rowCount: 1,
      columns: [{ kind: 'date', name: 'd', type: 'date', days, hasTime: false }],
    };
    const before = structuredClone(table);
    expect(transferables(table)).toEqual([days.buffer]);
    expect(table).toEqual(before);
  });
});

/**
 * A stand-in for the module worker: messages cross as they would between threads (structured
 * clone, buffers transferred), one task later, into the real handler.
 */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((e: { data: FromWorker }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  received: ToWorker[] = [];
  terminated = false;
  readonly #handle = importHandler(
    (message, transfer) => {
      const data = structuredClone(message, { transfer });
      setTimeout(() => this.onmessage?.({ data }));
    },
    () => new Promise((resolve) => setTimeout(resolve)),
  );

  constructor() {
    FakeWorker.made.push(this);
  }

  postMessage(message: ToWorker, transfer: Transferable[] = []): void {
    const data = structuredClone(message, { transfer });
    this.received.push(data);
    setTimeout(() => void this.#handle(data));
  }

  terminate(): void {
    this.terminated = true;
  }
}

describe('ImportClient over the worker boundary', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeWorker.made = [];
  });
  const client = () => {
    vi.stubGlobal('Worker', FakeWorker);
    return new ImportClient();
  };
  const rejection = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e,
    );

  it('resolves with the table, its figures still on its columns, after progress', async () => {
    const progress: Progress[] = [];
    const { table } = await client().run('a.csv', text(CSV), {}, (p) => progress.push(p));
    expect(progress.at(-1)).toEqual({ bytes: CSV.length, totalBytes: CSV.length, rows: 3 });
    expect(numberColumn(table, '点击量')!.stats).toEqual({ sum: 7 });
    expect(Array.from(textColumn(table, '地区')!.stats!.counts)).toEqual([0, 2, 1]);
  });

  it('transfers the bytes it is given rather than copy them', async () => {
    const bytes = new TextEncoder().encode(CSV).buffer as ArrayBuffer;
    const done = client().run('a.csv', { kind: 'bytes', bytes });
    expect(bytes.byteLength).toBe(0);
    expect((await done).table.rowCount).toBe(3);
  });

  it('rejects with the worker’s ImportError', async () => {
    const error = await rejection(client().run('x.csv', text('a,b\n1,"2\n')));
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'unterminatedQuote', params: { line: 2 } });
  });

  it('a second import supersedes the first: cancel sent, first rejected, its replies dropped', async () => {
    const c = client();
    const first = rejection(c.run('one.csv', text(CSV)));
    const second = c.run('two.csv', text('渠道,点击量\n百度,5\n'));
    const error = await first;
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('cancelled');
    const { table, report } = await second;
    expect(report.fileName).toBe('two.csv');
    expect(numberColumn(table, '点击量')!.stats).toEqual({ sum: 5 });
    expect(FakeWorker.made).toHaveLength(1);
    expect(FakeWorker.made[0].received.map((m) => [m.type, 'id' in m ? m.id : null])).toEqual([
      ['import', 1],
      ['cancel', 1],
      ['import', 2],
    ]);
  });

  it('a crashed worker fails the import and is replaced on the next', async () => {
    const c = client();
    const pending = rejection(c.run('a.csv', text(CSV)));
    const crashed = FakeWorker.made[0];
    crashed.onerror!({ message: 'out of memory', preventDefault: () => {} });
    expect(await pending).toMatchObject({ code: 'failed', params: { reason: 'out of memory' } });
    expect(crashed.terminated).toBe(true);
    expect((await c.run('a.csv', text(CSV))).table.rowCount).toBe(3);
    expect(FakeWorker.made).toHaveLength(2);
  });

  it('warms the worker with a message it answers with nothing', () => {
    client().warm();
    expect(FakeWorker.made[0].received).toEqual([{ type: 'warm' }]);
  });
});
