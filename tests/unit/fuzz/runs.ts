/**
 * How fuzz properties run. In `npm test`: one fixed seed and a modest number of cases, so a
 * failure is reproducible and the gate stays quick. `npm run fuzz` sets FUZZ_SEEDS (and
 * FUZZ_RUNS) to try many more seeds and cases; a failure prints its seed and path to replay.
 */
import fc from 'fast-check';

const SEED = 20261201;
const seeds = Math.max(1, Number(process.env.FUZZ_SEEDS ?? 1));
const runs = Math.max(1, Number(process.env.FUZZ_RUNS ?? 150));

/** The seeds to run a property with: the fixed one first, then more for `npm run fuzz`. */
export const FUZZ_SEEDS: readonly number[] = Array.from({ length: seeds }, (_, k) => SEED + k);

/** Check `property` under every seed, with `numRuns` cases each (scaled by FUZZ_RUNS). */
export function assertFuzz<Ts>(property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>, scale = 1) {
  const numRuns = Math.max(1, Math.round(runs * scale));
  return Promise.all(FUZZ_SEEDS.map((seed) => fc.assert(property, { seed, numRuns })));
}
