// What an event funnel says about its people: time to convert, skipped steps, drop-off ids and
// first / last touch, on a handful of people worked out by hand.
import { describe, expect, test } from 'vitest';
import { compileSpec } from '../../../src/core/engine/compile';
import { countedPeople, dropOffIds, eventSegments } from '../../../src/core/engine/events-people';
import { skippedSteps } from '../../../src/core/engine/events-skipped';
import { eventTiming, summarise, timeHistogram } from '../../../src/core/engine/events-timing';
import { summariseDays } from '../../../src/core/engine/pipeline';
import { defaultEventSettings, emptySpec, type FunnelSpec } from '../../../src/core/spec/spec';
import { fromArrays, textColumn } from '../../../src/core/table/table';

// Steps 访问 → 咨询 → 下单 → 支付, 7-day window.
//   a: 访问 10:00 (百度), 咨询 10:10, 下单 11:00, 支付 11:05 (抖音)  → reaches 支付
//   b: 访问 09:00 (抖音), 咨询 09:30 (抖音)                           → reaches 咨询
//   c: 访问 08:00 (百度), 下单 08:30, 支付 08:40 (never consults)     → 访问 only; silent order
//   d: 访问 07:00 (百度)                                              → 访问 only; no order
//   e: 访问 12:00 (抖音), 咨询 12:20, 下单 13:20 (抖音)               → reaches 下单
const rows: [string, string, string, string][] = [
  ['a', '访问', '10:00', '百度'],
  ['a', '咨询', '10:10', '百度'],
  ['a', '下单', '11:00', '百度'],
  ['a', '支付', '11:05', '抖音'],
  ['b', '访问', '09:00', '抖音'],
  ['b', '咨询', '09:30', '抖音'],
  ['c', '访问', '08:00', '百度'],
  ['c', '下单', '08:30', '百度'],
  ['c', '支付', '08:40', '百度'],
  ['d', '访问', '07:00', '百度'],
  ['e', '访问', '12:00', '抖音'],
  ['e', '咨询', '12:20', '抖音'],
  ['e', '下单', '13:20', '抖音'],
];
const table = fromArrays(
  {
    用户ID: rows.map((r) => r[0]),
    事件: rows.map((r) => r[1]),
    时间: rows.map((r) => `2025-01-05T${r[2]}:00Z`),
    渠道: rows.map((r) => r[3]),
  },
  { 时间: 'date' },
);
const steps = ['访问', '咨询', '下单', '支付'];
const spec: FunnelSpec = {
  ...emptySpec('events'),
  stages: steps.map((s) => ({ id: s, label: s, source: { kind: 'events', values: [s] } })),
  events: defaultEventSettings('用户ID', '事件', '时间'),
};
const compiled = compileSpec(table, spec);
if (!compiled.ok) throw new Error(compiled.error);
const ev = compiled.funnel.events!;
const people = countedPeople(ev.run, null, table.rowCount);

describe('time to convert', () => {
  test('median, mean and p90 from step 1 and from the step before, in seconds', () => {
    const timing = eventTiming(ev.run, people);
    // 咨询 from 访问: a 600, b 1800, e 1200 → median 1200, mean 1200, p90 1680.
    expect(timing[1].fromStart).toEqual({ count: 3, median: 1200, mean: 1200, p90: 1680 });
    // 下单: a 3600, e 4800 from 访问; from 咨询 a 3000, e 3600.
    expect(timing[2].fromStart.median).toBe(4200);
    expect(timing[2].fromPrevious?.median).toBe(3300);
    // 支付: a only, 3900 from 访问, 300 from 下单.
    expect(timing[3].fromStart).toEqual({ count: 1, median: 3900, mean: 3900, p90: 3900 });
    expect(timing[0].fromPrevious).toBeNull();
    expect(timing[0].fromStart.median).toBe(0);
  });

  test('a histogram on log-spaced bins, four to a power of ten', () => {
    // 600, 1200, 1800 s: log10 = 2.78, 3.08, 3.26 → bins from 10^2.75 (562 s), 10^3, 10^3.25.
    const bins = timeHistogram(ev.run, people, 1);
    expect(bins.map((b) => b.count)).toEqual([1, 1, 1]);
    expect(bins[0].from).toBeCloseTo(10 ** 2.75, 6);
    expect(bins[1].from).toBeCloseTo(1000, 6);
    expect(bins.at(-1)!.to).toBeCloseTo(10 ** 3.5, 6);
  });
});

test('summarise by selection gives what a full sort gives, with many equal values too', () => {
  let seed = 7;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (const n of [1, 2, 3, 10, 101, 1000]) {
    const values = Array.from({ length: n }, () => (next() < 0.4 ? 0 : Math.floor(next() * 50)));
    expect(summarise(Float64Array.from(values))).toEqual(summariseDays(values));
  }
  expect(summarise(new Float64Array(0))).toEqual(summariseDays([]));
});

describe('skipped steps and drop-off', () => {
  test('silent orders: without 咨询, who still ordered', () => {
    const skipped = skippedSteps(ev.index, ev.codes, ev.rule, ev.run, people, null);
    // 咨询: c and d reached 访问 without consulting; c ordered → 1 of 2. Those who consulted:
    // a, b, e; a and e ordered → 2 of 3.
    expect(skipped[0]).toEqual({
      step: 1,
      without: 2,
      silent: 1,
      silentRate: 0.5,
      silentToLast: 1,
      withRate: 2 / 3,
    });
    // 下单: b consulted and never ordered, nor paid → 0 of 1. Ordered: a, e; a paid.
    expect(skipped[1]).toEqual({
      step: 2,
      without: 1,
      silent: 0,
      silentRate: 0,
      silentToLast: 0,
      withRate: 0.5,
    });
  });

  test('the ids that dropped off after each step', () => {
    expect(dropOffIds(ev.index, ev.run, null, 0)).toEqual(['c', 'd']);
    expect(dropOffIds(ev.index, ev.run, null, 1)).toEqual(['b']);
    expect(dropOffIds(ev.index, ev.run, null, 2)).toEqual(['e']);
    expect(dropOffIds(ev.index, ev.run, null, 3)).toEqual(['a']);
  });
});

describe('first and last touch', () => {
  const channel = textColumn(table, '渠道')!;
  const byValue = (touch: 'first' | 'last') =>
    Object.fromEntries(eventSegments(ev.run, channel, null, touch).map((s) => [s.value, s.counts]));

  test('first touch: the entry event’s channel', () => {
    expect(byValue('first')).toEqual({ 百度: [3, 1, 1, 1], 抖音: [2, 2, 1, 0] });
  });

  test('last touch: the last step reached’s channel', () => {
    // a paid on 抖音; c and d stopped at 访问 (百度); b at 咨询 (抖音); e at 下单 (抖音).
    expect(byValue('last')).toEqual({ 百度: [2, 0, 0, 0], 抖音: [3, 3, 2, 1] });
  });
});
