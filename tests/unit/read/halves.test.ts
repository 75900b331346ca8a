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

/** Rows of a file whose evidence is spread over both halves, every row numbered by its line. */
function spread(rows: number, cell: (i: number) => string[]): Uint8Array {
  const lines = ['日期,地区,点击量,备注'];
  for (let i = 0; i < rows; i++) lines.push(cell(i).join(','));
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

describe('two workers = one worker, on what the back half alone would decide otherwise', () => {
  const cases: [string, Uint8Array, string[]][] = [
    [
      // Every date reads both ways in the front half; only the back half proves day-first.
      'day-first proved only in the back half',
      spread(4000, (i) => [
        i > 3500 ? `${13 + (i % 15)}/02/2025` : `0${1 + (i % 9)}/02/2025`,
        '华北',
        String(i % 50),
        '',
      ]),
      ['dmy'],
    ],
    [
      // Ragged rows, totals, dates out of range and over-long cells on both sides of the split.
      'ragged rows, totals, far dates and long cells in both halves',
      spread(4000, (i) => {
        if (i % 150 === 7) return ['合计', '', String(i)];
        const day =
          i % 170 === 3 ? '9999-12-31' : `2025-03-${String(1 + (i % 28)).padStart(2, '0')}`;
        const note = i % 400 === 5 ? 'x'.repeat(100_001) : `n${i % 7}`;
        return i % 130 === 11 ? [day, '华东', String(i)] : [day, '华东', String(i), note];
      }),
      ['import.warn.datesOutOfRange', 'import.warn.cellCut', 'import.warn.ragged'],
    ],
  ];
  test.each(cases)('%s', async (_, bytes, shows) => {
    const absorbed = countAbsorbed();
    const tuning = { pieceBytes: 4096, sampleRows: 50 };
    const one = await outcome(bytes, { tuning });
    if (!('ok' in one)) throw new Error(one.error);
    // The file has what the case is about (the day-first order, or these warnings).
    const { report } = one.ok;
    const said = [
      ...(report.dateOrders ?? []).map((o) => o.order),
      ...report.warnings.map((w) => w.key),
    ];
    for (const key of shows) expect(said).toContain(key);
    for (const share of SHARES) {
      const split = { from: 0, share, start: inThread };
      expect(await outcome(bytes, { tuning, split })).toEqual(one);
    }
    // Taken in at most splits (one whose middle falls in a long cell has no line feed near it and
    // is not split, nor one before the column kinds are planned).
    expect(absorbed.count).toBeGreaterThanOrEqual(2);
    vi.restoreAllMocks();
  });
});
