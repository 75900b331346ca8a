/**
 * One worksheet's XML → records of cell text, a row at a time, as the part inflates. Cells
 * become the text they show, so a sheet goes through the same header, total-row and type
 * detection as a CSV: shared and inline strings as written, numbers as numbers, numbers in a
 * date style as ISO dates (`2025-01-05`, or `2025-01-05 14:30:00` with a time of day),
 * booleans as TRUE / FALSE, errors (`#DIV/0!`) as written.
 */
import { ImportError } from '../core/read/import-error';
import { TextGatherer, unescapeExcel } from './xlsx-parts';
import type { Attributes, XmlHandler } from './xml-scan';

export interface SheetContext {
  strings: readonly string[];
  /** Per cell style index: numbers in it are dates. */
  dateStyles: readonly boolean[];
  date1904: boolean;
}

/** A sheet has columns A … XFD. */
const MAX_COLUMNS = 16_384;
/** Excel's serial of 9999-12-31, the last day it can show, plus one. */
const LAST_SERIAL = 2_958_466;
/** Days from Excel's day 0 (1899-12-30) to 1970-01-01; the 1904 system starts 1,462 days later. */
const UNIX_SERIAL = 25_569;
const DAY_1904 = 1_462;

/**
 * Zero-based column of a cell reference, −1 when it has no column letters.
 *
 * @example
 * columnOf('C7')   // 2
 * columnOf('XFD1') // 16383
 */
export function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 32; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    if (col > MAX_COLUMNS) return MAX_COLUMNS;
  }
  return i === 0 ? -1 : col - 1;
}

/**
 * The text a date-styled number shows, as an ISO date (with the time of day when it has one);
 * a serial outside Excel's calendar stays a number.
 *
 * @example
 * serialText(45662, false)   // '2025-01-05'
 * serialText(45662.5, false) // '2025-01-05 12:00:00'
 */
export function serialText(serial: number, date1904: boolean): string {
  if (!(serial >= 0 && serial < LAST_SERIAL)) return String(serial);
  const seconds = Math.round((serial + (date1904 ? DAY_1904 : 0) - UNIX_SERIAL) * 86_400);
  const iso = new Date(seconds * 1000).toISOString();
  return seconds % 86_400 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Texts of the serials seen lately: a sheet's dates repeat (a year of days over a million rows). */
class SerialTexts {
  #texts = new Map<number, string>();

  constructor(private readonly date1904: boolean) {}

  get(serial: number): string {
    let text = this.#texts.get(serial);
    if (text === undefined) {
      // Timestamps need not repeat: keep the memory bounded.
      if (this.#texts.size >= 1 << 16) this.#texts.clear();
      text = serialText(serial, this.date1904);
      this.#texts.set(serial, text);
    }
    return text;
  }
}

/** An ISO 8601 date cell (`t="d"`) as the text a CSV would hold. */
function isoCellText(v: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(v);
  if (!m) return v;
  return !m[2] || m[2] === '00:00:00' ? m[1] : `${m[1]} ${m[2]}`;
}

/** Digits with an optional minus, no leading zero, short enough to be exact. */
function isPlainInteger(v: string): boolean {
  const n = v.length;
  if (v === '-0') return false;
  let i = v.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n || n - i > 15 || (v.charCodeAt(i) === 48 && n - i > 1)) return false;
  for (; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** What a cell shows, from its type (`t`), style (`s`), value (`<v>`) and inline string. */
function cellText(
  type: string,
  style: number,
  v: string,
  inline: string,
  ctx: SheetContext,
  dates: SerialTexts,
): string {
  switch (type) {
    case 's':
      return v === '' ? '' : (ctx.strings[Number(v)] ?? '');
    case 'inlineStr':
      return unescapeExcel(inline);
    case 'str':
      return unescapeExcel(v);
    case 'b':
      return v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : v;
    case 'd':
      return isoCellText(v);
    case 'e':
      return v;
  }
  if (v === '') return '';
  // Most cells hold a plain integer, already in the form String(Number(v)) would give.
  if (!ctx.dateStyles[style] && isPlainInteger(v)) return v;
  const n = Number(v);
  // Text a number cell should not hold is handed on as written, for the column's own checks.
  if (!Number.isFinite(n)) return v;
  return ctx.dateStyles[style] ? dates.get(n) : String(n);
}

/**
 * The scanner's handler for a worksheet: calls `onRow(cells, rowNumber)` for each `<row>`, cells
 * placed by their reference (`C7` is the third), gaps filled with ''.
 */
export class SheetRows implements XmlHandler {
  #ctx: SheetContext;
  #dates: SerialTexts;
  #onRow: (cells: string[], line: number) => void;
  #cells: string[] | null = null;
  #line = 0;
  #col = -1;
  #type = '';
  #style = -1;
  #value = new TextGatherer();
  #inline = new TextGatherer();
  #gathering: TextGatherer | null = null;
  #inInline = false;
  #inPhonetic = false;
  /** The sheet's row count as its `<dimension>` declares it (a capacity hint only). */
  declaredRows = 0;

  constructor(ctx: SheetContext, onRow: (cells: string[], line: number) => void) {
    this.#ctx = ctx;
    this.#dates = new SerialTexts(ctx.date1904);
    this.#onRow = onRow;
  }

  get wantsText(): boolean {
    return this.#gathering !== null;
  }

  text(raw: string): void {
    this.#gathering?.add(raw);
  }

  open(name: string, a: Attributes): void {
    switch (name) {
      case 'row': {
        const r = Number(a.get('r'));
        this.#line = Number.isInteger(r) && r > 0 ? r : this.#line + 1;
        this.#cells = [];
        this.#col = -1;
        return;
      }
      case 'c': {
        const ref = a.get('r');
        const col = ref === undefined ? -1 : columnOf(ref);
        this.#col = col >= 0 ? col : this.#col + 1;
        if (this.#col >= MAX_COLUMNS) {
          throw new ImportError('xlsxUnreadable', {
            reason: `cell ${ref ?? ''} is past column XFD`,
          });
        }
        this.#type = a.get('t') ?? 'n';
        const s = Number(a.get('s'));
        this.#style = Number.isInteger(s) ? s : -1;
        return;
      }
      case 'v':
        this.#gathering = this.#value;
        return;
      case 'is':
        this.#inInline = true;
        return;
      case 'rPh':
        this.#inPhonetic = true;
        return;
      case 't':
        if (this.#inInline && !this.#inPhonetic) this.#gathering = this.#inline;
        return;
      case 'dimension': {
        const m = /:[A-Z]*(\d+)$/i.exec(a.get('ref') ?? '');
        if (m) this.declaredRows = Number(m[1]);
        return;
      }
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
        this.#gathering = null;
        return;
      case 't':
        if (this.#gathering === this.#inline) this.#gathering = null;
        return;
      case 'rPh':
        this.#inPhonetic = false;
        return;
      case 'is':
        this.#inInline = false;
        return;
      case 'c': {
        const cells = this.#cells;
        const v = this.#value.take();
        const inline = this.#inline.take();
        if (!cells) return;
        while (cells.length < this.#col) cells.push('');
        cells[this.#col] = cellText(this.#type, this.#style, v, inline, this.#ctx, this.#dates);
        return;
      }
      case 'row':
        if (this.#cells) this.#onRow(this.#cells, this.#line);
        this.#cells = null;
        return;
    }
  }
}
