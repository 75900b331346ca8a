/**
 * Bytes to text and back for links and files: base64 (standard or URL-safe, strict on the way
 * in), deflate through the browser's own CompressionStream, inflating with a hard cap so a
 * tiny hostile input cannot expand into gigabytes, and the CRC-32 that links, files and the view
 * hash carry so a changed character is refused instead of read as different numbers.
 */

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = STD.slice(0, 62) + '-_';

/**
 * Base64 of `bytes`; URL-safe and unpadded when `url` is true.
 *
 * @example
 * toBase64(Uint8Array.of(251, 255), true) // '-_8'
 */
export function toBase64(bytes: Uint8Array, url = false): string {
  const abc = url ? URL_SAFE : STD;
  const out: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    chunk += abc[(n >> 18) & 63] + abc[(n >> 12) & 63];
    chunk += left > 1 ? abc[(n >> 6) & 63] : url ? '' : '=';
    chunk += left > 2 ? abc[n & 63] : url ? '' : '=';
    // keep each string short: one huge concatenation is slow in some engines
    if (chunk.length >= 65_536) {
      out.push(chunk);
      chunk = '';
    }
  }
  out.push(chunk);
  return out.join('');
}

/** Which base64 alphabet a text may use: links are URL-safe only, files standard only. */
export type Alphabet = 'url' | 'std' | 'either';

/** Each character's six bits by char code, -1 where the alphabet has no such character. */
function sextets(alphabet: Alphabet): Int8Array {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 62; i++) t[STD.charCodeAt(i)] = i;
  if (alphabet !== 'url') [t[43], t[47]] = [62, 63];
  if (alphabet !== 'std') [t[45], t[95]] = [62, 63];
  return t;
}
const SEXTETS: Record<Alphabet, Int8Array> = {
  url: sextets('url'),
  std: sextets('std'),
  either: sextets('either'),
};

/**
 * Work that can stop between pieces: each `yield` is a point where a caller on the main thread
 * may let the page paint and answer (see `sliced`); `finish` runs it in one go.
 */
type Steps<T> = Generator<void, T, void>;

/** Characters (a multiple of 4) decoded or encoded between two yields. */
const STEP = 1 << 20;

function* base64Steps(text: string, alphabet: Alphabet): Steps<Uint8Array<ArrayBuffer> | null> {
  const s = alphabet === 'url' ? text : text.replace(/=+$/, '');
  const tail = s.length % 4;
  if (tail === 1) return null;
  const t = SEXTETS[alphabet];
  const out = new Uint8Array(((s.length - tail) / 4) * 3 + (tail ? tail - 1 : 0));
  const whole = s.length - tail;
  let j = 0;
  for (let from = 0; from < whole; from += STEP) {
    if (from > 0) yield;
    const to = Math.min(whole, from + STEP);
    for (let i = from; i < to; i += 4) {
      const c0 = s.charCodeAt(i);
      const c1 = s.charCodeAt(i + 1);
      const c2 = s.charCodeAt(i + 2);
      const c3 = s.charCodeAt(i + 3);
      if ((c0 | c1 | c2 | c3) > 127) return null;
      const a = t[c0];
      const b = t[c1];
      const c = t[c2];
      const d = t[c3];
      if ((a | b | c | d) < 0) return null;
      const n = (a << 18) | (b << 12) | (c << 6) | d;
      out[j++] = n >> 16;
      out[j++] = (n >> 8) & 0xff;
      out[j++] = n & 0xff;
    }
  }
  if (tail) {
    const c0 = s.charCodeAt(whole);
    const c1 = s.charCodeAt(whole + 1);
    const c2 = tail === 3 ? s.charCodeAt(whole + 2) : 65; // 'A': no bits
    if ((c0 | c1 | c2) > 127) return null;
    const a = t[c0];
    const b = t[c1];
    const c = t[c2];
    if ((a | b | c) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6);
    // the bits past the last byte must be zero, as every encoder writes them
    if ((tail === 2 ? n & 0xffff : n & 0xff) !== 0) return null;
    out[j] = n >> 16;
    if (tail === 3) out[j + 1] = (n >> 8) & 0xff;
  }
  return out;
}

/** Run steps in one go. */
function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * A pause to call between pieces of long work on the main thread: it lets the page paint and
 * answer (a new task) once the current task has run for `ms`, and costs nothing before that.
 *
 * @example
 * const pause = pacer();
 * for (const column of columns) { check(column); await pause(); }
 */
export function pacer(ms = 30): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < ms) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    since = performance.now();
  };
}

/** Run steps, pausing between pieces, so that a large file never holds the page for long. */
async function sliced<T>(steps: Steps<T>, pause = pacer()): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await pause();
  }
}

/**
 * Bytes of a base64 text, or null when any character is outside `alphabet`, the length is
 * impossible or the last character carries bits no encoder writes (so that each byte sequence
 * has exactly one text: a changed character can never read as the same bytes). Padding is
 * optional, and refused in the URL-safe alphabet.
 *
 * @example
 * fromBase64('-_8') // Uint8Array [251, 255]
 * fromBase64('-_9') // null (its last two bits are not zero)
 * fromBase64('a b') // null
 */
export function fromBase64(
  text: string,
  alphabet: Alphabet = 'either',
): Uint8Array<ArrayBuffer> | null {
  return finish(base64Steps(text, alphabet));
}

/** `fromBase64`, pausing between megabytes of text (see `pacer`). */
export function fromBase64Sliced(
  text: string,
  alphabet: Alphabet = 'either',
  pause = pacer(),
): Promise<Uint8Array<ArrayBuffer> | null> {
  return sliced(base64Steps(text, alphabet), pause);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/**
 * CRC-32 (the zip and PNG one) of `bytes`, continuing from `crc` when the bytes come in parts.
 * It detects every change of up to 32 consecutive bits, so every one-character change of a
 * base64 or JSON text.
 *
 * @example
 * crc32(new TextEncoder().encode('123456789')) // 0xcbf43926
 */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

function* crcSteps(text: string, start: number, end: number): Steps<number> {
  const encoder = new TextEncoder();
  // a piece of UTF-16 units is at most three times as many UTF-8 bytes
  const buffer = new Uint8Array(Math.min(STEP, end - start) * 3);
  let crc = 0;
  for (let at = start; at < end;) {
    if (at > start) yield;
    let stop = Math.min(end, at + STEP);
    // never split a surrogate pair: each half alone would encode as U+FFFD
    const last = text.charCodeAt(stop - 1);
    if (stop < end && last >= 0xd800 && last <= 0xdbff) stop--;
    const { written } = encoder.encodeInto(text.slice(at, stop), buffer);
    crc = crc32(buffer.subarray(0, written), crc);
    at = stop;
  }
  return crc;
}

/**
 * CRC-32 of the UTF-8 bytes of `text` from `start` to `end`, encoded a piece at a time (a file
 * of hundreds of MB is never copied whole into bytes).
 *
 * @example
 * crc32Text('123456789') // 0xcbf43926
 */
export function crc32Text(text: string, start = 0, end = text.length): number {
  return finish(crcSteps(text, start, end));
}

/** `crc32Text`, pausing between megabytes of text (see `pacer`). */
export function crc32TextSliced(
  text: string,
  start = 0,
  end = text.length,
  pause = pacer(),
): Promise<number> {
  return sliced(crcSteps(text, start, end), pause);
}

/** A CRC as eight hex digits, the way files write it. */
export const crcHex = (crc: number): string => crc.toString(16).padStart(8, '0');

async function collect(
  stream: ReadableStream<Uint8Array>,
  cap: number,
): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function through(
  bytes: Uint8Array,
  transform: CompressionStream | DecompressionStream,
): ReadableStream<Uint8Array> {
  const writer = transform.writable.getWriter();
  // errors surface on the readable side; swallow them here so they are not reported twice
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  return transform.readable as ReadableStream<Uint8Array>;
}

/** Raw deflate (no zlib header: two bytes fewer in every link). */
export async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return (await collect(
    through(bytes, new CompressionStream('deflate-raw')),
    Infinity,
  )) as Uint8Array;
}

/** Inflate, giving up (null) as soon as the output passes `cap` bytes. Throws on damaged input. */
export async function inflate(bytes: Uint8Array, cap: number): Promise<Uint8Array | null> {
  return collect(through(bytes, new DecompressionStream('deflate-raw')), cap);
}
