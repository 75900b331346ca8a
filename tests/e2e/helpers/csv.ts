// Independent arithmetic for browser tests: read a fixture with node and sum its columns, so the
// expected numbers never come from the code under test. Simple CSV only (no quoted commas).
import { readFileSync } from 'node:fs';

export interface Csv {
  header: string[];
  rows: string[][];
}

export function readCsv(path: string): Csv {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

/** Sum of a numeric column over the rows that pass `keep`. */
export function sum(
  csv: Csv,
  column: string,
  keep: (row: Record<string, string>) => boolean = () => true,
): number {
  const at = csv.header.indexOf(column);
  if (at < 0) throw new Error(`no column ${column}`);
  let s = 0;
  for (const r of csv.rows) {
    const obj = Object.fromEntries(csv.header.map((h, i) => [h, r[i]]));
    if (keep(obj)) s += Number(r[at]);
  }
  return s;
}
