/**
 * The Wilson score interval for a proportion: an honest range for a rate measured on few
 * trials. 1 click out of 3 impressions is "33 %", but anything from 6 % to 79 % fits it.
 */

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/** Below this many trials a rate is marked as shaky in the conversion matrix. */
export const SMALL_SAMPLE = 30;

export interface Interval {
  low: number;
  high: number;
}

/**
 * The 95 % Wilson interval of `successes` out of `trials`; null when there are no trials or
 * the "successes" exceed the trials (a non-nested stage is not a proportion).
 *
 * @example
 * wilson(5, 10) // { low: 0.2366, high: 0.7634 } (rounded)
 * wilson(0, 10) // { low: 0, high: 0.2775 }
 */
export function wilson(successes: number, trials: number, z = Z95): Interval | null {
  if (!(trials > 0) || !(successes >= 0) || successes > trials) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // Rounding can push an end a hair past [0, 1].
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
