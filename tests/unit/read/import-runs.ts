// Shared by the import's identity tests (fast path, two workers): where the real exports are,
// the files to read, an import's outcome as data, the second worker run in this thread, and a
// count of the back halves taken in.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, vi } from 'vitest';
import { importDelimitedFile, type TextSource } from '../../../src/core/read/delimited';
import { TableBuilder } from '../../../src/core/read/build';
import { readBackHalf, type StartBackHalf } from '../../../src/core/read/halves';
import { FIXTURES } from '../../e2e/helpers/fixture';

const REAL = [
  process.env.REAL_EXPORTS,
  join(process.cwd(), '..', 'shared', 'real-exports'),
  '/work/shared/real-exports',
].find((d): d is string => !!d && existsSync(d));

/** The delimited files of a folder. */
const csvs = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.(csv|tsv|txt)$/i.test(f))
    .map((f) => join(dir, f));

/**
 * One test per import fixture and delimited real export, given the file's bytes (after a test
 * that the real exports are there at all).
 */
export function eachImportFile(check: (bytes: Uint8Array) => Promise<void>): void {
  const files = [...csvs(FIXTURES), ...(REAL ? csvs(REAL) : [])];
  test('real exports are there to compare', () => {
    expect(REAL).toBeDefined();
    expect(files.length).toBeGreaterThan(15);
  });
  test.each(files)('%s', (path) => check(new Uint8Array(readFileSync(path))), 60_000);
}

/** Import `bytes` as a file: the table and report, or the refusal's code. */
export function outcome(bytes: Uint8Array, source: Omit<TextSource, 'fileName'>) {
  return importDelimitedFile(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
    fileName: 'f.csv',
    ...source,
  }).then(
    (r) => ({ ok: r }),
    (e: unknown) => ({ error: String((e as { code?: string }).code ?? e) }),
  );
}

/** The second worker, in this thread: the same reader, its result handed over as plain data. */
export const inThread: StartBackHalf = (request) => ({
  half: readBackHalf(request).then((h) => structuredClone(h)),
  stop() {},
});

/** Count the back halves builders take in (not thrown away for a doubt) from now on. */
export function countAbsorbed(): { readonly count: number } {
  const counter = { count: 0 };
  const absorb = TableBuilder.prototype.absorb;
  vi.spyOn(TableBuilder.prototype, 'absorb').mockImplementation(function (
    this: TableBuilder,
    half,
    offset,
  ) {
    const ok = absorb.call(this, half, offset);
    if (ok) counter.count++;
    return ok;
  });
  return counter;
}
