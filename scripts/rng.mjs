// The one seeded random number generator of the sample data, the import bench's CSV and the
// query bench's table: the same seed gives the same numbers on every machine, so generated
// files can be rebuilt byte for byte.

/**
 * mulberry32: a small, fast, seeded PRNG. Returns a function giving numbers in [0, 1).
 *
 * @example
 * const rand = rng(20250501);
 * rand(); // the same first number every time for this seed
 *
 * @param {number} seed
 * @returns {() => number}
 */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
