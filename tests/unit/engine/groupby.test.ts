import { describe, expect, it } from 'vitest';
import type { CompiledFunnel } from '../../../src/core/engine/compile';
import { groupBy, totalsByKey } from '../../../src/core/engine/groupby';
import { fromArrays, textColumn } from '../../../src/core/table/table';

const table = fromArrays({
  渠道: ['百度', '360', '百度', '神马', '360'],
  展现量: [100, 50, 30, 0, 20],
  点击量: [3, 1, 2, 0, 4],
  消费: [9, 2, 4, 0, 6.5],
});
const channel = textColumn(table, '渠道')!;
const col = (name: string) => {
  const c = table.columns.find((x) => x.name === name)!;
  return c.kind === 'number' ? c.values : [];
};
const sums: CompiledFunnel = {
  ids: ['i', 'c'],
  labels: ['展现量', '点击量'],
  mode: 'sums',
  stageValues: [col('展现量'), col('点击量')],
  level: null,
  weight: null,
  cumulative: false,
  cost: col('消费'),
  revenue: null,
};

describe('groupBy, sums', () => {
  it('totals each value over all rows, in dictionary order', () => {
    expect(groupBy(sums, channel, null)).toEqual([
      { value: '百度', code: 1, counts: [130, 5], cost: 13, revenue: null, rows: 2 },
      { value: '360', code: 2, counts: [70, 5], cost: 8.5, revenue: null, rows: 2 },
      { value: '神马', code: 3, counts: [0, 0], cost: 0, revenue: null, rows: 1 },
    ]);
  });

  it('totals over a selection and leaves out values with no selected row', () => {
    expect(groupBy(sums, channel, Uint32Array.of(1, 2))).toEqual([
      { value: '百度', code: 1, counts: [30, 2], cost: 4, revenue: null, rows: 1 },
      { value: '360', code: 2, counts: [50, 1], cost: 2, revenue: null, rows: 1 },
    ]);
    expect(groupBy(sums, channel, new Uint32Array(0))).toEqual([]);
  });

  it('does not mutate its input', () => {
    const before = Array.from(channel.codes);
    const sel = Uint32Array.of(0, 4);
    groupBy(sums, channel, sel);
    expect(Array.from(channel.codes)).toEqual(before);
    expect(Array.from(sel)).toEqual([0, 4]);
    expect(Array.from(col('展现量'))).toEqual([100, 50, 30, 0, 20]);
  });
});

describe('groupBy, levels', () => {
  // Five opportunities at stages lead(0) → proposal(1) → won(2); row 3 reached no stage.
  const levels = (cumulative: boolean, weight: number[] | null = null): CompiledFunnel => ({
    ids: ['l', 'p', 'w'],
    labels: ['线索', '方案', '赢单'],
    mode: 'levels',
    stageValues: [],
    level: Int16Array.of(2, 0, 1, -1, 1),
    weight,
    cumulative,
    cost: null,
    revenue: null,
  });

  it('counts a row for its stage and every stage above it when cumulative', () => {
    const out = groupBy(levels(true), channel, null);
    // 百度: rows 0 (won), 2 (proposal) → lead 2, proposal 2, won 1
    // 360: rows 1 (lead), 4 (proposal) → lead 2, proposal 1, won 0
    // 神马: row 3, no stage → zeros
    expect(out.map((s) => [s.value, s.counts])).toEqual([
      ['百度', [2, 2, 1]],
      ['360', [2, 1, 0]],
      ['神马', [0, 0, 0]],
    ]);
  });

  it('keeps a histogram when not cumulative, and uses weights', () => {
    expect(groupBy(levels(false), channel, null).map((s) => s.counts)).toEqual([
      [0, 1, 1],
      [1, 1, 0],
      [0, 0, 0],
    ]);
    const weighted = groupBy(levels(false, [10, 20, 30, 40, 50]), channel, null);
    expect(weighted.map((s) => s.counts)).toEqual([
      [0, 30, 10],
      [20, 50, 0],
      [0, 0, 0],
    ]);
  });
});

describe('totalsByKey', () => {
  it('sums by any integer key', () => {
    const keyed = totalsByKey(sums, Uint8Array.of(0, 0, 1, 1, 2), 3, null);
    expect(Array.from(keyed.counts[0])).toEqual([150, 30, 20]);
    expect(Array.from(keyed.rows)).toEqual([2, 2, 1]);
  });
});
