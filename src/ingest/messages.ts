/**
 * The worker boundary, typed both ways: a discriminated union per direction, every message
 * carrying the request id so the client can drop replies to a request it has since replaced.
 */
import type { ImportErrorCode } from '../core/read/import-error';
import type { ImportedTable } from '../core/read/delimited';

export type ImportSource =
  | { kind: 'file'; file: Blob }
  | { kind: 'bytes'; bytes: ArrayBuffer }
  | { kind: 'text'; text: string };

export interface ImportOptions {
  /** Workbook sheet to read (name); the first sheet when absent. */
  sheet?: string;
}

export type ToWorker =
  | { type: 'import'; id: number; name: string; source: ImportSource; options: ImportOptions }
  | { type: 'cancel'; id: number }
  /** Sent once at start-up so the worker's code is loaded before the first file arrives. */
  | { type: 'warm' };

export type FromWorker =
  | { type: 'progress'; id: number; bytes: number; totalBytes: number; rows: number }
  /** The table's columns carry their all-row figures (`stats`: filter counts, sums, date
   * extents), worked out in the worker so the page makes no pass over a million rows to open it. */
  | { type: 'done'; id: number; result: ImportedTable }
  | { type: 'error'; id: number; code: ImportErrorCode; params: Record<string, string | number> };
