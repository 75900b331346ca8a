/** Messages between the import worker and the second worker reading a back half (halves.ts). */
import type { BackHalf, BackHalfRequest } from '../core/read/halves';

export type ToHalf = { type: 'read'; id: number; request: BackHalfRequest } | { type: 'warm' };

/** The back half, or null when it cannot be merged (the first worker then reads it itself). */
export interface FromHalf {
  id: number;
  half: BackHalf | null;
}

/** The back half's column arrays, to transfer rather than copy. */
export function halfTransferables(half: BackHalf): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const c of half.builder.columns) {
    if (c.kind === 'number') {
      out.push((c.ints ?? c.floats)!.buffer as ArrayBuffer);
      if (c.nulls) out.push(c.nulls.buffer as ArrayBuffer);
    } else if (c.kind === 'text') out.push(c.codes.buffer as ArrayBuffer);
    else out.push(c.days.buffer as ArrayBuffer);
  }
  return out;
}
