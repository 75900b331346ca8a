import { describe, expect, it } from 'vitest';
import { sensitivity } from '../../../src/core/decide/sensitivity';

// 10000 → 300 → 240 → 24 → 6: CTR 3 %, visit 80 %, consultation 10 %, order 25 %; CPC 2, AOV 500.
const base = { counts: [10000, 300, 240, 24, 6], cost: 600, revenue: 3000 };

describe('sensitivity', () => {
  it('+1 percentage point favours the lowest rate', () => {
    const s = sensitivity(base, { kind: 'points', points: 0.01 }, 1);
    // CTR 4 %: 6 × 4/3 = 8 (+2); visit 81 %: 6 × 0.81/0.8 = 6.075 (+0.075);
    // consultation 11 %: 6.6 (+0.6); order 26 %: 6.24 (+0.24)
    expect(s.levers.map((l) => l.step)).toEqual([1, 3, 4, 2]);
    const byStep = Object.fromEntries(s.levers.map((l) => [l.step, l]));
    expect(byStep[1].up).toBeCloseTo(2, 9);
    expect(byStep[2].up).toBeCloseTo(0.075, 9);
    expect(byStep[3].up).toBeCloseTo(0.6, 9);
    expect(byStep[4].up).toBeCloseTo(0.24, 9);
    expect(byStep[1].down).toBeCloseTo(-2, 9); // CTR 2 %: 4 orders
    expect(byStep[1].cost).toBeCloseTo(200, 9); // 100 more clicks at 2
    expect(byStep[1].revenue).toBeCloseTo(1000, 9);
    expect(byStep[1].profit).toBeCloseTo(800, 9);
    expect(s.best).toBe(1);
    expect(s.tied).toBe(false);
  });

  it('+10 % relative gives every step the same gain: cheapest first, then the smallest change', () => {
    const s = sensitivity(base, { kind: 'relative', change: 0.1 }, 1);
    for (const l of s.levers) expect(l.up).toBeCloseTo(0.6, 9);
    const ctr = s.levers.find((l) => l.step === 1)!;
    expect(ctr.cost).toBeCloseTo(60, 9); // 30 more clicks at 2
    expect(ctr.profit).toBeCloseTo(240, 9); // 300 − 60
    // The free levers by how far their rate moves: consultation 10 % → 11 % (1 point), order
    // 25 % → 27.5 % (2.5), visit 80 % → 88 % (8); the click-through rate, which buys clicks, last.
    expect(s.levers.map((l) => l.step)).toEqual([3, 4, 2, 1]);
    [0.01, 0.025, 0.08, 0.003].forEach((change, i) =>
      expect(s.levers[i].change).toBeCloseTo(change, 12),
    );
    expect(s.best).toBe(3);
    expect(s.tied).toBe(true);
    // Every bar of a chart would be the same length: there is nothing to draw.
    expect(s.flat).toBe(true);
    expect(sensitivity(base, { kind: 'points', points: 0.01 }, 1).flat).toBe(false);
  });

  it('without revenue, the one lever that costs money is never named best on a tie', () => {
    const noRevenue = { counts: [10000, 300, 240, 24, 6], cost: 600, revenue: null };
    const s = sensitivity(noRevenue, { kind: 'relative', change: 0.1 }, 1);
    expect(s.levers.every((l) => l.profit === null)).toBe(true);
    expect(s.best).not.toBe(1);
    expect(s.levers.at(-1)!.step).toBe(1);
    // Without cost either, the smallest change decides: the click-through rate (0.3 points).
    const bare = { counts: [10000, 300, 240, 24, 6], cost: null, revenue: null };
    expect(sensitivity(bare, { kind: 'relative', change: 0.1 }, 1).best).toBe(1);
  });

  it('a zero rate gains nothing relatively, but a point absolutely', () => {
    const z = { counts: [1000, 20, 0, 0], cost: 20, revenue: 0 };
    const rel = sensitivity(z, { kind: 'relative', change: 0.1 }, 1);
    expect(rel.levers.every((l) => l.up === 0 || l.up === null)).toBe(true);
    expect(rel.best).toBeNull();
    // visits 20 × 1 % = 0.2, but the consultation rate below is undefined: gain unknown
    const pts = sensitivity(z, { kind: 'points', points: 0.01 }, 1);
    expect(pts.levers.find((l) => l.step === 2)!.up).toBeNull();
    expect(pts.levers.at(-1)!.up).toBeNull();
  });
});
