/**
 * Delimited text → table: detect the delimiter, find the header below any preamble, then stream
 * the records through papaparse (no dynamicTyping: values are parsed by `values.ts`, per column)
 * into a TableBuilder. The input arrives in pieces (decoded from bytes as it goes), so the caller
 * can report progress and stop a superseded import between pieces.
 */
import Papa from 'papaparse';
import type { ImportReport } from './report';
import type { Table } from '../table/table';
import { TableBuilder, type BuiltReport } from './build';
import { detectDelimiter } from './delimiter';
import { findHeader } from './header';
import { ImportError } from './import-error';
import { detectEncoding } from './encoding';
import { bytePieces, headOf, streamPieces, textPieces, type Piece } from './pieces';

/** Records looked at to find the header. */
const HEAD_RECORDS = 60;
/** Input (bytes or characters) between progress reports and chances to stop a superseded import. */
const REPORT_EVERY = 1 << 22;

export interface ImportedTable {
  table: Table;
  report: ImportReport & { dateOrders: BuiltReport['dateOrders'] };
}

export interface TextSource {
  fileName: string;
  /** Called now and then with input consumed (bytes for a file, characters for text) and rows
   * kept; resolve false to stop. */
  onChunk?: (done: number, rows: number) => boolean | Promise<boolean>;
}

/**
 * Import delimited text (CSV, TSV, semicolon or pipe separated) already in a string (pasted).
 *
 * @example
 * const { table, report } = await importDelimitedText('报表\n日期,点击量\n2025-01-05,"1,234"\n合计,"1,234"\n',
 *   { fileName: 'r.csv' });
 * table.rowCount      // 1
 * report.headerLine   // 2
 * report.droppedTotals // [{ line: 4, text: '合计, 1,234' }]
 */
export function importDelimitedText(
  text: string,
  source: TextSource,
  encoding = 'text',
): Promise<ImportedTable> {
  const head = headOf(textPieces(text, 1 << 16));
  return importPieces(textPieces(text), head, text.length, { ...source, encoding });
}

/**
 * Import a delimited file while the browser reads it: its first 64 KB decide the encoding (a
 * BOM, else strict UTF-8, else GB18030, which covers GBK), then the rest is decoded and parsed
 * as it streams in, so reading and parsing overlap.
 *
 * @example
 * const gbk = new Blob([Uint8Array.of(0xc8, 0xd5, 0xc6, 0xda, 0x0a, 0x31, 0x0a)]); // "日期\n1\n" in GBK
 * (await importDelimitedFile(gbk, { fileName: 'baidu.csv' })).report.encoding // 'gb18030'
 */
export async function importDelimitedFile(file: Blob, source: TextSource): Promise<ImportedTable> {
  const headBytes = new Uint8Array(await file.slice(0, 1 << 16).arrayBuffer());
  const found = detectEncoding(headBytes);
  if (file.size === 0) throw new ImportError('empty');
  if (file.size === found.start) throw new ImportError('bomOnly');
  const run = (encoding: string, label: string, fatal: boolean) =>
    importPieces(
      streamPieces(file.stream(), found.start, encoding, fatal),
      headOf(bytePieces(headBytes, found.start, encoding, false, 1 << 16)),
      file.size,
      { ...source, encoding: label },
    );
  if (found.encoding !== 'utf-8') return run(found.encoding, found.label, false);
  try {
    return await run('utf-8', found.label, true);
  } catch (e) {
    // Valid UTF-8 at the start, not further on: a GBK file whose first Chinese is far down.
    if (e instanceof NotThisEncoding) return run('gb18030', 'gb18030', false);
    throw e;
  }
}

async function importPieces(
  pieces: Iterable<Piece> | AsyncIterable<Piece>,
  head: string,
  total: number,
  source: TextSource & { encoding: string },
): Promise<ImportedTable> {
  if (head.trim() === '') throw new ImportError('empty');
  // Some ad platforms' ".xls" downloads are web pages holding a table.
  if (/^\s*<(!doctype html|html|table|\?xml)/i.test(head)) throw new ImportError('html');
  const delimiter = detectDelimiter(head);
  const headRecords = Papa.parse<string[]>(head, { delimiter, preview: HEAD_RECORDS }).data;
  const headerIndex = findHeader(headRecords);
  // Size the column arrays once from the head's line length rather than regrowing them.
  let headLines = 1;
  for (let i = head.indexOf('\n'); i !== -1; i = head.indexOf('\n', i + 1)) headLines++;
  const headShare = Math.min(1, head.length / Math.max(1, total));
  const expectedRows = Math.ceil((headLines / headShare) * 1.02) + 16;

  let builder: TableBuilder | null = null;
  let headerLine = 0;
  let record = 0;
  let line = 1;
  let reported = 0;
  const warnings: ImportReport['warnings'] = [];
  // papaparse's own Parser, piece by piece. Its streamer would glue every chunk to the previous
  // partial line (a fresh copy of each chunk, swept later from the old generation); pieces cut at
  // line breaks need no glue unless a quoted cell spans the cut.
  const parser = new Papa.Parser({ delimiter, newline: newlineOf(head), skipEmptyLines: false });
  let carry = '';
  for await (const piece of guard(pieces)) {
    let chunk = carry === '' ? piece.text : carry + piece.text;
    // The final line break would otherwise read as one more, blank, record.
    if (piece.last) chunk = chunk.replace(/[\r\n]+$/, '');
    const results = parser.parse(chunk, 0, !piece.last) as Papa.ParseResult<string[]>;
    const rows = results.data;
    // One record is one line unless the chunk has quotes (which may hold line breaks).
    const quoted = chunk.indexOf('"') !== -1;
    const firstLine = line;
    for (let k = 0; k < rows.length; k++) {
      const cells = rows[k];
      if (record === headerIndex) {
        builder = new TableBuilder(cells, expectedRows);
        headerLine = line;
      } else if (record > headerIndex) builder!.push(cells, line);
      record++;
      line += quoted ? 1 + embeddedLines(cells) : 1;
    }
    for (const e of results.errors) {
      const at = quoted ? lineOfRow(rows, e.row ?? 0, firstLine) : firstLine + (e.row ?? 0);
      if (e.code === 'MissingQuotes') throw new ImportError('unterminatedQuote', { line: at });
      if (e.code === 'InvalidQuotes' && warnings.length < 5) {
        warnings.push({ key: 'import.warn.badQuote', params: { line: at } });
      }
    }
    // A record cut by the piece's end (a quoted line break) is finished with the next piece.
    const cursor = piece.last ? chunk.length : results.meta.cursor;
    carry = cursor >= chunk.length ? '' : chunk.slice(cursor);
    if (piece.end - reported >= REPORT_EVERY || piece.last) {
      reported = piece.end;
      const more = await source.onChunk?.(piece.end, builder?.rowCount ?? 0);
      if (more === false) throw new ImportError('cancelled');
    }
  }
  if (builder === null) throw new ImportError('empty');
  return finishImport(builder, { ...source, delimiter, headerLine, warnings });
}

/** A decoding failure of strict UTF-8, told apart from any other error. */
class NotThisEncoding extends Error {}

async function* guard(pieces: Iterable<Piece> | AsyncIterable<Piece>): AsyncGenerator<Piece> {
  const it =
    Symbol.asyncIterator in pieces ? pieces[Symbol.asyncIterator]() : pieces[Symbol.iterator]();
  for (;;) {
    let r: IteratorResult<Piece>;
    try {
      r = await it.next();
    } catch (e) {
      if (e instanceof TypeError) throw new NotThisEncoding(e.message);
      throw e;
    }
    if (r.done) return;
    yield r.value;
  }
}

/** The line on which record `row` of a chunk starts, counting quoted line breaks before it. */
function lineOfRow(rows: readonly string[][], row: number, firstLine: number): number {
  let line = firstLine;
  for (let k = 0; k < row && k < rows.length; k++) line += 1 + embeddedLines(rows[k]);
  return line;
}

/** The line break of the text: \r\n, \n, or a lone \r (old Mac exports). */
function newlineOf(head: string): '\r\n' | '\n' | '\r' {
  const nl = head.indexOf('\n');
  if (nl > 0 && head[nl - 1] === '\r') return '\r\n';
  if (nl === -1 && head.includes('\r')) return '\r';
  return '\n';
}

/** Physical lines a record spans beyond its first (quoted newlines inside its cells). */
function embeddedLines(cells: readonly string[]): number {
  let extra = 0;
  for (const c of cells) {
    for (let i = c.indexOf('\n'); i !== -1; i = c.indexOf('\n', i + 1)) extra++;
  }
  return extra;
}

/**
 * Import records that are already split into cells (a spreadsheet's sheet, pasted rows).
 * Line numbers in the report are 1-based record numbers.
 *
 * @example
 * importRecords([['Day', 'Clicks'], ['2025-01-05', '3']], { fileName: 'a.xlsx', encoding: 'xlsx', delimiter: '' })
 *   .table.rowCount // 1
 */
export function importRecords(
  records: readonly string[][],
  source: { fileName: string; encoding: string; delimiter: string },
): ImportedTable {
  if (records.every((r) => r.every((c) => c.trim() === ''))) throw new ImportError('empty');
  const headerIndex = findHeader(records.slice(0, HEAD_RECORDS));
  const builder = new TableBuilder(records[headerIndex], records.length);
  for (let k = headerIndex + 1; k < records.length; k++) builder.push(records[k], k + 1);
  return finishImport(builder, { ...source, headerLine: headerIndex + 1, warnings: [] });
}

function finishImport(
  builder: TableBuilder,
  meta: {
    fileName: string;
    encoding: string;
    delimiter: string;
    headerLine: number;
    warnings: ImportReport['warnings'];
  },
): ImportedTable {
  const { table, report } = builder.finish();
  if (table.rowCount === 0) {
    throw new ImportError('headerOnly', {
      line: meta.headerLine,
      dropped: report.droppedTotals.length,
    });
  }
  if (report.raggedRows > 0) {
    report.warnings.push({
      key: 'import.warn.ragged',
      params: { count: report.raggedRows, lines: report.raggedLines.slice(0, 5).join(', ') },
    });
  }
  return {
    table,
    report: {
      ...report,
      fileName: meta.fileName,
      encoding: meta.encoding,
      delimiter: meta.delimiter,
      headerLine: meta.headerLine,
      warnings: [...meta.warnings, ...report.warnings],
    },
  };
}
