/**
 * A piece of a "UTF-8" file that is not UTF-8. Two different files end up here: a GBK export
 * whose first Chinese character comes after the 64 KB that chose the encoding (or two exports
 * glued together, one of each), and a UTF-8 file with a damaged byte. Decoding the whole file
 * again as GB18030 is right for the first and turns every Chinese header of the second into
 * mojibake; so each line of the piece that is not valid UTF-8 is judged on its own: GB18030
 * when it reads as GB18030 with fewer bad bytes and few valid UTF-8 characters among the bad
 * (GBK's byte pairs seldom form UTF-8 by chance), else UTF-8 with the bad bytes replaced.
 */

/** Where and how a piece was read otherwise than as UTF-8. */
export interface Fallback {
  /** Line breaks in the piece before its first line read as GB18030; -1 when none was. */
  gbAt: number;
  /** Line breaks in the piece before its first line with bytes replaced; -1 when none. */
  replacedAt: number;
  /** Bytes (sequences) replaced by U+FFFD. */
  replaced: number;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const looseUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const gb18030 = new TextDecoder('gb18030', { ignoreBOM: true });
/** Any character beyond ASCII (U+0080 and up). */
const NON_ASCII = /[\u0080-\uffff]/;
/** A line and the line break after it (kept, so the text joins back as it was). */
const LINES = /(\r\n|\r|\n)/;

/**
 * U+FFFD (bytes a decoder could not read) and valid characters beyond ASCII in `text`.
 *
 * @example
 * tally('合\uFFFD,1') // { bad: 1, good: 1 }
 */
export function tally(text: string): { bad: number; good: number } {
  let bad = 0;
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    // A surrogate pair counts once.
    else if (c > 0x7f && (c < 0xdc00 || c > 0xdfff)) good++;
  }
  return { bad, good };
}

/**
 * One piece of a file read as UTF-8: the text, and where lines were read otherwise. A valid
 * piece costs one decode; an invalid one is decoded both ways and chosen line by line (line
 * breaks are the same bytes in both encodings, so the lines pair up).
 *
 * @example
 * decodeUtf8Piece(Uint8Array.of(0xba, 0xcf, 0xbc, 0xc6, 0x0a)).text // '合计\n' (GBK)
 * decodeUtf8Piece(Uint8Array.of(0xe5, 0x90, 0x88, 0xff, 0x0a)).text // '合\uFFFD\n' (damaged UTF-8)
 */
export function decodeUtf8Piece(bytes: Uint8Array): {
  text: string;
  fallback?: Fallback;
  /** A line read as UTF-8 holds a character beyond ASCII: the file is UTF-8 in earnest. */
  nonAscii: boolean;
} {
  try {
    const text = strictUtf8.decode(bytes);
    return { text, nonAscii: NON_ASCII.test(text) };
  } catch {
    // not UTF-8 throughout: judged line by line below
  }
  const utf8 = looseUtf8.decode(bytes).split(LINES);
  const gb = gb18030.decode(bytes).split(LINES);
  const fallback: Fallback = { gbAt: -1, replacedAt: -1, replaced: 0 };
  // Both decoders keep every ASCII byte, so both texts have the same line breaks; if they ever
  // did not, the UTF-8 reading with replacements is the safe one.
  if (utf8.length !== gb.length) {
    const text = utf8.join('');
    const { bad, good } = tally(text);
    return { text, fallback: { ...fallback, replacedAt: 0, replaced: bad }, nonAscii: good > 0 };
  }
  let nonAscii = false;
  for (let k = 0; k < utf8.length; k += 2) {
    const line = utf8[k];
    if (line.indexOf('\uFFFD') === -1) {
      nonAscii ||= NON_ASCII.test(line);
      continue;
    }
    const u = tally(line);
    const g = tally(gb[k]).bad;
    if (g < u.bad && u.good <= u.bad) {
      utf8[k] = gb[k];
      if (fallback.gbAt === -1) fallback.gbAt = k / 2;
    } else {
      fallback.replaced += u.bad;
      if (fallback.replacedAt === -1) fallback.replacedAt = k / 2;
      nonAscii ||= u.good > 0;
    }
  }
  return { text: utf8.join(''), fallback, nonAscii };
}
