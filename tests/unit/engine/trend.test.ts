import { describe, expect, it } from 'vitest';
import type { CompiledFunnel } from '../../../src/core/engine/compile';
import { dayOf } from '../../../src/core/engine/period';
import { dailyTotals, dayKeys, rollUp } from '../../../src/core/engine/trend';
import { dateColumn, fromArrays, numberColumn } from '../../../src/core/table/table';

// Two weeks and a bit around a year end; 2024-12-30 is a Monday (ISO 2025-W01).
const table = fromArrays(
  {
    日期: ['2024-12-28', '2024-12-30', '2025-01-05', '', '2025-01-06', '2025-01-06', '2025-01-13'],
    点击量: [10, 20, 30, 1000, 40, 50, 60],
    订单量: [1, 2, 0, 100, 4, 5, 3],
  },
  { 日期: 'date' },
);
const date = dateColumn(table, '日期')!;
const funnel: CompiledFunnel = {
  ids: ['c', 'o'],
  labels: ['点击量', '订单量'],
  mode: 'sums',
  stageValues: [numberColumn(table, '点击量')!.values, numberColumn(table, '订单量')!.values],
  level: null,
  weight: null,
  cumulative: false,
  cost: null,
  revenue: null,
};
const keys = dayKeys(date);
const whole = { from: dayOf(2024, 12, 28), to: dayOf(2025, 1, 13) };

describe('dayKeys', () => {
  it('numbers the days that have rows in order, 0 for an empty date', () => {
    expect(Array.from(keys.days)).toEqual(
      [
        [2024, 12, 28],
        [2024, 12, 30],
        [2025, 1, 5],
        [2025, 1, 6],
        [2025, 1, 13],
      ].map(([y, m, d]) => dayOf(y, m, d)),
    );
    expect(Array.from(keys.keys)).toEqual([1, 2, 3, 0, 4, 4, 5]);
    expect(keys.size).toBe(6);
  });
});

describe('rollUp', () => {
  const daily = dailyTotals(funnel, keys, null);

  it('rolls days into ISO weeks across the year end, keeping step rates', () => {
    const weeks = rollUp(daily, 'week', whole);
    expect(weeks.map((w) => w.label)).toEqual(['2024-W52', '2025-W01', '2025-W02', '2025-W03']);
    expect(weeks.map((w) => w.counts)).toEqual([
      [10, 1],
      [50, 2],
      [90, 9],
      [60, 3],
    ]);
    expect(weeks[2].stepRates).toEqual([null, 0.1]);
    expect(weeks.map((w) => w.rows)).toEqual([1, 2, 2, 1]);
  });

  it('marks periods the covered range does not span', () => {
    const weeks = rollUp(daily, 'week', whole);
    // W52 starts 2024-12-23 before the data; W03 ends 2025-01-19 after it.
    expect(weeks.map((w) => w.incomplete)).toEqual([true, false, false, true]);
    const months = rollUp(daily, 'month', { from: dayOf(2024, 12, 1), to: dayOf(2025, 1, 31) });
    expect(months.map((m) => [m.label, m.counts[0], m.incomplete])).toEqual([
      ['2024-12', 30, false],
      ['2025-01', 180, false],
    ]);
  });

  it('rolls into quarters and years across the year end', () => {
    expect(rollUp(daily, 'quarter', whole).map((q) => [q.label, q.counts[0]])).toEqual([
      ['2024-Q4', 30],
      ['2025-Q1', 180],
    ]);
    expect(rollUp(daily, 'year', whole).map((y) => [y.label, y.counts[1]])).toEqual([
      ['2024', 3],
      ['2025', 12],
    ]);
  });

  it('keeps empty days between active ones as zeros', () => {
    const days = rollUp(daily, 'day', whole);
    expect(days.length).toBe(17);
    expect(days[1]).toMatchObject({ label: '2024-12-29', counts: [0, 0], rows: 0 });
    expect(days[1].stepRates).toEqual([null, null]);
  });

  it('only counts the selected rows', () => {
    const sel = dailyTotals(funnel, keys, Uint32Array.of(4, 5));
    expect(rollUp(sel, 'week', whole).map((w) => [w.label, w.counts])).toEqual([
      ['2025-W02', [90, 9]],
    ]);
    expect(rollUp(dailyTotals(funnel, keys, new Uint32Array(0)), 'month', whole)).toEqual([]);
  });
});
