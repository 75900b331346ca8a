/**
 * Why an import failed, as a code the UI turns into a specific message ("the quote opened on
 * line 14 never closes") rather than a stack trace. Thrown by the pure import steps, carried
 * across the worker boundary as plain data.
 */

export type ImportErrorCode =
  | 'empty'
  | 'bomOnly'
  | 'headerOnly'
  /** The file's only row says so: "No data available." / 暂无数据. */
  | 'noData'
  | 'binary'
  | 'xlsxUnreadable'
  | 'xlsxTooLarge'
  | 'xlsOld'
  | 'html'
  | 'unterminatedQuote'
  | 'tooLarge'
  | 'parquetTooLarge'
  | 'parquetNoColumns'
  | 'tooManyColumns'
  | 'tooManyRows'
  | 'cancelled'
  | 'failed';

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'ImportError';
  }
}

/**
 * The largest file the browser is asked to read: a quarter of the device's memory (from
 * `navigator.deviceMemory`, in GiB, when the browser tells), never more than 1.5 GB. A file is
 * decoded to text (up to twice its size) while the columns are built, so more would crash the tab.
 *
 * @example
 * maxImportBytes(8)         // 1_610_612_736 (the cap)
 * maxImportBytes(2)         // 536_870_912
 * maxImportBytes(undefined) // 1_610_612_736
 */
export function maxImportBytes(deviceMemoryGiB: number | undefined): number {
  const cap = 1.5 * 2 ** 30;
  if (!deviceMemoryGiB || !Number.isFinite(deviceMemoryGiB)) return cap;
  return Math.min(cap, Math.floor((deviceMemoryGiB * 2 ** 30) / 4));
}
