/**
 * Defence in depth for the import worker, whose input is a stranger's file: it never needs the
 * network, so it gives it up before reading anything. The real fence is the
 * Content-Security-Policy its script is served with (see csp.config.ts: no eval, no other host);
 * this holds where a host sends no header at all.
 */
const NETWORK = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport'];

export function sealWorker(scope: Record<string, unknown>): void {
  const refuse = (name: string) => () => {
    throw new Error(`${name} is not available in the import worker`);
  };
  for (const name of [...NETWORK, 'importScripts']) {
    if (name in scope) {
      Object.defineProperty(scope, name, {
        value: refuse(name),
        writable: false,
        configurable: false,
      });
    }
  }
}
