/**
 * The second import worker: started by the first (half-client.ts) for a large file, it reads the
 * back half into columns of the kinds the first planned (readBackHalf) and hands them back,
 * transferring the arrays. Sealed off the network like the first.
 */
import { readBackHalf } from '../core/read/halves';
import { sealWorker } from './seal';
import { halfTransferables, type FromHalf, type ToHalf } from './half-messages';

sealWorker(self as unknown as Record<string, unknown>);

self.onmessage = async (event: MessageEvent<ToHalf>) => {
  const msg = event.data;
  if (msg.type === 'warm') return;
  const half = await readBackHalf(msg.request);
  const reply: FromHalf = { id: msg.id, half };
  (self as unknown as Worker).postMessage(reply, half ? halfTransferables(half) : []);
};
