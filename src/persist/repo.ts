/**
 * The saved workspaces: an index (names, order, which revision is current) and immutable
 * records under it. Saving writes the new records first and only then moves the index's pointer
 * in one read-modify-write transaction, so a full disk, a crash or another tab at any moment
 * leaves the previous revision whole. The pointer only moves when the revision it replaces is
 * the one this tab started from; otherwise the save reports a conflict instead of overwriting
 * another tab's work.
 */
import type { Table } from '../core/table/table';
import { SchemaError } from './check';
import { readIndex, readTable, readWorkspace } from './migrate';
import {
  INDEX_VERSION,
  WORKSPACE_VERSION,
  type IndexRecord,
  type WorkspaceEntry,
  type WorkspaceRecord,
} from './schema';
import type { Dataset } from '../core/spec/dataset';
import { isQuotaError, type Backend } from './store';
import { readPlans } from './plans-schema';
import { tableCheck, tableFromStore, tableRecord, tableToStore } from './table-record';

/** A dataset as the app holds it. */
export type LiveDataset = Dataset;

/** Everything a workspace revision restores. */
export interface LiveState {
  datasets: LiveDataset[];
  activeId: string | null;
  view: unknown;
  plans: unknown;
}

export type SaveResult =
  | { ok: true; rev: number }
  | { ok: false; reason: 'conflict' }
  | { ok: false; reason: 'quota' }
  | { ok: false; reason: 'error'; message: string }
  /** The loader would refuse what was to be saved: nothing was written. */
  | { ok: false; reason: 'invalid'; message: string };

/** Records younger than this are never collected: another tab may be about to point at them. */
const GRACE_MS = 5 * 60_000;
/** A deleted workspace can be brought back for this long, then it is purged. */
export const UNDO_MS = 60_000;

export class Repo {
  readonly #b: Backend;
  readonly #now: () => number;
  /** Which stored table record holds a table already (tables never change once imported). */
  readonly #tableKeys = new WeakMap<Table, string>();

  constructor(backend: Backend, now: () => number = Date.now) {
    this.#b = backend;
    this.#now = now;
  }

  get backend(): Backend {
    return this.#b;
  }

  #stamp(): string {
    return `${this.#now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  }

  async readIndex(): Promise<IndexRecord> {
    const raw = await this.#b.stores.index.get('index');
    return raw === undefined ? emptyIndex() : readIndex(raw);
  }

  /**
   * Change the index atomically. `fn` gets the current index and returns the next one, or
   * null to leave it as it is. Returns what `fn` last returned.
   */
  async changeIndex(fn: (idx: IndexRecord) => IndexRecord | null): Promise<IndexRecord | null> {
    let result: IndexRecord | null = null;
    await this.#b.stores.index.update('index', (raw) => {
      const idx = raw === undefined ? emptyIndex() : readIndex(raw);
      result = fn(idx);
      return result ?? raw;
    });
    return result;
  }

  /** Read one workspace's current revision and its tables. Unreadable datasets are left out and named. */
  async load(entry: WorkspaceEntry): Promise<{ state: LiveState; problems: string[] }> {
    const empty: LiveState = { datasets: [], activeId: null, view: null, plans: null };
    if (!entry.head) return { state: empty, problems: [] };
    const raw = await this.#b.stores.workspaces.get(entry.head);
    if (raw === undefined) return { state: empty, problems: [`${entry.name}: missing`] };
    const rec = readWorkspace(raw);
    const problems: string[] = [];
    const datasets: LiveDataset[] = [];
    for (const d of rec.datasets) {
      try {
        const rawTable = await this.#b.stores.tables.get(d.table);
        if (rawTable === undefined) throw new SchemaError('', 'missing');
        const table = readTable(await tableFromStore(rawTable));
        if (table.rowCount !== d.rowCount) throw new SchemaError('.rowCount', 'does not match');
        this.#tableKeys.set(table, d.table);
        datasets.push({
          id: d.id,
          name: d.name,
          importedAt: d.importedAt,
          table,
          spec: d.spec,
          report: d.report,
          join: d.join,
        });
      } catch (e) {
        problems.push(`${d.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return {
      state: { datasets, activeId: rec.activeId, view: rec.view, plans: rec.plans },
      problems,
    };
  }

  /** Save `state` as revision baseRev + 1 of workspace `id`, unless someone else saved since baseRev. */
  async save(id: string, baseRev: number, state: LiveState): Promise<SaveResult> {
    const written: { store: 'tables' | 'workspaces'; key: string }[] = [];
    try {
      const existing = new Set(await this.#b.stores.tables.keys());
      // Nothing is saved that the loader would refuse after a reload: check with its own
      // validators first (tables only when they are about to be written).
      for (const [k, d] of state.datasets.entries()) {
        const key = this.#tableKeys.get(d.table);
        if (!key || !existing.has(key)) tableCheck(tableRecord(d.table), `.datasets[${k}].table`);
      }
      if (state.plans != null) {
        const plans = readPlans(state.plans);
        if (!plans.ok) throw new SchemaError('.plans', plans.reason);
      }
      const tableKeys: string[] = [];
      for (const d of state.datasets) {
        let key = this.#tableKeys.get(d.table);
        // Kept already, unless another tab's collection removed it since (then write it again).
        if (!key || !existing.has(key)) {
          key = `t:${this.#stamp()}`;
          await this.#b.stores.tables.set(key, await tableToStore(d.table));
          written.push({ store: 'tables', key });
        }
        tableKeys.push(key);
      }
      const rev = baseRev + 1;
      const record: WorkspaceRecord = {
        v: WORKSPACE_VERSION,
        id,
        rev,
        savedAt: this.#now(),
        datasets: state.datasets.map((d, k) => ({
          id: d.id,
          name: d.name,
          importedAt: d.importedAt,
          spec: d.spec,
          report: d.report,
          join: d.join ?? null,
          table: tableKeys[k],
          rowCount: d.table.rowCount,
        })),
        activeId: state.activeId,
        view: state.view ?? null,
        plans: state.plans ?? null,
      };
      readWorkspace(record);
      const head = `w:${id}:${rev}:${this.#stamp()}`;
      await this.#b.stores.workspaces.set(head, record);
      written.push({ store: 'workspaces', key: head });
      const switched = await this.changeIndex((idx) => {
        const entry = idx.workspaces.find((w) => w.id === id);
        if (!entry || entry.rev !== baseRev) return null;
        const next = { ...entry, rev, head, updatedAt: record.savedAt };
        return { ...idx, workspaces: idx.workspaces.map((w) => (w.id === id ? next : w)) };
      });
      if (!switched) {
        await this.#discard(written);
        return { ok: false, reason: 'conflict' };
      }
      state.datasets.forEach((d, k) => this.#tableKeys.set(d.table, tableKeys[k]));
      return { ok: true, rev };
    } catch (e) {
      await this.#discard(written);
      if (isQuotaError(e)) return { ok: false, reason: 'quota' };
      if (e instanceof SchemaError) return { ok: false, reason: 'invalid', message: e.message };
      return { ok: false, reason: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  }

  async #discard(written: { store: 'tables' | 'workspaces'; key: string }[]): Promise<void> {
    for (const w of written) await this.#b.stores[w.store].del(w.key).catch(() => undefined);
  }

  /** Add a new, empty workspace to the index and make it current. */
  async create(id: string, name: string): Promise<WorkspaceEntry> {
    const now = this.#now();
    const entry: WorkspaceEntry = {
      id,
      name,
      createdAt: now,
      updatedAt: now,
      rev: 0,
      head: null,
      deletedAt: null,
    };
    await this.changeIndex((idx) => ({
      ...idx,
      workspaces: [...idx.workspaces, entry],
      current: id,
    }));
    return entry;
  }

  /** Copy a workspace: a new record for the copy, pointing at the same (immutable) tables. */
  async duplicate(from: WorkspaceEntry, id: string, name: string): Promise<WorkspaceEntry> {
    const now = this.#now();
    let head: string | null = null;
    if (from.head) {
      const rec = readWorkspace(await this.#b.stores.workspaces.get(from.head));
      head = `w:${id}:1:${this.#stamp()}`;
      await this.#b.stores.workspaces.set(head, { ...rec, id, rev: 1, savedAt: now });
    }
    const entry: WorkspaceEntry = {
      id,
      name,
      createdAt: now,
      updatedAt: now,
      rev: head ? 1 : 0,
      head,
      deletedAt: null,
    };
    await this.changeIndex((idx) => {
      const at = idx.workspaces.findIndex((w) => w.id === from.id);
      const list = [...idx.workspaces];
      list.splice(at < 0 ? list.length : at + 1, 0, entry);
      return { ...idx, workspaces: list };
    });
    return entry;
  }

  /** Change one entry (rename, delete, undo delete); null when it is gone. */
  async changeEntry(
    id: string,
    fn: (e: WorkspaceEntry) => WorkspaceEntry,
  ): Promise<IndexRecord | null> {
    return this.changeIndex((idx) =>
      idx.workspaces.some((w) => w.id === id)
        ? { ...idx, workspaces: idx.workspaces.map((w) => (w.id === id ? fn(w) : w)) }
        : null,
    );
  }

  async setCurrent(id: string): Promise<void> {
    await this.changeIndex((idx) => (idx.current === id ? null : { ...idx, current: id }));
  }

  /**
   * Drop workspaces deleted longer ago than the undo window, then every record no current
   * revision needs. Young records are spared: another tab may have written them a moment ago
   * and be about to point its index entry at them.
   */
  async collect(): Promise<void> {
    const now = this.#now();
    const idx = await this.changeIndex((i) => {
      const keep = i.workspaces.filter((w) => w.deletedAt === null || now - w.deletedAt < UNDO_MS);
      return keep.length === i.workspaces.length ? null : { ...i, workspaces: keep };
    });
    const index = idx ?? (await this.readIndex());
    const heads = new Set(
      index.workspaces.map((w) => w.head).filter((h): h is string => h !== null),
    );
    const tablesInUse = new Set<string>();
    for (const head of heads) {
      const raw = await this.#b.stores.workspaces.get(head);
      if (raw === undefined) continue;
      try {
        for (const d of readWorkspace(raw).datasets) tablesInUse.add(d.table);
      } catch {
        // an unreadable record keeps nothing alive, but is itself kept (it is a head)
      }
    }
    const old = (key: string) => now - keyTime(key) > GRACE_MS;
    for (const key of await this.#b.stores.workspaces.keys()) {
      if (!heads.has(key) && old(key)) await this.#b.stores.workspaces.del(key);
    }
    for (const key of await this.#b.stores.tables.keys()) {
      if (!tablesInUse.has(key) && old(key)) await this.#b.stores.tables.del(key);
    }
  }
}

function emptyIndex(): IndexRecord {
  return { v: INDEX_VERSION, workspaces: [], current: null };
}

/** When a record was written, from its key (`…:<time36>-<random>`); 0 when unknown (old enough). */
export function keyTime(key: string): number {
  const last = key.slice(key.lastIndexOf(':') + 1);
  const t = parseInt(last.split('-')[0], 36);
  return Number.isFinite(t) ? t : 0;
}
