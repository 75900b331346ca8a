/** What an import did, shown to the user beside the preview and kept with the dataset. */
export interface ImportReport {
  fileName: string;
  /** 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030', 'xlsx' */
  encoding: string;
  /** ',', '\t', ';', '|', or '' for spreadsheets */
  delimiter: string;
  /** 1-based line of the header row in the file. */
  headerLine: number;
  rowsRead: number;
  /** Summary rows removed (合计, Total, Grand Totals …), with their 1-based line numbers. */
  droppedTotals: { line: number; text: string }[];
  droppedBlank: number;
  /** Rows whose field count differs from the header's. */
  raggedRows: number;
  raggedLines: number[];
  /** Columns renamed because their header repeated. */
  renamedHeaders: { from: string; to: string }[];
  /** Non-fatal problems to show, each already a user-facing message key + params. */
  warnings: { key: string; params?: Record<string, string | number> }[];
  /** Detected currency symbol of money columns ('¥', '$', …) or ''. */
  currency: string;
  /** How year-last slash-date columns were read (month/day or day/month) and on what evidence. */
  dateOrders?: { column: string; order: 'mdy' | 'dmy'; evidence: 'proved' | 'assumed' | 'mixed' }[];
  /** Sheet names when the file was a workbook. */
  sheets?: string[];
  sheet?: string;
}
