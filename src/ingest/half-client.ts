/**
 * The import worker's side of the second worker (half-worker.ts): started on the first large
 * file (or when the page warms the import), kept for the next, replaced if it crashes or a back
 * half is given up while it reads (a newer import, a cancel, an error in the front half).
 */
import type { StartBackHalf } from '../core/read/halves';
import type { FromHalf, ToHalf } from './half-messages';

export function halfWorker(): { start: StartBackHalf; warm(): void } {
  let worker: Worker | null = null;
  let nextId = 1;
  /** Gives up the back half being read, if any: the newest import wins, as in the first worker. */
  let stopCurrent = () => {};
  const ensure = (): Worker => {
    worker ??= new Worker(new URL('./half-worker.ts', import.meta.url), { type: 'module' });
    return worker;
  };
  const start: StartBackHalf = (request) => {
    stopCurrent();
    const w = ensure();
    const id = nextId++;
    let settle: (half: FromHalf['half']) => void = () => {};
    let pending = true;
    const drop = () => {
      w.terminate();
      if (worker === w) worker = null;
    };
    const half = new Promise<FromHalf['half']>((resolve) => {
      settle = (h) => {
        pending = false;
        resolve(h);
      };
      w.onmessage = (e: MessageEvent<FromHalf>) => {
        if (e.data.id === id) settle(e.data.half);
      };
      w.onerror = (e) => {
        e.preventDefault();
        drop();
        settle(null);
      };
    });
    const stop = () => {
      if (!pending) return;
      drop();
      settle(null);
    };
    stopCurrent = stop;
    w.postMessage({ type: 'read', id, request } satisfies ToHalf);
    return { half, stop };
  };
  return { start, warm: () => ensure().postMessage({ type: 'warm' } satisfies ToHalf) };
}
