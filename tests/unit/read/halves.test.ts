// The two-worker import (halves.ts) against the one-worker import on every import fixture and
// every CSV export in ../shared/real-exports, each split at several shares of its text: the same
// table and the same report, or the same refusal. Small pieces and column samples let the back
// half start on small files; a spy proves back halves were taken in, not only thrown away.
import { describe, expect, test, vi } from 'vitest';
import type { TextSource } from '../../../src/core/read/delimited';
import { countAbsorbed, eachImportFile, inThread, outcome } from './import-runs';

const TUNINGS: TextSource['tuning'][] = [undefined, { pieceBytes: 4096, sampleRows: 20 }];
const SHARES = [0.05, 0.3, 0.5, 0.77, 0.95];

describe('two workers = one worker', () => {
  let absorbed = 0;
  let files = 0;
  eachImportFile(async (bytes) => {
    files++;
    const counter = countAbsorbed();
    // A large export at fewer splits and pieces of the usual size: the gate's time is shared.
    const large = bytes.length > 1 << 20;
    for (const tuning of large ? TUNINGS.slice(0, 1) : TUNINGS) {
      const one = await outcome(bytes, { tuning });
      for (const share of large ? [0.3, 0.77] : SHARES) {
        const split = { from: 0, share, start: inThread };
        expect(await outcome(bytes, { tuning, split })).toEqual(one);
      }
    }
    absorbed += counter.count;
    vi.restoreAllMocks();
  });
  test('back halves were taken in, not only thrown away', () => {
    expect(absorbed).toBeGreaterThan(files);
  });
});
