/**
 * Rows by dictionary code: for each value of a text column, the ascending list of rows that
 * carry it (an inverted index). Built once per column by a counting sort, it turns "only 华北"
 * into copying one list instead of scanning a million codes.
 */

export interface CodeIndex {
  /** Rows of code c are rows[offsets[c] .. offsets[c + 1]), ascending. */
  offsets: Uint32Array;
  rows: Uint32Array;
}

// Columns never change in place, so an index stays right for the life of its code array.
const indexes = new WeakMap<object, CodeIndex>();

/**
 * The index of a code array (computed on first use, then kept).
 *
 * @example
 * codeIndex(Uint8Array.of(1, 2, 1), 3) // { offsets: [0, 0, 2, 3], rows: [0, 2, 1] }
 */
export function codeIndex(codes: ArrayLike<number> & object, size: number): CodeIndex {
  let index = indexes.get(codes);
  if (index) return index;
  const offsets = new Uint32Array(size + 1);
  for (let i = 0; i < codes.length; i++) offsets[codes[i] + 1]++;
  for (let c = 0; c < size; c++) offsets[c + 1] += offsets[c];
  const next = offsets.slice(0, size);
  const rows = new Uint32Array(codes.length);
  // Rows are visited in order, so each code's list comes out ascending.
  for (let i = 0; i < codes.length; i++) rows[next[codes[i]]++] = i;
  index = { offsets, rows };
  indexes.set(codes, index);
  return index;
}

/** Merge two ascending lists into `out`; returns the length. */
function merge(a: Uint32Array, b: Uint32Array, out: Uint32Array): number {
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] < b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return k;
}

let spare = new Uint32Array(0);

/**
 * The rows carrying any of `codes`, ascending, written into `out`; returns how many.
 *
 * @example
 * rowsOfCodes(codeIndex(Uint8Array.of(1, 2, 1, 3), 4), [1, 3], out) // 3: out = [0, 2, 3, …]
 */
export function rowsOfCodes(index: CodeIndex, codes: readonly number[], out: Uint32Array): number {
  const list = (c: number) => index.rows.subarray(index.offsets[c], index.offsets[c + 1]);
  if (codes.length === 0) return 0;
  out.set(list(codes[0]));
  let len = index.offsets[codes[0] + 1] - index.offsets[codes[0]];
  if (spare.length < out.length) spare = new Uint32Array(out.length);
  for (let k = 1; k < codes.length; k++) {
    // Merge into the spare buffer, then copy back: a handful of values costs a handful of passes.
    const merged = merge(out.subarray(0, len), list(codes[k]), spare);
    out.set(spare.subarray(0, merged));
    len = merged;
  }
  return len;
}
