/**
 * What the browser offers around storage: how much is used and available, whether it may
 * evict our data under pressure, and a channel to the app's other tabs. Each is a courtesy: a
 * browser without it still works, it just shows or learns less.
 */

export interface StorageFigures {
  usage: number;
  quota: number;
  /** True when the browser promised not to evict; null when it cannot say. */
  persisted: boolean | null;
}

/** Used and available bytes for this origin, or null when the browser does not say. */
export async function storageFigures(): Promise<StorageFigures | null> {
  try {
    const e = await navigator.storage?.estimate?.();
    if (!e || typeof e.usage !== 'number' || typeof e.quota !== 'number') return null;
    const persisted = (await navigator.storage?.persisted?.()) ?? null;
    return { usage: e.usage, quota: e.quota, persisted };
  } catch {
    return null;
  }
}

/** Ask the browser to keep our data under storage pressure; its answer (false when refused). */
export async function askToPersist(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

/** A note between tabs: a workspace got a new revision, or the list of workspaces changed. */
export type TabNote = { type: 'saved'; id: string; rev: number } | { type: 'index' };

function isNote(v: unknown): v is TabNote {
  const n = v as Partial<TabNote> | null;
  if (!n || typeof n !== 'object') return false;
  if (n.type === 'index') return true;
  return n.type === 'saved' && typeof n.id === 'string' && typeof n.rev === 'number';
}

/**
 * Talk to the app's other tabs (same origin only, by the browser's rules). Returns a sender;
 * a no-op where BroadcastChannel is missing.
 */
export function tabChannel(name: string, onNote: (note: TabNote) => void): (note: TabNote) => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(name);
  channel.onmessage = (e: MessageEvent) => {
    if (isNote(e.data)) onNote(e.data);
  };
  return (note) => {
    try {
      channel.postMessage(note);
    } catch {
      // closed: other tabs will see the change when they next load
    }
  };
}
