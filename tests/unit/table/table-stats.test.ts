import { describe, expect, it } from 'vitest';
import { sumOver } from '../../../src/core/engine/aggregate';
import { dayExtent, valueCounts } from '../../../src/core/engine/slice';
import {
  fromArrays,
  textColumn,
  dateColumn,
  numberColumn,
  type Table,
} from '../../../src/core/table/table';
import { rememberTableStats, statBuffers, tableStats } from '../../../src/core/table/table-stats';

// Five rows, dates 2025-01-01 (day 20089) .. 2025-01-09 (day 20097), one empty.
const source = {
  日期: ['2025-01-05', '2025-01-01', '', '2025-01-09', '2025-01-02'],
  地区: ['华北', '华东', '华北', '', '华北'],
  点击量: [3, 4, 5, 6, 7],
  消费: [1.5, 2.25, 0, 4, 10],
};
const make = (): Table => fromArrays(source, { 日期: 'date' });
const day = (s: string) => Date.parse(s) / 86_400_000;

describe('tableStats', () => {
  it('counts each text value, sums each number column and spans each date column', () => {
    const table = make();
    const stats = tableStats(table);
    const region = textColumn(table, '地区')!;
    const counts = stats[table.columns.indexOf(region)];
    expect(counts.kind).toBe('text');
    // By hand: 华北 ×3, 华东 ×1, empty ×1.
    const byValue = Object.fromEntries(
      region.dict.map((v, code) => [v, counts.kind === 'text' ? counts.counts[code] : -1]),
    );
    expect(byValue).toEqual({ '': 1, 华北: 3, 华东: 1 });
    const clicks = stats[table.columns.findIndex((c) => c.name === '点击量')];
    expect(clicks).toEqual({ kind: 'number', sum: 3 + 4 + 5 + 6 + 7 });
    const cost = stats[table.columns.findIndex((c) => c.name === '消费')];
    expect(cost).toEqual({ kind: 'number', sum: 1.5 + 2.25 + 0 + 4 + 10 });
    const dates = stats[table.columns.findIndex((c) => c.name === '日期')];
    expect(dates).toEqual({
      kind: 'date',
      extent: { from: day('2025-01-01'), to: day('2025-01-09') },
    });
    expect(statBuffers(stats)).toHaveLength(1);
  });
});

describe('rememberTableStats', () => {
  it('lets the engine answer all-row questions from figures made elsewhere (a worker)', () => {
    // The worker's table and the page's are two copies, as after postMessage.
    const there = make();
    const here = structuredClone(there);
    const stats = structuredClone(tableStats(there));
    // Figures that differ from the data show that the remembered ones are the ones used.
    const region = textColumn(here, '地区')!;
    const k = here.columns.indexOf(region);
    const clicks = numberColumn(here, '点击量')!;
    const c = here.columns.indexOf(clicks);
    const d = here.columns.indexOf(dateColumn(here, '日期')!);
    stats[k] = { kind: 'text', counts: Float64Array.of(7, 8, 9) };
    stats[c] = { kind: 'number', sum: 1000 };
    stats[d] = { kind: 'date', extent: { from: 1, to: 2 } };
    rememberTableStats(here, stats);
    expect(Array.from(valueCounts(region, null))).toEqual([7, 8, 9]);
    expect(sumOver(clicks.values, null)).toBe(1000);
    expect(dayExtent(dateColumn(here, '日期')!, null)).toEqual({ from: 1, to: 2 });
    // A selection is still counted from the rows themselves.
    expect(sumOver(clicks.values, Uint32Array.of(0, 4))).toBe(3 + 7);
    expect(dayExtent(dateColumn(here, '日期')!, Uint32Array.of(0))).toEqual({
      from: day('2025-01-05'),
      to: day('2025-01-05'),
    });
  });

  it('skips figures that do not fit their column', () => {
    const table = make();
    const region = textColumn(table, '地区')!;
    const k = table.columns.indexOf(region);
    const stats = tableStats(make());
    // Wrong length for the dictionary, and a kind that does not match the column.
    stats[k] = { kind: 'text', counts: Float64Array.of(1, 2) };
    const c = table.columns.findIndex((col) => col.name === '点击量');
    stats[c] = { kind: 'date', extent: null };
    rememberTableStats(table, stats);
    expect(Array.from(valueCounts(region, null)).reduce((a, b) => a + b, 0)).toBe(5);
    expect(sumOver(numberColumn(table, '点击量')!.values, null)).toBe(25);
  });
});
