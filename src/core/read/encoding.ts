/**
 * Bytes → text. Exports arrive as UTF-8 (with or without BOM), UTF-16 with a BOM ("Unicode
 * text" from Excel, Google Ads downloads) or GBK/GB18030 (Excel and Baidu on Chinese Windows).
 * Binary files that are not text at all are recognised by their signature first, so the user
 * hears "this is a PNG image" rather than "no columns found".
 */

import { decodeUtf8Piece, tally } from './mixed-encoding';

/** A file format recognised from its first bytes. */
export type Signature = 'zip' | 'png' | 'jpeg' | 'gif' | 'pdf' | 'xls' | 'gzip' | 'binary';

const SIGNATURES: [Signature, number[]][] = [
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['zip', [0x50, 0x4b, 0x05, 0x06]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['pdf', [0x25, 0x50, 0x44, 0x46]],
  ['xls', [0xd0, 0xcf, 0x11, 0xe0]],
  ['gzip', [0x1f, 0x8b]],
];

/**
 * The binary format of a file from its first bytes; null for text. An .xlsx is a zip.
 * A file with NUL bytes and no UTF-16 shape is 'binary'.
 *
 * @example
 * sniffBinary(Uint8Array.of(0x50, 0x4b, 3, 4)) // 'zip'
 * sniffBinary(new TextEncoder().encode('a,b')) // null
 */
export function sniffBinary(bytes: Uint8Array): Signature | null {
  for (const [name, sig] of SIGNATURES) {
    if (bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)) return name;
  }
  if (bomOf(bytes)) return null;
  if (utf16WithoutBom(bytes)) return null;
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return 'binary';
  return null;
}

type Bom = { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number };

function bomOf(b: Uint8Array): Bom | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { encoding: 'utf-8', length: 3 };
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 text without a BOM: ASCII characters leave NUL in every other byte. */
function utf16WithoutBom(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * The encoding of a text file: a BOM decides; else UTF-16 by its NUL pattern; else UTF-8 if the
 * first 64 KB are valid UTF-8, or nearly (the rest is checked while decoding, see
 * mixed-encoding.ts); else GB18030 (a superset of GBK and GB2312, which is what "ANSI" means on
 * Chinese Windows). `start` skips the BOM; `label` is what the import report shows.
 *
 * @example
 * detectEncoding(Uint8Array.of(0xff, 0xfe, 0x61, 0x00)) // { encoding: 'utf-16le', start: 2, label: 'utf-16le' }
 * detectEncoding(Uint8Array.of(0xba, 0xcf, 0xbc, 0xc6)) // { encoding: 'gb18030', start: 0, label: 'gb18030' }
 */
export function detectEncoding(bytes: Uint8Array): {
  encoding: string;
  start: number;
  label: string;
} {
  const bom = bomOf(bytes);
  if (bom) {
    const label = bom.encoding === 'utf-8' ? 'utf-8-bom' : bom.encoding;
    return { encoding: bom.encoding, start: bom.length, label };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { encoding: utf16, start: 0, label: utf16 };
  const head = bytes.subarray(0, 1 << 16);
  try {
    // stream: a character cut at the 64 KB edge is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', start: 0, label: 'utf-8' };
  } catch {
    // Mostly valid UTF-8 with a damaged byte is still UTF-8 (its lines are judged one by one
    // as they are read); GBK seldom forms a valid UTF-8 character, so its bad bytes dominate.
    // Four to one, so a few Chinese characters that happen to form UTF-8 decide nothing.
    const { good, bad } = tally(new TextDecoder('utf-8').decode(head, { stream: true }));
    if (good > 4 * bad) return { encoding: 'utf-8', start: 0, label: 'utf-8' };
    return { encoding: 'gb18030', start: 0, label: 'gb18030' };
  }
}

export interface Decoded {
  text: string;
  /** 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be' or 'gb18030' (as ImportReport.encoding). */
  encoding: string;
  /** True when the file held nothing but a byte-order mark. */
  bomOnly: boolean;
}

/**
 * Decode a whole text file as the importer decodes its pieces: a BOM decides; else UTF-8, each
 * line that is not UTF-8 judged on its own (see mixed-encoding.ts); else GB18030 (a superset of
 * GBK and GB2312, which is what "ANSI" means on Chinese Windows).
 *
 * @example
 * decodeText(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61)) // { text: 'a', encoding: 'utf-8-bom', … }
 * decodeText(Uint8Array.of(0xba, 0xcf, 0xbc, 0xc6)) // { text: '合计', encoding: 'gb18030', … }
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const { encoding, start, label } = detectEncoding(bytes);
  const body = bytes.subarray(start);
  const bomOnly = start > 0 && body.length === 0;
  if (encoding !== 'utf-8')
    return { text: new TextDecoder(encoding).decode(body), encoding: label, bomOnly };
  const { text, fallback, nonAscii } = decodeUtf8Piece(body);
  // Every line beyond ASCII read as GB18030: the file is GB18030 (as the importer says too).
  const gbk = fallback !== undefined && fallback.gbAt >= 0 && fallback.replacedAt < 0 && !nonAscii;
  return { text, encoding: gbk ? 'gb18030' : label, bomOnly };
}
