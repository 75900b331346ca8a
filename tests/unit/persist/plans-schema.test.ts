import { describe, expect, it } from 'vitest';
import { PLANS_VERSION, readPlans } from '../../../src/persist/plans-schema';

// Plans exactly as a saved workspace revision holds them today (version 1): they must keep loading.
const saved = {
  version: 1,
  datasets: {
    'ds-1': {
      targets: {
        all: { kind: 'counts', values: { orders: 500 } },
        '["分公司=北京分公司"]': { kind: 'rates', values: { impressions: 10000, clicks: 0.04 } },
      },
      draft: {
        name: '',
        top: 12000,
        budget: null,
        costPerUnit: 2.5,
        averageValue: null,
        rates: { clicks: { kind: 'relative', change: 0.1 } },
      },
      scenarios: [
        {
          id: 'scn-1',
          name: 'CTR +10%',
          top: null,
          budget: 5000,
          costPerUnit: null,
          averageValue: 480,
          rates: { orders: { kind: 'absolute', rate: 0.3 } },
        },
      ],
      compare: ['scn-1'],
      goal: { kind: 'revenue', revenue: 100000 },
      split: {
        field: '分公司',
        stage: 'orders',
        method: 'weights',
        weights: { 北京分公司: 2, 上海分公司: 1 },
        total: 900,
      },
      plannedTop: 20000,
    },
  },
};

describe('readPlans', () => {
  it('reads the version-1 plans a saved workspace holds, as a fresh copy', () => {
    expect(PLANS_VERSION).toBe(1);
    const r = readPlans(saved);
    expect(r).toEqual({ ok: true, value: saved });
    if (r.ok) expect(r.value.datasets['ds-1']).not.toBe(saved.datasets['ds-1']);
  });

  it('refuses unknown versions, unknown or missing keys and forbidden keys, naming the path', () => {
    expect(readPlans({ ...saved, version: 2 })).toEqual({
      ok: false,
      reason: '.version: not one of 1',
    });
    const extra = structuredClone(saved) as Record<string, unknown>;
    extra.more = 1;
    expect(readPlans(extra)).toEqual({ ok: false, reason: '.more: unknown key' });
    const missing = structuredClone(saved);
    delete (missing.datasets['ds-1'] as Partial<(typeof saved.datasets)['ds-1']>).plannedTop;
    expect(readPlans(missing)).toEqual({
      ok: false,
      reason: '.datasets.ds-1.plannedTop: missing',
    });
    // A key named __proto__ is only a key (maps keyed by names from data hold any name), and
    // its value is checked like any other: here it is empty, so refused, and nothing polluted.
    const hostile = JSON.parse('{"version":1,"datasets":{"__proto__":{}}}');
    const r = readPlans(hostile);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^\.datasets\.__proto__\./);
    expect(({} as Record<string, unknown>).targets).toBeUndefined();
    const tooMany = structuredClone(saved);
    tooMany.datasets['ds-1'].compare = ['a', 'b', 'c', 'd', 'e'];
    expect(readPlans(tooMany)).toEqual({
      ok: false,
      reason: '.datasets.ds-1.compare: more than 4 items',
    });
  });
});
