/**
 * Autosave: the one place that saves. It restores the current workspace on load (datasets,
 * the explore view, the decide plans), watches all three and saves a new revision a moment after
 * each change, and keeps tabs in step: a tab that has nothing unsaved follows another tab's
 * save at once; a tab with unsaved work of its own is asked, never overwritten.
 *
 * When IndexedDB cannot be used the app runs in memory and says so; when the disk is full the
 * previous revision stays whole and the user is told (and can take a file instead).
 *
 * Switching between workspaces (open, new, rename, duplicate, delete, files) is `Workspaces`;
 * it edits the index through the narrow `store` this class hands out once storage is open.
 */
import { memoryBackend, openBackend, type Backend, type GoneReason } from '../persist/store';
import { Repo, type LiveState } from '../persist/repo';
import type { WorkspaceEntry } from '../persist/schema';
import {
  askToPersist,
  storageFigures,
  tabChannel,
  type StorageFigures,
  type TabNote,
} from '../persist/device';
import { fingerprint, liveState, showState, type Owners } from './live-state';
import { hashPart } from './view-hash';
import { newId } from './workspace.svelte';

/**
 * What workspace switching may do with storage: its own edits of the index, and reading a
 * workspace that is not on screen. Saving, and the revisions it moves, stay with the Keeper.
 */
export type WorkspaceStore = Pick<
  Repo,
  'create' | 'duplicate' | 'changeEntry' | 'setCurrent' | 'load'
>;

export type SaveStatus = 'starting' | 'saved' | 'pending' | 'saving' | 'failed';
export interface KeepMessage {
  key: string;
  params?: Record<string, string | number>;
}

const DEBOUNCE_MS = 300;
/** A save still unanswered after this long is not "Saving…" forever: the page says so. */
const SLOW_MS = 4_000;
const CHANNEL = 'funnel-workbench-keep';

export class Keeper {
  readonly #owners: Owners;
  readonly #openBackend: () => Promise<Backend>;
  /** Keeps what `owners` hold; `open` opens the storage (IndexedDB, or memory in a test). */
  constructor(owners: Owners, open: () => Promise<Backend> = openBackend) {
    this.#owners = owners;
    this.#openBackend = open;
  }
  #repo: Repo | null = null;
  #backend = $state.raw<Backend | null>(null);
  #status = $state<SaveStatus>('starting');
  #problem = $state.raw<KeepMessage | null>(null);
  #conflict = $state(false);
  #entries = $state.raw<WorkspaceEntry[]>([]);
  #currentId = $state<string | null>(null);
  #storage = $state.raw<StorageFigures | null>(null);
  #baseRev = 0;
  /**
   * Whether the page was opened with a view in its address (a reload, a bookmark, a damaged
   * link). Read at start, not at restore: the address drops a `v` that could not be restored
   * 150 ms later, and a large workspace takes longer than that to load.
   */
  #openedWithView = false;
  #kept: string | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #saving: Promise<void> | null = null;
  #post: (note: TabNote) => void = () => undefined;
  #markStarted: () => void = () => undefined;
  /** Settles once saved work is restored: actions taken before that (a shared view saved while
   * storage is still opening) wait for it instead of being lost. */
  readonly started = new Promise<void>((resolve) => (this.#markStarted = resolve));

  #restoring = $state(true);
  /** True until saved work has been restored (or found absent): the shell shows "loading"
   * instead of a start screen that the restored workspace would replace a moment later. */
  get restoring(): boolean {
    return this.#restoring;
  }

  /** Where saving stands; an open conflict means this tab's state is not saved, whatever ran last. */
  get status(): SaveStatus {
    return this.#conflict ? 'failed' : this.#status;
  }
  /** 'memory' when nothing will be kept after this visit. */
  get mode(): 'idb' | 'memory' | null {
    return this.#backend?.kind ?? null;
  }
  get problem(): KeepMessage | null {
    return this.#problem;
  }
  get conflict(): boolean {
    return this.#conflict;
  }
  /** Every workspace in the index, deleted ones (still undoable) included. */
  get entries(): WorkspaceEntry[] {
    return this.#entries;
  }
  get currentId(): string | null {
    return this.#currentId;
  }
  get current(): WorkspaceEntry | null {
    return this.#entries.find((e) => e.id === this.#currentId) ?? null;
  }
  /** Bytes used and available, and whether the browser promised to keep them. */
  get storage(): StorageFigures | null {
    return this.#storage;
  }
  /** Storage for workspace switching, once it is open (null before, or when it never opened). */
  get store(): WorkspaceStore | null {
    return this.#repo;
  }

  dismissProblem(): void {
    this.#problem = null;
  }

  say(message: KeepMessage | null): void {
    this.#problem = message;
  }

  /** Open storage, restore the current workspace, then start watching. Call once. */
  async start(): Promise<void> {
    this.#openedWithView = viewInAddress();
    try {
      await this.#start();
    } catch (e) {
      // e.g. the very first write refused: say so; the app goes on in memory for this visit
      this.#status = 'failed';
      this.#problem = { key: 'keep.saveError', params: { detail: (e as Error).message } };
    } finally {
      this.#restoring = false;
      this.#markStarted();
    }
  }

  async #start(): Promise<void> {
    let backend = await this.#openBackend();
    let repo = new Repo(backend);
    let index;
    try {
      index = await repo.readIndex();
    } catch (e) {
      // an unreadable index must not be overwritten: keep it, and work in memory this visit
      this.#problem = { key: 'keep.indexDamaged', params: { detail: (e as Error).message } };
      backend = memoryBackend('error');
      repo = new Repo(backend);
      index = await repo.readIndex();
    }
    this.#backend = backend;
    this.#repo = repo;
    if (backend.kind === 'idb') backend.watch((why) => this.#gone(why));
    const live = index.workspaces.filter((w) => w.deletedAt === null);
    const entry = live.find((w) => w.id === index.current) ?? live[0] ?? null;
    // Work done while storage was opening (a slow or hung IndexedDB) is never thrown away.
    const early = this.#owners.workspace.datasets.length > 0;
    if (entry && !early && (await this.#load(entry, true))) {
      // restored
    } else {
      const created = await repo.create(newId('ws'), '');
      this.#currentId = created.id;
      this.#baseRev = 0;
      this.#kept = early ? null : fingerprint(liveState(this.#owners));
    }
    await this.refresh();
    this.#watch();
    this.#listen();
    this.#status = this.#kept === fingerprint(liveState(this.#owners)) ? 'saved' : 'pending';
    if (this.#status === 'pending') this.#schedule();
    void this.#measure();
    repo.collect().catch(() => undefined);
  }

  /** Re-read the list of workspaces (after a change here or in another tab). */
  async refresh(): Promise<void> {
    if (!this.#repo) return;
    try {
      this.#entries = (await this.#repo.readIndex()).workspaces;
    } catch {
      // keep showing the last list we could read
    }
  }

  /** Load and show a workspace; false (and a message) when its record cannot be read. */
  async #load(entry: WorkspaceEntry, starting = false): Promise<boolean> {
    try {
      const { state, problems } = await this.#repo!.load(entry);
      if (problems.length) {
        this.#problem = { key: 'keep.datasetDamaged', params: { detail: problems.join('; ') } };
      }
      // An import finished while a large workspace was still loading: keep it beside the rest.
      const extra = (starting ? this.#owners.workspace.datasets : []).filter(
        (d) => !state.datasets.some((s) => s.id === d.id),
      );
      const merged = extra.length ? { ...state, datasets: [...state.datasets, ...extra] } : state;
      this.apply(merged, entry, extra.length === 0);
      return true;
    } catch (e) {
      this.#problem = {
        key: 'keep.workspaceDamaged',
        params: { name: entry.name, detail: (e as Error).message },
      };
      return false;
    }
  }

  /** Show a state as the current one of `entry` (restored, switched to, or another tab's). */
  apply(state: LiveState, entry: WorkspaceEntry, fromStorage: boolean): void {
    const urlView = this.#status === 'starting' && this.#openedWithView;
    const plansProblem = showState(this.#owners, state, urlView);
    if (plansProblem)
      this.#problem = { key: 'keep.plansDamaged', params: { detail: plansProblem } };
    this.#currentId = entry.id;
    this.#baseRev = entry.rev;
    this.#kept = fromStorage ? fingerprint(liveState(this.#owners)) : null;
    this.#conflict = false;
  }

  #watch(): void {
    $effect.root(() => {
      $effect(() => {
        const print = fingerprint(liveState(this.#owners));
        if (print !== this.#kept && !this.#conflict) {
          this.#status = 'pending';
          this.#schedule();
        }
      });
    });
    whenHidden(() => void this.flush());
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), DEBOUNCE_MS);
  }

  /** Save now if anything changed; resolves when what was on screen at the call is kept. */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#saving) await this.#saving;
    if (!this.#repo || !this.#currentId || this.#conflict) return;
    const state = liveState(this.#owners);
    const print = fingerprint(state);
    if (print === this.#kept) {
      // A change undone before the save came due (a screen that fails hands the tab back): what
      // is on screen is what was kept, so say so instead of "unsaved changes" for ever.
      if (this.#status === 'pending') this.#status = 'saved';
      return;
    }
    this.#saving = this.#save(this.#currentId, state, print);
    try {
      await this.#saving;
    } finally {
      this.#saving = null;
    }
  }

  async #save(id: string, state: LiveState, print: string): Promise<void> {
    this.#status = 'saving';
    const slow = setTimeout(() => {
      if (this.#status === 'saving') this.#problem = { key: 'keep.slow' };
    }, SLOW_MS);
    const r = await this.#repo!.save(id, this.#baseRev, state).finally(() => clearTimeout(slow));
    if (this.#problem?.key === 'keep.slow') this.#problem = null;
    // Storage went away while this save was on its way: whatever it answered is not kept.
    if (!this.#repo) return;
    if (r.ok) {
      const first = this.#baseRev === 0;
      this.#baseRev = r.rev;
      this.#kept = print;
      this.#status = fingerprint(liveState(this.#owners)) === print ? 'saved' : 'pending';
      if (this.#status === 'pending') this.#schedule();
      if (this.#problem?.key === 'keep.quota' || this.#problem?.key === 'keep.saveError')
        this.#problem = null;
      this.#post({ type: 'saved', id, rev: r.rev });
      // An unnamed workspace takes the name of its first dataset: data, so no language is baked in.
      if (state.datasets.length && this.current?.name === '') {
        const name = state.datasets[0].name;
        await this.#repo!.changeEntry(id, (e) => (e.name === '' ? { ...e, name } : e));
      }
      await this.refresh();
      if (first && this.#backend?.kind === 'idb') await askToPersist();
      void this.#measure();
      return;
    }
    this.#status = 'failed';
    if (r.reason === 'conflict') this.#conflict = true;
    else if (r.reason === 'quota') this.#problem = { key: 'keep.quota' };
    else if (r.reason === 'invalid')
      this.#problem = { key: 'keep.invalid', params: { detail: r.message } };
    else this.#problem = { key: 'keep.saveError', params: { detail: r.message } };
  }

  /**
   * The databases were deleted or closed under the open page (site data cleared, another tab
   * deleting them). Nothing is written any more and the page says so, instead of "saved" over
   * an empty store or "changed in another tab". What is on screen stays, to be saved as a file
   * or written back with `writeBack`.
   */
  #gone(why: GoneReason): void {
    this.#repo = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#conflict = false;
    this.#status = 'failed';
    this.#problem = { key: why === 'deleted' ? 'keep.storageDeleted' : 'keep.storageClosed' };
  }

  /** After storage went away: open it again and keep what is on screen as a new workspace. */
  async writeBack(): Promise<void> {
    while (this.#saving) await this.#saving.catch(() => undefined);
    const backend = await this.#openBackend();
    const repo = new Repo(backend);
    const name = this.current?.name ?? '';
    const created = await repo.create(newId('ws'), name);
    this.#backend = backend;
    this.#repo = repo;
    if (backend.kind === 'idb') backend.watch((why) => this.#gone(why));
    this.#currentId = created.id;
    this.#baseRev = 0;
    this.#kept = null;
    this.#problem = null;
    await this.flush();
    await this.refresh();
  }

  /** Resolve a conflict by taking the other tab's revision (this tab's unsaved change is dropped). */
  async takeTheirs(): Promise<void> {
    await this.refresh();
    const entry = this.current;
    if (entry) await this.#load(entry);
    this.#status = 'saved';
  }

  /** Resolve a conflict by saving this tab's state over the other tab's revision, knowingly. */
  async keepMine(): Promise<void> {
    await this.refresh();
    this.#baseRev = this.current?.rev ?? this.#baseRev;
    this.#conflict = false;
    await this.flush();
  }

  /**
   * Show a stored workspace as the current one (a switch); false, with the reason as the
   * problem, when its record cannot be read. What was on screen should be flushed first.
   */
  async openStored(entry: WorkspaceEntry): Promise<boolean> {
    if (!(await this.#load(entry))) return false;
    this.#status = 'saved';
    return true;
  }

  /** Tell other tabs the list changed (rename, delete…). */
  announce(): void {
    this.#post({ type: 'index' });
  }

  #listen(): void {
    if (this.#backend?.kind !== 'idb') return;
    this.#post = tabChannel(CHANNEL, (note) => void this.#heard(note));
  }

  async #heard(n: TabNote): Promise<void> {
    await this.refresh();
    if (n.type !== 'saved' || n.id !== this.#currentId) return;
    if (n.rev <= this.#baseRev) return;
    const dirty = this.#saving !== null || fingerprint(liveState(this.#owners)) !== this.#kept;
    if (dirty) {
      this.#conflict = true;
      this.#status = 'failed';
      return;
    }
    const entry = this.current;
    if (entry) await this.#load(entry);
  }

  async #measure(): Promise<void> {
    this.#storage = await storageFigures();
  }
}

/** The address bar holds an explore view (`#v=`): a reload shows that, not the saved one. */
function viewInAddress(): boolean {
  return typeof location !== 'undefined' && hashPart(location.hash, 'v') !== null;
}

/** Run `fn` whenever the page is hidden or left; never where there is no page (node). */
function whenHidden(fn: () => void): void {
  if (typeof document === 'undefined') return;
  addEventListener('pagehide', fn);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') fn();
  });
}
