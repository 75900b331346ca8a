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
  const s = alphabet === 'url' ? text : text.replace(/=+$/, '');
  if (s.length % 4 === 1) return null;
  const std = alphabet !== 'url';
  const url = alphabet !== 'std';
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v =
      c >= 65 && c <= 90
        ? c - 65
        : c >= 97 && c <= 122
          ? c - 71
          : c >= 48 && c <= 57
            ? c + 4
            : (c === 43 && std) || (c === 45 && url)
              ? 62
              : (c === 47 && std) || (c === 95 && url)
                ? 63
                : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
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

/** Characters encoded per step: a file of hundreds of MB is never copied whole into bytes. */
const TEXT_STEP = 1 << 20;

/**
 * CRC-32 of the UTF-8 bytes of `text` from `start` to `end`, encoded a piece at a time.
 *
 * @example
 * crc32Text('123456789') // 0xcbf43926
 */
export function crc32Text(text: string, start = 0, end = text.length): number {
  const encoder = new TextEncoder();
  let crc = 0;
  for (let at = start; at < end;) {
    let stop = Math.min(end, at + TEXT_STEP);
    // never split a surrogate pair: each half alone would encode as U+FFFD
    const last = text.charCodeAt(stop - 1);
    if (stop < end && last >= 0xd800 && last <= 0xdbff) stop--;
    crc = crc32(encoder.encode(text.slice(at, stop)), crc);
    at = stop;
  }
  return crc;
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
