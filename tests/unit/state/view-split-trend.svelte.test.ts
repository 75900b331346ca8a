/**
 * The trend split by a dimension (month × branch) as the View gives it: each branch's periods
 * equal the sums this test makes from the rows itself, under the view's filters and ignoring its
 * date range as the trend does; a new granularity re-buckets the same days.
 */
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../../src/core/engine/period';
import { emptySpec, type FunnelSpec } from '../../../src/core/spec/spec';
import { fromArrays } from '../../../src/core/table/table';
import { View } from '../../../src/state/view.svelte';
import { Workspace } from '../../../src/state/workspace.svelte';

const BRANCHES = ['北京', '上海', '广州'];
const CHANNELS = ['百度', '360'];
const n = 2000;
let seed = 11;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const rows = Array.from({ length: n }, () => ({
  date: new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 200) * 86_400_000)
    .toISOString()
    .slice(0, 10),
  branch: BRANCHES[Math.floor(rand() * BRANCHES.length)],
  channel: CHANNELS[Math.floor(rand() * CHANNELS.length)],
  shows: Math.floor(rand() * 500),
  clicks: Math.floor(rand() * 50),
}));

function view(): View {
  const table = fromArrays(
    {
      日期: rows.map((r) => r.date),
      分公司: rows.map((r) => r.branch),
      渠道: rows.map((r) => r.channel),
      展现: rows.map((r) => r.shows),
      点击: rows.map((r) => r.clicks),
    },
    { 日期: 'date' },
  );
  const spec: FunnelSpec = {
    ...emptySpec('wide'),
    stages: [
      { id: 's', label: '展现', source: { kind: 'column', column: '展现' } },
      { id: 'c', label: '点击', source: { kind: 'column', column: '点击' } },
    ],
    date: '日期',
    hierarchy: ['分公司'],
    dimensions: ['渠道'],
  };
  const ws = new Workspace();
  ws.add({ id: 'd', name: 'd.csv', importedAt: 0, table, spec, report: null });
  return new View(ws);
}

/** branch → period label → [shows, clicks], from the rows; `period` cuts a date to its label. */
function expected(
  keep: (r: (typeof rows)[number]) => boolean,
  period: (date: string) => string,
): Map<string, Map<string, number[]>> {
  const out = new Map<string, Map<string, number[]>>();
  for (const r of rows) {
    if (!keep(r)) continue;
    const byPeriod = out.get(r.branch) ?? new Map<string, number[]>();
    out.set(r.branch, byPeriod);
    const acc = byPeriod.get(period(r.date)) ?? [0, 0];
    acc[0] += r.shows;
    acc[1] += r.clicks;
    byPeriod.set(period(r.date), acc);
  }
  return out;
}

function shown(v: View): Map<string, Map<string, number[]>> {
  const out = new Map<string, Map<string, number[]>>();
  for (const s of v.splitTrend!.series)
    out.set(s.value, new Map(s.periods.filter((p) => p.rows > 0).map((p) => [p.label, p.counts])));
  return out;
}

const month = (date: string) => date.slice(0, 7);

describe('View.splitTrend', () => {
  it('is off until a dimension is chosen', () => {
    expect(view().splitTrend).toBeNull();
  });

  it('splits the trend by branch and month: the rows’ own sums', () => {
    const v = view();
    v.granularity = 'month';
    v.splitBy = '分公司';
    const split = v.splitTrend!;
    expect(split.field).toBe('分公司');
    expect(split.step).toBe('month');
    expect(split.left).toBe(0);
    expect(shown(v)).toEqual(expected(() => true, month));
    // Every branch's months add up to the trend's.
    v.trend!.periods.forEach((p) => {
      const sum = split.series.reduce(
        (acc, s) => acc + (s.periods.find((q) => q.start === p.start)?.counts[0] ?? 0),
        0,
      );
      expect(sum).toBe(p.counts[0]);
    });
  });

  it('follows the filters but not the date range, and re-buckets by quarter', () => {
    const v = view();
    v.granularity = 'month';
    v.splitBy = '分公司';
    v.only('渠道', '百度');
    v.setRange({ from: dayOf(2025, 3, 1), to: dayOf(2025, 3, 31) });
    expect(shown(v)).toEqual(expected((r) => r.channel === '百度', month));
    v.granularity = 'quarter';
    const quarter = (date: string) =>
      `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
    expect(v.splitTrend!.step).toBe('quarter');
    expect(shown(v)).toEqual(expected((r) => r.channel === '百度', quarter));
  });

  it('drops a dimension the table does not have', () => {
    const v = view();
    v.splitBy = '不存在';
    expect(v.splitTrend).toBeNull();
  });
});
