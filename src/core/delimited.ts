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
/** Characters per papaparse chunk: big enough to amortise the call, small enough to report progress. */
const CHUNK_CHARS = 1 << 22;

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
  const bytesPerRecord = head.length / Math.max(1, headRecords.length);
  const expectedRows = Math.ceil((text.length / bytesPerRecord) * 1.05) + 16;

  let builder: TableBuilder | null = null;
  let headerLine = 0;
  let record = 0;
  let line = 1;
  let consumed = 0;
  let failure: ImportError | null = null;
  let nextQuote = -1;
  const warnings: ImportReport['warnings'] = [];

  await new Promise<void>((resolve) => {
    Papa.parse<string[]>(text, {
      delimiter,
      chunkSize: CHUNK_CHARS,
      skipEmptyLines: false,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        const rows = results.data;
        // Line numbers: without quotes in the chunk, one record is one line.
        const end = results.meta.cursor;
        // Searched once per stretch, not once per chunk: a 100 MB file without quotes scans once.
        if (nextQuote !== Infinity && nextQuote < consumed) {
          nextQuote = text.indexOf('"', consumed);
          if (nextQuote === -1) nextQuote = Infinity;
        }
        const quoted = nextQuote < end;
        const lineOf: number[] = [];
        for (let k = 0; k < rows.length; k++) {
          const cells = rows[k];
          lineOf.push(line);
          if (record === headerIndex) {
            builder = new TableBuilder(cells, expectedRows);
            headerLine = line;
          } else if (record > headerIndex) builder!.push(cells, line);
          record++;
          line += quoted ? 1 + embeddedLines(cells) : 1;
        }
        for (const e of results.errors) {
          const at = lineOf[e.row ?? 0] ?? line;
          if (e.code === 'MissingQuotes')
            failure ??= new ImportError('unterminatedQuote', { line: at });
          else if (e.code === 'InvalidQuotes' && warnings.length < 5) {
            warnings.push({ key: 'import.warn.badQuote', params: { line: at } });
          }
        }
        consumed = end;
        if (failure) {
          parser.abort();
          return;
        }
        const more = source.onChunk?.(end, builder?.rowCount ?? 0);
        if (more instanceof Promise) {
          parser.pause();
          void more.then((go) => {
            if (go) parser.resume();
            else {
              failure = new ImportError('cancelled');
              parser.abort();
            }
          });
        } else if (more === false) {
          failure = new ImportError('cancelled');
          parser.abort();
        }
      },
      complete: () => resolve(),
    });
  });
  if (failure) throw failure;
  if (builder === null) throw new ImportError('empty');
  return finishImport(builder, { ...source, delimiter, headerLine, warnings });
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
