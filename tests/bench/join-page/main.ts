/**
 * The join bench's page: starts a module worker (as the app's import worker is one) that makes
 * the four tables and times their join, and hands its figures to the bench as `window.joinBench`.
 */
const worker = new Worker(new URL('./join-worker.ts', import.meta.url), { type: 'module' });

declare global {
  interface Window {
    joinBench: (runs: number) => Promise<unknown>;
  }
}

window.joinBench = (runs) =>
  new Promise((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ runs });
  });
