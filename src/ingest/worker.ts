/**
 * The import worker: one module worker of our own (papaparse's `worker: true` breaks in
 * production builds and splits multi-byte characters at chunk edges), wiring the page's
 * messages to `importHandler`. Column buffers are transferred, not copied.
 */
import { importHandler } from './handler';
import { sealWorker } from './seal';
import { halfWorker } from './half-client';
import type { ToWorker } from './messages';

/**
 * Let queued messages (a newer import, a cancel) run before the import goes on. A MessageChannel
 * round trip, not setTimeout, which browsers clamp to 4 ms when nested.
 */
sealWorker(self as unknown as Record<string, unknown>);

const yielder = new MessageChannel();
const waiting: (() => void)[] = [];
yielder.port1.onmessage = () => waiting.shift()?.();
function letMessagesIn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    yielder.port2.postMessage(0);
  });
}

// A second worker reads the back half of a large file (src/core/read/halves.ts), where there is
// a second core for it: on one core it would only add its start-up and the merge.
const halves = navigator.hardwareConcurrency > 1 ? halfWorker() : null;
const handle = importHandler(
  (message, transfer) => (self as unknown as Worker).postMessage(message, transfer),
  letMessagesIn,
  halves?.start,
);

self.onmessage = (event: MessageEvent<ToWorker>) => {
  // Warming the import warms both workers, so the first large file does not wait for either.
  if (event.data.type === 'warm') halves?.warm();
  void handle(event.data);
};
