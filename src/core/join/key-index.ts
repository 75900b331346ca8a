/**
 * Whole-number keys (a row's date and key codes as one number) to dense ids 0, 1, 2 … in the
 * order first seen: an open-addressing hash table over two typed arrays. A JavaScript Map of
 * a million number keys costs an object per entry and (for keys read from a Float64Array) a
 * boxed number per lookup; this costs 12 bytes a slot and no allocation per row.
 */
const EMPTY = -1;

/** A well-mixed 32-bit hash of a whole number in [0, 2^53). */
function hash(key: number): number {
  const lo = key >>> 0;
  const hi = (key / 4_294_967_296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

export class KeyIndex {
  #keys: Float64Array;
  #ids: Int32Array;
  #mask: number;
  #size = 0;

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.#keys = new Float64Array(cap).fill(EMPTY);
    this.#ids = new Int32Array(cap);
    this.#mask = cap - 1;
  }

  /** Keys held. */
  get size(): number {
    return this.#size;
  }

  /**
   * The id of `key` (a whole number ≥ 0), or the next id (`size` before the call) once added.
   *
   * @example
   * const ix = new KeyIndex();
   * ix.idOf(9_000_000_001) // 0
   * ix.idOf(7)             // 1
   * ix.idOf(9_000_000_001) // 0
   */
  idOf(key: number): number {
    const keys = this.#keys;
    const mask = this.#mask;
    let slot = hash(key) & mask;
    for (;;) {
      const k = keys[slot];
      if (k === key) return this.#ids[slot];
      if (k === EMPTY) {
        const id = this.#size++;
        keys[slot] = key;
        this.#ids[slot] = id;
        if (this.#size * 2 > mask) this.#grow();
        return id;
      }
      slot = (slot + 1) & mask;
    }
  }

  #grow(): void {
    const oldKeys = this.#keys;
    const oldIds = this.#ids;
    const cap = oldKeys.length * 2;
    const keys = new Float64Array(cap).fill(EMPTY);
    const ids = new Int32Array(cap);
    const mask = cap - 1;
    for (let s = 0; s < oldKeys.length; s++) {
      const k = oldKeys[s];
      if (k === EMPTY) continue;
      let slot = hash(k) & mask;
      while (keys[slot] !== EMPTY) slot = (slot + 1) & mask;
      keys[slot] = k;
      ids[slot] = oldIds[s];
    }
    this.#keys = keys;
    this.#ids = ids;
    this.#mask = mask;
  }
}
