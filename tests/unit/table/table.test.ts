import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../src/core/engine/aggregate';
import { compileSpec } from '../../../src/core/engine/compile';
import { emptySpec } from '../../../src/core/spec/spec';
import {
  fromArrays,
  isNull,
  textAt,
  type NumberColumn,
  type TextColumn,
} from '../../../src/core/table/table';

describe('fromArrays', () => {
  it('stores whole numbers in Int32Array, others in Float64Array, empties in a bitmap', () => {
    const t = fromArrays({ clicks: [1, null, 3], cost: [1.5, 2, null], team: ['a', 'b', 'a'] });
    const clicks = t.columns[0] as NumberColumn;
    const cost = t.columns[1] as NumberColumn;
    expect(clicks.values).toBeInstanceOf(Int32Array);
    expect(cost.values).toBeInstanceOf(Float64Array);
    expect(isNull(clicks, 1)).toBe(true);
    expect(isNull(clicks, 0)).toBe(false);
    expect(Array.from(clicks.values)).toEqual([1, 0, 3]);
    const team = t.columns[2] as TextColumn;
    expect(team.dict[0]).toBe('');
    expect(Array.from(team.codes)).toEqual([1, 2, 1]);
    expect(textAt(team, 2)).toBe('a');
  });
});

describe('compile and aggregate', () => {
  const table = fromArrays({
    展现量: [100, 200, 300],
    点击量: [5, 6, 7],
    消费: [10.5, 20.25, 30],
  });
  const spec = {
    ...emptySpec('wide'),
    stages: [
      { id: 'impressions', label: '展现量', source: { kind: 'column' as const, column: '展现量' } },
      { id: 'clicks', label: '点击量', source: { kind: 'column' as const, column: '点击量' } },
    ],
    cost: '消费',
  };

  it('sums every row, or only the selected rows', () => {
    const r = compileSpec(table, spec);
    if (!r.ok) throw new Error(r.error);
    expect(aggregate(r.funnel, null)).toEqual({
      counts: [600, 18],
      cost: 60.75,
      revenue: null,
      rows: 3,
    });
    expect(aggregate(r.funnel, Uint32Array.of(0, 2))).toEqual({
      counts: [400, 12],
      cost: 40.5,
      revenue: null,
      rows: 2,
    });
    expect(aggregate(r.funnel, new Uint32Array(0)).counts).toEqual([0, 0]);
  });

  it('counts levels cumulatively (reached stage k when at stage k or later)', () => {
    const funnel = {
      ids: ['a', 'b', 'c'],
      labels: ['a', 'b', 'c'],
      mode: 'levels' as const,
      stageValues: [],
      level: Int16Array.of(0, 2, 1, -1, 2),
      weight: null,
      cumulative: true,
      cost: null,
      revenue: null,
    };
    expect(aggregate(funnel, null).counts).toEqual([4, 3, 2]);
    expect(
      aggregate({ ...funnel, cumulative: false, weight: [1, 10, 100, 1000, 5] }, null).counts,
    ).toEqual([1, 100, 15]);
  });

  it('reports a stage bound to a missing column', () => {
    const bad = {
      ...spec,
      stages: [{ id: 'x', label: 'x', source: { kind: 'column' as const, column: 'nope' } }],
    };
    expect(compileSpec(table, bad).ok).toBe(false);
  });
});
