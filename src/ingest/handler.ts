/**
 * What the import worker does with each message, apart from the worker itself: bytes → text →
 * records → columnar table with its all-row figures, progress on the way, one reply per request
 * carrying its id. A newer import (or a cancel) stops an older one between chunks, and the older
 * one says nothing more: the client has already given up on it. Plain functions, so a unit test
 * drives them in node exactly as the worker does in the browser.
 */
import {
  importDelimitedFile,
  importDelimitedText,
  type ImportedTable,
} from '../core/read/delimited';
import { sniffBinary } from '../core/read/encoding';
import { SPLIT_FROM, type StartBackHalf } from '../core/read/halves';
import { ImportError } from '../core/read/import-error';
import type { Table } from '../core/table/table';
import { withStats } from '../core/table/table-stats';
import { prepareEvents } from '../core/engine/events-import';
import type { FromWorker, ImportOptions, ImportSource, ToWorker } from './messages';
import { runJoin } from './join-handler';

/** Send one message to the page, handing over `transfer` rather than copying it. */
export type Post = (message: FromWorker, transfer: ArrayBuffer[]) => void;

/** Resolves once messages that arrived meanwhile (a newer import, a cancel) have been handled. */
export type LetMessagesIn = () => Promise<void>;

/**
 * Every buffer of a table's columns and their figures, to transfer: the page gets a million rows
 * without a copy.
 *
 * @example
 * transferables(withStats(fromArrays({ 地区: ['华北'], 点击量: [3] })))
 * // [codes.buffer, stats.counts.buffer, values.buffer]
 */
export function transferables(table: Table): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const c of table.columns) {
    if (c.kind === 'number') {
      out.push(c.values.buffer as ArrayBuffer);
      if (c.nulls) out.push(c.nulls.buffer as ArrayBuffer);
    } else if (c.kind === 'date') out.push(c.days.buffer as ArrayBuffer);
    else {
      out.push(c.codes.buffer as ArrayBuffer);
      if (c.stats) out.push(c.stats.counts.buffer as ArrayBuffer);
    }
  }
  return out;
}

/** The import of one source, reporting progress; `stillWanted` false stops it between chunks. */
async function importSource(
  name: string,
  source: ImportSource,
  options: ImportOptions,
  progress: (bytes: number, totalBytes: number, rows: number) => void,
  stillWanted: () => Promise<boolean>,
  backHalf?: StartBackHalf,
): Promise<ImportedTable> {
  if (source.kind === 'text') {
    return importDelimitedText(source.text, {
      fileName: name,
      onChunk: (chars, rows) => {
        progress(chars, source.text.length, rows);
        return stillWanted();
      },
    });
  }
  const file = source.kind === 'file' ? source.file : new Blob([source.bytes]);
  if (file.size === 0) throw new ImportError('empty');
  // Parquet (a warehouse's export) is read by columns, never as text; its reader loads only then.
  const magic = new TextDecoder().decode(await file.slice(0, 4).arrayBuffer());
  if (magic === 'PAR1') {
    const { importParquetFile } = await import('./parquet');
    return importParquetFile(file, name, progress, stillWanted);
  }
  const signature = sniffBinary(new Uint8Array(await file.slice(0, 8192).arrayBuffer()));
  const isXlsxName = /\.xlsx$/i.test(name);
  if (signature === 'zip') {
    // The workbook reader loads only when a workbook arrives: CSV imports start sooner without it.
    const { importWorkbook } = await import('./xlsx');
    progress(0, file.size, 0);
    const result = await importWorkbook(await file.arrayBuffer(), name, {
      sheet: options.sheet,
      onChunk: (done, rows) => {
        progress(done, file.size, rows);
        return stillWanted();
      },
    }).catch((e: unknown) => {
      // A zip that is not a workbook: say what it is rather than "unreadable workbook".
      if (!isXlsxName && e instanceof ImportError && e.code === 'xlsxUnreadable') {
        throw new ImportError('binary', { format: 'zip' });
      }
      throw e;
    });
    if (!isXlsxName) {
      result.report.warnings.unshift({ key: 'import.warn.xlsxRenamed', params: { name } });
    }
    return result;
  }
  if (signature === 'xls') throw new ImportError('xlsOld');
  if (signature) throw new ImportError('binary', { format: signature });
  progress(0, file.size, 0);
  return importDelimitedFile(file, {
    fileName: name,
    split: backHalf && { from: options.splitFrom ?? SPLIT_FROM, start: backHalf },
    onChunk: (done, rows) => {
      progress(done, file.size, rows);
      return stillWanted();
    },
  });
}

/**
 * The worker's message handler: one per worker, holding which request is current. Resolves when
 * the message has been dealt with (an import: replied to, or dropped as superseded).
 *
 * @example
 * const handle = importHandler((m, transfer) => self.postMessage(m, transfer), letMessagesIn,
 *   halfWorker().start);
 * await handle({ type: 'import', id: 1, name: 'a.csv', source: { kind: 'text', text: 'a\n1\n' },
 *   options: {} });
 * // posted: { type: 'progress', id: 1, … }, then { type: 'done', id: 1, result } with the
 * // columns' buffers transferred
 */
export function importHandler(
  post: Post,
  letMessagesIn: LetMessagesIn,
  /** Reads the back half of a large file in a second worker; without it, one worker reads all. */
  backHalf?: StartBackHalf,
): (msg: ToWorker) => Promise<void> {
  // The request being worked on; 0 when none (or it was cancelled).
  let current = 0;
  return async (msg) => {
    if (msg.type === 'warm') return;
    if (msg.type === 'cancel') {
      if (current === msg.id) current = 0;
      return;
    }
    const id = msg.id;
    current = id;
    const progress = (bytes: number, totalBytes: number, rows: number) =>
      post({ type: 'progress', id, bytes, totalBytes, rows }, []);
    const stillWanted = async () => {
      await letMessagesIn();
      return current === id;
    };
    if (msg.type === 'join') {
      const importOne = (name: string, source: ImportSource) =>
        importSource(name, source, {}, progress, stillWanted);
      const isCurrent = () => current === id;
      return runJoin(msg, { post, importOne, isCurrent, transferables });
    }
    try {
      const imported = await importSource(
        msg.name,
        msg.source,
        msg.options,
        progress,
        stillWanted,
        backHalf,
      );
      if (current !== id) return;
      // An event export is put in event order here, once, off the page (events-import.ts).
      const result = { ...imported, table: withStats(prepareEvents(imported.table)) };
      post({ type: 'done', id, result }, transferables(result.table));
    } catch (e) {
      if (current !== id) return;
      const err =
        e instanceof ImportError
          ? e
          : new ImportError('failed', { reason: e instanceof Error ? e.message : String(e) });
      post({ type: 'error', id, code: err.code, params: err.params }, []);
    }
  };
}
