/**
 * Bytes to text and back for links and files: base64 (standard or URL-safe, strict on the way
 * in), and deflate through the browser's own CompressionStream, inflating with a hard cap so a
 * tiny hostile input cannot expand into gigabytes.
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

/**
 * Bytes of a base64 text (either alphabet, padding optional); null when any other character
 * appears or the length is impossible.
 *
 * @example
 * fromBase64('-_8') // Uint8Array [251, 255]
 * fromBase64('a b') // null
 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  const s = text.replace(/=+$/, '');
  if (s.length % 4 === 1) return null;
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
            : c === 43 || c === 45
              ? 62
              : c === 47 || c === 95
                ? 63
                : -1;
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

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
