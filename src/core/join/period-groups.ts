/**
 * Joined rows (groups) found period by period: a row's group is looked up in a small hash table
 * of its period's keys, not in one table of every key. Four exports of 90 days hold ~1.3M keys;
 * one table of them (~30 MB) misses the cache on nearly every lookup, while one day's ~15k keys
 * stay in it. Exports come in date order, so the table in use changes once per day; rows in any
 * order still join the same, only with more switching. Groups get dense ids in the order first
 * seen across all periods, as one table would give them.
 */
import { KeyIndex } from './key-index';

interface Period {
  index: KeyIndex;
  /** The group id of each of the period's keys, by the key's id in `index`. */
  groups: Int32Array;
}

export class PeriodGroups {
  #periods = new Map<number, Period>();
  #lastStart = NaN;
  #last: Period | null = null;
  #size = 0;
  #expected: number;

  /** `expected`: keys a period is likely to hold, so its table is sized once. */
  constructor(expected = 1024) {
    this.#expected = expected;
  }

  /** Groups found. */
  get size(): number {
    return this.#size;
  }

  /** The period `start` (a day number, or NaN for rows with no date) and its keys. */
  period(start: number): Period {
    // NaN !== NaN: rows with no date look their period up each time (they are few).
    if (start === this.#lastStart && this.#last) return this.#last;
    let p = this.#periods.get(start);
    if (!p) {
      p = { index: new KeyIndex(this.#expected), groups: new Int32Array(this.#expected) };
      this.#periods.set(start, p);
    }
    this.#lastStart = start;
    this.#last = p;
    return p;
  }

  /**
   * The group of `key` (a whole number ≥ 0) in period `p`; a key not seen before in it gets the
   * next id (`size` before the call).
   *
   * @example
   * const g = new PeriodGroups();
   * g.groupOf(g.period(20179), 5) // 0
   * g.groupOf(g.period(20180), 5) // 1 (same key, another day)
   * g.groupOf(g.period(20179), 5) // 0
   */
  groupOf(p: Period, key: number): number {
    const known = p.index.size;
    const local = p.index.idOf(key);
    if (local < known) return p.groups[local];
    if (local === p.groups.length) {
      const next = new Int32Array(p.groups.length * 2);
      next.set(p.groups);
      p.groups = next;
    }
    p.groups[local] = this.#size;
    return this.#size++;
  }
}
