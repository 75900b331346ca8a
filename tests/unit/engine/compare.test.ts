import { describe, expect, it } from 'vitest';
import { compareFunnels, delta } from '../../../src/core/engine/compare';

describe('delta', () => {
  it('gives absolute and relative change', () => {
    expect(delta(120, 100)).toEqual({ current: 120, base: 100, delta: 20, relative: 0.2 });
    expect(delta(80, 100)).toEqual({ current: 80, base: 100, delta: -20, relative: -0.2 });
  });
  it('has no relative change from zero and no change against a missing side', () => {
    expect(delta(5, 0)).toEqual({ current: 5, base: 0, delta: 5, relative: null });
    expect(delta(5, null)).toEqual({ current: 5, base: null, delta: null, relative: null });
    expect(delta(undefined, 3)).toEqual({ current: null, base: 3, delta: null, relative: null });
  });
});

describe('compareFunnels', () => {
  const current = {
    stages: [
      { label: '展现量', count: 10000 },
      { label: '点击量', count: 300 },
      { label: '订单量', count: 15 },
    ],
    cost: 900,
    revenue: 4500,
  };
  const previous = {
    stages: [
      { label: '展现量', count: 8000 },
      { label: '点击量', count: 200 },
      { label: '订单量', count: 12 },
    ],
    cost: 600,
    revenue: 3000,
  };

  it('pairs stages with count deltas and rate deltas in points', () => {
    const c = compareFunnels(current, previous);
    const [imp, clk, ord] = c.stages;
    expect(imp.delta).toBe(2000);
    expect(imp.relative).toBeCloseTo(0.25, 10);
    expect(imp.currentStepRate).toBeNull();
    // CTR 3 % vs 2.5 %: +0.5 points
    expect(clk.currentStepRate).toBeCloseTo(0.03, 10);
    expect(clk.baseStepRate).toBeCloseTo(0.025, 10);
    expect(clk.stepRatePoints).toBeCloseTo(0.005, 10);
    // order rate 5 % vs 6 %: −1 point, though orders rose 25 %
    expect(ord.delta).toBe(3);
    expect(ord.relative).toBeCloseTo(0.25, 10);
    expect(ord.stepRatePoints).toBeCloseTo(-0.01, 10);
    expect(ord.overallRatePoints).toBeCloseTo(15 / 10000 - 12 / 8000, 12);
    expect(c.cost).toEqual({ current: 900, base: 600, delta: 300, relative: 0.5 });
    expect(c.revenue.delta).toBe(1500);
    expect(c.unmatched).toEqual([]);
  });

  it('accepts a target naming only some stages, matched by label', () => {
    const target = {
      stages: [
        { label: '订单量', count: 20 },
        { label: '点击量', count: 400 },
        { label: '成交额', count: 1 },
      ],
    };
    const c = compareFunnels(current, target);
    expect(c.stages.map((s) => s.base)).toEqual([null, 400, 20]);
    expect(c.stages[2].delta).toBe(-5);
    expect(c.stages[2].relative).toBeCloseTo(-0.25, 10);
    expect(c.stages[2].baseStepRate).toBeCloseTo(0.05, 10);
    expect(c.stages[1].baseStepRate).toBeNull(); // no target impressions to divide by
    expect(c.stages[1].overallRatePoints).toBeNull();
    expect(c.cost.delta).toBeNull();
    expect(c.unmatched).toEqual(['成交额']);
  });

  it('does not mutate its input', () => {
    const before = JSON.stringify([current, previous]);
    compareFunnels(current, previous);
    expect(JSON.stringify([current, previous])).toBe(before);
  });
});
