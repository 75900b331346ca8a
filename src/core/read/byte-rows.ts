/**
 * The fast path's first half: one piece of a UTF-8 file → where its rows and cells are, as byte
 * offsets, without making a string. It only takes pieces it can read exactly as papaparse would
 * (after LineEnds): no quote anywhere, LF or CRLF line breaks, no blank line, valid UTF-8. Any
 * other piece is refused whole, before a row of it is used, and goes through papaparse.
 *
 * Cells are cut at an ASCII delimiter and line breaks, so each cell's bytes are valid UTF-8 on
 * their own (they decode alone to exactly the text papaparse would have cut from the piece).
 */

import { dayNumber } from './dates';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Where the cells of a scanned piece are; arrays are reused from piece to piece. */
export class ByteRows {
  bytes: Uint8Array = new Uint8Array(0);
  rows = 0;
  /** Cells in all rows. */
  cells = 0;
  /** Byte after the end of each cell (cells of all rows in order). */
  cellEnds: Int32Array = new Int32Array(1024);
  /** Per row: byte where it starts, and the index after its last cell in `cellEnds`. */
  rowStarts: Int32Array = new Int32Array(256);
  rowCells: Int32Array = new Int32Array(256);
  /** Line breaks in the piece (a last row without one is a row all the same). */
  breaks = 0;
  /** A byte beyond ASCII was seen (for the import report's encoding note). */
  nonAscii = false;

  /** Cells of row `r`: indexes `[first, end)` into `cellEnds`. */
  firstCell(r: number): number {
    return r === 0 ? 0 : this.rowCells[r - 1];
  }

  /** Start byte of cell `k`, which belongs to row `r`. */
  cellStart(r: number, k: number): number {
    return k === this.firstCell(r) ? this.rowStarts[r] : this.cellEnds[k - 1] + 1;
  }
}

function grown(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const next = new Int32Array(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

/**
 * Scan `bytes` (a whole piece: it ends just after a line break unless `last`) into `out`; false
 * when the piece is not one the fast path may take.
 *
 * @example
 * const rows = new ByteRows();
 * scanRows(new TextEncoder().encode('a,1\r\n北京,2\n'), 0x2c, true, rows) // true
 * rows.rows // 2 (cells end at bytes 1, 3, 11, 13)
 * scanRows(new TextEncoder().encode('"a",1\n'), 0x2c, true, rows) // false (a quote)
 */
export function scanRows(
  bytes: Uint8Array,
  delimiter: number,
  last: boolean,
  out: ByteRows,
): boolean {
  const n = bytes.length;
  // At most one cell per byte plus one, one row per two bytes plus one: sized once per piece.
  out.cellEnds = grown(out.cellEnds, n + 1);
  out.rowStarts = grown(out.rowStarts, (n >> 1) + 2);
  out.rowCells = grown(out.rowCells, (n >> 1) + 2);
  const rowStart = scanLines(bytes, delimiter, out);
  if (rowStart < 0) return false;
  if (rowStart < n) {
    // Every piece but the last ends with a line break.
    if (!last) return false;
    out.cellEnds[out.cells] = n;
    out.rowStarts[out.rows] = rowStart;
    out.rowCells[out.rows++] = ++out.cells;
  }
  out.bytes = bytes;
  return true;
}

/**
 * The loop of `scanRows` over the piece's line breaks, on its own so that the engine's
 * optimised loop never exits into code it has not seen run (which cost a deoptimisation per
 * piece). Returns where the unfinished last row starts, or -1 to refuse the piece.
 */
function scanLines(bytes: Uint8Array, delimiter: number, out: ByteRows): number {
  const n = bytes.length;
  const ends = out.cellEnds;
  const starts = out.rowStarts;
  const rowCells = out.rowCells;
  let cells = 0;
  let rows = 0;
  let rowStart = 0;
  let nonAscii = false;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === delimiter) {
      ends[cells++] = i;
      continue;
    }
    // Printable ASCII other than the quote: the common byte.
    if (b > QUOTE && b < 0x80) continue;
    if (b === LF || b === CR) {
      // A lone CR (old Mac, or a CRLF cut by the piece's end) is left to LineEnds.
      if (b === CR && (i + 1 >= n || bytes[i + 1] !== LF)) return -1;
      // A blank line: papaparse's reader holds those back until it knows what follows.
      if (i === rowStart) return -1;
      ends[cells++] = i;
      starts[rows] = rowStart;
      rowCells[rows++] = cells;
      if (b === CR) i++;
      rowStart = i + 1;
      continue;
    }
    if (b === QUOTE) return -1;
    if (b < 0x80) continue;
    const len = utf8Length(bytes, i, n);
    if (len === 0) return -1;
    nonAscii = true;
    i += len - 1;
  }
  out.cells = cells;
  out.rows = rows;
  out.breaks = rows;
  out.nonAscii = nonAscii;
  return rowStart;
}

/**
 * Length of the UTF-8 character starting at `i` (a byte ≥ 0x80), or 0 when it is not one the
 * WHATWG decoder accepts in fatal mode (no overlong forms, surrogates or values past U+10FFFF).
 */
function utf8Length(bytes: Uint8Array, i: number, n: number): number {
  const b = bytes[i];
  let len: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) len = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    len = 3;
    if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    len = 4;
    if (b === 0xf0) lo = 0x90;
    else if (b === 0xf4) hi = 0x8f;
  } else return 0;
  if (i + len > n) return 0;
  const second = bytes[i + 1];
  if (second < lo || second > hi) return 0;
  for (let k = 2; k < len; k++) {
    const c = bytes[i + k];
    if (c < 0x80 || c > 0xbf) return 0;
  }
  return len;
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The text of bytes `[start, end)`: ASCII made directly, the rest by the decoder (a U+FEFF at
 * the start is text, as in the piece it was cut from).
 */
export function cellText(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 16) {
    let ascii = true;
    for (let i = start; i < end; i++) if (bytes[i] >= 0x80) ascii = false;
    if (ascii)
      return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  }
  return decoder.decode(bytes.subarray(start, end));
}

/** Powers of ten a double holds exactly (10^0 … 10^22). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * `parsePlainNumber` over bytes: ASCII `-?digits(.digits)?`, at most 15 bytes; NaN otherwise.
 * Decimals are the digits as a whole number divided by a power of ten: both exact in a double
 * (fewer than 16 digits, at most 10^14), so the one rounding of the division gives the same
 * double as `Number(text)`.
 *
 * @example
 * plainNumberAt(new TextEncoder().encode('x,-319.3'), 2, 8) // -319.3
 */
export function plainNumberAt(bytes: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n === 0 || n > 15) return NaN;
  let i = start;
  let neg = false;
  if (bytes[i] === 45) {
    if (n === 1) return NaN;
    neg = true;
    i++;
  }
  let int = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = bytes[i] - 48;
    if (c < 0 || c > 9) break;
    int = int * 10 + c;
    digits++;
  }
  if (i === end) return digits ? (neg ? -int : int) : NaN;
  if (bytes[i] !== 46 || digits === 0 || i === end - 1) return NaN;
  const dot = i;
  for (i = dot + 1; i < end; i++) {
    const c = bytes[i] - 48;
    if (c < 0 || c > 9) return NaN;
    int = int * 10 + c;
  }
  const v = int / POW10[end - dot - 1];
  return neg ? -v : v;
}

/**
 * Day number of `YYYY-MM-DD` at `[start, end)`, as `parseDate`'s own fast path reads it; NaN for
 * anything else (the caller then asks parseDate).
 */
export function isoDayAt(bytes: Uint8Array, start: number, end: number): number {
  if (end - start !== 10 || bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return NaN;
  const y = digitsAt(bytes, start, 4);
  const m = digitsAt(bytes, start + 5, 2);
  const d = digitsAt(bytes, start + 8, 2);
  return y === y && m === m && d === d ? dayNumber(y, m, d) : NaN;
}

function digitsAt(bytes: Uint8Array, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const c = bytes[i] - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/**
 * 32-bit FNV-1a hash of bytes `[start, end)`, for the text columns' dictionaries by bytes.
 */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}
