import { describe, expect, it } from 'vitest';
import { funnelMetrics, ratio } from '../../../src/core/engine/funnel';

describe('ratio', () => {
  it.each([
    [6, 3, 2],
    [0, 5, 0],
    [5, 0, null],
    [null, 5, null],
    [5, null, null],
    [Infinity, 2, null],
    [NaN, 2, null],
  ])('%s ÷ %s = %s', (a, b, expected) => {
    expect(ratio(a, b)).toBe(expected);
  });
});

describe('funnelMetrics', () => {
  const search = [
    { label: '展现量', count: 200_000 },
    { label: '点击量', count: 6_000 },
    { label: '访问量', count: 5_100 },
    { label: '咨询量', count: 357 },
    { label: '订单量', count: 85 },
  ];

  it('computes step, overall and drop-off by hand-worked numbers', () => {
    const m = funnelMetrics(search);
    expect(m.stages.map((s) => s.stepRate)).toEqual([null, 0.03, 0.85, 0.07, 85 / 357]);
    expect(m.stages.map((s) => s.overallRate)).toEqual([1, 0.03, 0.0255, 0.001785, 0.000425]);
    expect(m.stages[1].dropCount).toBe(194_000);
    expect(m.stages[1].dropShare).toBe(0.97);
    expect(m.stages[0].dropCount).toBeNull();
    expect(m.nonMonotonic).toBe(false);
  });

  it('computes cost and revenue metrics', () => {
    // cost 24,000 over 6,000 clicks = CPC 4; 85 orders: 282.35 per order; revenue 255,000
    const m = funnelMetrics(search, 24_000, 255_000);
    expect(m.stages[1].costPer).toBe(4);
    expect(m.costPerMille).toBe(120); // 24,000 / 200,000 × 1000
    expect(m.costPerLast).toBeCloseTo(282.3529, 4);
    expect(m.roi).toBe(9.625); // (255,000 − 24,000) / 24,000
    expect(m.roas).toBe(10.625);
    expect(m.averageOrderValue).toBe(3000);
  });

  it('gives null, never NaN or Infinity, for zero denominators', () => {
    const m = funnelMetrics(
      [
        { label: 'a', count: 0 },
        { label: 'b', count: 0 },
        { label: 'c', count: 0 },
      ],
      0,
      0,
    );
    for (const s of m.stages) {
      expect(s.stepRate).toBeNull();
      expect(s.overallRate).toBeNull();
      expect(s.costPer).toBeNull();
    }
    expect(m.stages[1].dropShare).toBeNull();
    expect(m.roi).toBeNull();
    expect(m.roas).toBeNull();
    expect(m.averageOrderValue).toBeNull();
    expect(m.costPerLast).toBeNull();
    expect(m.costPerMille).toBeNull();
    const flat = JSON.stringify(m);
    expect(flat).not.toMatch(/NaN|Infinity/);
  });

  it('a zero middle stage makes only the next step undefined', () => {
    const m = funnelMetrics([
      { label: 'a', count: 10 },
      { label: 'b', count: 0 },
      { label: 'c', count: 0 },
    ]);
    expect(m.stages[1].stepRate).toBe(0);
    expect(m.stages[2].stepRate).toBeNull();
    expect(m.stages[2].overallRate).toBe(0);
  });

  it('flags, and does not reject, a stage larger than the one above (silent orders)', () => {
    const m = funnelMetrics([
      { label: '访客数', count: 1000 },
      { label: '咨询人数', count: 80 },
      { label: '下单人数', count: 120 },
    ]);
    expect(m.nonMonotonic).toBe(true);
    expect(m.stages[2].exceedsPrevious).toBe(true);
    expect(m.stages[2].stepRate).toBe(1.5);
    expect(m.stages[2].dropCount).toBe(-40);
    expect(m.stages[1].exceedsPrevious).toBe(false);
  });

  it('handles an empty funnel and revenue without cost', () => {
    expect(funnelMetrics([]).stages).toEqual([]);
    const m = funnelMetrics([{ label: 'a', count: 4 }], null, 100);
    expect(m.roi).toBeNull();
    expect(m.averageOrderValue).toBe(25);
  });

  it('does not mutate its input', () => {
    const input = search.map((s) => ({ ...s }));
    const copy = structuredClone(input);
    funnelMetrics(input, 1, 2);
    expect(input).toEqual(copy);
  });
});
