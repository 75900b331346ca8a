import { describe, expect, it } from 'vitest';
import { wilson } from '../../../src/core/engine/wilson';

describe('wilson', () => {
  // Known answers: Wilson (1927); Newcombe (1998) table I; worked by hand from
  // centre = (p + z²/2n)/(1 + z²/n), half = z·√(p(1−p)/n + z²/4n²)/(1 + z²/n), z = 1.96.
  it.each([
    [5, 10, 0.2366, 0.7634],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [81, 263, 0.2553, 0.3662],
    [1, 3, 0.0615, 0.7923],
  ])('%i of %i → [%f, %f]', (s, n, low, high) => {
    const r = wilson(s, n)!;
    expect(r.low).toBeCloseTo(low, 4);
    expect(r.high).toBeCloseTo(high, 4);
  });

  it('has no interval without trials or for more successes than trials', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(3, 2)).toBeNull();
    expect(wilson(-1, 5)).toBeNull();
    expect(wilson(NaN, 5)).toBeNull();
  });

  it('narrows as trials grow at the same rate', () => {
    const small = wilson(5, 10)!;
    const large = wilson(500, 1000)!;
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
  });
});
