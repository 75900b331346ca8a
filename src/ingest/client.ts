/**
 * The main thread's side of the import worker: one worker for the page, one promise per
 * request. Starting an import supersedes the one before it (its promise rejects with
 * 'cancelled' and its late replies are dropped): the newest request wins.
 */
import type { ImportedTable } from '../core/read/delimited';
import { ImportError } from '../core/read/import-error';
import type { FromWorker, ImportOptions, ImportSource, JoinRequest, ToWorker } from './messages';

/** A reply that ends a request with a result. */
type Finished = Extract<FromWorker, { type: 'done' } | { type: 'joined' }>;
export type Joined = Extract<FromWorker, { type: 'joined' }>['result'];

export interface Progress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

interface Pending {
  id: number;
  resolve: (reply: Finished) => void;
  reject: (error: ImportError) => void;
  onProgress: (p: Progress) => void;
}

export class ImportClient {
  #worker: Worker | null = null;
  #nextId = 1;
  #pending: Pending | null = null;

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.#receive(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.#fail(new ImportError('failed', { reason: e.message || 'worker error' }));
      // A crashed worker is replaced on the next import.
      this.#worker?.terminate();
      this.#worker = null;
    };
    this.#worker = worker;
    return worker;
  }

  /** Start the worker now (when the page is idle) so the first import does not wait for it. */
  warm(): void {
    this.#ensureWorker().postMessage({ type: 'warm' } satisfies ToWorker);
  }

  /** Import in the worker; resolves with the table and report, rejects with an ImportError. */
  run(
    name: string,
    source: ImportSource,
    options: ImportOptions = {},
    onProgress: (p: Progress) => void = () => {},
  ): Promise<ImportedTable> {
    const worker = this.#supersede();
    const id = this.#nextId++;
    return new Promise<ImportedTable>((resolve, reject) => {
      const done = (m: Finished) => (m.type === 'done' ? resolve(m.result) : reject(unexpected()));
      this.#pending = { id, resolve: done, reject, onProgress };
      const message: ToWorker = { type: 'import', id, name, source, options };
      worker.postMessage(message, source.kind === 'bytes' ? [source.bytes] : []);
    });
  }

  /** Read several files in the worker and join them (with `base`, the dataset they join). */
  join(
    files: JoinRequest['files'],
    base: JoinRequest['base'],
    onProgress: (p: Progress) => void = () => {},
  ): Promise<Joined> {
    const worker = this.#supersede();
    const id = this.#nextId++;
    return new Promise<Joined>((resolve, reject) => {
      const done = (m: Finished) =>
        m.type === 'joined' ? resolve(m.result) : reject(unexpected());
      this.#pending = { id, resolve: done, reject, onProgress };
      const message: ToWorker = { type: 'join', id, files, base };
      const transfer = files.flatMap((f) => (f.source.kind === 'bytes' ? [f.source.bytes] : []));
      worker.postMessage(message, transfer);
    });
  }

  /** The worker, with the request before this one cancelled: the newest request wins. */
  #supersede(): Worker {
    const worker = this.#ensureWorker();
    if (this.#pending) {
      worker.postMessage({ type: 'cancel', id: this.#pending.id } satisfies ToWorker);
      this.#fail(new ImportError('cancelled'));
    }
    return worker;
  }

  #receive(msg: FromWorker): void {
    const pending = this.#pending;
    if (!pending || msg.id !== pending.id) return;
    if (msg.type === 'progress') {
      pending.onProgress({ bytes: msg.bytes, totalBytes: msg.totalBytes, rows: msg.rows });
      return;
    }
    this.#pending = null;
    if (msg.type === 'done' || msg.type === 'joined') pending.resolve(msg);
    else pending.reject(new ImportError(msg.code, msg.params));
  }

  #fail(error: ImportError): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.reject(error);
  }
}

function unexpected(): ImportError {
  return new ImportError('failed', { reason: 'unexpected reply' });
}
