/**
 * Events grouped by person and put in time order, so that each person's events are one
 * contiguous range the funnel rule walks with typed arrays.
 *
 * The order is made once per import, in the worker: a stable counting sort over the person
 * column's integer codes (two passes over the rows, no comparison), after which each person's
 * events are already in time order whenever the file was (exports usually are by time). Only a
 * person whose events arrive out of order has that one short range put in order: by insertion
 * when short, by a merge of index runs when long. Nothing compares objects.
 */

/**
 * True when rows are grouped by ascending person code (empty ids, code 0, first) and each
 * person's times ascend, with empty times (NaN) last.
 *
 * @example
 * isEventOrder(Uint8Array.of(1, 1, 2), Float64Array.of(5, 9, 1)) // true
 * isEventOrder(Uint8Array.of(1, 2, 1), Float64Array.of(5, 9, 1)) // false
 */
export function isEventOrder(person: ArrayLike<number>, time: Float64Array): boolean {
  for (let i = 1; i < person.length; i++) {
    const a = person[i - 1];
    const b = person[i];
    if (b < a) return false;
    if (b === a && !inTimeOrder(time[i - 1], time[i])) return false;
  }
  return true;
}

/** a before (or with) b: NaN after every time. */
function inTimeOrder(a: number, b: number): boolean {
  return a <= b || b !== b;
}

/** Rows by person code, stable: a counting sort (rows of code c keep their file order). */
function byPerson(person: ArrayLike<number>, size: number): Uint32Array {
  const offsets = new Uint32Array(size + 1);
  for (let i = 0; i < person.length; i++) offsets[person[i] + 1]++;
  for (let c = 0; c < size; c++) offsets[c + 1] += offsets[c];
  const out = new Uint32Array(person.length);
  for (let i = 0; i < person.length; i++) out[offsets[person[i]]++] = i;
  return out;
}

/** Up to this many events, a person's range is put in time order by insertion. */
const INSERTION_AT_MOST = 32;

let spare = new Uint32Array(0);

/** Put order[from, to) in time order, stable (NaN last). */
function sortRange(order: Uint32Array, from: number, to: number, time: Float64Array): void {
  if (to - from <= INSERTION_AT_MOST) {
    for (let i = from + 1; i < to; i++) {
      const row = order[i];
      const t = time[row];
      let j = i - 1;
      while (j >= from && !inTimeOrder(time[order[j]], t)) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = row;
    }
    return;
  }
  // Long ranges (a bot, a shared test account): bottom-up merges of ever longer runs.
  if (spare.length < to - from) spare = new Uint32Array(to - from);
  for (let width = 1; width < to - from; width *= 2) {
    for (let lo = from; lo < to; lo += 2 * width) {
      const mid = Math.min(lo + width, to);
      const hi = Math.min(lo + 2 * width, to);
      let a = lo;
      let b = mid;
      let k = 0;
      while (a < mid && b < hi)
        spare[k++] = inTimeOrder(time[order[a]], time[order[b]]) ? order[a++] : order[b++];
      while (a < mid) spare[k++] = order[a++];
      while (b < hi) spare[k++] = order[b++];
      order.set(spare.subarray(0, k), lo);
    }
  }
}

/**
 * The rows in event order: grouped by person code (ascending, empty ids first), each person's
 * events by time (ties keep file order, empty times last).
 *
 * @example
 * eventOrder(Uint8Array.of(2, 1, 2, 1), 3, Float64Array.of(9, 7, 3, 8)) // Uint32Array [1, 3, 2, 0]
 */
export function eventOrder(
  person: ArrayLike<number>,
  size: number,
  time: Float64Array,
): Uint32Array {
  const order = byPerson(person, size);
  let from = 0;
  for (let i = 1; i <= order.length; i++) {
    if (i < order.length && person[order[i]] === person[order[from]]) continue;
    // One pass tells whether this person's events are already in time order.
    let sorted = true;
    for (let j = from + 1; j < i && sorted; j++)
      sorted = inTimeOrder(time[order[j - 1]], time[order[j]]);
    if (!sorted) sortRange(order, from, i, time);
    from = i;
  }
  return order;
}
