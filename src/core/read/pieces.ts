/**
 * Text in pieces for the parser. A file is decoded a piece at a time, each piece cut just after
 * a line break (LF, or CR for old Mac exports), so the whole file never becomes one string (V8
 * caps strings near 512 M characters, and a 100 MB export would be a 200 MB UTF-16 string) and
 * the parser seldom has to glue a partial line onto the next piece. Pasted text is cut the same
 * way, as zero-copy slices.
 *
 * A UTF-8 piece that does not decode is decoded again on its own, not the whole file (see
 * mixed-encoding.ts): a GBK file whose first Chinese is far down reads those lines as GB18030,
 * and one damaged byte in a UTF-8 file costs one character, not every Chinese header. The
 * piece says what happened (`fallback`) so the import report can tell the user where.
 */
import { decodeUtf8Piece, type Fallback } from './mixed-encoding';

export interface Piece {
  text: string;
  /** Position after this piece in the source (bytes for a file, characters for text). */
  end: number;
  last: boolean;
  /** Set when the piece was not valid in the encoding it was read with. */
  fallback?: Fallback;
  /** A line of the piece read as UTF-8 holds a character beyond ASCII (UTF-8 files only). */
  nonAscii?: boolean;
}

/** Pieces of about 256 K: their rows die young, so garbage collection stays cheap. */
export const PIECE = 1 << 18;

/** The index just after the line break at or after `from` in `text`; -1 when none. */
function textBreakAfter(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  const at = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
  if (at === -1) return -1;
  // Keep CRLF in one piece where it can be seen whole.
  return text[at] === '\r' && text[at + 1] === '\n' ? at + 2 : at + 1;
}

/**
 * Slices of `text`, each ending just after a line break (the last one at the end).
 *
 * @example
 * [...textPieces('a\nb\nc', 2)].map((p) => p.text) // ['a\nb\n', 'c']
 * [...textPieces('a\rb\rc', 2)].map((p) => p.text) // ['a\rb\r', 'c']
 */
export function* textPieces(text: string, size = PIECE): Generator<Piece> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const next = textBreakAfter(text, end);
      end = next === -1 ? text.length : next;
    }
    yield { text: text.slice(start, end), end, last: end === text.length };
    start = end;
  }
}

/**
 * True when byte `i` is a line feed or carriage return of `encoding` (`origin`: where the text
 * starts, for UTF-16's alignment). 0A and 0D never occur inside a UTF-8 or GB18030 character;
 * UTF-16LE writes them as 0A 00 at an even offset, UTF-16BE as 00 0A with 0A at an odd one.
 */
function isBreak(bytes: Uint8Array, i: number, origin: number, encoding: string): boolean {
  const b = bytes[i];
  if (b !== 0x0a && b !== 0x0d) return false;
  const offset = i - origin;
  if (encoding === 'utf-16le') return offset % 2 === 0 && bytes[i + 1] === 0;
  if (encoding === 'utf-16be') return offset % 2 === 1 && bytes[i - 1] === 0;
  return true;
}

/** Bytes of one line-break character in `encoding`, from the byte isBreak found to its end. */
function breakEnd(bytes: Uint8Array, i: number, origin: number, encoding: string): number {
  const unit = encoding === 'utf-16le' ? 2 : 1;
  let end = i + unit;
  // CR followed by LF: cut after both.
  const lf = encoding === 'utf-16le' ? end : encoding === 'utf-16be' ? i + 2 : end;
  if (
    bytes[i] === 0x0d &&
    lf < bytes.length &&
    bytes[lf] === 0x0a &&
    isBreak(bytes, lf, origin, encoding)
  ) {
    end = lf + unit;
  }
  return end;
}

/** The index just after the first line break at or after `from`, in the encoding's bytes. */
function afterLineBreak(bytes: Uint8Array, from: number, origin: number, encoding: string): number {
  for (let i = from; i < bytes.length; i++) {
    if (isBreak(bytes, i, origin, encoding)) return breakEnd(bytes, i, origin, encoding);
  }
  return bytes.length;
}

/** The index just after the last line break of `bytes` (0 when it has none). */
function lastLineBreak(bytes: Uint8Array, origin: number, encoding: string): number {
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (isBreak(bytes, i, origin, encoding)) {
      // A CR that is the last byte may be the first half of a CRLF: the reader glues the LF back.
      return encoding === 'utf-16le' ? i + 2 : i + 1;
    }
  }
  return 0;
}

/** One piece's bytes as text: UTF-8 with the fallback of mixed-encoding.ts, others as they are. */
function decodePiece(
  bytes: Uint8Array,
  decoder: TextDecoder,
  fallback: boolean,
): Pick<Piece, 'text' | 'fallback' | 'nonAscii'> {
  if (!fallback || decoder.encoding !== 'utf-8') return { text: decoder.decode(bytes) };
  return decodeUtf8Piece(bytes);
}

/**
 * Decoded pieces of `bytes` from `start` (after any BOM). Every piece ends at a line break, so
 * each decodes on its own. With `fallback` (UTF-8 only), a piece that is not valid UTF-8 is
 * decoded as `decodeUtf8Piece` says and marked.
 *
 * @example
 * [...bytePieces(new TextEncoder().encode('日期\n1\n'), 0, 'utf-8', true, 4)].map((p) => p.text)
 * // ['日期\n', '1\n']
 */
export function* bytePieces(
  bytes: Uint8Array,
  start: number,
  encoding: string,
  fallback: boolean,
  size = PIECE,
): Generator<Piece> {
  // ignoreBOM: a BOM was skipped by `start`; a U+FEFF later on is text and stays.
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  let at = start;
  while (at < bytes.length) {
    const end = Math.min(
      bytes.length,
      afterLineBreak(bytes, Math.min(bytes.length, at + size), start, encoding),
    );
    const last = end === bytes.length;
    yield { ...decodePiece(bytes.subarray(at, end), decoder, fallback), end, last };
    at = end;
  }
}

/**
 * The first piece of the input (up to ~64 K characters, cut at a line break), for detecting the
 * delimiter and the header before the real pass.
 */
export function headOf(pieces: Iterable<Piece>): string {
  let head = '';
  for (const p of pieces) {
    head += p.text;
    if (head.length >= 1 << 16 || p.last) break;
  }
  return head;
}

/** A piece not yet decoded: its bytes, cut just after a line break like a Piece's text. */
export interface RawPiece {
  bytes: Uint8Array;
  end: number;
  last: boolean;
}

/** A raw piece's text, as `streamPieces` would have decoded it. */
export function decodeRaw(piece: RawPiece, decoder: TextDecoder, fallback: boolean): Piece {
  return { ...decodePiece(piece.bytes, decoder, fallback), end: piece.end, last: piece.last };
}

/**
 * Decoded pieces of a stream of bytes (a File's `stream()`), from byte `start`: the same pieces
 * as `bytePieces`, produced while the browser is still reading the file, so reading and parsing
 * overlap. The stream may hand over its bytes in chunks of any size, cut anywhere.
 */
export async function* streamPieces(
  stream: ReadableStream<Uint8Array>,
  start: number,
  encoding: string,
  fallback: boolean,
  size = PIECE,
): AsyncGenerator<Piece> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  for await (const raw of rawPieces(stream, start, encoding, size)) {
    yield decodeRaw(raw, decoder, fallback);
  }
}

/** The pieces of `streamPieces`, not decoded (the fast path reads UTF-8 bytes as they are). */
export async function* rawPieces(
  stream: ReadableStream<Uint8Array>,
  start: number,
  encoding: string,
  size = PIECE,
): AsyncGenerator<RawPiece> {
  const reader = stream.getReader();
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  let toSkip = start;
  let end = start;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (value) {
        const chunk = toSkip > 0 ? value.subarray(Math.min(toSkip, value.length)) : value;
        toSkip = Math.max(0, toSkip - value.length);
        if (chunk.length > 0) {
          held.push(chunk);
          heldBytes += chunk.length;
        }
      }
      if (heldBytes < size && !done) continue;
      let bytes = held.length === 1 ? held[0] : concat(held, heldBytes);
      // A stream may hand over much more than a piece at once (a file already in memory comes
      // whole): cut it into pieces of about `size`, so no piece is the whole file.
      let from = 0;
      while (bytes.length - from >= 2 * size) {
        const at = afterLineBreak(bytes, from + size, from, encoding);
        if (at >= bytes.length) break;
        end += at - from;
        yield { bytes: bytes.subarray(from, at), end, last: false };
        from = at;
      }
      if (from > 0) {
        bytes = bytes.subarray(from);
        heldBytes = bytes.length;
      }
      // Decode up to the last line break; keep the rest for the next piece. Pieces start at
      // `end - start` bytes into the text, which keeps UTF-16's alignment (always even).
      const cut = done ? bytes.length : lastLineBreak(bytes, 0, encoding);
      if (cut === 0 && !done) {
        held = [bytes];
        continue;
      }
      const piece = bytes.subarray(0, cut);
      end += cut;
      bytes = bytes.subarray(cut);
      held = bytes.length ? [bytes] : [];
      heldBytes = bytes.length;
      yield { bytes: piece, end, last: done };
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * The raw pieces of bytes `[from, to)` of `file` (`from` and `to` just after line breaks, or the
 * file's ends), skipping `skip` bytes (a BOM) at `from`: positions are the file's, and only the
 * file's last piece is `last`, so a range read ends as the same bytes read on would.
 */
export async function* rangePieces(
  file: Blob,
  from: number,
  to: number,
  skip: number,
  encoding: string,
  size = PIECE,
): AsyncGenerator<RawPiece> {
  for await (const raw of rawPieces(file.slice(from, to).stream(), skip, encoding, size)) {
    const end = from + raw.end;
    yield { bytes: raw.bytes, end, last: end === file.size };
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
