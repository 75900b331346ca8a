/**
 * The worker boundary, typed both ways: a discriminated union per direction, every message
 * carrying the request id so the client can drop replies to a request it has since replaced.
 */
import type { ImportErrorCode } from '../core/read/import-error';
import type { ImportedTable } from '../core/read/delimited';
import type { JoinInfo } from '../core/join/join-info';
import type { ImportReport } from '../core/read/report';
import type { Table } from '../core/table/table';

export type ImportSource =
  | { kind: 'file'; file: Blob }
  | { kind: 'bytes'; bytes: ArrayBuffer }
  | { kind: 'text'; text: string };

export interface ImportOptions {
  /** Workbook sheet to read (name); the first sheet when absent. */
  sheet?: string;
  /** Bytes from which a UTF-8 file is read by two workers (SPLIT_FROM unless set). */
  splitFrom?: number;
}

export type ToWorker =
  | { type: 'import'; id: number; name: string; source: ImportSource; options: ImportOptions }
  | { type: 'cancel'; id: number }
  | JoinRequest
  /** Sent once at start-up so the worker's code is loaded before the first file arrives. */
  | { type: 'warm' };

export type FromWorker =
  | { type: 'progress'; id: number; bytes: number; totalBytes: number; rows: number }
  /** The table's columns carry their all-row figures (`stats`: filter counts, sums, date
   * extents), worked out in the worker so the page makes no pass over a million rows to open it. */
  | { type: 'done'; id: number; result: ImportedTable }
  | { type: 'joined'; id: number; result: { table: Table; info: JoinInfo } }
  | { type: 'error'; id: number; code: ImportErrorCode; params: Record<string, string | number> };

/**
 * Several files read and joined into one table (join-handler.ts). `base` is the open dataset
 * they are added to: a joined one (with `info`; `leaveOut` names the sources a newer export
 * replaces) or a single file's (no `info`: it joins as one more file).
 */
export interface JoinRequest {
  type: 'join';
  id: number;
  files: { name: string; source: ImportSource }[];
  base: {
    name: string;
    table: Table;
    info: JoinInfo | null;
    report: ImportReport | null;
    leaveOut: number[];
  } | null;
}
