// Fuzz of the two-worker import (halves.ts): generated files split at any share of their text
// (inside quoted cells, next to blank lines, totals and short rows, through multibyte text), the
// back half read as the second worker reads it. The table and report must be exactly those of
// the one-worker import, or the same refusal.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { countAbsorbed, inThread, outcome } from '../read/import-runs';
import { assertFuzz, FUZZ_SEEDS } from './runs';
import { csvFile } from './csv-files';

const TIMEOUT = 60_000 * FUZZ_SEEDS.length;

function run(bytes: Uint8Array, pieceBytes: number, sampleRows: number, share?: number) {
  const split = share === undefined ? undefined : { from: 0, share, start: inThread };
  return outcome(bytes, { tuning: { pieceBytes, sampleRows }, split });
}

describe('two-worker import fuzz', () => {
  it(
    'generated files split anywhere: the same table and report as one worker',
    async () => {
      // Back halves taken in (not thrown away for a doubt): the generator reaches the merge.
      const absorbed = countAbsorbed();
      await assertFuzz(
        fc.asyncProperty(
          csvFile,
          fc.integer({ min: 1, max: 120 }),
          fc.integer({ min: 1, max: 6 }),
          fc.integer({ min: 1, max: 99 }),
          async (bytes, pieceBytes, sampleRows, percent) => {
            const one = await run(bytes, pieceBytes, sampleRows);
            const two = await run(bytes, pieceBytes, sampleRows, percent / 100);
            expect(two).toEqual(one);
          },
        ),
        2,
      );
      vi.restoreAllMocks();
      expect(absorbed.count).toBeGreaterThan(20);
    },
    TIMEOUT,
  );
});
