// Suggested for tests/unit/engine/ once compile.ts fills allRowSums.
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../src/core/engine/aggregate';
import { compileSpec } from '../../../src/core/engine/compile';
import { emptySpec } from '../../../src/core/spec/spec';
import { fromArrays, numberColumn } from '../../../src/core/table/table';
import { withStats } from '../../../src/core/table/table-stats';

const spec = {
  ...emptySpec('wide'),
  cost: '消费',
  stages: [
    { id: 'i', label: '展现量', source: { kind: 'column' as const, column: '展现量' } },
    { id: 'c', label: '点击量', source: { kind: 'column' as const, column: '点击量' } },
  ],
};

describe('compileSpec: all-row sums from the columns’ figures', () => {
  it('takes each stage’s and the cost’s sum from the columns, so all rows need no pass', () => {
    const table = withStats(fromArrays({ 展现量: [10, 20], 点击量: [1, 2], 消费: [1.5, 2] }));
    // A figure unlike the data shows it is the one used.
    numberColumn(table, '展现量')!.stats = { sum: 999 };
    const r = compileSpec(table, spec);
    if (!r.ok) throw new Error(r.error);
    expect(r.funnel.allRowSums).toEqual({ stages: [999, 3], cost: 3.5, revenue: null });
    expect(aggregate(r.funnel, null).counts).toEqual([999, 3]);
    // A selection sums its rows: 10 + 20 and 1 + 2.
    expect(aggregate(r.funnel, Uint32Array.of(0, 1)).counts).toEqual([30, 3]);
  });

  it('knows nothing for columns without figures (a test table, a restored one)', () => {
    const r = compileSpec(fromArrays({ 展现量: [10, 20], 点击量: [1, 2], 消费: [1.5, 2] }), spec);
    if (!r.ok) throw new Error(r.error);
    expect(r.funnel.allRowSums).toEqual({ stages: [null, null], cost: null, revenue: null });
    expect(aggregate(r.funnel, null)).toMatchObject({ counts: [30, 3], cost: 3.5 });
  });
});
