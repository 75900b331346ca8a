/**
 * Delimited text → records, a piece at a time. Line endings are normalised per piece (CRLF, LF
 * and a lone CR may all occur in one file: exports glued together, a file edited on two
 * systems), so a change of line ending part-way never merges rows. Each record carries the
 * 1-based line it starts on, counting line breaks inside quoted cells, for the import report.
 */
import Papa from 'papaparse';
import { ImportError } from './import-error';

/** Stray-quote warnings kept (the rest of the file is read all the same). */
const QUOTE_WARNINGS = 5;

/**
 * `text` with every CRLF and lone CR as LF. A piece that ended with CR is remembered, so a CRLF
 * cut between two pieces is still one line break.
 *
 * @example
 * const ends = new LineEnds();
 * ends.normalise('a\r\nb\r') // 'a\nb\n'
 * ends.normalise('\nc\rd')   // 'c\nd' (the LF finished the CR above)
 */
export class LineEnds {
  #afterCr = false;

  /** The last text ended with CR (its LF may open the next). */
  get afterCr(): boolean {
    return this.#afterCr;
  }

  normalise(text: string): string {
    let t = this.#afterCr && text.charCodeAt(0) === 10 ? text.slice(1) : text;
    if (text.length > 0) this.#afterCr = text.charCodeAt(text.length - 1) === 13;
    if (t.indexOf('\r') !== -1) t = t.replace(/\r\n?/g, '\n');
    return t;
  }
}

/**
 * Reads delimited text fed to it in pieces and hands each complete record to `onRecord` with
 * the line it starts on. A record cut by a piece's end (a quoted line break) is finished with
 * the next piece.
 *
 * @example
 * const lines: number[] = [];
 * const reader = new RecordReader(',', (cells, line) => lines.push(line));
 * reader.read('a,b\r\n1,"x\ny"\n', false);
 * reader.read('2,z\r3,w', true);
 * lines // [1, 2, 4, 5]
 */
export class RecordReader {
  readonly #ends = new LineEnds();
  readonly #parser: Papa.Parser;
  readonly #onRecord: (cells: string[], line: number) => void;
  #carry = '';
  #line = 1;
  /** Lines of records of one empty cell not yet handed on: at the end of the text they are not
   * records at all (a last line break, blank lines after the table), however the text was cut. */
  #blank: number[] = [];
  /** Line breaks seen in the pieces so far: the line a piece starts on is `lines + 1`. */
  #lines = 0;
  readonly warnings: { key: string; params: Record<string, number> }[] = [];

  constructor(delimiter: string, onRecord: (cells: string[], line: number) => void) {
    // papaparse's own Parser, piece by piece. Its streamer would glue every chunk to the
    // previous partial line (a fresh copy of each chunk); pieces cut at line breaks need no glue
    // unless a quoted cell spans the cut.
    this.#parser = new Papa.Parser({ delimiter, newline: '\n', skipEmptyLines: false });
    this.#onRecord = onRecord;
  }

  /**
   * True when nothing is held from the pieces read so far (no record cut at a piece's end, no
   * blank lines waiting, no CR whose LF may follow): the next piece may then be read elsewhere
   * (the fast path of byte-rows.ts), and `skip` told about it.
   */
  get idle(): boolean {
    return this.#carry === '' && this.#blank.length === 0 && !this.#ends.afterCr;
  }

  /** Count a piece read elsewhere: `records` records, one line each, and `breaks` line breaks. */
  skip(records: number, breaks: number): void {
    this.#line += records;
    this.#lines += breaks;
  }

  /** 1-based line on which the next piece starts. */
  get pieceLine(): number {
    return this.#lines + 1;
  }

  /**
   * Read one piece (`last` for the final one). Throws ImportError 'unterminatedQuote' when a
   * quote opened on some line never closes.
   */
  read(text: string, last: boolean): void {
    const piece = this.#ends.normalise(text);
    this.#lines += countBreaks(piece);
    let chunk = this.#carry === '' ? piece : this.#carry + piece;
    // The final line break would otherwise read as one more, blank, record.
    if (last) chunk = chunk.replace(/\n+$/, '');
    const results = this.#parser.parse(chunk, 0, !last) as Papa.ParseResult<string[]>;
    const rows = results.data;
    // One record is one line unless the chunk has quotes (which may hold line breaks).
    const quoted = chunk.indexOf('"') !== -1;
    const firstLine = this.#line;
    let line = firstLine;
    for (let k = 0; k < rows.length; k++) {
      const cells = rows[k];
      if (cells.length === 1 && cells[0] === '') this.#blank.push(line);
      else {
        for (const at of this.#blank) this.#onRecord([''], at);
        this.#blank.length = 0;
        this.#onRecord(cells, line);
      }
      line += quoted ? 1 + countCellBreaks(cells) : 1;
    }
    this.#line = line;
    for (const e of results.errors) {
      const at = quoted ? lineOfRow(rows, e.row ?? 0, firstLine) : firstLine + (e.row ?? 0);
      if (e.code === 'MissingQuotes') throw new ImportError('unterminatedQuote', { line: at });
      if (e.code === 'InvalidQuotes' && this.warnings.length < QUOTE_WARNINGS) {
        this.warnings.push({ key: 'import.warn.badQuote', params: { line: at } });
      }
    }
    const cursor = last ? chunk.length : results.meta.cursor;
    this.#carry = cursor >= chunk.length ? '' : chunk.slice(cursor);
  }
}

function countBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Physical lines a record spans beyond its first (quoted newlines inside its cells). */
function countCellBreaks(cells: readonly string[]): number {
  let extra = 0;
  for (const c of cells) extra += countBreaks(c);
  return extra;
}

/** The line on which record `row` of a chunk starts, counting quoted line breaks before it. */
function lineOfRow(rows: readonly string[][], row: number, firstLine: number): number {
  let line = firstLine;
  for (let k = 0; k < row && k < rows.length; k++) line += 1 + countCellBreaks(rows[k]);
  return line;
}
