/**
 * Delimited text → table: detect the delimiter, find the header below any preamble, then stream
 * the records through papaparse (no dynamicTyping: values are parsed by `values.ts`, per column)
 * into a TableBuilder. Papaparse runs in chunks so the caller can report progress and stop a
 * superseded import between chunks.
 */
import Papa from 'papaparse';
import type { ImportReport } from './report';
import type { Table } from './table';
import { TableBuilder, type BuiltReport } from './build';
import { detectDelimiter } from './delimiter';
import { findHeader } from './header';
import { ImportError } from './import-error';

/** Records looked at to find the header. */
const HEAD_RECORDS = 60;
/**
 * Characters per papaparse chunk. Small on purpose: a chunk's row arrays and cell strings die
 * before the next chunk, so the garbage collector reclaims them young instead of promoting
 * megabytes of them (with 4 MB chunks, GC took longer than parsing).
 */
const CHUNK_CHARS = 1 << 18;
/** Characters between progress reports (and chances to stop a superseded import). */
const REPORT_CHARS = 1 << 22;

export interface ImportedTable {
  table: Table;
  report: ImportReport & { dateOrders: BuiltReport['dateOrders'] };
}

export interface TextSource {
  fileName: string;
  encoding: string;
  /** Called after each chunk with characters consumed and rows kept; resolve false to stop. */
  onChunk?: (chars: number, rows: number) => boolean | Promise<boolean>;
}

/**
 * Import delimited text (CSV, TSV, semicolon or pipe separated).
 *
 * @example
 * const { table, report } = await importDelimitedText('报表\n日期,点击量\n2025-01-05,"1,234"\n合计,"1,234"\n',
 *   { fileName: 'r.csv', encoding: 'utf-8' });
 * table.rowCount      // 1
 * report.headerLine   // 2
 * report.droppedTotals // [{ line: 4, text: '合计, 1,234' }]
 */
export async function importDelimitedText(raw: string, source: TextSource): Promise<ImportedTable> {
  // The final newline would otherwise read as one blank record.
  let last = raw.length;
  while (last > 0 && (raw[last - 1] === '\n' || raw[last - 1] === '\r')) last--;
  const text = last === raw.length ? raw : raw.slice(0, last);
  if (text.trim() === '') throw new ImportError('empty');
  const head = text.slice(0, 1 << 16);
  const delimiter = detectDelimiter(head);
  const headRecords = Papa.parse<string[]>(head, { delimiter, preview: HEAD_RECORDS }).data;
  const headerIndex = findHeader(headRecords);
  // Size the column arrays once from the head's line length rather than regrowing them.
  let headLines = 1;
  for (let i = head.indexOf('\n'); i !== -1; i = head.indexOf('\n', i + 1)) headLines++;
  const expectedRows = Math.ceil((text.length / head.length) * headLines * 1.02) + 16;

  let builder: TableBuilder | null = null;
  let headerLine = 0;
  let record = 0;
  let line = 1;
  let reported = 0;
  const warnings: ImportReport['warnings'] = [];
  // papaparse's own Parser on slices of the text cut at line ends. Slices are views, not copies,
  // and papaparse's streamer would glue each chunk to the previous partial line (a fresh copy of
  // every chunk, which the garbage collector then has to sweep from the old generation).
  const parser = new Papa.Parser({ delimiter, newline: newlineOf(head), skipEmptyLines: false });
  let start = 0;
  let want = CHUNK_CHARS;
  while (start < text.length) {
    let end = Math.min(text.length, start + want);
    if (end < text.length) {
      const nl = text.indexOf('\n', end);
      end = nl === -1 ? text.length : nl + 1;
    }
    const last = end === text.length;
    const chunk = text.slice(start, end);
    const results = parser.parse(chunk, 0, !last) as Papa.ParseResult<string[]>;
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
    // A record cut by the chunk's end (a quoted line break) is parsed again with the next chunk;
    // a record longer than a whole chunk gets a wider one.
    const cursor = last ? chunk.length : results.meta.cursor;
    if (cursor === 0) {
      want *= 2;
      continue;
    }
    want = CHUNK_CHARS;
    start += cursor;
    if (start - reported >= REPORT_CHARS || start >= text.length) {
      reported = start;
      const more = await source.onChunk?.(start, builder?.rowCount ?? 0);
      if (more === false) throw new ImportError('cancelled');
    }
  }
  if (builder === null) throw new ImportError('empty');
  return finishImport(builder, { ...source, delimiter, headerLine, warnings });
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
