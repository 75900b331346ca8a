// A trend split by a dimension (month × branch) in one pass: each branch's periods equal the
// sums this test makes itself from the rows, with and without a selection.
import { describe, expect, it } from 'vitest';
import type { CompiledFunnel } from '../../../src/core/engine/compile';
import { dayOf } from '../../../src/core/engine/period';
import { dailyTotalsBy, dayKeys, rollUp } from '../../../src/core/engine/trend';
import { dateColumn, fromArrays, numberColumn, textColumn } from '../../../src/core/table/table';

const BRANCHES = ['北京', '上海', '广州', ''];
const n = 3000;
let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const rowsData = Array.from({ length: n }, () => {
  const d = Math.floor(rand() * 120);
  const date =
    rand() < 0.02 ? '' : new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
  return {
    date,
    branch: BRANCHES[Math.floor(rand() * 4)],
    clicks: Math.floor(rand() * 100),
    orders: Math.floor(rand() * 5),
  };
});
const table = fromArrays(
  {
    日期: rowsData.map((r) => r.date),
    分公司: rowsData.map((r) => r.branch),
    点击量: rowsData.map((r) => r.clicks),
    订单量: rowsData.map((r) => r.orders),
  },
  { 日期: 'date' },
);
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
const keys = dayKeys(dateColumn(table, '日期')!);
const branch = textColumn(table, '分公司')!;
const covered = { from: dayOf(2025, 1, 1), to: dayOf(2025, 4, 30) };

/** month → branch → [clicks, orders], summed straight from the rows. */
function expected(keep: (i: number) => boolean): Map<string, Map<string, number[]>> {
  const out = new Map<string, Map<string, number[]>>();
  rowsData.forEach((r, i) => {
    if (!keep(i) || r.date === '') return;
    const byBranch = out.get(r.branch) ?? new Map<string, number[]>();
    out.set(r.branch, byBranch);
    const month = r.date.slice(0, 7);
    const acc = byBranch.get(month) ?? [0, 0];
    acc[0] += r.clicks;
    acc[1] += r.orders;
    byBranch.set(month, acc);
  });
  return out;
}

function got(rows: Uint32Array | null): Map<string, Map<string, number[]>> {
  const split = dailyTotalsBy(funnel, keys, branch, rows)!;
  const out = new Map<string, Map<string, number[]>>();
  for (const s of split.series) {
    const months = new Map<string, number[]>();
    for (const p of rollUp(s.daily, 'month', covered)) {
      const month = new Date(p.start * 86_400_000).toISOString().slice(0, 7);
      if (p.rows > 0) months.set(month, p.counts);
    }
    if (months.size > 0) out.set(s.value, months);
  }
  return out;
}

describe('dailyTotalsBy', () => {
  it('month × branch over every row: the sums of the rows', () => {
    expect(got(null)).toEqual(expected(() => true));
  });

  it('month × branch within a selection (every third row)', () => {
    const rows = Uint32Array.from({ length: Math.ceil(n / 3) }, (_, k) => k * 3);
    expect(got(rows)).toEqual(expected((i) => i % 3 === 0));
  });

  it('declines a split too large to hold', () => {
    const wide = { codes: branch.codes, dict: Array.from({ length: 40_000 }, (_, k) => `v${k}`) };
    expect(dailyTotalsBy(funnel, keys, wide, null)).toBeNull();
  });
});
