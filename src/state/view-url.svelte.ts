/**
 * The explore view and the address bar, kept in step: the view is written into the fragment's
 * `v` part on every change (replaceState: filtering is not navigation), restored from it on
 * load and when the address is edited. A damaged `v` is ignored and reported, never thrown.
 */
import { DEFAULT_VIEW, decodeView, encodeView, hashPart, withHashPart } from './view-hash';
import type { View } from './view.svelte';

/**
 * Connect `view` to `location.hash`; returns the cleanup.
 *
 * @example
 * onMount(() => connectViewHash(view))
 */
const WRITE_MS = 150;

export function connectViewHash(view: View): () => void {
  // The `v` value last written or read, so our own write does not echo back as a restore.
  let written: string | null = null;

  function read(hash: string) {
    const value = hashPart(hash, 'v');
    if (value === null || value === written) return;
    const result = decodeView(value);
    if (result.ok) {
      view.restore(result.state);
      view.reportHashProblem(null);
    } else view.reportHashProblem(result.reason);
    written = value;
  }

  read(location.hash);
  const onHashChange = () => read(location.hash);
  window.addEventListener('hashchange', onHashChange);
  // The address follows the view at most every WRITE_MS: a dragged brush changes the view every
  // frame, and browsers throttle (and warn about) floods of history updates.
  let timer: ReturnType<typeof setTimeout> | null = null;
  function write() {
    timer = null;
    const snap = view.snapshot;
    const isDefault = JSON.stringify(snap) === JSON.stringify(DEFAULT_VIEW);
    const value = isDefault ? null : encodeView(snap);
    const next = withHashPart(location.hash, 'v', value);
    written = value;
    if (next !== location.hash) {
      history.replaceState(history.state, '', next || location.pathname + location.search);
    }
  }
  const stop = $effect.root(() => {
    $effect(() => {
      void view.snapshot; // track every part of the view
      timer ??= setTimeout(write, WRITE_MS);
    });
  });
  const flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      write();
    }
  };
  addEventListener('pagehide', flush);
  return () => {
    flush();
    window.removeEventListener('hashchange', onHashChange);
    removeEventListener('pagehide', flush);
    stop();
  };
}
