/**
 * A small streaming XML scanner for the parts of a workbook: text goes in a piece at a time
 * (as it inflates), elements come out as calls, and nothing is kept but the one tag cut by a
 * piece's end. No DOM and no recursion, so a sheet of a million rows costs what its rows cost.
 *
 * It reads what spreadsheet writers produce: elements with or without a namespace prefix
 * (`<x:c>` from the Open XML SDK is `c`), attributes in either quotes, comments, processing
 * instructions, CDATA and a DOCTYPE (skipped: no entity of its own is ever expanded).
 */
import { ImportError } from '../core/read/import-error';

/** Attributes of the element just opened, by local name (`r:id` is `id`). */
export class Attributes {
  // Reused from tag to tag: a million cells make no arrays.
  readonly names: string[] = [];
  readonly values: string[] = [];
  count = 0;

  add(name: string, value: string): void {
    this.names[this.count] = name;
    this.values[this.count] = value;
    this.count++;
  }

  get(localName: string): string | undefined {
    for (let k = 0; k < this.count; k++) {
      if (this.names[k] === localName) return decodeXml(this.values[k]);
    }
    return undefined;
  }
}

export interface XmlHandler {
  /** An element opens (a self-closing one then closes at once). `name` is its local name;
   * `attributes` are only valid during the call. */
  open(name: string, attributes: Attributes): void;
  close(name: string): void;
  /** Text between tags, still escaped (`decodeXml` it once whole); called only while
   * `wantsText` is true. */
  text(raw: string): void;
  readonly wantsText: boolean;
}

/** A tag cut by a piece's end waits for the next piece; one this long is no spreadsheet's. */
const MAX_TAG = 1 << 20;

const localName = (qualified: string) => {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
};

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

/**
 * Replace XML's escapes (the five named ones and character references) in text or an
 * attribute value; anything else is left as written.
 *
 * @example
 * decodeXml('A &amp; B &#x4E2D;&#25991;') // 'A & B 中文'
 */
export function decodeXml(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(ENTITY, (whole, body: string) => {
    if (body[0] !== '#') return NAMED.get(body)!;
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

export class XmlScanner {
  #buffer = '';
  #attributes = new Attributes();

  constructor(private readonly handler: XmlHandler) {}

  /** Scan one more piece of text. */
  feed(piece: string): void {
    this.#buffer = this.#buffer === '' ? piece : this.#buffer + piece;
    const stop = this.#scan();
    this.#buffer = stop >= this.#buffer.length ? '' : this.#buffer.slice(stop);
    if (this.#buffer.length > MAX_TAG) {
      throw new ImportError('xlsxUnreadable', { reason: 'a tag longer than 1 MB' });
    }
  }

  /** The text has ended. */
  end(): void {
    if (this.#buffer.trim() !== '' && this.#buffer.indexOf('<') >= 0) {
      throw new ImportError('xlsxUnreadable', { reason: 'XML cut short' });
    }
    this.#buffer = '';
  }

  /** Handle every complete construct in the buffer; returns where the unfinished rest starts. */
  #scan(): number {
    const s = this.#buffer;
    const h = this.handler;
    let pos = 0;
    for (;;) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        if (h.wantsText && pos < s.length) h.text(s.slice(pos));
        return s.length;
      }
      if (lt > pos && h.wantsText) h.text(s.slice(pos, lt));
      const next = s.charCodeAt(lt + 1);
      let end: number;
      if (next === 47 /* / */) {
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) return lt;
        const name = s.slice(lt + 2, gt);
        h.close(localName(isSpace(name.charCodeAt(name.length - 1)) ? name.trim() : name));
        end = gt + 1;
      } else if (next === 63 /* ? */) {
        const close = s.indexOf('?>', lt + 2);
        if (close < 0) return lt;
        end = close + 2;
      } else if (next === 33 /* ! */) {
        end = this.#special(s, lt);
        if (end < 0) return lt;
      } else if (lt + 1 >= s.length) {
        return lt;
      } else {
        end = this.#openTag(s, lt);
        if (end < 0) return lt;
      }
      pos = end;
    }
  }

  /** A comment, CDATA section or DOCTYPE at `lt`; returns the index after it, −1 if cut. */
  #special(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) {
      const close = s.indexOf('-->', lt + 4);
      return close < 0 ? -1 : close + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const close = s.indexOf(']]>', lt + 9);
      if (close < 0) return -1;
      // The handler decodes escapes once at the end: keep CDATA's ampersands literal.
      if (this.handler.wantsText) this.handler.text(s.slice(lt + 9, close).replace(/&/g, '&amp;'));
      return close + 3;
    }
    if (s.length - lt < 9) return -1;
    // <!DOCTYPE …> with an optional [internal subset]: skipped whole.
    const bracket = s.indexOf('[', lt);
    const gt = s.indexOf('>', lt);
    if (gt < 0) return -1;
    if (bracket < 0 || bracket > gt) return gt + 1;
    const close = s.indexOf(']', bracket);
    if (close < 0) return -1;
    const after = s.indexOf('>', close);
    return after < 0 ? -1 : after + 1;
  }

  /** An opening tag at `lt`: its name and attributes to the handler; −1 if cut. */
  #openTag(s: string, lt: number): number {
    let i = lt + 1;
    const n = s.length;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (isSpace(c) || c === 62 /* > */ || c === 47 /* / */) break;
      i++;
    }
    if (i >= n) return -1;
    const name = localName(s.slice(lt + 1, i));
    const attrs = this.#attributes;
    attrs.count = 0;
    for (;;) {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const c = s.charCodeAt(i);
      if (c === 62 /* > */) {
        this.handler.open(name, attrs);
        return i + 1;
      }
      if (c === 47 /* / */) {
        if (i + 1 >= n) return -1;
        if (s.charCodeAt(i + 1) === 62) {
          this.handler.open(name, attrs);
          this.handler.close(name);
          return i + 2;
        }
        i++;
        continue;
      }
      const eq = s.indexOf('=', i);
      if (eq < 0) return -1;
      let q = eq + 1;
      while (q < n && isSpace(s.charCodeAt(q))) q++;
      if (q >= n) return -1;
      const quote = s[q];
      if (quote !== '"' && quote !== "'") {
        throw new ImportError('xlsxUnreadable', { reason: 'an attribute without quotes' });
      }
      const close = s.indexOf(quote, q + 1);
      if (close < 0) return -1;
      attrs.add(localName(s.slice(i, eq).trim()), s.slice(q + 1, close));
      i = close + 1;
    }
  }
}

/**
 * Feed every piece of `pieces` through a scanner for `handler`; `between` runs after each piece
 * with its length (progress, a chance to stop).
 */
export async function scanXml(
  pieces: AsyncIterable<string>,
  handler: XmlHandler,
  between: (chars: number) => void | Promise<void> = () => {},
): Promise<void> {
  const scanner = new XmlScanner(handler);
  for await (const piece of pieces) {
    scanner.feed(piece);
    await between(piece.length);
  }
  scanner.end();
}
