/**
 * The explore view over event data: the rule runs over the events the filters keep, a date range
 * chooses people by their counted entry, segments attribute people by first or last touch, and
 * the event view's figures (time to convert, drop-off, young periods) read the same selection.
 * Every number worked out by hand from the rows below.
 */
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../../src/core/engine/period';
import { defaultEventSettings, emptySpec, type FunnelSpec } from '../../../src/core/spec/spec';
import { fromArrays } from '../../../src/core/table/table';
import { View } from '../../../src/state/view.svelte';
import { Workspace } from '../../../src/state/workspace.svelte';

// Steps 访问 → 咨询 → 下单, 7 days.
//   a: 访问 03-01 10:00 (百度), 咨询 03-01 10:10 (百度), 下单 03-03 10:00 (抖音)  → 下单
//   b: 访问 03-02 09:00 (抖音), 咨询 03-02 09:20 (抖音)                          → 咨询
//   c: 访问 03-20 12:00 (百度)                                                   → 访问
const rows: [string, string, string, string][] = [
  ['a', '访问', '2025-03-01T10:00:00Z', '百度'],
  ['a', '咨询', '2025-03-01T10:10:00Z', '百度'],
  ['b', '访问', '2025-03-02T09:00:00Z', '抖音'],
  ['b', '咨询', '2025-03-02T09:20:00Z', '抖音'],
  ['a', '下单', '2025-03-03T10:00:00Z', '抖音'],
  ['c', '访问', '2025-03-20T12:00:00Z', '百度'],
];

function view(touch: 'first' | 'last' = 'first'): View {
  const table = fromArrays(
    {
      用户ID: rows.map((r) => r[0]),
      事件: rows.map((r) => r[1]),
      时间: rows.map((r) => r[2]),
      渠道: rows.map((r) => r[3]),
    },
    { 时间: 'date' },
  );
  const spec: FunnelSpec = {
    ...emptySpec('events'),
    stages: ['访问', '咨询', '下单'].map((v) => ({
      id: v,
      label: v,
      source: { kind: 'events', values: [v] },
    })),
    date: '时间',
    dimensions: ['渠道'],
    events: { ...defaultEventSettings('用户ID', '事件', '时间'), touch },
  };
  const ws = new Workspace();
  ws.add({ id: 'd', name: 'events.csv', importedAt: 0, table, spec, report: null });
  return new View(ws);
}

describe('View over event data', () => {
  it('counts people, once each, at the steps they reached', () => {
    const v = view();
    expect(v.totals?.counts).toEqual([3, 2, 1]);
    expect(v.metrics?.stages[2].stepRate).toBe(0.5);
  });

  it('a filter keeps its events only: 百度 alone, a orders on 抖音 and stops at 咨询', () => {
    const v = view();
    v.setValues('渠道', ['百度']);
    expect(v.totals?.counts).toEqual([2, 1, 0]);
  });

  it('a date range chooses entries; steps after it still count', () => {
    const v = view();
    v.setRange({ from: dayOf(2025, 3, 1), to: dayOf(2025, 3, 1) });
    // a entered on 03-01 and ordered on 03-03, outside the range: still counted.
    expect(v.totals?.counts).toEqual([1, 1, 1]);
    v.setRange({ from: dayOf(2025, 3, 2), to: dayOf(2025, 3, 31) });
    expect(v.totals?.counts).toEqual([2, 1, 0]);
  });

  it('breakdowns attribute people by first or last touch', () => {
    const first = view('first').segmentsOf('渠道');
    expect(Object.fromEntries(first.map((s) => [s.value, s.counts]))).toEqual({
      百度: [2, 1, 1],
      抖音: [1, 1, 0],
    });
    const last = view('last').segmentsOf('渠道');
    expect(Object.fromEntries(last.map((s) => [s.value, s.counts]))).toEqual({
      抖音: [2, 2, 1],
      百度: [1, 0, 0],
    });
  });

  it('a segment of a filtered field is the rule run without that filter', () => {
    const v = view();
    v.setValues('渠道', ['百度']);
    const seg = v.segmentTotals('渠道', '抖音');
    expect(seg?.counts).toEqual([1, 1, 0]);
  });

  it('time to convert, drop-off and young periods read the same selection', () => {
    const v = view();
    // 咨询: a 600 s, b 1200 s; 下单: a 2 days.
    expect(v.events.timing?.[1].fromStart.median).toBe(900);
    expect(v.events.timing?.[2].fromStart.median).toBe(172_800);
    expect(v.events.dropOff(0)).toEqual(['c']);
    expect(v.events.dropOff(1)).toEqual(['b']);
    v.granularity = 'day';
    // The last event is 03-20 12:00: a day ending after 03-13 12:00 holds entries that have not
    // had 7 days (empty days in between are periods too).
    const young = v.events.periods.filter((p) => p.immature).map((p) => p.label);
    expect(young).toEqual(Array.from({ length: 8 }, (_, i) => `2025-03-${13 + i}`));
    expect(v.events.periods.map((p) => p.counts[0]).reduce((s, n) => s + n, 0)).toBe(3);
  });
});
