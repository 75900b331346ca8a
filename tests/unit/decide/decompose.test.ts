import { describe, expect, it } from 'vitest';
import { decomposeTarget, splitTarget } from '../../../src/core/decide/decompose';

describe('splitTarget', () => {
  it.each([
    [100, [1, 1, 1], 1, [34, 33, 33]],
    [10, [5, 3, 2], 1, [5, 3, 2]],
    [7, [1, 1, 1, 1], 1, [2, 2, 2, 1]],
    [10, [0, 1, 0], 1, [0, 10, 0]],
    [1, [1, 1], 1, [1, 0]],
    [1000.5, [1, 2], 0.01, [333.5, 667]],
    [100, [2, 1], 0.01, [66.67, 33.33]],
  ])('splits %s by %j', (total, weights, unit, expected) => {
    const parts = splitTarget(total, weights, unit)!;
    expect(parts).toEqual(expected);
  });

  it('parts always add up to the whole', () => {
    const weights = [13, 7, 29, 1, 0, 50];
    for (const total of [1, 17, 99, 101, 1234]) {
      expect(splitTarget(total, weights)!.reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it('refuses weights it cannot use', () => {
    expect(splitTarget(10, [0, 0])).toBeNull();
    expect(splitTarget(10, [1, -1])).toBeNull();
    expect(splitTarget(10, [1, NaN])).toBeNull();
    expect(splitTarget(10, [])).toBeNull();
  });
});

describe('decomposeTarget', () => {
  const units = [
    { name: '北京', counts: [1000, 40, 20], weight: 1 }, // rates 4 %, 50 %
    { name: '上海', counts: [1000, 20, 10], weight: 3 }, // rates 2 %, 50 %
  ];

  it('by last period’s share: each unit’s funnel at its own rates', () => {
    const r = decomposeTarget(30, 2, units, 'share');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // shares 20 : 10 → 20 and 10 orders; 北京 needs 40 clicks, 1000 impressions; 上海 20, 1000
    expect(r.units.map((u) => u.target)).toEqual([20, 10]);
    expect(r.units[0].share).toBeCloseTo(2 / 3, 12);
    expect(r.units[0].plan.stages.map((s) => s.whole)).toEqual([1000, 40, 20]);
    expect(r.units[1].plan.stages.map((s) => s.whole)).toEqual([1000, 20, 10]);
  });

  it('equally and by typed weights, summing to the whole', () => {
    const eq = decomposeTarget(31, 2, units, 'equal');
    expect(eq.ok && eq.units.map((u) => u.target)).toEqual([16, 15]);
    const w = decomposeTarget(31, 2, units, 'weights');
    // quotas 7.75 and 23.25 → 7 + 23 = 30, the leftover 1 goes to the larger remainder (0.75)
    expect(w.ok && w.units.map((u) => u.target)).toEqual([8, 23]);
    if (w.ok) expect(w.units[1].plan.stages[0].required).toBeCloseTo(23 / 0.5 / 0.02, 9);
  });

  it('borrows the whole’s rate for a step a unit never had, and says so', () => {
    const r = decomposeTarget(
      10,
      2,
      [
        { name: 'A', counts: [1000, 100, 50] },
        { name: 'B', counts: [500, 0, 0] }, // no clicks: its visit rate is 0 ÷ 0
      ],
      'equal',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.units[1].borrowed).toEqual([2]);
    // B: 5 orders ÷ whole visit rate 50 % = 10 clicks; ÷ its own CTR 0 % → unreachable
    expect(r.units[1].plan.stages.map((s) => s.required)).toEqual([null, 10, 5]);
    expect(r.units[1].plan.blockedStep).toBe(1);
  });

  it('does not mutate its input', () => {
    const before = JSON.stringify(units);
    decomposeTarget(30, 2, units, 'weights');
    expect(JSON.stringify(units)).toBe(before);
  });

  it('names why it cannot split', () => {
    expect(decomposeTarget(10, 1, [], 'equal')).toEqual({ ok: false, reason: 'no-units' });
    expect(decomposeTarget(10, 1, [{ name: 'A', counts: [5, 0] }], 'share')).toEqual({
      ok: false,
      reason: 'no-basis',
    });
    expect(decomposeTarget(10, 1, [{ name: 'A', counts: [5, 1], weight: -2 }], 'weights')).toEqual({
      ok: false,
      reason: 'bad-weights',
    });
  });
});
