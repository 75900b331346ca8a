import { describe, expect, it } from 'vitest';
import { Plans, type ScenarioDraft } from '../../../src/state/plans.svelte';

const draft = (name: string, change = 0.1): ScenarioDraft => ({
  name,
  top: null,
  budget: null,
  costPerUnit: null,
  averageValue: null,
  rates: { clicks: { kind: 'relative', change } },
});

describe('plans', () => {
  it('saves, duplicates, renames and deletes scenarios with unique names', () => {
    const p = new Plans();
    const a = p.save('ds', draft(' CTR +10% '));
    expect(a.ok).toBe(true);
    expect(p.of('ds').scenarios[0].name).toBe('CTR +10%');
    expect(p.save('ds', draft('CTR +10%'))).toEqual({ ok: false, problem: 'taken' });
    expect(p.save('ds', draft('  '))).toEqual({ ok: false, problem: 'empty' });
    if (!a.ok) return;
    const b = p.duplicate('ds', a.id, 'CTR +10% (copy)');
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(p.of('ds').scenarios.map((s) => s.name)).toEqual(['CTR +10%', 'CTR +10% (copy)']);
    expect(p.rename('ds', b.id, 'CTR +10%')).toBe('taken');
    expect(p.rename('ds', b.id, 'Budget')).toBeNull();
    p.toggleCompared('ds', a.id);
    p.toggleCompared('ds', b.id);
    expect(p.of('ds').compare).toEqual([a.id, b.id]);
    p.remove('ds', a.id);
    expect(p.of('ds').scenarios.map((s) => s.name)).toEqual(['Budget']);
    expect(p.of('ds').compare).toEqual([b.id]);
    expect(p.of('other').scenarios).toEqual([]);
  });

  it('compares at most four', () => {
    const p = new Plans();
    const ids = ['a', 'b', 'c', 'd', 'e'].map((n) => {
      const r = p.save('ds', draft(n));
      return r.ok ? r.id : '';
    });
    ids.forEach((id) => p.toggleCompared('ds', id));
    expect(p.of('ds').compare).toEqual(ids.slice(0, 4));
    p.toggleCompared('ds', 'unknown');
    expect(p.of('ds').compare).toHaveLength(4);
  });

  it('round-trips through JSON and refuses damaged data without changing anything', () => {
    const p = new Plans();
    p.save('ds', draft('A'));
    p.setTarget('ds', 'all', { kind: 'counts', values: { orders: 500 } });
    p.setGoal('ds', { kind: 'stage', stage: 'orders', count: 900 });
    p.setSplit('ds', {
      field: '分公司',
      stage: 'orders',
      method: 'weights',
      weights: { 北京分公司: 2 },
      total: 100,
    });
    p.setPlannedTop('ds', 20000);
    const json = JSON.parse(JSON.stringify(p));
    expect(json.version).toBe(1);

    const q = new Plans();
    expect(q.restore(json)).toEqual({ ok: true });
    expect(q.toJSON()).toEqual(p.toJSON());

    const hostile = JSON.parse(
      '{"version":1,"datasets":{"ds":{"__proto__":{"x":1},"targets":{},"draft":null,"scenarios":[],"compare":[],"goal":null,"split":null,"plannedTop":null}}}',
    );
    const r = q.restore(hostile);
    expect(r.ok).toBe(false);
    expect(q.toJSON()).toEqual(p.toJSON());
    expect(q.restore({ ...json, version: 99 }).ok).toBe(false);
    expect(q.restore({ ...json, extra: 1 }).ok).toBe(false);
    const badRate = structuredClone(json);
    badRate.datasets.ds.scenarios[0].rates.clicks = { kind: 'relative', change: 'x' };
    expect(q.restore(badRate).ok).toBe(false);
    expect(q.toJSON()).toEqual(p.toJSON());
    expect(q.restore(null)).toEqual({ ok: true });
    expect(q.toJSON().datasets).toEqual({});
  });
});
