/**
 * The import worker: bytes → text → records → columnar table, off the main thread. One module
 * worker of our own (papaparse's `worker: true` breaks in production builds and splits
 * multi-byte characters at chunk edges). Column buffers are transferred, not copied; a newer
 * request stops an older one between chunks.
 */
import {
  importDelimitedFile,
  importDelimitedText,
  type ImportedTable,
} from '../core/read/delimited';
import { sniffBinary } from '../core/read/encoding';
import { ImportError } from '../core/read/import-error';
import { statBuffers, tableStats } from '../core/table/table-stats';
import type { Column } from '../core/table/table';
import type { FromWorker, ImportOptions, ImportSource, ToWorker } from './messages';

let current = 0;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(message, transfer);
}

/**
 * Let queued messages (a newer import, a cancel) run; true while this request is still wanted.
 * A MessageChannel round trip, not setTimeout, which browsers clamp to 4 ms when nested.
 */
const yielder = new MessageChannel();
const waiting: (() => void)[] = [];
yielder.port1.onmessage = () => waiting.shift()?.();
function stillWanted(id: number): Promise<boolean> {
  return new Promise((resolve) => {
    waiting.push(() => resolve(current === id));
    yielder.port2.postMessage(0);
  });
}

function buffersOf(columns: Column[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const c of columns) {
    if (c.kind === 'number') {
      out.push(c.values.buffer as ArrayBuffer);
      if (c.nulls) out.push(c.nulls.buffer as ArrayBuffer);
    } else if (c.kind === 'date') out.push(c.days.buffer as ArrayBuffer);
    else out.push(c.codes.buffer as ArrayBuffer);
  }
  return out;
}

async function run(
  id: number,
  name: string,
  source: ImportSource,
  options: ImportOptions,
): Promise<ImportedTable> {
  if (source.kind === 'text') {
    return importDelimitedText(source.text, {
      fileName: name,
      onChunk: (chars, rows) => {
        post({ type: 'progress', id, bytes: chars, totalBytes: source.text.length, rows });
        return stillWanted(id);
      },
    });
  }
  const file = source.kind === 'file' ? source.file : new Blob([source.bytes]);
  if (file.size === 0) throw new ImportError('empty');
  const signature = sniffBinary(new Uint8Array(await file.slice(0, 8192).arrayBuffer()));
  const isXlsxName = /\.xlsx$/i.test(name);
  if (signature === 'zip') {
    // The workbook reader loads only when a workbook arrives: CSV imports start sooner without it.
    const { importWorkbook } = await import('./xlsx');
    const result = await importWorkbook(await file.arrayBuffer(), name, options.sheet).catch(
      (e: unknown) => {
        // A zip that is not a workbook: say what it is rather than "unreadable workbook".
        if (!isXlsxName && e instanceof ImportError && e.code === 'xlsxUnreadable') {
          throw new ImportError('binary', { format: 'zip' });
        }
        throw e;
      },
    );
    if (!isXlsxName) {
      result.report.warnings.unshift({ key: 'import.warn.xlsxRenamed', params: { name } });
    }
    return result;
  }
  if (signature === 'xls') throw new ImportError('xlsOld');
  if (signature) throw new ImportError('binary', { format: signature });
  post({ type: 'progress', id, bytes: 0, totalBytes: file.size, rows: 0 });
  return importDelimitedFile(file, {
    fileName: name,
    onChunk: (done, rows) => {
      post({ type: 'progress', id, bytes: done, totalBytes: file.size, rows });
      return stillWanted(id);
    },
  });
}

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === 'warm') return;
  if (msg.type === 'cancel') {
    if (current === msg.id) current = 0;
    return;
  }
  current = msg.id;
  try {
    const result = await run(msg.id, msg.name, msg.source, msg.options);
    if (current !== msg.id) return;
    const stats = tableStats(result.table);
    post({ type: 'done', id: msg.id, result, stats }, [
      ...buffersOf(result.table.columns),
      ...statBuffers(stats),
    ]);
  } catch (e) {
    if (current !== msg.id) return;
    const err =
      e instanceof ImportError
        ? e
        : new ImportError('failed', { reason: e instanceof Error ? e.message : String(e) });
    post({ type: 'error', id: msg.id, code: err.code, params: err.params });
  }
};
