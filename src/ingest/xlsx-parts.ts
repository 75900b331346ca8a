/**
 * The small parts of a workbook that say how to read its sheets: which sheets there are and
 * where (workbook.xml and its relationships), which cell styles are dates (styles.xml), the
 * 1904 date system, and the shared strings cells point to. Each is read by the streaming
 * scanner from the inflating part, so none is ever held whole.
 */
import { Attributes, decodeXml, scanXml, type XmlHandler } from './xml-scan';

/** Text kept from one cell or string at most; the importer's own cell limit is far lower. */
const CELL_TEXT = 1 << 20;

/**
 * The text of one element, gathered from the pieces the scanner hands over and decoded once.
 * Past `CELL_TEXT` characters the rest is dropped: the value is too long either way.
 */
export class TextGatherer {
  // Nearly always one piece: an array only when a piece's end cuts the text.
  #first = '';
  #more: string[] | null = null;
  #length = 0;

  add(raw: string): void {
    if (this.#length > CELL_TEXT) return;
    if (this.#length === 0) this.#first = raw;
    else (this.#more ??= []).push(raw);
    this.#length += raw.length;
  }

  /** The decoded text (and start again). */
  take(): string {
    if (this.#length === 0) return '';
    const raw = this.#more ? this.#first + this.#more.join('') : this.#first;
    this.#first = '';
    this.#more = null;
    this.#length = 0;
    return decodeXml(raw);
  }
}

/**
 * Excel's escape for characters XML cannot hold (`_x000D_` is a carriage return).
 *
 * @example
 * unescapeExcel('a_x000D__x000A_b') // 'a\r\nb'
 */
export function unescapeExcel(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/** A handler from an `open` function alone (no text wanted). */
function opening(open: (name: string, a: Attributes) => void): XmlHandler {
  return { open, close: () => {}, text: () => {}, wantsText: false };
}

export interface Relationship {
  target: string;
  type: string;
}

/**
 * A part's relationships by id (`rId3` → `worksheets/sheet3.xml`), targets resolved against the
 * folder of the part they belong to (`xl/`).
 */
export async function readRelationships(
  pieces: AsyncIterable<string>,
  folder: string,
): Promise<Map<string, Relationship>> {
  const out = new Map<string, Relationship>();
  await scanXml(
    pieces,
    opening((name, a) => {
      if (name !== 'Relationship' || a.get('TargetMode') === 'External') return;
      const id = a.get('Id');
      const target = a.get('Target');
      if (id && target)
        out.set(id, { target: resolvePart(folder, target), type: a.get('Type') ?? '' });
    }),
  );
  return out;
}

/**
 * A zip path for a relationship target: absolute (`/xl/x.xml`) or relative to `folder`.
 *
 * @example
 * resolvePart('xl/', 'worksheets/sheet1.xml') // 'xl/worksheets/sheet1.xml'
 * resolvePart('xl/', '../customXml/item1.xml') // 'customXml/item1.xml'
 */
export function resolvePart(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

export interface WorkbookInfo {
  /** In workbook order; names may repeat (Excel forbids it, other writers do not). */
  sheets: { name: string; relationship: string }[];
  /** Serial 0 is 1904-01-01 rather than 1899-12-30 (old Mac workbooks). */
  date1904: boolean;
}

/** The sheets of workbook.xml and its date system. */
export async function readWorkbook(pieces: AsyncIterable<string>): Promise<WorkbookInfo> {
  const info: WorkbookInfo = { sheets: [], date1904: false };
  await scanXml(
    pieces,
    opening((name, a) => {
      if (name === 'sheet') {
        info.sheets.push({ name: a.get('name') ?? '', relationship: a.get('id') ?? '' });
      } else if (name === 'workbookPr') {
        const v = a.get('date1904');
        info.date1904 = v === '1' || v === 'true';
      }
    }),
  );
  return info;
}

/** Built-in number formats that show dates or times (ECMA-376 18.8.30, with the East Asian ones). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
]);

/**
 * Whether a custom number format shows a date or time: a d, m, y, h or s outside quoted text,
 * escapes and [brackets] (colours, conditions, locales; [h] elapsed hours count).
 *
 * @example
 * isDateFormat('yyyy"年"m"月"d"日"') // true
 * isDateFormat('#,##0.00;[Red]-#,##0.00') // false
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\.|_.|\*./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  return /[dmyhs]/i.test(bare);
}

/** For each cell style (`s` of a cell), whether it formats numbers as dates. */
export async function readDateStyles(pieces: AsyncIterable<string>): Promise<boolean[]> {
  const formats = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  await scanXml(pieces, {
    open(name, a) {
      if (name === 'numFmt') formats.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) styleFormats.push(Number(a.get('numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text: () => {},
    wantsText: false,
  });
  return styleFormats.map((id) => {
    const custom = formats.get(id);
    return custom !== undefined ? isDateFormat(custom) : DATE_FORMAT_IDS.has(id);
  });
}

/**
 * The shared strings, in order: each `<si>`'s text, its rich-text runs joined, without the
 * phonetic guides (`<rPh>`) Japanese workbooks add.
 */
export async function readSharedStrings(pieces: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  const text = new TextGatherer();
  let inItem = false;
  let inPhonetic = false;
  let inText = false;
  await scanXml(pieces, {
    open(name) {
      if (name === 'si') inItem = true;
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && inItem && !inPhonetic) inText = true;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') {
        inItem = false;
        out.push(unescapeExcel(text.take()));
      }
    },
    text: (raw) => text.add(raw),
    get wantsText() {
      return inText;
    },
  });
  return out;
}
