/**
 * The worker's join route: read each file through the same pipeline a single import uses
 * (encodings, preambles, totals rows, values), then join them on their shared keys
 * (core/join) and send the one joined table, its buffers transferred, with its join info.
 */
import type { ImportedTable } from '../core/read/delimited';
import { ImportError } from '../core/read/import-error';
import { joinFiles, type JoinFile } from '../core/join/join';
import type { Table } from '../core/table/table';
import { withStats } from '../core/table/table-stats';
import type { FromWorker, ImportSource, JoinRequest } from './messages';

export interface JoinDeps {
  post: (message: FromWorker, transfer: ArrayBuffer[]) => void;
  /** One file through the import pipeline (progress and cancelling included). */
  importOne: (name: string, source: ImportSource) => Promise<ImportedTable>;
  /** False once a newer request (or a cancel) has replaced this one. */
  isCurrent: () => boolean;
  transferables: (table: Table) => ArrayBuffer[];
}

/**
 * Answer a join request: one 'joined' reply, or one 'error' naming the file that failed.
 *
 * @example
 * await runJoin({ type: 'join', id: 3, files: [ads, chats], base: null }, deps)
 * // posted: progress per file …, then { type: 'joined', id: 3, result: { table, info } }
 */
export async function runJoin(msg: JoinRequest, deps: JoinDeps): Promise<void> {
  const { id } = msg;
  let current = '';
  try {
    const files: JoinFile[] = [];
    for (const f of msg.files) {
      current = f.name;
      const { table, report } = await deps.importOne(f.name, f.source);
      if (!deps.isCurrent()) return;
      files.push({ name: f.name, table, report });
    }
    current = '';
    let base = null;
    if (msg.base?.info) {
      const sources = msg.base.info.sources;
      // A newer export of a source (its name, or exactly its headers) replaces that source only.
      const leaveOut = new Set(msg.base.leaveOut);
      for (const f of files) {
        const headers = JSON.stringify(f.table.columns.map((c) => c.name));
        const i = sources.findIndex(
          (s) => s.name === f.name || JSON.stringify(s.headers) === headers,
        );
        if (i >= 0) leaveOut.add(i);
      }
      base = { table: msg.base.table, info: msg.base.info, leaveOut: [...leaveOut] };
    } else if (msg.base) {
      // A single-file dataset joined with more files: it is one more file, already read.
      const report = msg.base.report;
      if (!report) throw new ImportError('failed', { reason: 'no report' });
      files.unshift({ name: msg.base.name, table: msg.base.table, report });
    }
    if (files.length + (base ? 1 : 0) < 2) throw new ImportError('failed', { reason: 'one file' });
    const joined = joinFiles(files, base);
    if (!deps.isCurrent()) return;
    const result = { table: withStats(joined.table), info: joined.info };
    deps.post({ type: 'joined', id, result }, deps.transferables(result.table));
  } catch (e) {
    if (!deps.isCurrent()) return;
    const err =
      e instanceof ImportError
        ? e
        : new ImportError('failed', { reason: e instanceof Error ? e.message : String(e) });
    const params = current ? { ...err.params, file: current } : err.params;
    deps.post({ type: 'error', id, code: err.code, params }, []);
  }
}
