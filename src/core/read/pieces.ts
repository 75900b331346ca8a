/**
 * Text in pieces for the parser. A file is decoded a piece at a time, each piece cut just after
 * a line break, so the whole file never becomes one string (V8 caps strings near 512 M
 * characters, and a 100 MB export would be a 200 MB UTF-16 string) and the parser seldom has to
 * glue a partial line onto the next piece. Pasted text is cut the same way, as zero-copy slices.
 */

export interface Piece {
  text: string;
  /** Position after this piece in the source (bytes for a file, characters for text). */
  end: number;
  last: boolean;
}

/** Pieces of about 256 K: their rows die young, so garbage collection stays cheap. */
export const PIECE = 1 << 18;

/**
 * Slices of `text`, each ending just after a line break (the last one at the end).
 *
 * @example
 * [...textPieces('a\nb\nc', 2)].map((p) => p.text) // ['a\nb\n', 'c']
 */
export function* textPieces(text: string, size = PIECE): Generator<Piece> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const nl = text.indexOf('\n', end);
      end = nl === -1 ? text.length : nl + 1;
    }
    yield { text: text.slice(start, end), end, last: end === text.length };
    start = end;
  }
}

/** The index just after the first line break at or after `from`, in the encoding's bytes. */
function afterLineBreak(bytes: Uint8Array, from: number, origin: number, encoding: string): number {
  for (let i = bytes.indexOf(0x0a, from); i !== -1; i = bytes.indexOf(0x0a, i + 1)) {
    const offset = i - origin;
    // UTF-16LE writes \n as 0A 00 (at an even offset), UTF-16BE as 00 0A (0A at an odd one).
    if (encoding === 'utf-16le') {
      if (offset % 2 === 0 && bytes[i + 1] === 0) return i + 2;
    } else if (encoding === 'utf-16be') {
      if (offset % 2 === 1 && bytes[i - 1] === 0) return i + 1;
    } else return i + 1; // 0A never occurs inside a UTF-8 or GB18030 character
  }
  return bytes.length;
}

/**
 * Decoded pieces of `bytes` from `start` (after any BOM). With `fatal`, a byte that is not valid
 * in the encoding throws a TypeError, which is how UTF-8 is told from GB18030.
 *
 * @example
 * [...bytePieces(new TextEncoder().encode('日期\n1\n'), 0, 'utf-8', true, 4)].map((p) => p.text)
 * // ['日期\n', '1\n']
 */
export function* bytePieces(
  bytes: Uint8Array,
  start: number,
  encoding: string,
  fatal: boolean,
  size = PIECE,
): Generator<Piece> {
  const decoder = new TextDecoder(encoding, { fatal });
  let at = start;
  while (at < bytes.length) {
    const end = Math.min(
      bytes.length,
      afterLineBreak(bytes, Math.min(bytes.length, at + size), start, encoding),
    );
    const last = end === bytes.length;
    yield { text: decoder.decode(bytes.subarray(at, end), { stream: !last }), end, last };
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

/**
 * Decoded pieces of a stream of bytes (a File's `stream()`), from byte `start`: the same pieces
 * as `bytePieces`, produced while the browser is still reading the file, so reading and parsing
 * overlap.
 */
export async function* streamPieces(
  stream: ReadableStream<Uint8Array>,
  start: number,
  encoding: string,
  fatal: boolean,
  size = PIECE,
): AsyncGenerator<Piece> {
  const reader = stream.getReader();
  const decoder = new TextDecoder(encoding, { fatal });
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
      // Decode up to the last line break; keep the rest for the next piece.
      const cut = done ? bytes.length : lastLineBreak(bytes, encoding);
      if (cut === 0 && !done) {
        held = [bytes];
        continue;
      }
      const text = decoder.decode(bytes.subarray(0, cut), { stream: !done });
      end += cut;
      bytes = bytes.subarray(cut);
      held = bytes.length ? [bytes] : [];
      heldBytes = bytes.length;
      yield { text, end, last: done };
      if (done) return;
    }
  } finally {
    reader.releaseLock();
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

/** The index just after the last line break of `bytes` (0 when it has none). */
function lastLineBreak(bytes: Uint8Array, encoding: string): number {
  for (let i = bytes.lastIndexOf(0x0a); i !== -1; i = i > 0 ? bytes.lastIndexOf(0x0a, i - 1) : -1) {
    if (encoding === 'utf-16le') {
      if (i % 2 === 0 && bytes[i + 1] === 0) return i + 2;
    } else if (encoding === 'utf-16be') {
      if (i % 2 === 1 && bytes[i - 1] === 0) return i + 1;
    } else return i + 1;
  }
  return 0;
}
