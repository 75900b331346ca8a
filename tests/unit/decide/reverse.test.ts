import { describe, expect, it } from 'vitest';
import { ceilWhole, rateNeeded, reverseFunnel } from '../../../src/core/decide/reverse';

// Rates of 10000 → 300 → 240 → 24 → 6: CTR 3 %, visit 80 %, consultation 10 %, order 25 %.
const rates = [null, 0.03, 0.8, 0.1, 0.25];
const actual = [10000, 300, 240, 24, 6];

describe('reverseFunnel', () => {
  it('works back from 1.5× today’s orders to every stage and the budget', () => {
    const p = reverseFunnel(rates, { kind: 'stage', stage: 4, count: 9 }, actual, {
      costPerUnit: 2,
      paidStage: 1,
    });
    // 9 ÷ 25 % = 36 consultations; ÷ 10 % = 360 visits; ÷ 80 % = 450 clicks; ÷ 3 % = 15000
    const expected = [15000, 450, 360, 36, 9];
    p.stages.forEach((s, k) => expect(s.required).toBeCloseTo(expected[k], 6));
    expect(p.stages.map((s) => s.whole)).toEqual(expected);
    expect(p.stages.map((s) => s.role)).toEqual([
      'required',
      'required',
      'required',
      'required',
      'goal',
    ]);
    p.stages.forEach((s, k) => expect(s.gap).toBeCloseTo(expected[k] - actual[k], 6));
    expect(p.budget).toBeCloseTo(900, 6); // 450 clicks × 2
    expect(p.blockedStep).toBeNull();
    expect(p.topShort).toBe(true); // 15000 impressions needed, 10000 today
  });

  it('rounds fractional requirements up to whole units', () => {
    const p = reverseFunnel(rates, { kind: 'stage', stage: 4, count: 500 }, actual);
    expect(p.stages[0].required).toBeCloseTo(833333.333, 2);
    expect(p.stages[0].whole).toBe(833334);
    expect(p.stages[3].whole).toBe(2000);
  });

  it('turns a revenue target into orders through the average order value', () => {
    const p = reverseFunnel(rates, { kind: 'revenue', revenue: 6000 }, actual, {
      averageValue: 500,
    });
    expect(p.goalStage).toBe(4);
    expect(p.stages.map((s) => s.whole)).toEqual([20000, 600, 480, 48, 12]);
    const none = reverseFunnel(rates, { kind: 'revenue', revenue: 6000 }, actual, {});
    expect(none.stages.every((s) => s.required === null)).toBe(true);
  });

  it('sets a goal in the middle: stages below are what it brings, the budget follows', () => {
    const p = reverseFunnel(rates, { kind: 'stage', stage: 2, count: 480 }, actual, {
      costPerUnit: 2,
      paidStage: 1,
    });
    expect(p.stages.map((s) => s.role)).toEqual([
      'required',
      'required',
      'goal',
      'expected',
      'expected',
    ]);
    const expected = [20000, 600, 480, 48, 12];
    p.stages.forEach((s, k) => expect(s.required).toBeCloseTo(expected[k], 9));
    expect(p.budget).toBeCloseTo(1200, 9);
  });

  it('a zero rate makes the stages above unreachable, never Infinity', () => {
    const p = reverseFunnel(
      [null, 0.03, 0, 0.1, 0.25],
      { kind: 'stage', stage: 4, count: 9 },
      actual,
      {
        costPerUnit: 2,
        paidStage: 1,
      },
    );
    expect(p.stages.map((s) => s.required)).toEqual([null, null, 360, 36, 9]);
    expect(p.stages[0].gap).toBeNull();
    expect(p.blockedStep).toBe(2);
    expect(p.budget).toBeNull();
    expect(p.topShort).toBe(false);
  });

  it('an undefined rate (zero-count stage above it) blocks the same way', () => {
    const p = reverseFunnel(
      [null, 0.02, 0, null],
      { kind: 'stage', stage: 3, count: 5 },
      [1000, 20, 0, 0],
    );
    expect(p.stages.map((s) => s.required)).toEqual([null, null, null, 5]);
    expect(p.blockedStep).toBe(3);
  });

  it('does not mutate its input', () => {
    const r = [...rates];
    const a = [...actual];
    reverseFunnel(r, { kind: 'stage', stage: 4, count: 9 }, a);
    expect(r).toEqual(rates);
    expect(a).toEqual(actual);
  });
});

describe('rateNeeded', () => {
  it('gives the rate one step needs holding the top volume', () => {
    // 12 orders ÷ (10000 × 3 % × 80 % × 25 %) = 12 ÷ 60 = 20 % consultation rate
    const r = rateNeeded(10000, rates, 4, 12, 3);
    expect(r.rate).toBeCloseTo(0.2, 12);
    expect(r.current).toBe(0.1);
    expect(r.aboveOne).toBe(false);
    expect(r.aboveTop).toBe(false);
  });

  it('flags a goal above what the top can supply', () => {
    const r = rateNeeded(10000, rates, 4, 100, 3); // 100 ÷ 60 = 166.7 %
    expect(r.rate).toBeCloseTo(100 / 60, 12);
    expect(r.aboveOne).toBe(true);
    const huge = rateNeeded(10000, rates, 4, 20000, 1);
    expect(huge.aboveTop).toBe(true);
  });

  it('is unreachable when another step is zero, and undefined for a step below the goal', () => {
    expect(rateNeeded(10000, [null, 0.03, 0, 0.1, 0.25], 4, 12, 3).rate).toBeNull();
    expect(rateNeeded(10000, rates, 2, 12, 3).rate).toBeNull();
  });
});

describe('ceilWhole', () => {
  it('forgives float noise but rounds real fractions up', () => {
    expect(ceilWhole(2999.9999999999995)).toBe(3000);
    expect(ceilWhole(3000.0000000000005)).toBe(3000);
    expect(ceilWhole(3000.2)).toBe(3001);
    expect(ceilWhole(0)).toBe(0);
  });
});
