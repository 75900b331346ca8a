/**
 * The importer: what the import UI shows (busy, progress, the last error) and the three ways in
 * (a file, pasted text, bytes such as a fetched sample). A successful import adds a dataset to
 * the workspace and opens it; a failed one sets a specific error and leaves the workspace as it
 * was.
 */
import { ImportError, maxImportBytes, type ImportErrorCode } from '../core/read/import-error';
import type { ImportedTable } from '../core/read/delimited';
import { recogniseSpec } from '../core/spec/recognise';
import { tableMemory } from '../core/table/profile';
import { previousExport, reconcileNotes, reconcileSpec } from '../core/spec/reconcile';
import { ImportClient, type Joined, type Progress } from '../ingest/client';
import type { ImportOptions, ImportSource, JoinRequest } from '../ingest/messages';
import { joinedName } from '../core/join/join';
import type { FunnelSpec } from '../core/spec/spec';
import type { Dataset } from '../core/spec/dataset';
import { newId, type Workspace } from './workspace.svelte';

export interface ImportProblem {
  code: ImportErrorCode;
  params: Record<string, string | number>;
}

export class Importer {
  readonly #workspace: Workspace;
  /** Imports into `workspace`: each import adds a dataset to it and opens it. */
  constructor(workspace: Workspace) {
    this.#workspace = workspace;
  }
  #client: ImportClient | null = null;
  #busy = $state(false);
  #name = $state('');
  #progress = $state.raw<Progress | null>(null);
  #error = $state.raw<ImportProblem | null>(null);
  /** The last workbook, kept so another of its sheets can be read without picking the file again. */
  #workbook: { name: string; source: ImportSource; datasetId: string } | null = null;

  get busy(): boolean {
    return this.#busy;
  }
  /** Name of the file being imported (or last imported). */
  get name(): string {
    return this.#name;
  }
  get progress(): Progress | null {
    return this.#progress;
  }
  /** The last import's failure; cleared by the next import. */
  get error(): ImportProblem | null {
    return this.#error;
  }

  /** Load the import worker ahead of the first import (call once the page has rendered). */
  warm(): void {
    this.#client ??= new ImportClient();
    this.#client.warm();
  }

  dismissError(): void {
    this.#error = null;
  }

  /** Import a file the user picked or dropped. Refuses files too big for memory before reading. */
  importFile(file: File, options: ImportOptions = {}): Promise<boolean> {
    const limit = maxImportBytes((navigator as Navigator & { deviceMemory?: number }).deviceMemory);
    if (file.size > limit) {
      this.#name = file.name;
      this.#error = { code: 'tooLarge', params: { size: file.size, limit } };
      return Promise.resolve(false);
    }
    return this.#run(file.name, { kind: 'file', file }, options);
  }

  /**
   * Import files picked or dropped together: one file as ever; several read and joined into one
   * dataset on the keys they share (core/join). A file named as a source of a joined dataset
   * already here is a newer export of it: that source is replaced, the rest and the mapping kept.
   */
  importFiles(files: readonly File[]): Promise<boolean> {
    if (files.length === 0) return Promise.resolve(false);
    if (files.length === 1) {
      const owner = this.#workspace.datasets.findLast((d) =>
        d.join?.sources.some((s) => s.name === files[0].name),
      );
      if (!owner) return this.importFile(files[0]);
      return this.#join(files, owner);
    }
    return this.#join(files, null);
  }

  /**
   * Add files to the open dataset (joined or not): they are joined to it; a file that is a newer
   * export of one of its sources (same name or same headers) replaces that source only.
   */
  addFiles(files: readonly File[]): Promise<boolean> {
    const active = this.#workspace.active;
    if (!active || files.length === 0) return Promise.resolve(false);
    return this.#join(files, active);
  }

  async #join(files: readonly File[], base: Dataset | null): Promise<boolean> {
    const limit = maxImportBytes((navigator as Navigator & { deviceMemory?: number }).deviceMemory);
    const big = files.find((f) => f.size > limit);
    const names = files.map((f) => f.name);
    this.#name = joinedName(base ? [base.name, ...names] : names);
    if (big) {
      this.#error = { code: 'tooLarge', params: { size: big.size, limit, file: big.name } };
      return false;
    }
    this.#client ??= new ImportClient();
    this.#busy = true;
    this.#error = null;
    this.#progress = null;
    const request: JoinRequest['base'] = base
      ? {
          name: base.name,
          table: base.table,
          info: base.join ?? null,
          report: base.report,
          leaveOut: [],
        }
      : null;
    let result: Joined;
    try {
      result = await this.#client.join(
        files.map((file) => ({ name: file.name, source: { kind: 'file' as const, file } })),
        request,
        (p) => (this.#progress = p),
      );
    } catch (e) {
      const err = e instanceof ImportError ? e : new ImportError('failed', { reason: String(e) });
      if (err.code !== 'cancelled') {
        this.#error = { code: err.code, params: err.params };
        this.#busy = false;
      }
      return false;
    }
    const { table, info } = result;
    const spec = base
      ? carrySpec(base, table, info.sources.length > (base.join?.sources.length ?? 1))
      : recogniseSpec(table).spec;
    this.#workspace.add({
      id: base?.id ?? newId('ds'),
      name: joinedName(info.sources.map((s) => s.name)),
      importedAt: Date.now(),
      table,
      spec,
      report: info.sources[0].report,
      join: info,
    });
    this.#workbook = null;
    this.#busy = false;
    this.#progress = null;
    performance.mark('import:done', {
      detail: { name: this.#name, rows: table.rowCount, tableBytes: tableMemory(table) },
    });
    return true;
  }

  /** Import text pasted from a spreadsheet or a web page (usually tab-separated). */
  importText(text: string, name: string): Promise<boolean> {
    return this.#run(name, { kind: 'text', text }, {});
  }

  /** Import bytes already in memory (a fetched sample). The buffer is handed to the worker. */
  importBytes(bytes: ArrayBuffer, name: string, options: ImportOptions = {}): Promise<boolean> {
    return this.#run(name, { kind: 'bytes', bytes }, options);
  }

  /** Read another sheet of the workbook imported last, replacing the dataset it made. */
  async pickSheet(sheet: string): Promise<boolean> {
    const wb = this.#workbook;
    if (!wb) return false;
    const source: ImportSource =
      wb.source.kind === 'bytes' ? { kind: 'bytes', bytes: wb.source.bytes.slice(0) } : wb.source;
    return this.#run(wb.name, source, { sheet }, wb.datasetId);
  }

  async #run(
    name: string,
    source: ImportSource,
    options: ImportOptions,
    replaceId?: string,
  ): Promise<boolean> {
    this.#client ??= new ImportClient();
    // Bytes are transferred to the worker; keep a copy only when they could be a workbook.
    const keep: ImportSource =
      source.kind === 'bytes' && isZip(source.bytes)
        ? { kind: 'bytes', bytes: source.bytes.slice(0) }
        : source;
    this.#busy = true;
    this.#name = name;
    this.#error = null;
    this.#progress = null;
    let result: ImportedTable;
    try {
      result = await this.#client.run(name, source, options, (p) => (this.#progress = p));
    } catch (e) {
      const err = e instanceof ImportError ? e : new ImportError('failed', { reason: String(e) });
      // A superseded import is not a failure the user needs to hear about.
      if (err.code !== 'cancelled') {
        this.#error = { code: err.code, params: err.params };
        this.#busy = false;
      }
      return false;
    }
    const id = replaceId ?? newId('ds');
    // A newer export of a report already here keeps its saved mapping (matched by column name).
    const previous = replaceId
      ? null
      : previousExport(this.#workspace.datasets, name, result.table);
    const carried = previous
      ? reconcileSpec(
          previous.spec,
          result.table,
          previous.table.columns.map((c) => c.name),
        )
      : null;
    const spec = carried ? carried.spec : recogniseSpec(result.table).spec;
    const notes = carried && previous ? reconcileNotes(previous.name, carried) : [];
    this.#workspace.add({
      id,
      name,
      importedAt: Date.now(),
      table: result.table,
      spec,
      report: notes.length
        ? { ...result.report, warnings: [...result.report.warnings, ...notes] }
        : result.report,
    });
    this.#workbook = result.report.sheets ? { name, source: keep, datasetId: id } : null;
    this.#busy = false;
    this.#progress = null;
    // User Timing: visible in a browser's performance panel, and read by the import bench.
    performance.mark('import:done', {
      detail: { name, rows: result.table.rowCount, tableBytes: tableMemory(result.table) },
    });
    return true;
  }
}

function isZip(bytes: ArrayBuffer): boolean {
  const b = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  return b[0] === 0x50 && b[1] === 0x4b;
}

/**
 * The mapping of a dataset after files were joined to it: a newer export of a source keeps the
 * mapping as it was (columns matched by name); new sources add their stages, recognised, with
 * the stages already mapped keeping their ids and labels.
 */
function carrySpec(base: Dataset, table: Joined['table'], grew: boolean): FunnelSpec {
  const kept = reconcileSpec(
    base.spec,
    table,
    base.table.columns.map((c) => c.name),
  );
  if (!grew && !kept.recognised) return kept.spec;
  const fresh = recogniseSpec(table).spec;
  const byColumn = new Map(
    base.spec.stages.flatMap((s) => (s.source.kind === 'column' ? [[s.source.column, s]] : [])),
  );
  fresh.stages = fresh.stages.map((s) => {
    const old = s.source.kind === 'column' ? byColumn.get(s.source.column) : undefined;
    return old ? { ...s, id: old.id, label: old.label } : s;
  });
  return fresh;
}
