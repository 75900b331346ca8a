/**
 * The zip container of a workbook, read without trusting it. The central directory says which
 * parts exist and how large each claims to be, so a zip bomb is refused before a byte is
 * inflated; parts are then inflated a slice at a time (the browser's own DecompressionStream)
 * against a budget that counts the bytes actually produced, so a zip that lies about its sizes
 * is stopped as soon as it passes the budget, and nothing ever holds a whole part in memory.
 */
import { ImportError } from '../core/read/import-error';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused when read. */
  method: number;
  compressedSize: number;
  /** The uncompressed size the archive declares (it may lie: see InflateBudget). */
  size: number;
  localOffset: number;
  encrypted: boolean;
}

const END = 0x06054b50;
const END64 = 0x06064b50;
const END64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;
/** Compressed bytes handed to the inflater at a time: at deflate's best ratio (1,032 : 1) one
 * slice makes at most 16 MB before the budget sees it. */
const SLICE = 1 << 14;

const damaged = (what: string) =>
  new ImportError('xlsxUnreadable', { reason: `damaged zip (${what})` });

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A 64-bit little-endian size as a number (exact up to 2^53, far beyond any budget). */
function u64(v: DataView, at: number): number {
  return v.getUint32(at, true) + v.getUint32(at + 4, true) * 2 ** 32;
}

/** Where the central directory starts and how many entries it lists. */
function findDirectory(bytes: Uint8Array): { offset: number; count: number } {
  const v = view(bytes);
  // The end record is the last 22 bytes, or sits before a comment of up to 65,535 bytes.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (v.getUint32(at, true) === END) {
      end = at;
      break;
    }
  }
  if (end < 0) throw damaged('no end of central directory');
  let count = v.getUint16(end + 10, true);
  let offset = v.getUint32(end + 16, true);
  if ((count === 0xffff || offset === MAX32) && end >= 20) {
    const locator = end - 20;
    if (v.getUint32(locator, true) === END64_LOCATOR) {
      const at = u64(v, locator + 8);
      if (at + 56 > bytes.length || v.getUint32(at, true) !== END64) throw damaged('zip64 end');
      count = u64(v, at + 32);
      offset = u64(v, at + 48);
    }
  }
  return { offset, count };
}

/**
 * The parts of a zip archive by name, from its central directory; sizes beyond 32 bits come
 * from the zip64 extra field. Throws an `xlsxUnreadable` ImportError when it is no zip.
 *
 * @example
 * zipEntries(xlsxBytes).get('xl/workbook.xml') // { name, method: 8, compressedSize, size, … }
 */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const v = view(bytes);
  const { offset, count } = findDirectory(bytes);
  const names = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  let at = offset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || v.getUint32(at, true) !== CENTRAL) throw damaged('directory');
    const flags = v.getUint16(at + 8, true);
    const nameLength = v.getUint16(at + 28, true);
    const extraLength = v.getUint16(at + 30, true);
    const commentLength = v.getUint16(at + 32, true);
    const nameAt = at + 46;
    if (nameAt + nameLength + extraLength > bytes.length) throw damaged('directory');
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(nameAt, nameAt + nameLength)),
      method: v.getUint16(at + 10, true),
      compressedSize: v.getUint32(at + 20, true),
      size: v.getUint32(at + 24, true),
      localOffset: v.getUint32(at + 42, true),
      encrypted: (flags & 1) !== 0,
    };
    readZip64(v, nameAt + nameLength, extraLength, entry);
    entries.set(entry.name, entry);
    at = nameAt + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Fill the 32-bit fields left at 0xFFFFFFFF from the zip64 extra field (id 1), in its order. */
function readZip64(v: DataView, start: number, length: number, entry: ZipEntry): void {
  for (let at = start; at + 4 <= start + length;) {
    const id = v.getUint16(at, true);
    const size = v.getUint16(at + 2, true);
    if (id === 1) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + size) throw damaged('zip64 field');
        const n = u64(v, field);
        field += 8;
        return n;
      };
      if (entry.size === MAX32) entry.size = next();
      if (entry.compressedSize === MAX32) entry.compressedSize = next();
      if (entry.localOffset === MAX32) entry.localOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/** The compressed bytes of an entry, found through its local header. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const v = view(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || v.getUint32(at, true) !== LOCAL) throw damaged(entry.name);
  const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw damaged(entry.name);
  return bytes.subarray(start, end);
}

/**
 * How many bytes inflating may produce in all, counted as they are produced.
 *
 * @example
 * const budget = new InflateBudget(1 << 20);
 * budget.declare([{ name: 'xl/worksheets/sheet1.xml', size: 3 * 2 ** 30, … }]) // throws xlsxTooLarge
 */
export class InflateBudget {
  #used = 0;
  constructor(readonly limit: number) {}

  get used(): number {
    return this.#used;
  }

  /** Refuse, before inflating anything, parts whose declared sizes add up past the limit. */
  declare(entries: readonly ZipEntry[]): void {
    const total = entries.reduce((sum, e) => sum + e.size, 0);
    if (total > this.limit)
      throw new ImportError('xlsxTooLarge', { size: total, limit: this.limit });
  }

  /** Count `n` more inflated bytes; refuse once past the limit, whatever the headers said. */
  take(n: number): void {
    this.#used += n;
    if (this.#used > this.limit) {
      throw new ImportError('xlsxTooLarge', { size: this.#used, limit: this.limit });
    }
  }
}

/**
 * The inflated bytes of one part, a piece at a time, each counted against `budget` before it is
 * handed on. `onInput` hears how many compressed bytes have gone in (for progress).
 *
 * @example
 * for await (const piece of inflateEntry(bytes, entries.get('xl/sharedStrings.xml')!, budget))
 *   decoder.decode(piece, { stream: true });
 */
export async function* inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
  onInput: (compressedBytes: number) => void = () => {},
): AsyncGenerator<Uint8Array> {
  if (entry.encrypted) throw new ImportError('xlsxUnreadable', { reason: 'encrypted part' });
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += 1 << 20) {
      const piece = data.subarray(at, at + (1 << 20));
      budget.take(piece.length);
      onInput(at + piece.length);
      yield piece;
    }
    return;
  }
  if (entry.method !== 8) {
    throw new ImportError('xlsxUnreadable', { reason: `compression method ${entry.method}` });
  }
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // Feed one slice at a time: the inflater works only as far as the reader below has read.
  const feeding = (async () => {
    for (let at = 0; at < data.length; at += SLICE) {
      await writer.ready;
      await writer.write(data.subarray(at, at + SLICE) as Uint8Array<ArrayBuffer>);
      onInput(Math.min(data.length, at + SLICE));
    }
    await writer.close();
  })();
  // A failure to feed shows up as the reader's error; this one only must not go unhandled.
  feeding.catch(() => {});
  let finished = false;
  try {
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch {
        throw damaged(entry.name);
      }
      if (step.done) break;
      budget.take(step.value.length);
      yield step.value;
    }
    finished = true;
  } finally {
    if (!finished) {
      reader.cancel().catch(() => {});
      writer.abort().catch(() => {});
    }
  }
}

/**
 * The text of one part, a piece at a time, decoded as it inflates (UTF-8, or UTF-16 when the
 * part starts with its byte-order mark).
 */
export async function* entryText(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
  onInput?: (compressedBytes: number) => void,
): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  for await (const piece of inflateEntry(bytes, entry, budget, onInput)) {
    decoder ??= new TextDecoder(
      piece[0] === 0xff && piece[1] === 0xfe
        ? 'utf-16le'
        : piece[0] === 0xfe && piece[1] === 0xff
          ? 'utf-16be'
          : 'utf-8',
    );
    const text = decoder.decode(piece, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder?.decode() ?? '';
  if (rest !== '') yield rest;
}
