/**
 * The people an event funnel view counts, and what is said of them as a group: a breakdown by a
 * property of their entry event (first touch) or of their last step's event (last touch), and
 * the ids of those who dropped off after a step (an audience to win back).
 *
 * A view counts a person when the row of their counted entry is among its selected rows: the
 * filters chose the events the rule ran over, the date range (or a period) chooses entries.
 */
import type { FunnelTotals } from './aggregate';
import type { SegmentTotals } from './groupby';
import type { EventIndex } from './events-model';
import type { EventRun } from './events-funnel';
import type { TextColumn } from '../table/table';

/**
 * Indexes of the people counted over `rows` (null = every person with an entry), ascending.
 *
 * @example
 * countedPeople(run, Uint32Array.of(0, 5), 8) // the people whose entry is row 0 or row 5
 */
export function countedPeople(
  run: EventRun,
  rows: Uint32Array | null,
  rowCount: number,
): Int32Array {
  const keep = rows ? new Uint8Array(rowCount) : null;
  if (keep && rows) for (let j = 0; j < rows.length; j++) keep[rows[j]] = 1;
  const out = new Int32Array(run.reached.length);
  let n = 0;
  for (let p = 0; p < run.reached.length; p++) {
    if (run.reached[p] < 0) continue;
    if (keep && keep[run.entryRow[p]] === 0) continue;
    out[n++] = p;
  }
  return out.slice(0, n);
}

/**
 * Funnel totals per value of a text column, attributing each counted person by the value on
 * their entry row (`first`) or on their last step's row (`last`). `rows` is the number of people
 * in the segment; values with nobody are left out.
 *
 * @example
 * // a entered from 百度 and bought from 抖音; b entered from 抖音 and stopped at step 1
 * eventSegments(run, channel, null, 'first') // [{ value: '百度', counts: [1, 1] }, { value: '抖音', counts: [1, 0] }]
 * eventSegments(run, channel, null, 'last')  // [{ value: '抖音', counts: [2, 1] }]
 */
export function eventSegments(
  run: EventRun,
  col: TextColumn,
  rows: Uint32Array | null,
  touch: 'first' | 'last',
): SegmentTotals[] {
  const n = run.steps;
  const size = col.dict.length;
  const hist = new Float64Array(size * n);
  const people = new Float64Array(size);
  const counted = countedPeople(run, rows, col.codes.length);
  const at = touch === 'first' ? run.entryRow : run.lastRow;
  for (let j = 0; j < counted.length; j++) {
    const p = counted[j];
    const code = col.codes[at[p]];
    hist[code * n + run.reached[p]]++;
    people[code]++;
  }
  const out: SegmentTotals[] = [];
  for (let code = 0; code < size; code++) {
    if (people[code] === 0) continue;
    const counts = new Array<number>(n).fill(0);
    let carried = 0;
    for (let k = n - 1; k >= 0; k--) counts[k] = carried += hist[code * n + k];
    out.push({
      value: col.dict[code],
      code,
      counts,
      cost: null,
      revenue: null,
      rows: people[code],
    });
  }
  return out;
}

/**
 * Ids of the counted people whose furthest step is `step` (they did not go on to the next one),
 * in the order of the data.
 *
 * @example
 * dropOffIds(index, run, null, 0) // ['u2', 'u7']: entered, never reached step 2
 */
export function dropOffIds(
  index: EventIndex,
  run: EventRun,
  rows: Uint32Array | null,
  step: number,
): string[] {
  const counted = countedPeople(run, rows, index.rowCount);
  const out: string[] = [];
  for (let j = 0; j < counted.length; j++)
    if (run.reached[counted[j]] === step) out.push(index.ids[counted[j]]);
  return out;
}

/**
 * The funnel's totals over the very rows the run was made from (the view without a date range):
 * every counted person, so a histogram of their furthest steps, with no pass over the rows.
 * `rows` is the number of rows selected, as `aggregate` reports it.
 *
 * @example
 * eventTotals(run, 5_000_000) // { counts: [500000, 280000, …], cost: null, revenue: null, rows: 5000000 }
 */
export function eventTotals(run: EventRun, rows: number): FunnelTotals {
  const hist = new Float64Array(run.steps);
  for (let p = 0; p < run.reached.length; p++) if (run.reached[p] >= 0) hist[run.reached[p]]++;
  for (let k = run.steps - 2; k >= 0; k--) hist[k] += hist[k + 1];
  return { counts: Array.from(hist), cost: null, revenue: null, rows };
}
