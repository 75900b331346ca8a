// The fast path (UTF-8 bytes read straight into columns, byte-rows.ts) against the papaparse
// path on every import fixture and every CSV export in ../shared/real-exports: the same table
// and the same report, or the same refusal. Small pieces and column samples make the fast path
// reach the rows of small files; a spy proves it did read rows.
import { afterEach, describe, expect, vi } from 'vitest';
import type { TextSource } from '../../../src/core/read/delimited';
import { TableBuilder } from '../../../src/core/read/build';
import { eachImportFile, outcome } from './import-runs';

const TUNINGS: TextSource['tuning'][] = [
  undefined,
  { pieceBytes: 4096, sampleRows: 20 },
  { pieceBytes: 97, sampleRows: 3 },
];

/** Import by both paths; the outcome as data (the table and report, or the error). */
async function both(bytes: Uint8Array, tuning: TextSource['tuning']) {
  const run = (fastPath: boolean) => outcome(bytes, { fastPath, tuning });
  // Rows handed to the fast path (the scanned piece is reused, so counted as they come).
  let fastRows = 0;
  const pushRows = TableBuilder.prototype.pushRows;
  const spy = vi.spyOn(TableBuilder.prototype, 'pushRows').mockImplementation(function (
    this: TableBuilder,
    rows,
    line,
  ) {
    fastRows += rows.rows;
    pushRows.call(this, rows, line);
  });
  const slow = await run(false);
  expect(fastRows).toBe(0);
  const fast = await run(true);
  spy.mockRestore();
  return { slow, fast, fastRows };
}

afterEach(() => vi.restoreAllMocks());

describe('fast path = papaparse path', () => {
  eachImportFile(async (bytes) => {
    let fastRows = 0;
    for (const tuning of TUNINGS) {
      const r = await both(bytes, tuning);
      expect(r.fast).toEqual(r.slow);
      fastRows += r.fastRows;
    }
    // A UTF-8 file of more than a few rows, no quotes in sight, is read by the fast path.
    const text = new TextDecoder().decode(bytes);
    const lines = text.split('\n').length;
    if (!text.includes('"') && !text.includes('\uFFFD') && lines > 20 && bytes[1] !== 0) {
      expect(fastRows).toBeGreaterThan(0);
    }
  });
});
