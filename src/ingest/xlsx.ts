/**
 * Excel workbooks (.xlsx), read by our own streaming reader in the import worker. A library that
 * unzips every part and builds a DOM of the sheet holds the whole workbook several times over
 * (a 1 GB zip bomb took 3 GB, a 3 GB one crashed the tab) and failed on a million rows; here
 * the zip's declared sizes are checked against a budget before anything inflates, inflating
 * counts the bytes it really makes, and the sheet's rows stream from the inflating XML into the
 * same table builder the CSV path uses, so memory holds the table, not the file.
 *
 * Cells become the text they show (see sheet-rows.ts), so a sheet goes through the same header,
 * total-row and type detection as a CSV. Sheets are offered by label: their names, a repeated
 * or blank one made unique ("数据", "数据 (2)"), since nothing stops a writer from repeating one.
 */
import { TableBuilder } from '../core/read/build';
import { finishImport, type ImportedTable } from '../core/read/delimited';
import { findHeader } from '../core/read/header';
import { ImportError, maxImportBytes } from '../core/read/import-error';
import { dedupeHeaders } from '../core/read/infer';
import { MAX_NAME_LENGTH } from '../core/table/limits';
import { SheetRows } from './sheet-rows';
import {
  readDateStyles,
  readRelationships,
  readSharedStrings,
  readWorkbook,
  type Relationship,
} from './xlsx-parts';
import { scanXml } from './xml-scan';
import { entryText, InflateBudget, zipEntries, type ZipEntry } from './zip';

/** Records looked at to find the header (as for CSV). */
const HEAD_RECORDS = 60;
/** The most rows the column arrays are sized for up front; beyond it they grow. */
const MAX_CAPACITY_HINT = 1 << 22;
/** workbook.xml, relationships or styles past this size are no real workbook's. */
const MAX_META_PART = 64 << 20;
/** Compressed bytes, or characters of XML, between progress reports and chances to stop (a
 * zip bomb makes a lot of XML from very few bytes). */
const REPORT_EVERY = 1 << 22;
const REPORT_CHARS = 1 << 24;

export interface WorkbookOptions {
  /** The sheet to read, by its label (see `sheetLabels`); the first when absent or unknown. */
  sheet?: string;
  /** Bytes inflating may produce in all; by default this device's import size limit. */
  budget?: number;
  /** Called now and then with input consumed (in bytes of the file) and rows kept; resolve
   * false to stop. */
  onChunk?: (done: number, rows: number) => boolean | Promise<boolean>;
}

/**
 * What the sheet picker shows for each sheet: its name, made unique where names repeat or are
 * blank, and cut to the length any name may have (`cut` says which were, for the report).
 *
 * @example
 * sheetLabels(['数据', '数据', '']).labels // ['数据', '数据 (2)', 'Sheet 3']
 */
export function sheetLabels(names: readonly string[]): {
  labels: string[];
  cut: { length: number; to: string }[];
} {
  const { names: labels, cut } = dedupeHeaders(
    names.map((n, i) => (n.trim() === '' ? `Sheet ${i + 1}` : n)),
  );
  return { labels, cut };
}

/** This device's budget for inflated bytes: what it may import at all. */
function deviceBudget(): number {
  const nav = (globalThis as { navigator?: { deviceMemory?: number } }).navigator;
  return maxImportBytes(nav?.deviceMemory);
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/**
 * Records to a table the way the CSV path builds one: the header is found among the first
 * records, every later record streams into the builder (padded to the header's width: a row's
 * trailing empty cells are simply absent from the XML).
 */
class RecordSink {
  #head: { cells: string[]; line: number }[] = [];
  #builder: TableBuilder | null = null;
  #headerLine = 0;
  #expectedRows: number;

  constructor(expectedRows: number) {
    this.#expectedRows = expectedRows;
  }

  get rows(): number {
    return this.#builder?.rowCount ?? 0;
  }

  push(cells: string[], line: number): void {
    const builder = this.#builder;
    if (builder) {
      const width = builder.names.length;
      while (cells.length < width) cells.push('');
      builder.push(cells, line);
      return;
    }
    // Blank rows above the table (formatting only) are not part of its head.
    if (this.#head.length === 0 && isBlank(cells)) return;
    this.#head.push({ cells, line });
    if (this.#head.length >= HEAD_RECORDS) this.#start();
  }

  #start(): void {
    const head = this.#head;
    this.#head = [];
    const at = findHeader(head.map((r) => r.cells));
    this.#headerLine = head[at].line;
    this.#builder = new TableBuilder(head[at].cells, this.#expectedRows);
    for (let k = at + 1; k < head.length; k++) this.push(head[k].cells, head[k].line);
  }

  finish(fileName: string): ImportedTable {
    if (!this.#builder) {
      if (this.#head.length === 0) throw new ImportError('empty');
      this.#start();
    }
    return finishImport(this.#builder!, {
      fileName,
      encoding: 'xlsx',
      delimiter: '',
      headerLine: this.#headerLine,
      warnings: [],
    });
  }
}

/** The relationship of a part whose type ends with `kind` (`/styles`, `/sharedStrings`). */
function partOfType(rels: Map<string, Relationship>, kind: string): string | undefined {
  for (const rel of rels.values()) if (rel.type.endsWith(kind)) return rel.target;
  return undefined;
}

/**
 * Read one sheet (the first unless named by its label) of a workbook into a table; the report
 * lists every sheet's label so the user can pick another. Refuses, with the sizes, a workbook
 * that would inflate past the budget, before inflating it or as soon as it does.
 *
 * @example
 * const { table, report } = await importWorkbook(bytes, 'report.xlsx', { sheet: '数据 (2)' });
 * report.sheets // ['数据', '数据 (2)']
 */
export async function importWorkbook(
  bytes: ArrayBuffer,
  fileName: string,
  options: WorkbookOptions = {},
): Promise<ImportedTable> {
  const data = new Uint8Array(bytes);
  const entries = zipEntries(data);
  const budget = new InflateBudget(options.budget ?? deviceBudget());
  const part = (name: string | undefined): ZipEntry | undefined =>
    name === undefined ? undefined : entries.get(name);
  const small = (entry: ZipEntry) => {
    if (entry.size > MAX_META_PART) {
      throw new ImportError('xlsxTooLarge', { size: entry.size, limit: MAX_META_PART });
    }
    return entryText(data, entry, budget);
  };

  const rootRels = part('_rels/.rels');
  const root = rootRels ? await readRelationships(small(rootRels), '') : new Map();
  const workbookPath = partOfType(root, '/officeDocument') ?? 'xl/workbook.xml';
  const workbook = part(workbookPath);
  if (!workbook) throw new ImportError('xlsxUnreadable', { reason: 'no workbook.xml' });
  const folder = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const relsPath = `${folder}_rels/${workbookPath.slice(folder.length)}.rels`;
  const wbRels = part(relsPath);
  const info = await readWorkbook(small(workbook));
  const rels = wbRels ? await readRelationships(small(wbRels), folder) : new Map();
  if (info.sheets.length === 0) throw new ImportError('empty');

  const { labels, cut } = sheetLabels(info.sheets.map((s) => s.name));
  const chosen = Math.max(0, options.sheet === undefined ? 0 : labels.indexOf(options.sheet));
  const sheet = part(rels.get(info.sheets[chosen].relationship)?.target);
  if (!sheet) {
    throw new ImportError('xlsxUnreadable', { reason: `sheet “${labels[chosen]}” is missing` });
  }
  const styles = part(partOfType(rels, '/styles') ?? `${folder}styles.xml`);
  const strings = part(partOfType(rels, '/sharedStrings') ?? `${folder}sharedStrings.xml`);
  // Everything this import will inflate, by the sizes the archive declares: a bomb stops here.
  budget.declare([rootRels, workbook, wbRels, styles, strings, sheet].filter((e) => !!e));

  const dateStyles = styles ? await readDateStyles(small(styles)) : [];
  const shared = strings ? await readSharedStrings(entryText(data, strings, budget)) : [];

  let consumed = 0;
  let chars = 0;
  let reported = { consumed: 0, chars: 0 };
  const sheetText = entryText(data, sheet, budget, (n) => (consumed = n));
  let sink: RecordSink | null = null;
  const rows = new SheetRows({ strings: shared, dateStyles, date1904: info.date1904 }, (c, l) => {
    // The <dimension> comes before the rows: size the columns from it (a hint, capped).
    sink ??= new RecordSink(Math.min(MAX_CAPACITY_HINT, Math.max(1024, rows.declaredRows)));
    sink.push(c, l);
  });
  await scanXml(sheetText, rows, async (n) => {
    chars += n;
    if (!options.onChunk) return;
    if (consumed - reported.consumed < REPORT_EVERY && chars - reported.chars < REPORT_CHARS) {
      return;
    }
    reported = { consumed, chars };
    const done = Math.round((consumed / Math.max(1, sheet.compressedSize)) * data.length);
    if ((await options.onChunk(done, sink?.rows ?? 0)) === false) {
      throw new ImportError('cancelled');
    }
  });
  const result = (sink ?? new RecordSink(0)).finish(fileName);
  result.report.sheets = labels;
  result.report.sheet = labels[chosen];
  for (const c of cut) {
    result.report.warnings.push({
      key: 'import.warn.sheetNameCut',
      params: { length: c.length, limit: MAX_NAME_LENGTH, to: c.to },
    });
  }
  return result;
}
