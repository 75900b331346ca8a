import { describe, expect, it } from 'vitest';
import { aggregate, knownSum, sumOver } from '../../../src/core/engine/aggregate';
import type { CompiledFunnel } from '../../../src/core/engine/compile';
import { dayExtent, valueCounts } from '../../../src/core/engine/slice';
import { retypeColumn, withDayMonthSwapped } from '../../../src/core/read/retype';
import {
  fromArrays,
  textColumn,
  dateColumn,
  numberColumn,
  withoutStats,
  type Column,
  type NumberColumn,
  type Table,
} from '../../../src/core/table/table';
import { withStats } from '../../../src/core/table/table-stats';
import { transferables } from '../../../src/ingest/handler';
import { tableRecord, tableToStore } from '../../../src/persist/table-record';

// Five rows, dates 2025-01-01 (day 20089) .. 2025-01-09 (day 20097), one empty.
const source = {
  日期: ['2025-01-05', '2025-01-01', '', '2025-01-09', '2025-01-02'],
  地区: ['华北', '华东', '华北', '', '华北'],
  点击量: [3, 4, 5, 6, 7],
  消费: [1.5, 2.25, 0, 4, 10],
};
const make = (): Table => fromArrays(source, { 日期: 'date' });
const day = (s: string) => Date.parse(s) / 86_400_000;
const named = (table: Table, name: string): Column => table.columns.find((c) => c.name === name)!;

/** A one-stage funnel over a number column, with the sums compile takes from its figures. */
const clicksFunnel = (clicks: NumberColumn): CompiledFunnel => ({
  ids: ['clicks'],
  labels: ['点击量'],
  mode: 'sums',
  stageValues: [clicks.values],
  level: null,
  weight: null,
  cumulative: false,
  cost: null,
  revenue: null,
});
const known = (clicks: NumberColumn) => ({
  stages: [knownSum(clicks)],
  cost: null,
  revenue: null,
});

describe('withStats', () => {
  it('counts each text value, sums each number column and spans each date column', () => {
    const table = withStats(make());
    const region = textColumn(table, '地区')!;
    // By hand: 华北 ×3, 华东 ×1, empty ×1.
    const byValue = Object.fromEntries(
      region.dict.map((v, code) => [v, region.stats?.counts[code] ?? -1]),
    );
    expect(byValue).toEqual({ '': 1, 华北: 3, 华东: 1 });
    expect(named(table, '点击量').stats).toEqual({ sum: 3 + 4 + 5 + 6 + 7 });
    expect(named(table, '消费').stats).toEqual({ sum: 1.5 + 2.25 + 0 + 4 + 10 });
    expect(named(table, '日期').stats).toEqual({
      extent: { from: day('2025-01-01'), to: day('2025-01-09') },
    });
    // The figures add one buffer to hand over: the text column's counts.
    expect(transferables(table).length - transferables(make()).length).toBe(1);
  });

  it('does not mutate its input, and shares its arrays', () => {
    const input = make();
    const before = structuredClone(input);
    const out = withStats(input);
    expect(input).toEqual(before);
    expect(input.columns.every((c) => c.stats === undefined)).toBe(true);
    expect(numberColumn(out, '点击量')!.values).toBe(numberColumn(input, '点击量')!.values);
  });

  it('works the figures out afresh rather than trust the ones a column had', () => {
    const table = make();
    const stale = { ...numberColumn(table, '点击量')!, stats: { sum: 1000 } };
    const out = withStats({ ...table, columns: [stale] });
    expect(out.columns[0].stats).toEqual({ sum: 25 });
  });
});

describe('figures on the columns', () => {
  it('lets the engine answer all-row questions from figures made elsewhere (a worker)', () => {
    // The worker's table and the page's are two copies, as after postMessage: the figures
    // travel with the columns.
    const there = withStats(make());
    const here = structuredClone(there);
    expect(here).toEqual(there);
    // Figures that differ from the data show that the carried ones are the ones used.
    const region = textColumn(here, '地区')!;
    const clicks = numberColumn(here, '点击量')!;
    const dates = dateColumn(here, '日期')!;
    region.stats = { counts: Float64Array.of(7, 8, 9) };
    clicks.stats = { sum: 1000 };
    dates.stats = { extent: { from: 1, to: 2 } };
    expect(Array.from(valueCounts(region, null))).toEqual([7, 8, 9]);
    expect(knownSum(clicks)).toBe(1000);
    expect(aggregate({ ...clicksFunnel(clicks), allRowSums: known(clicks) }, null).counts).toEqual([
      1000,
    ]);
    expect(dayExtent(dates, null)).toEqual({ from: 1, to: 2 });
    // A selection is still counted from the rows themselves.
    expect(sumOver(clicks.values, Uint32Array.of(0, 4))).toBe(3 + 7);
    expect(
      aggregate({ ...clicksFunnel(clicks), allRowSums: known(clicks) }, Uint32Array.of(0, 4))
        .counts,
    ).toEqual([3 + 7]);
    expect(Array.from(valueCounts(region, Uint32Array.of(0, 1)))).toEqual([0, 1, 1]);
    expect(dayExtent(dates, Uint32Array.of(0))).toEqual({
      from: day('2025-01-05'),
      to: day('2025-01-05'),
    });
  });

  it('hands out copies: editing an answer does not change the figure', () => {
    const region = textColumn(withStats(make()), '地区')!;
    valueCounts(region, null)[1] = 99;
    const extentOf = dateColumn(withStats(make()), '日期')!;
    dayExtent(extentOf, null)!.from = 0;
    expect(Array.from(valueCounts(region, null))).toEqual([1, 3, 1]);
    expect(dayExtent(extentOf, null)!.from).toBe(day('2025-01-01'));
  });

  it('skips figures that do not fit their column', () => {
    const table = make();
    const region = textColumn(table, '地区')!;
    const clicks = numberColumn(table, '点击量')!;
    // Wrong length for the dictionary, and a figure of another kind of column.
    region.stats = { counts: Float64Array.of(1, 2) };
    clicks.stats = { extent: null } as unknown as NumberColumn['stats'];
    expect(Array.from(valueCounts(region, null)).reduce((a, b) => a + b, 0)).toBe(5);
    expect(knownSum(clicks)).toBeNull();
    expect(aggregate({ ...clicksFunnel(clicks), allRowSums: known(clicks) }, null).counts).toEqual([
      25,
    ]);
  });

  it('works all-row answers out when a column has no figures (built in a test, restored)', () => {
    const table = make();
    const clicks = numberColumn(table, '点击量')!;
    expect(knownSum(clicks)).toBeNull();
    expect(aggregate(clicksFunnel(clicks), null).counts).toEqual([25]);
    expect(Array.from(valueCounts(textColumn(table, '地区')!, null))).toEqual([1, 3, 1]);
    expect(dayExtent(dateColumn(table, '日期')!, null)).toEqual({
      from: day('2025-01-01'),
      to: day('2025-01-09'),
    });
  });

  it('are never carried into a column made from another, nor into a saved record', async () => {
    const table = withStats(make());
    const cases: [string, Column][] = [
      ['count → money', retypeColumn(named(table, '点击量'), 'money').column],
      ['category → id', retypeColumn(named(table, '地区'), 'id').column],
      ['number → text', retypeColumn(named(table, '点击量'), 'text').column],
      ['text → date', retypeColumn(named(table, '地区'), 'date').column],
      ['withoutStats', withoutStats(named(table, '日期'))],
      ['dates read day-first', withDayMonthSwapped(dateColumn(table, '日期')!)],
    ];
    for (const [what, col] of cases) expect(col.stats, what).toBeUndefined();
    expect(tableRecord(table).columns.every((c) => !('stats' in c))).toBe(true);
    const stored = (await tableToStore(table)) as { columns: Record<string, unknown>[] };
    expect(stored.columns.every((c) => !('stats' in c))).toBe(true);
    // 2025-01-05 read day-first is 2025-05-01: the swapped column's extent is worked out anew.
    const swapped = withDayMonthSwapped(dateColumn(table, '日期')!);
    expect(dayExtent(swapped, null)).toEqual({ from: day('2025-01-01'), to: day('2025-09-01') });
    // …and the table they came from keeps its own.
    expect(named(table, '点击量').stats).toEqual({ sum: 25 });
  });
});
