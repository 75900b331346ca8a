// Fuzz of the import's fast path (byte-rows.ts): generated files whose columns are mostly of one
// kind (counts, decimals, ISO dates, text in several scripts) with the odd cells exports have
// (empty, placeholders, thousands separators, spaces, totals, quotes with doubled quotes and line
// breaks, blank lines, short and long rows, CRLF or CR, a BOM), cut into small pieces anywhere
// (multibyte characters included). The fast path must give exactly what the papaparse path gives:
// the same table and report, or the same refusal.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { TableBuilder } from '../../../src/core/read/build';
import { assertFuzz, FUZZ_SEEDS } from './runs';
import { csvFile as file } from './csv-files';
import { outcome } from '../read/import-runs';

const TIMEOUT = 60_000 * FUZZ_SEEDS.length;

/** The outcome by one path: the table and report, or the refusal's code. */
function run(bytes: Uint8Array, fastPath: boolean, pieceBytes: number, sampleRows: number) {
  return outcome(bytes, { fastPath, tuning: { pieceBytes, sampleRows } });
}

describe('import fast path fuzz', () => {
  it(
    'generated files: the same table and report as the papaparse path',
    async () => {
      // Rows the fast path took from their bytes (counted as they come: the scan is reused).
      let fastRows = 0;
      const pushRows = TableBuilder.prototype.pushRows;
      vi.spyOn(TableBuilder.prototype, 'pushRows').mockImplementation(function (
        this: TableBuilder,
        rows,
        line,
      ) {
        fastRows += rows.rows;
        pushRows.call(this, rows, line);
      });
      await assertFuzz(
        fc.asyncProperty(
          file,
          fc.integer({ min: 1, max: 120 }),
          fc.integer({ min: 1, max: 6 }),
          async (bytes, pieceBytes, sampleRows) => {
            const slow = await run(bytes, false, pieceBytes, sampleRows);
            const fast = await run(bytes, true, pieceBytes, sampleRows);
            expect(fast).toEqual(slow);
          },
        ),
      );
      vi.restoreAllMocks();
      // The generator reaches the fast path: not every case falls back to papaparse.
      expect(fastRows).toBeGreaterThan(100);
    },
    TIMEOUT,
  );
});
