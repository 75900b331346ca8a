/**
 * Where records live: three IndexedDB databases through idb-keyval (one database per store, so
 * a store can be added or dropped without a database version upgrade), or, when IndexedDB is
 * missing, throwing or hanging (private windows, old Safari, blocked storage), plain maps in
 * memory so the app still works for this visit.
 */
import { createStore, del, get, keys, set, update, type UseStore } from 'idb-keyval';

export type StoreName = 'index' | 'workspaces' | 'tables';
const STORE_NAMES: StoreName[] = ['index', 'workspaces', 'tables'];

/** The few operations the rest of persistence needs, the same over IndexedDB and memory. */
export interface Kv {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /** Read-modify-write in one transaction: no other tab can write between the read and the write. */
  update(key: string, fn: (old: unknown) => unknown): Promise<void>;
}

/** Why IndexedDB went away under an open page. */
export type GoneReason = 'deleted' | 'closed';

export type Backend =
  | {
      kind: 'idb';
      stores: Record<StoreName, Kv>;
      /**
       * Call `gone` once if the databases are deleted (another tab, or the user clearing site
       * data) or closed by the browser while the page is open: from then on nothing written
       * through these stores is kept, and the page must say so rather than "saved".
       */
      watch(gone: (why: GoneReason) => void): void;
    }
  | { kind: 'memory'; reason: 'missing' | 'error' | 'timeout'; stores: Record<StoreName, Kv> };

function idbKv(store: UseStore): Kv {
  return {
    get: (k) => get(k, store),
    set: (k, v) => set(k, v, store),
    del: (k) => del(k, store),
    keys: () => keys<string>(store).then((ks) => ks.map(String)),
    update: (k, fn) => update(k, fn, store),
  };
}

/** A map that behaves like a store (async, so callers cannot come to rely on it being sync). */
export function memoryKv(): Kv {
  const map = new Map<string, unknown>();
  return {
    get: async (k) => map.get(k),
    set: async (k, v) => void map.set(k, v),
    del: async (k) => void map.delete(k),
    keys: async () => [...map.keys()],
    update: async (k, fn) => void map.set(k, fn(map.get(k))),
  };
}

export function memoryBackend(reason: 'missing' | 'error' | 'timeout'): Backend {
  const stores = Object.fromEntries(STORE_NAMES.map((n) => [n, memoryKv()])) as Record<
    StoreName,
    Kv
  >;
  return { kind: 'memory', reason, stores };
}

class Timeout extends Error {}

/** `p`, or a rejection after `ms` milliseconds: a blocked or hung open never settles by itself. */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Timeout(`no answer in ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/**
 * Open the stores and prove they answer (a read of each within `timeoutMs`), else fall back
 * to memory and say why.
 */
export async function openBackend(timeoutMs = 2_000): Promise<Backend> {
  let idb: IDBFactory | undefined;
  try {
    idb = globalThis.indexedDB;
  } catch {
    // some browsers throw on merely touching indexedDB when storage is blocked
    return memoryBackend('error');
  }
  if (!idb) return memoryBackend('missing');
  try {
    const raw = STORE_NAMES.map((n) => createStore(`funnel-workbench-${n}`, n));
    const stores = Object.fromEntries(STORE_NAMES.map((n, k) => [n, idbKv(raw[k])])) as Record<
      StoreName,
      Kv
    >;
    await withTimeout(Promise.all(STORE_NAMES.map((n) => stores[n].get('probe'))), timeoutMs);
    return { kind: 'idb', stores, watch: (gone) => void watchDatabases(raw, gone) };
  } catch (e) {
    return memoryBackend(e instanceof Timeout ? 'timeout' : 'error');
  }
}

/**
 * Listen on each database's connection: `versionchange` (someone deletes or upgrades it: close
 * ours so their deletion is not blocked forever) and `close` (the browser closed it, e.g. site
 * data cleared). Either way `gone` is told, once.
 */
async function watchDatabases(stores: UseStore[], gone: (why: GoneReason) => void) {
  let told = false;
  const tell = (why: GoneReason) => {
    if (!told) gone(why);
    told = true;
  };
  for (const store of stores) {
    const db = await store('readonly', (s) => s.transaction.db).catch(() => null);
    if (!db) continue;
    db.addEventListener('versionchange', () => {
      db.close();
      tell('deleted');
    });
    db.addEventListener('close', () => tell('closed'));
  }
}

/** True for the errors browsers raise when storage is full. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}
