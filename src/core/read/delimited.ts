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
import { bytePieces, headOf, rangePieces, textPieces, type Piece, type RawPiece } from './pieces';
import { PieceFeeder, splitPoint, type Split } from './halves';
import { LineEnds, RecordReader } from './records';
import { cutText } from './infer';
import { MAX_PARAM_LENGTH, MAX_REPORT_WARNINGS } from '../table/limits';

/** Records looked at to find the header. */
const HEAD_RECORDS = 60;
/** The most rows the column arrays are sized for up front; beyond it they grow as rows come. */
const MAX_CAPACITY_HINT = 1 << 22;
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
  /** false: every piece through papaparse (the reference the fast path is tested against). */
  fastPath?: boolean;
  /** Smaller pieces and column samples, so tests reach the fast path on small files. */
  tuning?: { pieceBytes?: number; sampleRows?: number };
  /** Read the back half of a large UTF-8 file in a second worker (halves.ts). */
  split?: Split;
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
 * BOM, else UTF-8, else GB18030, which covers GBK; see `detectEncoding`), then the rest is
 * decoded and parsed as it streams in, so reading and parsing overlap. A line of a UTF-8 file
 * that is not UTF-8 is decoded again on its own (see `decodeUtf8Piece`), never the whole file,
 * and the report says from which line.
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
  const utf8 = found.encoding === 'utf-8';
  const split =
    utf8 && source.fastPath !== false && source.split && file.size >= source.split.from
      ? await splitPoint(file, found.start, source.split.share)
      : 0;
  const pieces = (from: number, to: number) =>
    rangePieces(
      file,
      from,
      to,
      from === 0 ? found.start : 0,
      found.encoding,
      source.tuning?.pieceBytes,
    );
  return importPieces(
    pieces(0, split || file.size),
    headOf(bytePieces(headBytes, found.start, found.encoding, false, 1 << 16)),
    file.size,
    { ...source, encoding: found.label },
    {
      decoder: new TextDecoder(found.encoding, { ignoreBOM: true }),
      utf8,
      back: split
        ? { file, at: split, start: source.split!.start, rest: () => pieces(split, file.size) }
        : undefined,
    },
  );
}

/** Where pieces of a UTF-8 file were not UTF-8, for the report. */
class EncodingNotes {
  /** First line read as GB18030; 0 when none. */
  gbFrom = 0;
  /** First line with bytes replaced; 0 when none. */
  replacedFrom = 0;
  replaced = 0;
  /** A piece read as UTF-8 held something beyond ASCII. */
  utf8Text = false;

  note(piece: Pick<Piece, 'nonAscii' | 'fallback'>, line: number): void {
    if (piece.nonAscii) this.utf8Text = true;
    const f = piece.fallback;
    if (!f) return;
    if (f.gbAt >= 0) this.gbFrom ||= line + f.gbAt;
    if (f.replacedAt >= 0) this.replacedFrom ||= line + f.replacedAt;
    this.replaced += f.replaced;
  }

  /** The encoding to report, and warnings for the lines read otherwise. */
  finish(label: string): { encoding: string; warnings: ImportReport['warnings'] } {
    const warnings: ImportReport['warnings'] = [];
    // Every character beyond ASCII was GB18030: a GBK file whose first Chinese is past the
    // first 64 KB. The ASCII lines above read the same either way, so the file is GB18030.
    if (this.gbFrom && !this.utf8Text && !this.replacedFrom)
      return { encoding: 'gb18030', warnings };
    if (this.gbFrom)
      warnings.push({ key: 'import.warn.partGb18030', params: { line: this.gbFrom } });
    if (this.replacedFrom) {
      warnings.push({
        key: 'import.warn.badUtf8',
        params: { line: this.replacedFrom, count: this.replaced },
      });
    }
    return { encoding: label, warnings };
  }
}

async function importPieces(
  pieces: Iterable<Piece> | AsyncIterable<Piece | RawPiece>,
  rawHead: string,
  total: number,
  source: TextSource & { encoding: string },
  bytes?: {
    decoder: TextDecoder;
    utf8: boolean;
    /** The file is split: `pieces` end at byte `at`, `rest` are the pieces after it. */
    back?: {
      file: Blob;
      at: number;
      start: Split['start'];
      rest: () => AsyncIterable<RawPiece>;
    };
  },
): Promise<ImportedTable> {
  const head = new LineEnds().normalise(rawHead);
  if (head.trim() === '') throw new ImportError('empty');
  // Some ad platforms' ".xls" downloads are web pages holding a table.
  if (/^\s*<(!doctype html|html|table|\?xml)/i.test(head)) throw new ImportError('html');
  const delimiter = detectDelimiter(head);
  const headRecords = Papa.parse<string[]>(head, {
    delimiter,
    newline: '\n',
    preview: HEAD_RECORDS,
  }).data;
  const headerIndex = findHeader(headRecords);
  // Size the column arrays once from the head's line length rather than regrowing them (but
  // never from a guess so large that the first allocation fails: they grow when needed).
  let headLines = 1;
  for (let i = head.indexOf('\n'); i !== -1; i = head.indexOf('\n', i + 1)) headLines++;
  const headShare = Math.min(1, head.length / Math.max(1, total));
  const expectedRows = Math.min(MAX_CAPACITY_HINT, Math.ceil((headLines / headShare) * 1.02) + 16);

  let builder: TableBuilder | null = null;
  let header: string[] = [];
  let headerLine = 0;
  let record = 0;
  let reported = 0;
  const reader = new RecordReader(delimiter, (cells, line) => {
    if (record === headerIndex) {
      builder = new TableBuilder(cells, expectedRows, undefined, source.tuning?.sampleRows);
      header = cells;
      headerLine = line;
    } else if (record > headerIndex) builder!.push(cells, line);
    record++;
  });
  const encoding = new EncodingNotes();
  // UTF-8 pieces are read from their bytes when they can be (byte-rows.ts), once the header is
  // behind and nothing is held over from the piece before; the rest go through papaparse.
  const feeder =
    bytes &&
    new PieceFeeder(
      reader,
      delimiter,
      bytes.decoder,
      bytes.utf8,
      bytes.utf8 && source.fastPath !== false,
    );
  const back = bytes?.back;
  let backHalf: ReturnType<Split['start']> | null = null;
  let front = true;
  let launchedKinds = '';
  const read = async (next: Piece | RawPiece) => {
    if ('bytes' in next) {
      const fed = feeder!.feed(next, builder);
      encoding.note(fed.notes, fed.line);
      record += fed.fastRows;
    } else {
      encoding.note(next, reader.pieceLine);
      reader.read(next.text, next.last);
    }
    // The back half starts once the column kinds are planned (the first piece, as a rule).
    const kinds = back && front && !backHalf ? (builder as TableBuilder | null)?.kinds() : null;
    if (back && kinds) {
      launchedKinds = kinds.join();
      const share = (total - back.at) / total;
      backHalf = back.start({
        file: back.file,
        start: back.at,
        delimiter,
        header,
        kinds,
        expectedRows: Math.ceil(expectedRows * share) + 16,
        pieceBytes: source.tuning?.pieceBytes,
      });
    }
    if (next.end - reported >= REPORT_EVERY || next.last) {
      reported = next.end;
      const more = await source.onChunk?.(
        next.end,
        (builder as TableBuilder | null)?.rowCount ?? 0,
      );
      if (more === false) throw new ImportError('cancelled');
    }
  };
  try {
    for await (const next of pieces) await read(next);
    if (back) {
      const b = builder as TableBuilder | null;
      // The split was outside quotes if papaparse holds nothing back there; the back half is
      // of use only then, and while the columns are still of the kinds it was built as.
      const useful = reader.idle && b?.kinds()?.join() === launchedKinds;
      if (!useful) (backHalf as ReturnType<Split['start']> | null)?.stop();
      const half = backHalf && useful ? await (backHalf as ReturnType<Split['start']>).half : null;
      if (half && b?.absorb(half.builder, reader.pieceLine - 1)) {
        encoding.note({ nonAscii: half.nonAscii }, 0);
        const more = await source.onChunk?.(total, b.rowCount);
        if (more === false) throw new ImportError('cancelled');
      } else {
        front = false;
        for await (const next of back.rest()) await read(next);
      }
    }
  } finally {
    (backHalf as ReturnType<Split['start']> | null)?.stop();
  }
  if (builder === null) throw new ImportError('empty');
  const decoded = encoding.finish(source.encoding);
  return finishImport(builder, {
    ...source,
    encoding: decoded.encoding,
    delimiter,
    headerLine,
    warnings: [...decoded.warnings, ...reader.warnings],
  });
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
  const builder = new TableBuilder(
    records[headerIndex],
    Math.min(MAX_CAPACITY_HINT, records.length),
  );
  for (let k = headerIndex + 1; k < records.length; k++) builder.push(records[k], k + 1);
  return finishImport(builder, { ...source, headerLine: headerIndex + 1, warnings: [] });
}

export function finishImport(
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
      warnings: keptWarnings([...meta.warnings, ...report.warnings]),
    },
  };
}

/**
 * Warnings within what a saved report may hold: at most MAX_REPORT_WARNINGS (the last one
 * saying how many more there were), every text parameter at most MAX_PARAM_LENGTH long.
 */
function keptWarnings(all: ImportReport['warnings']): ImportReport['warnings'] {
  const kept =
    all.length <= MAX_REPORT_WARNINGS
      ? all
      : [
          ...all.slice(0, MAX_REPORT_WARNINGS - 1),
          {
            key: 'import.warn.moreWarnings',
            params: { count: all.length - (MAX_REPORT_WARNINGS - 1) },
          },
        ];
  return kept.map((w) => {
    if (!w.params) return w;
    let long = false;
    for (const v of Object.values(w.params)) {
      if (typeof v === 'string' && v.length > MAX_PARAM_LENGTH) long = true;
    }
    if (!long) return w;
    const params: Record<string, string | number> = Object.create(null);
    for (const [k, v] of Object.entries(w.params)) {
      params[k] = typeof v === 'string' ? cutText(v, MAX_PARAM_LENGTH) : v;
    }
    return { key: w.key, params };
  });
}
