// Workbooks that would inflate past what the browser can hold: refused from the sizes the zip
// declares before anything inflates, or by the running count when the zip lies about them; and
// a large sheet streams into the table (rows reach the builder while the sheet still inflates).
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/core/read/import-error';
import { numberColumn, textColumn } from '../../../src/core/table/table';
import { importWorkbook } from '../../../src/ingest/xlsx';
import { bigWorkbook, deflateRun, zipBomb } from '../../fixtures/hostile/bounded-workbooks.mjs';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

/** The ImportError an import fails with (or a failure of the test when it succeeds). */
async function refusal(run: Promise<unknown>): Promise<ImportError> {
  try {
    await run;
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('imported, not refused');
}

const buffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

describe('the hand-made deflate stream of the bomb generator', () => {
  it('inflates to exactly the bytes asked for (checked by zlib)', () => {
    for (const n of [1, 258, 259, 1_000_003]) {
      const out = inflateRawSync(deflateRun(n));
      expect([out.length, out.every((b) => b === 0x20)]).toEqual([n, true]);
    }
    // 3 GB in about 3 MB: deflate's best ratio.
    expect(deflateRun(3 * GiB).length).toBeLessThan(3.2 * MiB);
  });
});

describe('importWorkbook: a zip bomb', () => {
  it('refuses a 3 GB bomb from its declared sizes, at once, naming size and limit', async () => {
    const started = performance.now();
    const e = await refusal(importWorkbook(buffer(zipBomb(3 * GiB)), 'bomb.xlsx'));
    const took = performance.now() - started;
    expect(e.code).toBe('xlsxTooLarge');
    // The sheet's 3 GB plus the few hundred bytes of the other parts.
    expect(e.params.size).toBeGreaterThanOrEqual(3 * GiB);
    expect(e.params.size).toBeLessThan(3 * GiB + 4096);
    // No deviceMemory here: the import limit's cap of 1.5 GiB.
    expect(e.params.limit).toBe(1.5 * GiB);
    // Inflating 3 GB takes tens of seconds; reading a directory, milliseconds.
    expect(took).toBeLessThan(3000);
  });

  it('stops a bomb that declares 1 KB and inflates to 64 MB once it passes the budget', async () => {
    const budget = 8 * MiB;
    const e = await refusal(
      importWorkbook(buffer(zipBomb(64 * MiB, 1000)), 'liar.xlsx', { budget }),
    );
    expect(e.code).toBe('xlsxTooLarge');
    expect(e.params.limit).toBe(budget);
    // Stopped within one inflated piece of the budget, far short of 64 MB.
    expect(e.params.size).toBeGreaterThan(budget);
    expect(e.params.size).toBeLessThan(budget + 2 * MiB);
  });

  it('reads a 128 MB bomb within budget a piece at a time: memory stays far below its size', async () => {
    // 128 MB of spaces and no rows: "empty", after inflating it all in bounded memory.
    const bytes = buffer(zipBomb(128 * MiB));
    const before = process.memoryUsage();
    let peak = 0;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
    }, 5);
    const e = await refusal(importWorkbook(bytes, 'spaces.xlsx', { budget: GiB }));
    clearInterval(timer);
    expect(e.code).toBe('empty');
    expect(peak).toBeLessThan(32 * MiB);
  }, 60_000);

  it('refuses an honest workbook larger than the budget before reading it', async () => {
    const { bytes } = bigWorkbook(5000);
    const e = await refusal(importWorkbook(buffer(bytes), 'big.xlsx', { budget: 64 * 1024 }));
    expect(e.code).toBe('xlsxTooLarge');
    expect(e.params.limit).toBe(64 * 1024);
    // 5,001 rows of about 110 bytes of XML each: more than the budget.
    expect(e.params.size).toBeGreaterThan(5000 * 100);
  });

  it('says a damaged archive is damaged', async () => {
    const { bytes } = bigWorkbook(10);
    const cut = bytes.slice(0, bytes.length - 30);
    const e = await refusal(importWorkbook(buffer(cut), 'cut.xlsx'));
    expect(e.code).toBe('xlsxUnreadable');
    expect(String(e.params.reason)).toMatch(/damaged zip/);
  });
});

describe('importWorkbook: a large sheet streams', () => {
  const w = bigWorkbook(200_000);

  it('reads 200,000 rows exactly, with rows reported while the sheet still inflates', async () => {
    const seen: { done: number; rows: number }[] = [];
    const { table, report } = await importWorkbook(buffer(w.bytes), 'big.xlsx', {
      onChunk: (done, rows) => {
        seen.push({ done, rows });
        return true;
      },
    });
    expect(table.rowCount).toBe(200_000);
    expect(report.headerLine).toBe(1);
    for (const name of ['展现量', '点击量', '订单量'] as const) {
      const values = numberColumn(table, name)!.values;
      let sum = 0;
      for (let i = 0; i < values.length; i++) sum += values[i];
      expect([name, sum]).toEqual([name, w.sums[name]]);
    }
    const channel = textColumn(table, '渠道')!;
    const counts = new Map<string, number>();
    for (let i = 0; i < channel.codes.length; i++) {
      const v = channel.dict[channel.codes[i]];
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect(counts).toEqual(w.channelRows);
    // Progress came part-way, with rows already in the table: they streamed.
    expect(seen.some((s) => s.rows > 0 && s.rows < 200_000)).toBe(true);
  }, 60_000);

  it('stops when the import is no longer wanted', async () => {
    const e = await refusal(importWorkbook(buffer(w.bytes), 'big.xlsx', { onChunk: () => false }));
    expect(e.code).toBe('cancelled');
  }, 60_000);
});
