// Fuzz of the CSV reader: generated CSV (quoted and bare cells, doubled quotes, quoted line
// breaks, empty cells, CRLF/LF/CR mixed from line to line, a BOM or none, multibyte text),
// encoded as UTF-8 and handed over in chunks cut at arbitrary byte offsets. Every case is either
// refused with an ImportError or read exactly as a plain reference reader in this file reads
// it; never another exception. The reference is written from RFC 4180, not from the reader.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importDelimitedFile } from '../../../src/core/read/delimited';
import { detectEncoding } from '../../../src/core/read/encoding';
import { ImportError } from '../../../src/core/read/import-error';
import { streamPieces } from '../../../src/core/read/pieces';
import { RecordReader } from '../../../src/core/read/records';
import { column, isNull, textAt, type Table } from '../../../src/core/table/table';
import { assertFuzz, FUZZ_SEEDS } from './runs';

/** Time for one property under every seed (`npm run fuzz` tries twenty and more cases). */
const TIMEOUT = 60_000 * FUZZ_SEEDS.length;

/**
 * The reference: line breaks of every kind become LF first (inside quotes too, as the reader
 * does), then RFC 4180: a cell that starts with a quote runs to the closing quote, `""` inside
 * is one quote; elsewhere a quote is an ordinary character. Returns each record with the line
 * it starts on, or 'unterminated' when a quote never closes. Records of one empty cell at the
 * end are not records (a file's last line break does not start one).
 */
function reference(text: string): { cells: string[]; line: number }[] | 'unterminated' {
  const t = text.replace(/\r\n?/g, '\n');
  const out: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let i = 0;
  let atCellStart = true;
  while (i < t.length) {
    const c = t[i];
    if (atCellStart && c === '"') {
      // A quoted cell: up to the quote that is not doubled.
      i++;
      for (;;) {
        if (i >= t.length) return 'unterminated';
        if (t[i] === '"') {
          if (t[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (t[i] === '\n') line++;
        cell += t[i++];
      }
      atCellStart = false;
      continue;
    }
    atCellStart = false;
    if (c === ',') {
      cells.push(cell);
      cell = '';
      atCellStart = true;
    } else if (c === '\n') {
      cells.push(cell);
      out.push({ cells, line: start });
      cells = [];
      cell = '';
      line++;
      start = line;
      atCellStart = true;
    } else cell += c;
    i++;
  }
  if (i > 0 && t[i - 1] !== '\n') out.push({ cells: [...cells, cell], line: start });
  // Records of one empty cell at the end (blank lines, or "") add nothing.
  while (out.length > 0 && out.at(-1)!.cells.length === 1 && out.at(-1)!.cells[0] === '') {
    out.pop();
  }
  return out;
}

/** Characters cells are made of: ASCII, CJK, accents, an emoji (a surrogate pair), spaces. */
const plainChar = fc.constantFrom('a', 'Z', '7', '.', '-', ' ', '中', '文', 'é', '😀', '\u00a0');
/** Inside quotes anything goes, line breaks and quotes included. */
const quotedChar = fc.oneof(
  plainChar,
  fc.constantFrom(',', '"', '\n', '\r', '\r\n', '\t', ';', '|'),
);
const bareCell = fc
  .array(fc.oneof(plainChar, fc.constant('"')), { maxLength: 8 })
  .map((cs) => cs.join(''))
  // A quote opens a quoted cell only at the start of one.
  .filter((c) => !c.startsWith('"'));
const quotedCell = fc
  .array(quotedChar, { maxLength: 8 })
  .map((cs) => `"${cs.join('').replace(/"/g, '""')}"`);
const cell = fc.oneof(bareCell, quotedCell);
const ending = fc.constantFrom('\r\n', '\n', '\r');

/** CSV text: records of cells joined by commas, each ended by its own kind of line break. */
const csv = fc
  .record({
    records: fc.array(
      fc.record({ cells: fc.array(cell, { minLength: 1, maxLength: 5 }), ending }),
      {
        minLength: 1,
        maxLength: 25,
      },
    ),
    lastEnding: fc.boolean(),
    unterminated: fc.boolean(),
  })
  .map(({ records, lastEnding, unterminated }) => {
    let text = records
      .map((r, k) => r.cells.join(',') + (k < records.length - 1 || lastEnding ? r.ending : ''))
      .join('');
    // Now and then a quote that never closes.
    if (unterminated) text += '"never closed';
    return text;
  });

/** Chunk sizes the stream hands the bytes over in (cut anywhere, mid-character included). */
const chunking = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 });

function streamOf(bytes: Uint8Array, sizes: number[]): ReadableStream<Uint8Array> {
  let at = 0;
  let k = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      const n = sizes[k++ % sizes.length];
      controller.enqueue(bytes.slice(at, at + n));
      at += n;
    },
  });
}

/** A file whose stream hands its bytes over in chunks of `sizes`, as a slow disk might. */
function chunkedFile(bytes: Uint8Array<ArrayBuffer>, sizes: number[]): Blob {
  const blob = new Blob([bytes]);
  return {
    size: bytes.length,
    slice: (from?: number, to?: number) => blob.slice(from, to),
    stream: () => streamOf(bytes, sizes),
  } as unknown as Blob;
}

function encode(text: string, bom: boolean): Uint8Array<ArrayBuffer> {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

describe('CSV reader fuzz', () => {
  it(
    'records: read exactly (cells and line numbers), or refused for an open quote',
    async () => {
      await assertFuzz(
        fc.asyncProperty(
          csv,
          fc.boolean(),
          chunking,
          fc.integer({ min: 1, max: 64 }),
          async (text, bom, sizes, pieceSize) => {
            const bytes = encode(text, bom);
            const { encoding, start } = detectEncoding(bytes.subarray(0, 1 << 16));
            const got: { cells: string[]; line: number }[] = [];
            const reader = new RecordReader(',', (cells, line) => got.push({ cells, line }));
            const expected = reference(text);
            try {
              for await (const piece of streamPieces(
                streamOf(bytes, sizes),
                start,
                encoding,
                true,
                pieceSize,
              )) {
                reader.read(piece.text, piece.last);
              }
            } catch (e) {
              expect(e).toBeInstanceOf(ImportError);
              expect((e as ImportError).code).toBe('unterminatedQuote');
              expect(expected).toBe('unterminated');
              return;
            }
            expect(got).toEqual(expected);
          },
        ),
      );
    },
    TIMEOUT,
  );

  it(
    'whole imports: text cells and a count column read exactly, or an ImportError',
    async () => {
      // Every data cell starts with "x" (no placeholder, total, number or date), so the table is
      // the records less the header; each row also counts n (0-999), summed by the test.
      const table = fc.record({
        width: fc.integer({ min: 1, max: 4 }),
        rows: fc.array(
          fc.tuple(fc.array(cell, { minLength: 4, maxLength: 4 }), fc.nat(999), ending),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        bom: fc.boolean(),
        sizes: chunking,
      });
      await assertFuzz(
        fc.asyncProperty(table, async ({ width, rows, bom, sizes }) => {
          const header = [...Array.from({ length: width }, (_, j) => `c${j + 1}`), 'n'];
          const data = rows.map(([cells, n, end]) => {
            const texts = cells
              .slice(0, width)
              .map((c) => (c.startsWith('"') ? `"x${c.slice(1)}` : `x${c}`));
            return [...texts, String(n)].join(',') + end;
          });
          const text = `${header.join(',')}\n${data.join('')}`;
          const expected = reference(text);
          const file = encode(text, bom);
          let result: { table: Table };
          try {
            result = await importDelimitedFile(chunkedFile(file, sizes), { fileName: 'x.csv' });
          } catch (e) {
            expect(e).toBeInstanceOf(ImportError);
            return;
          }
          if (expected === 'unterminated') throw new Error('an open quote was not refused');
          const body = expected.slice(1);
          expect(result.table.rowCount).toBe(body.length);
          for (let j = 0; j < width; j++) {
            const col = column(result.table, `c${j + 1}`);
            expect(col?.kind).toBe('text');
            if (col?.kind !== 'text') return;
            body.forEach((r, i) => expect(textAt(col, i)).toBe(r.cells[j].trim()));
          }
          const n = column(result.table, 'n');
          expect(n?.kind).toBe('number');
          if (n?.kind !== 'number') return;
          let sum = 0;
          for (let i = 0; i < n.values.length; i++) if (!isNull(n, i)) sum += n.values[i];
          expect(sum).toBe(rows.reduce((s, [, v]) => s + v, 0));
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'any bytes at all: an import or an ImportError, never another exception',
    async () => {
      const bytes = fc.uint8Array({ maxLength: 300 });
      await assertFuzz(
        fc.asyncProperty(bytes, async (b) => {
          try {
            await importDelimitedFile(new Blob([b]), { fileName: 'x.csv' });
          } catch (e) {
            expect(e).toBeInstanceOf(ImportError);
          }
        }),
      );
    },
    TIMEOUT,
  );
});
