/**
 * The explore view as the one query model: built over a small workspace in node, every derived
 * number checked against sums worked out by hand from the rows below.
 */
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../../src/core/engine/period';
import { emptySpec, type FunnelSpec } from '../../../src/core/spec/spec';
import { fromArrays } from '../../../src/core/table/table';
import { View } from '../../../src/state/view.svelte';
import { Workspace } from '../../../src/state/workspace.svelte';
import { sliceWords } from '../../../src/ui/controls/slice-words';

// Two regions over four days in March and April 2025.
//   day         region  shows clicks
//   2025-03-30  北      100   10
//   2025-03-31  南       50    5
//   2025-04-01  北      200   30
//   2025-04-30  南       80    8
function workspace(): Workspace {
  const table = fromArrays(
    {
      日期: ['2025-03-30', '2025-03-31', '2025-04-01', '2025-04-30'],
      地区: ['北', '南', '北', '南'],
      展现: [100, 50, 200, 80],
      点击: [10, 5, 30, 8],
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
    dimensions: ['地区'],
  };
  const ws = new Workspace();
  ws.add({ id: 'd', name: 'd.csv', importedAt: 0, table, spec, report: null });
  return ws;
}

describe('View over a workspace', () => {
  it('takes its dataset from the source it is given', () => {
    const view = new View(workspace());
    expect(view.dataset?.name).toBe('d.csv');
    expect(view.totals?.counts).toEqual([430, 53]);
    expect(view.metrics?.stages[1].stepRate).toBeCloseTo(53 / 430, 12);
  });

  it('has one current period: the chosen range, else the latest one whose baseline is in the data', () => {
    const view = new View(workspace());
    // 32 days of data: by day, and its last 7 days against the 7 before.
    expect(view.granularity).toBe('day');
    expect(view.period).toEqual({ from: dayOf(2025, 4, 24), to: dayOf(2025, 4, 30) });
    expect(view.periodBaseline('previous')!.base.range).toEqual({
      from: dayOf(2025, 4, 17),
      to: dayOf(2025, 4, 23),
    });
    // By month, April's previous month would be March, of which the data holds two days: the
    // data's last 16 days (half of it) against the 16 before instead.
    view.granularity = 'month';
    expect(view.period).toEqual({ from: dayOf(2025, 4, 15), to: dayOf(2025, 4, 30) });
    const pair = view.periodBaseline('previous')!;
    expect(pair.base.range).toEqual({ from: dayOf(2025, 3, 30), to: dayOf(2025, 4, 14) });
    expect(pair.current.totals.counts).toEqual([80, 8]);
    expect(pair.base.totals.counts).toEqual([350, 45]);
    view.setRange({ from: dayOf(2025, 3, 31), to: dayOf(2025, 4, 1) });
    expect(view.period).toEqual({ from: dayOf(2025, 3, 31), to: dayOf(2025, 4, 1) });
    // two days back: 29–30 March holds only the 30th
    expect(view.periodBaseline('previous')!.base.totals.counts).toEqual([100, 10]);
  });

  it('keeps a baseline to the slice: filters apply to both sides alike', () => {
    const view = new View(workspace());
    view.setRange({ from: dayOf(2025, 4, 1), to: dayOf(2025, 4, 30) });
    view.only('地区', '北');
    const pair = view.periodBaseline('previous')!;
    expect(pair.current.totals.counts).toEqual([200, 30]);
    expect(pair.base.totals.counts).toEqual([100, 10]);
  });

  it('lists segments under every other clause, and one segment alone', () => {
    const view = new View(workspace());
    view.only('地区', '北');
    const all = new Map(view.segmentsOf('地区').map((s) => [s.value, s.counts]));
    expect(all.get('北')).toEqual([300, 40]);
    expect(all.get('南')).toEqual([130, 13]);
    expect(view.segmentsWithin('地区').map((s) => s.value)).toEqual(['北']);
    expect(view.segmentTotals('地区', '南')?.counts).toEqual([130, 13]);
  });

  it("counts a filter list's values without its own filter", () => {
    const view = new View(workspace());
    view.setRange({ from: dayOf(2025, 4, 1), to: dayOf(2025, 4, 30) });
    view.only('地区', '北');
    const col = view.column('地区')!;
    const counts = view.valueCounts('地区')!;
    const byValue = new Map(col.dict.map((v, code) => [v, counts[code]]));
    expect(byValue.get('北')).toBe(1);
    expect(byValue.get('南')).toBe(1);
  });

  it("puts the slice in words with the reader's punctuation", () => {
    const view = new View(workspace());
    view.setValues('地区', ['北', '南']);
    view.setRange({ from: dayOf(2025, 4, 1), to: dayOf(2025, 4, 30) });
    expect(sliceWords(view.sliceParts, 'zh')).toEqual([
      '地区：北、南',
      '日期：2025-04-01 – 2025-04-30',
    ]);
    expect(sliceWords(view.sliceParts, 'en')).toEqual([
      '地区: 北, 南',
      '日期: 2025-04-01 – 2025-04-30',
    ]);
  });

  it("keeps each dataset's view with it: a new one opens unfiltered, the old one comes back", () => {
    const ws = workspace();
    const view = new View(ws);
    view.only('地区', '北');
    view.setRange({ from: dayOf(2025, 4, 1), to: dayOf(2025, 4, 30) });
    view.granularity = 'week';
    view.tab = 'compare';
    const other = ws.active!;
    ws.add({ ...other, id: 'e', name: 'e.csv' });
    expect(view.filters).toEqual([]);
    expect(view.range).toBeNull();
    expect(view.granularity).toBe('day');
    expect(view.totals?.counts).toEqual([430, 53]);
    // The screen stays where the user is.
    expect(view.tab).toBe('compare');
    ws.open('d');
    expect(view.chosen('地区')).toEqual(['北']);
    expect(view.range).toEqual({ from: dayOf(2025, 4, 1), to: dayOf(2025, 4, 30) });
    expect(view.granularity).toBe('week');
    expect(view.totals?.counts).toEqual([200, 30]);
    ws.open('e');
    expect(view.filters).toEqual([]);
  });

  it('follows its source: another dataset opened, no dataset at all', () => {
    const ws = workspace();
    const view = new View(ws);
    expect(view.totals?.counts[0]).toBe(430);
    ws.remove('d');
    expect(view.dataset).toBeNull();
    expect(view.totals).toBeNull();
    expect(view.period).toBeNull();
  });
});
