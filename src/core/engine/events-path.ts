/**
 * The path an event funnel walks from one entry (the time and row of each step reached), and the
 * best path found for the person so far: small fixed arrays shared by the walks (events-walk.ts)
 * and the general scans (events-scan.ts), reused for every person of every run.
 */

/** The path being walked: step k's time (microseconds) and row. At most 32 steps. */
export const pathTime = new Float64Array(32);
export const pathRow = new Int32Array(32);
/** The person's best path so far. */
export const bestTime = new Float64Array(32);
export const bestRow = new Int32Array(32);

/**
 * Keep steps 0…level of the path walked as the person's best.
 *
 * @example
 * keepPath(2) // bestTime[0..2] = pathTime[0..2], bestRow likewise
 */
export function keepPath(level: number): void {
  for (let k = 0; k <= level; k++) {
    bestTime[k] = pathTime[k];
    bestRow[k] = pathRow[k];
  }
}
