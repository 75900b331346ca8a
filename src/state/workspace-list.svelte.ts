/**
 * The list of saved workspaces and what the user does with it: open, rename, duplicate, delete
 * (with undo), and move a workspace in and out as a file.
 */
import { MAX_FILE_BYTES, readWorkspaceFile, workspaceFile } from '../persist/file';
import { UNDO_MS } from '../persist/repo';
import type { WorkspaceEntry } from '../persist/schema';
import type { Keeper } from './autosave.svelte';
import { liveState, type Owners } from './live-state';
import type { Shared } from './shared.svelte';
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

export class WorkspaceList {
  readonly #keeper: Keeper;
  readonly #shared: Shared;
  readonly #owners: Owners;
  constructor(keeper: Keeper, shared: Shared, owners: Owners) {
    this.#keeper = keeper;
    this.#shared = shared;
    this.#owners = owners;
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

  /** Rename; false when the new name is empty (the old name stays). */
  async rename(id: string, name: string): Promise<boolean> {
    const clean = name.trim();
    if (!clean || !this.#keeper.repo) return false;
    await this.#keeper.repo.changeEntry(id, (e) => ({ ...e, name: clean.slice(0, 200) }));
    await this.#keeper.refresh();
    this.#keeper.announce();
    return true;
  }

  async duplicate(id: string): Promise<void> {
    await this.#keeper.flush();
    await this.#keeper.refresh();
    const from = this.#keeper.entries.find((e) => e.id === id);
    if (!from || !this.#keeper.repo) return;
    await this.#keeper.repo.duplicate(from, newId('ws'), copyName(from.name, this.#keeper.entries));
    await this.#keeper.refresh();
    this.#keeper.announce();
  }

  /** Delete softly: gone from the list at once, back with Undo for a while. */
  async remove(id: string): Promise<void> {
    if (!this.#keeper.repo) return;
    await this.#keeper.flush();
    const now = Date.now();
    const index = await this.#keeper.repo.changeEntry(id, (e) => ({ ...e, deletedAt: now }));
    const entry = index?.workspaces.find((e) => e.id === id) ?? null;
    await this.#keeper.refresh();
    if (id === this.#keeper.currentId) {
      const next = this.visible[0];
      if (next) await this.#keeper.open(next.id);
      else await this.#keeper.startNew();
    }
    this.#keeper.announce();
    this.#deleted = entry;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (this.#deleted = null), UNDO_SHOWN_MS);
  }

  async undo(): Promise<void> {
    const entry = this.#deleted;
    if (!entry || !this.#keeper.repo) return;
    this.#deleted = null;
    await this.#keeper.repo.changeEntry(entry.id, (e) => ({ ...e, deletedAt: null }));
    await this.#keeper.refresh();
    this.#keeper.announce();
    await this.#keeper.open(entry.id);
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
      if (!this.#keeper.repo) return null;
      state = (await this.#keeper.repo.load(entry)).state;
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
    const r = readWorkspaceFile(await file.text());
    if (!r.ok) {
      this.#keeper.say({
        key: `keep.file.${r.problem}`,
        params: { name: file.name, detail: r.detail },
      });
      return false;
    }
    this.#keeper.say(null);
    if (r.kind === 'share') this.#shared.show(r.snapshot);
    else await this.#keeper.startNew(r.name, r.state);
    return true;
  }
}
