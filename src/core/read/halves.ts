/**
 * A large UTF-8 file read by two workers at once. The first reads the head as ever (encoding,
 * preamble, header, the column kinds planned from the first rows), then its front half up to a
 * line break near the middle; meanwhile a second worker reads the back half into columns of
 * the same kinds. The front half's builder then absorbs the back half (dictionaries merged by
 * value, lines renumbered as the file's), and the table and report are exactly those of one
 * reader going through the whole file.
 *
 * Whether the split line break is outside quotes is only known once the front half is read: it
 * is when papaparse holds nothing back there (no quoted cell open, no blank line waiting). That
 * and every other doubt (a line not UTF-8 in the back half, a stray quote, a column changing
 * kind or meeting an unreadable cell, a short row held at the split, the row limit, any error)
 * throws the back half away, and the first worker reads it itself, as it would have anyway.
 */
import { TableBuilder, type BuilderHalf, type BuiltKind } from './build';
import { ByteRows, scanRows } from './byte-rows';
import { decodeRaw, rangePieces, type Piece, type RawPiece } from './pieces';
import { RecordReader } from './records';

/** Files from this size up are read in two halves (when a second worker is there). */
export const SPLIT_FROM = 8 << 20;

/** What the second worker is asked to read. */
export interface BackHalfRequest {
  file: Blob;
  /** Byte where the back half starts: just after a line feed. */
  start: number;
  delimiter: string;
  /** The header's cells, and the kinds the front half's columns are built as. */
  header: string[];
  kinds: BuiltKind[];
  /** Rows expected in the back half (sizes its columns up front). */
  expectedRows: number;
  pieceBytes?: number;
}

/** The back half as read, every line counted from its first (1). */
export interface BackHalf {
  builder: BuilderHalf;
  /** A line held a character beyond ASCII (for the import report's encoding). */
  nonAscii: boolean;
}

/** Starts reading a back half elsewhere; `stop` gives it up (it then resolves null). */
export type StartBackHalf = (request: BackHalfRequest) => {
  half: Promise<BackHalf | null>;
  stop(): void;
};

/** How an import may split a large file: from what size, and who reads the back half. */
export interface Split {
  from: number;
  start: StartBackHalf;
  /** Share of the text the front half takes (a half unless tuned). */
  share?: number;
}

/**
 * Where to split a UTF-8 file whose text starts at byte `start`: just after the first line feed
 * past `share` of it; 0 when there is none in the next 64 KB (one huge line) or it is the end.
 */
export async function splitPoint(file: Blob, start: number, share = 0.5): Promise<number> {
  const middle = start + Math.floor((file.size - start) * share);
  const window = new Uint8Array(await file.slice(middle, middle + (1 << 16)).arrayBuffer());
  const lf = window.indexOf(0x0a);
  const at = lf < 0 ? 0 : middle + lf + 1;
  return at < file.size ? at : 0;
}

/**
 * Feeds raw pieces of a UTF-8 file to a record reader and a builder: a piece the fast path may
 * take (byte-rows.ts) goes straight into the builder from its bytes, any other is decoded and
 * read by papaparse. Shared by the whole-file import and the back half's reader.
 */
export class PieceFeeder {
  readonly #scanned = new ByteRows();
  readonly #delimiter: number;

  constructor(
    readonly reader: RecordReader,
    delimiter: string,
    readonly decoder: TextDecoder,
    readonly utf8: boolean,
    readonly fast: boolean,
  ) {
    this.#delimiter = delimiter.charCodeAt(0);
  }

  /**
   * Read one piece. Returns the rows taken from bytes (records the reader did not hand on), and
   * what the piece says about its encoding with the line it starts on.
   */
  feed(
    piece: RawPiece,
    builder: TableBuilder | null,
  ): { fastRows: number; notes: Pick<Piece, 'nonAscii' | 'fallback'>; line: number } {
    const reader = this.reader;
    const line = reader.pieceLine;
    const scanned = this.#scanned;
    if (
      this.fast &&
      builder !== null &&
      reader.idle &&
      scanRows(piece.bytes, this.#delimiter, piece.last, scanned)
    ) {
      builder.pushRows(scanned, line);
      reader.skip(scanned.rows, scanned.breaks);
      return { fastRows: scanned.rows, notes: { nonAscii: scanned.nonAscii }, line: 0 };
    }
    const decoded = decodeRaw(piece, this.decoder, this.utf8);
    reader.read(decoded.text, decoded.last);
    return { fastRows: 0, notes: decoded, line };
  }
}

/**
 * Read the back half of a file as `request` says (in the second worker); null when it cannot be
 * absorbed as read (see the top of this file).
 */
export async function readBackHalf(request: BackHalfRequest): Promise<BackHalf | null> {
  try {
    const builder = TableBuilder.forBackHalf(request.header, request.kinds, request.expectedRows);
    const reader = new RecordReader(request.delimiter, (cells, line) => builder.push(cells, line));
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const feeder = new PieceFeeder(reader, request.delimiter, decoder, true, true);
    const { file, start, pieceBytes } = request;
    let nonAscii = false;
    for await (const piece of rangePieces(file, start, file.size, 0, 'utf-8', pieceBytes)) {
      const { notes } = feeder.feed(piece, builder);
      if (notes.fallback) return null;
      if (notes.nonAscii) nonAscii = true;
    }
    if (reader.warnings.length > 0) return null;
    const half = builder.half();
    return half && { builder: half, nonAscii };
  } catch {
    // A broken back half (an unclosed quote, too many rows): the first worker reads it again
    // and its message names the file's line.
    return null;
  }
}
