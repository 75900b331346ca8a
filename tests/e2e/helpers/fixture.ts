// Independent arithmetic over the import fixtures: a deliberately plain RFC 4180 reader (quotes,
// doubled quotes, quoted newlines) and sums over the rows the test itself selects, so expected
// numbers never come from the importer under test.
import { readFileSync } from 'node:fs';

export const FIXTURES = 'tests/fixtures/import';

/** Read a fixture, decode it with the encoding the test knows it has, and split it into records. */
export function readFixture(name: string, encoding = 'utf-8', delimiter = ','): string[][] {
  let bytes: Uint8Array = readFileSync(`${FIXTURES}/${name}`);
  if (encoding === 'utf-16le') bytes = bytes.subarray(2);
  const text = new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, '');
  return parseDelimited(text, delimiter);
}

/** Split delimited text into records: quotes, doubled quotes, quoted newlines, CRLF. */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      records.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) records.push([...row, cell]);
  return records;
}

/** "1,234.50" / "$1,234.50" / "12,5" (with decimalComma) → number. */
export function num(cell: string, decimalComma = false): number {
  const s = decimalComma ? cell.replace(/\./g, '').replace(',', '.') : cell.replace(/[,$¥]/g, '');
  const v = Number(s.replace('%', ''));
  if (!Number.isFinite(v)) throw new Error(`not a number: ${cell}`);
  return v;
}

/**
 * Sum column `name` (found in the header record `headerAt`) over the records that `keep` selects.
 */
export function sumColumn(
  records: string[][],
  headerAt: number,
  name: string,
  keep: (r: string[]) => boolean,
  decimalComma = false,
): number {
  const at = records[headerAt].indexOf(name);
  if (at < 0) throw new Error(`no column ${name}`);
  let s = 0;
  for (const r of records.slice(headerAt + 1)) if (keep(r)) s += num(r[at], decimalComma);
  return s;
}

export const isDateRow = (r: string[]) =>
  /^\d{4}-\d{2}-\d{2}|^\d{1,2}[./]\d{1,2}[./]\d{4}/.test(r[0]);
