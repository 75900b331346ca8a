/**
 * Switching between saved workspaces: open another, start a new one, rename, duplicate, delete
 * (with undo), and move a workspace in and out as a file. This class makes its own edits of the
 * index, through the narrow store the Keeper hands out; the Keeper saves what is on screen and
 * keeps tabs in step.
 */
import { MAX_FILE_BYTES, readWorkspaceFile, workspaceFile } from '../persist/file';
import { UNDO_MS, type LiveState } from '../persist/repo';
import type { WorkspaceEntry } from '../persist/schema';
import type { ShareSnapshot } from '../persist/share';
import type { Keeper } from './autosave.svelte';
import { liveState, type Owners } from './live-state';
import { newId } from './workspace.svelte';

/** How long the "Undo" offer stays on screen (the record itself is kept for UNDO_MS). */
const UNDO_SHOWN_MS = Math.min(UNDO_MS, 15_000);

/** A file name from a workspace name: no path separators or characters Windows refuses. */
export function fileNameFor(name: string, ext: string): string {
  const clean =
    [...name]
      .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? ' ' : c))
      .join('')
      .replace(/ +/g, ' ')
      .trim() || 'workspace';
  return `${clean.slice(0, 80)}.${ext}`;
}

/**
 * A copy's name: the name with the first free number, "周报 (2)", "周报 (3)"; language-neutral
 * because a name is the user's data. An unnamed workspace's copy stays unnamed.
 */
export function copyName(name: string, taken: readonly { name: string }[]): string {
  if (!name) return '';
  const base = name.replace(/ \(\d+\)$/, '');
  let n = 2;
  while (taken.some((e) => e.name === `${base} (${n})`)) n++;
  return `${base} (${n})`;
}

export class Workspaces {
  readonly #keeper: Keeper;
  readonly #owners: Owners;
  readonly #showShare: (snapshot: ShareSnapshot) => void;
  /**
   * Switches what `owners` hold between the workspaces `keeper` saves; `showShare` shows a
   * share file opened here (as a shared view, not a workspace).
   */
  constructor(keeper: Keeper, owners: Owners, showShare: (snapshot: ShareSnapshot) => void) {
    this.#keeper = keeper;
    this.#owners = owners;
    this.#showShare = showShare;
  }
  #deleted = $state.raw<WorkspaceEntry | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** Workspaces not deleted, in the index's order. */
  get visible(): WorkspaceEntry[] {
    return this.#keeper.entries.filter((e) => e.deletedAt === null);
  }

  /** The workspace just deleted, while its undo is offered. */
  get deleted(): WorkspaceEntry | null {
    return this.#deleted;
  }

  /** Switch to another workspace, saving this one first. */
  async open(id: string): Promise<void> {
    const keeper = this.#keeper;
    await keeper.started;
    await keeper.flush();
    await keeper.refresh();
    const entry = keeper.entries.find((e) => e.id === id && e.deletedAt === null);
    const store = keeper.store;
    if (!entry || !store || !(await keeper.openStored(entry))) return;
    await store.setCurrent(id);
    keeper.announce();
  }

  /**
   * Start a new workspace holding `state` (empty by default) and switch to it; it is saved at
   * once when it holds anything.
   */
  async startNew(name?: string, state?: LiveState): Promise<void> {
    const keeper = this.#keeper;
    await keeper.started;
    await keeper.flush();
    const store = keeper.store;
    if (!store) return;
    const entry = await store.create(newId('ws'), name ?? '');
    keeper.apply(state ?? { datasets: [], activeId: null, view: null, plans: null }, entry, !state);
    await keeper.refresh();
    keeper.announce();
    if (state) await keeper.flush();
  }

  /** Rename; false when the new name is empty (the old name stays). */
  async rename(id: string, name: string): Promise<boolean> {
    const clean = name.trim();
    const store = this.#keeper.store;
    if (!clean || !store) return false;
    await store.changeEntry(id, (e) => ({ ...e, name: clean.slice(0, 200) }));
    await this.#keeper.refresh();
    this.#keeper.announce();
    return true;
  }

  /** Copy a workspace (its saved revision) next to it, under the first free "(n)" name. */
  async duplicate(id: string): Promise<void> {
    const keeper = this.#keeper;
    await keeper.flush();
    await keeper.refresh();
    const from = keeper.entries.find((e) => e.id === id);
    const store = keeper.store;
    if (!from || !store) return;
    await store.duplicate(from, newId('ws'), copyName(from.name, keeper.entries));
    await keeper.refresh();
    keeper.announce();
  }

  /** Delete softly: gone from the list at once, back with Undo for a while. */
  async remove(id: string): Promise<void> {
    const keeper = this.#keeper;
    const store = keeper.store;
    if (!store) return;
    await keeper.flush();
    const now = Date.now();
    const index = await store.changeEntry(id, (e) => ({ ...e, deletedAt: now }));
    const entry = index?.workspaces.find((e) => e.id === id) ?? null;
    await keeper.refresh();
    if (id === keeper.currentId) {
      const next = this.visible[0];
      if (next) await this.open(next.id);
      else await this.startNew();
    }
    keeper.announce();
    this.#deleted = entry;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (this.#deleted = null), UNDO_SHOWN_MS);
  }

  /** Bring back the workspace just deleted, and open it. */
  async undo(): Promise<void> {
    const entry = this.#deleted;
    const store = this.#keeper.store;
    if (!entry || !store) return;
    this.#deleted = null;
    await store.changeEntry(entry.id, (e) => ({ ...e, deletedAt: null }));
    await this.#keeper.refresh();
    this.#keeper.announce();
    await this.open(entry.id);
  }

  /**
   * One workspace as a file: the current one from the screen, any other from storage. `untitled`
   * names the file of a workspace the user never named (in the reader's language).
   */
  async file(id: string, untitled: string): Promise<{ name: string; blob: Blob } | null> {
    const entry = this.#keeper.entries.find((e) => e.id === id);
    if (!entry) return null;
    let state = liveState(this.#owners);
    if (id !== this.#keeper.currentId) {
      const store = this.#keeper.store;
      if (!store) return null;
      state = (await store.load(entry)).state;
    }
    const text = workspaceFile(entry.name, state, Date.now());
    return {
      name: fileNameFor(entry.name || untitled, 'funnel.json'),
      blob: new Blob([text], { type: 'application/json' }),
    };
  }

  /**
   * Open a workspace or share file. A workspace becomes a new workspace (nothing existing is
   * replaced); a share opens as a shared view. A bad file says why and changes nothing.
   */
  async openFile(file: File): Promise<boolean> {
    if (file.size > MAX_FILE_BYTES) {
      this.#keeper.say({ key: 'keep.file.tooLarge', params: { name: file.name } });
      return false;
    }
    const r = await readWorkspaceFile(await file.text());
    if (!r.ok) {
      this.#keeper.say({
        key: `keep.file.${r.problem}`,
        params: { name: file.name, detail: r.detail },
      });
      return false;
    }
    this.#keeper.say(null);
    if (r.kind === 'share') this.#showShare(r.snapshot);
    else await this.startNew(r.name, r.state);
    return true;
  }
}
