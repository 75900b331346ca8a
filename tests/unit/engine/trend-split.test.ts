// A trend split by a dimension (month × branch) in one pass: each branch's periods equal the
// sums this test makes itself from the rows, with and without a selection.
import { describe, expect, it } from 'vitest';
import type { CompiledFunnel } from '../../../src/core/engine/compile';
import { dayOf } from '../../../src/core/engine/period';
import {
  dailyTotalsBy,
  dayKeys,
  MAX_SPLIT_KEYS,
  rollUp,
  splitDaily,
} from '../../../src/core/engine/trend';
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

describe('splitDaily', () => {
  it('is the one-pass split when it fits', () => {
    const fitted = splitDaily(funnel, keys, branch, null);
    expect(fitted.left).toBe(0);
    expect(fitted.series).toEqual(dailyTotalsBy(funnel, keys, branch, null)!.series);
  });

  it('splits the values that have rows when the dictionary is too large to hold', () => {
    // 40,000 values, of which the rows hold only the four branches (codes 0–3).
    const wide = {
      codes: branch.codes,
      dict: [...branch.dict, ...Array.from({ length: 40_000 }, (_, k) => `v${k}`)],
    };
    const rows = Uint32Array.from({ length: Math.ceil(n / 3) }, (_, k) => k * 3);
    const fitted = splitDaily(funnel, keys, wide, rows);
    expect(fitted.left).toBe(0);
    const asIs = dailyTotalsBy(funnel, keys, branch, rows)!.series;
    expect(fitted.series.map((s) => s.code)).toEqual(asIs.map((s) => s.code));
    expect(fitted.series.map((s) => s.value)).toEqual(asIs.map((s) => s.value));
    fitted.series.forEach((s, k) => {
      expect(Array.from(s.daily.rows)).toEqual(Array.from(asIs[k].daily.rows));
      expect(s.daily.counts.map((c) => Array.from(c))).toEqual(
        asIs[k].daily.counts.map((c) => Array.from(c)),
      );
    });
  });

  it('keeps the values with the most rows when more have rows than fit', () => {
    // 1,000 days × 5,000 values, each on its own rows: more accumulators than one pass holds.
    const days = 1000;
    const values = 5000;
    const size = days + 1;
    const fit = Math.floor(MAX_SPLIT_KEYS / size);
    expect(values * size).toBeGreaterThan(MAX_SPLIT_KEYS);
    // Value v has one row, and the last ten values one more each: the biggest, kept first.
    const code: number[] = [];
    const day: number[] = [];
    const clicks: number[] = [];
    for (let v = 0; v < values; v++) {
      code.push(v);
      day.push(20000 + (v % days));
      clicks.push(v + 1);
    }
    for (let v = values - 10; v < values; v++) {
      code.push(v);
      day.push(20000);
      clicks.push(1000);
    }
    const wideKeys = dayKeys({ days: Float64Array.from(day) });
    const col = {
      codes: Uint32Array.from(code),
      dict: Array.from({ length: values }, (_, v) => `k${v}`),
    };
    const f: CompiledFunnel = {
      ...funnel,
      stageValues: [Float64Array.from(clicks), Float64Array.from(clicks)],
    };
    const fitted = splitDaily(f, wideKeys, col, null);
    expect(fitted.series).toHaveLength(fit);
    expect(fitted.left).toBe(values - fit);
    // The ten with two rows, then the lowest codes among the rest; in code order.
    const expected = [
      ...Array.from({ length: fit - 10 }, (_, v) => v),
      ...Array.from({ length: 10 }, (_, k) => values - 10 + k),
    ];
    expect(fitted.series.map((s) => s.code)).toEqual(expected);
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);
    // The last value: its own row (5,000 clicks) and one more of 1,000 on day 20000.
    const last = fitted.series.at(-1)!;
    expect(last.value).toBe(`k${values - 1}`);
    expect(sum(last.daily.counts[0])).toBe(values + 1000);
    expect(sum(last.daily.rows)).toBe(2);
    expect(last.daily.counts[0][wideKeys.keys[0]]).toBe(1000);
    // Value 3: one row, 4 clicks, on day 20003.
    expect(sum(fitted.series[3].daily.counts[1])).toBe(4);
  });
});
