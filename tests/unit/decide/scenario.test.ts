import { describe, expect, it } from 'vitest';
import {
  editedRate,
  editsOf,
  noEdits,
  paidStageOf,
  runScenario,
  scenarioDelta,
  stepRates,
  type RateEdit,
  type ScenarioDraft,
} from '../../../src/core/decide/scenario';

// 10000 impressions → 300 clicks (CTR 3 %) → 240 visits (80 %) → 24 consultations (10 %)
// → 6 orders (25 %); cost 600 (CPC 2), revenue 3000 (AOV 500).
const base = { counts: [10000, 300, 240, 24, 6], cost: 600, revenue: 3000 };
const CLICKS = 1;

function rateEdits(k: number, edit: RateEdit): (RateEdit | null)[] {
  const rates: (RateEdit | null)[] = [];
  rates[k] = edit;
  return rates;
}

describe('runScenario', () => {
  it('gives the actual funnel back exactly when nothing changes', () => {
    const r = runScenario(base, noEdits(), CLICKS);
    expect(r.counts).toEqual([10000, 300, 240, 24, 6]);
    expect(r.rates).toEqual([null, 0.03, 0.8, 0.1, 0.25]);
    expect(r.cost).toBe(600);
    expect(r.revenue).toBe(3000);
    expect(r.costPerUnit).toBe(2);
    expect(r.averageValue).toBe(500);
    expect(r.costPerLast).toBe(100);
    expect(r.roi).toBe(4); // (3000 − 600) ÷ 600
  });

  it('raises the click-through rate by 10 %: every stage below and the cost follow', () => {
    const r = runScenario(
      base,
      { ...noEdits(), rates: rateEdits(1, { kind: 'relative', change: 0.1 }) },
      CLICKS,
    );
    const expected = [10000, 330, 264, 26.4, 6.6];
    r.counts.forEach((c, k) => expect(c).toBeCloseTo(expected[k], 9));
    expect(r.rates[1]).toBeCloseTo(0.033, 12);
    expect(r.cost).toBeCloseTo(660, 9); // 330 clicks × CPC 2
    expect(r.revenue).toBeCloseTo(3300, 9); // 6.6 × 500
    expect(r.costPerLast).toBeCloseTo(100, 9);
    const d = scenarioDelta(r, runScenario(base, noEdits(), CLICKS));
    expect(d.last).toBeCloseTo(0.6, 9);
    expect(d.cost).toBeCloseTo(60, 9);
    expect(d.rates[1]).toBeCloseTo(0.003, 12);
    expect(d.rates[2]).toBeCloseTo(0, 12);
  });

  it('doubles every stage, the cost and the revenue with twice the top volume', () => {
    const r = runScenario(base, { ...noEdits(), top: 20000 }, CLICKS);
    expect(r.counts).toEqual([20000, 600, 480, 48, 12]);
    expect(r.cost).toBe(1200);
    expect(r.revenue).toBe(6000);
  });

  it('buys the paid stage with a budget at a new CPC and derives the stages above', () => {
    const r = runScenario(base, { ...noEdits(), budget: 1000, costPerUnit: 2.5 }, CLICKS);
    // 1000 ÷ 2.5 = 400 clicks; 400 ÷ 3 % = 13333.3 impressions; 320 visits, 32, 8 orders
    const expected = [400 / 0.03, 400, 320, 32, 8];
    r.counts.forEach((c, k) => expect(c).toBeCloseTo(expected[k], 6));
    expect(r.cost).toBe(1000);
    expect(r.revenue).toBeCloseTo(4000, 9);
    expect(r.roi).toBeCloseTo(3, 9);
    expect(r.costPerLast).toBeCloseTo(125, 9);
  });

  it('sets a rate absolutely, and the value of an order', () => {
    const r = runScenario(
      base,
      { ...noEdits(), rates: rateEdits(2, { kind: 'absolute', rate: 0.9 }), averageValue: 600 },
      CLICKS,
    );
    const expected = [10000, 300, 270, 27, 6.75];
    r.counts.forEach((c, k) => expect(c).toBeCloseTo(expected[k], 9));
    expect(r.cost).toBe(600); // clicks unchanged
    expect(r.revenue).toBeCloseTo(4050, 9); // 6.75 × 600
  });

  it('charges a new CPC on the same clicks', () => {
    const r = runScenario(base, { ...noEdits(), costPerUnit: 3 }, CLICKS);
    expect(r.cost).toBe(900);
    expect(r.roi).toBeCloseTo(2100 / 900, 12);
  });

  it('handles a zero-count stage: below it is unknown until the user sets the rate', () => {
    // 1000 → 20 → 0 visits → 0 → 0: visit rate 0, consultation rate undefined (0 ÷ 0)
    const z = { counts: [1000, 20, 0, 0, 0], cost: 40, revenue: 0 };
    const same = runScenario(z, noEdits(), CLICKS);
    expect(same.counts).toEqual([1000, 20, 0, 0, 0]);
    expect(same.rates).toEqual([null, 0.02, 0, null, null]);
    expect(same.costPerLast).toBeNull();
    expect(same.averageValue).toBeNull();

    const visits = runScenario(
      z,
      { ...noEdits(), rates: rateEdits(2, { kind: 'absolute', rate: 0.5 }) },
      CLICKS,
    );
    expect(visits.counts).toEqual([1000, 20, 10, null, null]);
    expect(visits.revenue).toBeNull();

    const rates: (RateEdit | null)[] = [];
    rates[2] = { kind: 'absolute', rate: 0.5 };
    rates[3] = { kind: 'absolute', rate: 0.2 };
    rates[4] = { kind: 'absolute', rate: 0.5 };
    const set = runScenario(z, { ...noEdits(), rates, averageValue: 100 }, CLICKS);
    expect(set.counts).toEqual([1000, 20, 10, 2, 1]);
    expect(set.revenue).toBe(100);

    // +10 % of a zero rate is still zero: nothing flows below it.
    const rel = runScenario(
      z,
      { ...noEdits(), rates: rateEdits(2, { kind: 'relative', change: 0.1 }) },
      CLICKS,
    );
    expect(rel.counts).toEqual([1000, 20, 0, 0, 0]);
  });

  it('a zero rate above the paid stage makes the budget unable to say the top', () => {
    const z = { counts: [1000, 0, 0], cost: 0, revenue: null };
    const r = runScenario(z, { ...noEdits(), budget: 100, costPerUnit: 1 }, 1);
    expect(r.counts[1]).toBe(100);
    expect(r.counts[0]).toBeNull(); // 100 clicks ÷ 0 % CTR: unreachable, not Infinity
    expect(r.counts[2]).toBeNull(); // visit rate 0 ÷ 0 unknown
  });

  it('with no cost mapped and no CPC typed, cost stays unknown', () => {
    const r = runScenario({ counts: [100, 10], cost: null, revenue: null }, noEdits(), 0);
    expect(r.cost).toBeNull();
    expect(r.roi).toBeNull();
  });

  it('does not mutate its input', () => {
    const counts = [10000, 300, 240, 24, 6];
    const b = { counts, cost: 600, revenue: 3000 };
    const edits = {
      ...noEdits(),
      top: 5000,
      rates: rateEdits(1, { kind: 'relative', change: 0.5 }),
    };
    const frozen = JSON.stringify({ b, edits });
    runScenario(b, edits, 1);
    expect(JSON.stringify({ b, edits })).toBe(frozen);
  });
});

describe('helpers', () => {
  it('stepRates and editedRate', () => {
    expect(stepRates([100, 50, 0, 0])).toEqual([null, 0.5, 0, null]);
    expect(editedRate(0.5, { kind: 'relative', change: -0.2 })).toBe(0.4);
    expect(editedRate(null, { kind: 'relative', change: 0.2 })).toBeNull();
    expect(editedRate(null, { kind: 'absolute', rate: 0.3 })).toBe(0.3);
    expect(editedRate(0.1, { kind: 'absolute', rate: -1 })).toBe(0);
  });

  it('finds the paid stage', () => {
    expect(paidStageOf(['impressions', 'clicks', 'visits'])).toBe(1);
    expect(paidStageOf(['visitors', 'orders'])).toBe(0);
  });
});

describe('editsOf', () => {
  it('puts rate changes in stage order by id', () => {
    const draft: ScenarioDraft = {
      name: 'x',
      ...noEdits(),
      rates: { clicks: { kind: 'relative', change: 0.1 } },
    };
    const e = editsOf(draft, ['impressions', 'clicks', 'visits']);
    expect(e.rates).toEqual([null, { kind: 'relative', change: 0.1 }, null]);
    expect(editsOf(null, ['a']).rates).toEqual([]);
  });

  it('carries the volume, budget and money changes over, and ignores a change to the top stage', () => {
    const draft: ScenarioDraft = {
      name: 'Budget',
      top: 12000,
      budget: 5000,
      costPerUnit: 2.5,
      averageValue: 480,
      rates: {
        impressions: { kind: 'absolute', rate: 2 },
        orders: { kind: 'absolute', rate: 0.3 },
        gone: { kind: 'relative', change: 1 },
      },
    };
    expect(editsOf(draft, ['impressions', 'clicks', 'orders'])).toEqual({
      top: 12000,
      budget: 5000,
      costPerUnit: 2.5,
      averageValue: 480,
      rates: [null, null, { kind: 'absolute', rate: 0.3 }],
    });
    expect(draft.rates.impressions).toEqual({ kind: 'absolute', rate: 2 }); // not mutated
  });
});
