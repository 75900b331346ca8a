// The event funnel's rule on hand-worked people: each case lists a few people's events and the
// step each one reaches, worked out on paper from the rule as the README states it.
import { describe, expect, test } from 'vitest';
import { aggregate } from '../../../src/core/engine/aggregate';
import { compileSpec, type CompiledFunnel } from '../../../src/core/engine/compile';
import { eventFunnelFor } from '../../../src/core/engine/events-compile';
import { prepareEvents } from '../../../src/core/engine/events-import';
import { runEventFunnel, type EventRun } from '../../../src/core/engine/events-funnel';
import { select } from '../../../src/core/engine/slice';
import {
  defaultEventSettings,
  emptySpec,
  type EventSettings,
  type FunnelSpec,
} from '../../../src/core/spec/spec';
import { validateSpec } from '../../../src/core/spec/validate';
import { fromArrays, type Table } from '../../../src/core/table/table';

/** An event row: person, event, 'YYYY-MM-DD HH:MM:SS' (UTC), channel. */
type Ev = [string, string, string, string?];

function tableOf(events: Ev[]): Table {
  return fromArrays(
    {
      用户ID: events.map((e) => e[0]),
      事件: events.map((e) => e[1]),
      时间: events.map((e) => `${e[2].replace(' ', 'T')}Z`),
      渠道: events.map((e) => e[3] ?? '百度'),
    },
    { 时间: 'date' },
  );
}

function specOf(steps: (string | string[])[], settings: Partial<EventSettings> = {}): FunnelSpec {
  return {
    ...emptySpec('events'),
    stages: steps.map((s, k) => ({
      id: `s${k}`,
      label: `${k + 1}:${Array.isArray(s) ? s.join('|') : s}`,
      source: { kind: 'events', values: Array.isArray(s) ? s : [s] },
    })),
    date: '时间',
    dimensions: ['渠道'],
    events: { ...defaultEventSettings('用户ID', '事件', '时间'), ...settings },
  };
}

function compiled(table: Table, spec: FunnelSpec): CompiledFunnel {
  const r = compileSpec(table, spec);
  if (!r.ok) throw new Error(r.error);
  return r.funnel;
}

/** Step counts, and each person's furthest step (1-based, 0 = never entered). */
function run(events: Ev[], steps: (string | string[])[], settings: Partial<EventSettings> = {}) {
  const table = tableOf(events);
  const funnel = compiled(table, specOf(steps, settings));
  const ev = funnel.events!;
  const reached = Object.fromEntries(ev.index.ids.map((id, p) => [id, ev.run.reached[p] + 1]));
  return { counts: aggregate(funnel, null).counts, reached, funnel, table };
}

const SHOP = ['访问', '咨询', '下单'];

describe('the funnel rule, sequential', () => {
  test('steps in order count; a missing middle step stops the path', () => {
    const r = run(
      [
        ['a', '访问', '2025-01-05 10:00:00'],
        ['a', '咨询', '2025-01-05 10:05:00'],
        ['a', '下单', '2025-01-05 10:20:00'],
        ['b', '访问', '2025-01-05 09:00:00'],
        ['b', '下单', '2025-01-05 09:30:00'],
        ['c', '咨询', '2025-01-05 09:00:00'],
      ],
      SHOP,
    );
    // c never entered (no 访问): not counted at all.
    expect(r.reached).toEqual({ a: 3, b: 1, c: 0 });
    expect(r.counts).toEqual([2, 1, 1]);
  });

  test('equal times count in step order, whatever the file order', () => {
    const r = run(
      [
        ['a', '咨询', '2025-01-05 10:00:00'],
        ['a', '访问', '2025-01-05 10:00:00'],
        ['a', '下单', '2025-01-05 10:00:00'],
      ],
      SHOP,
    );
    expect(r.reached).toEqual({ a: 3 });
  });

  test('events out of file order are put in time order', () => {
    const r = run(
      [
        ['a', '下单', '2025-01-06 12:00:00'],
        ['b', '访问', '2025-01-05 08:00:00'],
        ['a', '咨询', '2025-01-05 11:00:00'],
        ['a', '访问', '2025-01-05 10:00:00'],
        ['b', '下单', '2025-01-04 08:00:00'],
      ],
      SHOP,
    );
    // b ordered a day before visiting: that order is not after step 1.
    expect(r.reached).toEqual({ a: 3, b: 1 });
  });

  test('a repeated step needs an event of its own, after the step before', () => {
    const r = run(
      [
        ['a', 'view', '2025-01-05 10:00:00'],
        ['a', 'cart', '2025-01-05 10:01:00'],
        ['a', 'buy', '2025-01-05 10:02:00'],
        ['b', 'view', '2025-01-05 10:00:00'],
        ['b', 'cart', '2025-01-05 10:01:00'],
        ['b', 'view', '2025-01-05 10:02:00'],
        ['b', 'buy', '2025-01-05 10:03:00'],
        ['c', 'view', '2025-01-05 10:00:00'],
        ['c', 'view', '2025-01-05 10:01:00'],
        ['c', 'cart', '2025-01-05 10:02:00'],
      ],
      ['view', 'cart', 'view', 'buy'],
    );
    expect(r.reached).toEqual({ a: 2, b: 4, c: 2 });
    expect(r.counts).toEqual([3, 3, 1, 1]);
  });

  test('a second entry that goes further is the one counted, and times run from it', () => {
    const r = run(
      [
        ['a', '访问', '2025-01-01 09:00:00'],
        ['a', '访问', '2025-01-20 09:00:00'],
        ['a', '咨询', '2025-01-20 09:10:00'],
        ['a', '下单', '2025-01-21 09:00:00'],
        // b: two entries reach step 2 equally; the earliest counts.
        ['b', '访问', '2025-01-03 09:00:00'],
        ['b', '咨询', '2025-01-03 10:00:00'],
        ['b', '访问', '2025-01-04 09:00:00'],
        ['b', '咨询', '2025-01-04 09:30:00'],
      ],
      SHOP,
    );
    expect(r.reached).toEqual({ a: 3, b: 2 });
    const ev = r.funnel.events!;
    const a = ev.index.ids.indexOf('a');
    const b = ev.index.ids.indexOf('b');
    // a: from 01-20 09:00, step 2 after 600 s, step 3 after one day.
    expect(Array.from(ev.run.offsets.subarray(a * 3, a * 3 + 3))).toEqual([0, 600e6, 86_400e6]);
    expect(ev.run.offsets[b * 3 + 1]).toBe(3_600e6);
    // The counted entry's row carries the level: by entry day, a is a 01-20 entrant.
    expect(r.table.columns[1].kind).toBe('text');
    expect(r.funnel.level?.[ev.run.entryRow[a]]).toBe(2);
  });

  test("the window's edge is inside; a second later is outside", () => {
    const r = run(
      [
        ['a', '访问', '2025-01-05 10:00:00'],
        ['a', '咨询', '2025-01-12 10:00:00'],
        ['b', '访问', '2025-01-05 10:00:00'],
        ['b', '咨询', '2025-01-12 10:00:01'],
        ['c', '访问', '2025-01-05 10:00:00'],
        ['c', '咨询', '2025-01-05 10:30:00'],
        ['c', '下单', '2025-01-05 11:00:00'],
      ],
      SHOP,
    );
    expect(r.reached).toEqual({ a: 2, b: 1, c: 3 });
    // One hour: c's order, exactly an hour after the visit, is still in.
    const hour = run(
      [
        ['c', '访问', '2025-01-05 10:00:00'],
        ['c', '咨询', '2025-01-05 10:30:00'],
        ['c', '下单', '2025-01-05 11:00:00'],
        ['d', '访问', '2025-01-05 10:00:00'],
        ['d', '咨询', '2025-01-05 10:30:00'],
        ['d', '下单', '2025-01-05 11:00:01'],
      ],
      SHOP,
      { window: { value: 60, unit: 'minutes' } },
    );
    expect(hour.reached).toEqual({ c: 3, d: 2 });
  });

  test('an empty step counts nobody and stops everyone there, with a warning', () => {
    const events: Ev[] = [
      ['a', '访问', '2025-01-05 10:00:00'],
      ['a', '下单', '2025-01-05 10:20:00'],
    ];
    expect(run(events, ['访问', '收藏', '下单']).counts).toEqual([1, 0, 0]);
    const table = tableOf(events);
    const spec = specOf(['访问', [], '下单']);
    expect(validateSpec(table, spec).map((p) => [p.code, p.severity])).toEqual([
      ['stage-needs-event', 'warning'],
    ]);
    expect(aggregate(compiled(table, spec), null).counts).toEqual([1, 0, 0]);
  });

  test('a step of several events takes any of them', () => {
    const r = run(
      [
        ['a', '访问', '2025-01-05 10:00:00'],
        ['a', '提交订单', '2025-01-05 10:20:00'],
        ['b', '访问', '2025-01-05 10:00:00'],
        ['b', '下单', '2025-01-05 10:20:00'],
        ['c', '访问', '2025-01-05 10:00:00'],
      ],
      ['访问', ['下单', '提交订单']],
    );
    expect(r.counts).toEqual([3, 2]);
  });
});

describe('order modes and exclusions', () => {
  const mixed: Ev[] = [
    // a: another funnel step (下单) comes between 访问 and 咨询.
    ['a', '访问', '2025-01-05 10:00:00'],
    ['a', '下单', '2025-01-05 10:01:00'],
    ['a', '咨询', '2025-01-05 10:02:00'],
    ['a', '下单', '2025-01-05 10:03:00'],
    // b: an event of no step between 访问 and 咨询.
    ['b', '访问', '2025-01-05 10:00:00'],
    ['b', '收藏', '2025-01-05 10:01:00'],
    ['b', '咨询', '2025-01-05 10:02:00'],
    ['b', '下单', '2025-01-05 10:03:00'],
    // c: all three steps, backwards.
    ['c', '下单', '2025-01-05 10:00:00'],
    ['c', '咨询', '2025-01-05 10:01:00'],
    ['c', '访问', '2025-01-05 10:02:00'],
  ];

  test('sequential lets anything come in between', () => {
    expect(run(mixed, SHOP).reached).toEqual({ a: 3, b: 3, c: 1 });
  });

  test('strict allows no other funnel step in between, but any other event', () => {
    expect(run(mixed, SHOP, { order: 'strict' }).reached).toEqual({ a: 1, b: 3, c: 1 });
  });

  test('any order needs steps 1…k within one window, in whatever order', () => {
    expect(run(mixed, SHOP, { order: 'any' }).reached).toEqual({ a: 3, b: 3, c: 3 });
    // Without step 1 in the window nothing counts; a later step alone reaches nothing.
    const far = run(
      [
        ['d', '咨询', '2025-01-05 10:00:00'],
        ['d', '访问', '2025-01-20 10:00:00'],
        ['e', '咨询', '2025-01-05 10:00:00'],
      ],
      SHOP,
      { order: 'any' },
    );
    expect(far.reached).toEqual({ d: 1, e: 0 });
  });

  test('an excluded event between two steps stops the path there', () => {
    const events: Ev[] = [
      ['a', '访问', '2025-01-05 10:00:00'],
      ['a', '离开', '2025-01-05 10:01:00'],
      ['a', '咨询', '2025-01-05 10:02:00'],
      ['a', '下单', '2025-01-05 10:03:00'],
      // b leaves, then comes back: the second visit is a new entry.
      ['b', '访问', '2025-01-05 10:00:00'],
      ['b', '离开', '2025-01-05 10:01:00'],
      ['b', '访问', '2025-01-05 10:02:00'],
      ['b', '咨询', '2025-01-05 10:03:00'],
      // c leaves after consulting: the exclusion only guards 访问 → 咨询.
      ['c', '访问', '2025-01-05 10:00:00'],
      ['c', '咨询', '2025-01-05 10:01:00'],
      ['c', '离开', '2025-01-05 10:02:00'],
      ['c', '下单', '2025-01-05 10:03:00'],
    ];
    const r = run(events, SHOP, { exclusions: [{ values: ['离开'], after: 0 }] });
    expect(r.reached).toEqual({ a: 1, b: 2, c: 3 });
    // Guarding 咨询 → 下单 instead: c stops at 咨询 unless it consults again.
    const later = run(
      [
        ...events.filter((e) => e[0] === 'c'),
        ['d', '访问', '2025-01-05 10:00:00'],
        ['d', '咨询', '2025-01-05 10:01:00'],
        ['d', '离开', '2025-01-05 10:02:00'],
        ['d', '咨询', '2025-01-05 10:03:00'],
        ['d', '下单', '2025-01-05 10:04:00'],
      ],
      SHOP,
      { exclusions: [{ values: ['离开'], after: 1 }] },
    );
    expect(later.reached).toEqual({ c: 2, d: 3 });
  });
});

describe('selections', () => {
  const events: Ev[] = [
    ['a', '访问', '2025-01-05 10:00:00', '百度'],
    ['a', '咨询', '2025-01-05 10:05:00', '抖音'],
    ['a', '下单', '2025-01-05 10:20:00', '抖音'],
    ['b', '访问', '2025-01-09 09:00:00', '抖音'],
    ['b', '咨询', '2025-01-09 09:30:00', '抖音'],
  ];

  test('a filter keeps only its events; a date range keeps entries, not later steps', () => {
    const { funnel, table } = run(events, SHOP);
    const baidu = select(table, [
      { source: 'filter', field: '渠道', predicate: { kind: 'values', values: ['百度'] } },
    ]);
    expect(aggregate(eventFunnelFor(funnel, baidu), baidu).counts).toEqual([1, 0, 0]);
    // 2025-01-05 only: a entered that day (and went on the same day), b on the 9th.
    const day = 20093;
    const range = select(table, [
      { source: 'date', field: '时间', predicate: { kind: 'range', from: day, to: day } },
    ]);
    expect(aggregate(funnel, range).counts).toEqual([1, 1, 1]);
  });

  test('does not change its input table or spec', () => {
    const table = tableOf(events);
    const spec = specOf(SHOP);
    const before = JSON.stringify(spec);
    const codes = Array.from((table.columns[0] as { codes: Uint8Array }).codes);
    expect(compiled(table, spec).level?.length).toBe(5);
    expect(JSON.stringify(spec)).toBe(before);
    expect(Array.from((table.columns[0] as { codes: Uint8Array }).codes)).toEqual(codes);
  });
});

describe('the walks agree with the general scans', () => {
  // Random people (seeded), with ties, repeats and events of no step; each run once through the
  // walks (events-walk.ts) and once forced through the general scans (events-scan.ts), over the
  // rows in file order and in event order.
  test.each(['sequential', 'strict', 'any'] as const)('%s', (order) => {
    let seed = 20250301;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const names = ['访问', '咨询', '下单', '收藏'];
    const events: Ev[] = [];
    for (let i = 0; i < 600; i++) {
      const person = `p${Math.floor(rand() * 60)}`;
      // Whole hours over three days: a person's events often share a time.
      const minute = Math.floor(rand() * 72) * 60;
      const at = new Date(Date.UTC(2025, 0, 5) + minute * 60_000).toISOString().slice(0, 19);
      events.push([person, names[Math.floor(rand() * names.length)], at.replace('T', ' ')]);
    }
    const table = tableOf(events);
    const sorted = prepareEvents(table);
    const spec = specOf(SHOP, { order, window: { value: 1, unit: 'days' } });
    const byId = (ev: NonNullable<CompiledFunnel['events']>, run: EventRun) =>
      Object.fromEntries(
        ev.index.ids.map((id, p) => [
          id,
          [run.reached[p], run.entryRow[p] >= 0, ...run.offsets.subarray(p * 3, p * 3 + 3)],
        ]),
      );
    const results = [table, sorted].flatMap((t) => {
      const ev = compiled(t, spec).events!;
      const general = runEventFunnel(ev.index, ev.codes, { ...ev.rule, singleSteps: false }, null);
      return [byId(ev, ev.run), byId(ev, general)];
    });
    for (const r of results.slice(1)) expect(r).toEqual(results[0]);
  });

  test('a run after another rule over the same rows reads its own steps, filtered or not', () => {
    // The walks keep the last all-rows steps per table (events-walk.ts): a second rule with
    // other steps, and a filtered run after it, must not read them.
    const events: Ev[] = [
      ['a', '访问', '2025-01-05 10:00:00', '百度'],
      ['a', '收藏', '2025-01-05 10:05:00', '百度'],
      ['a', '下单', '2025-01-05 10:20:00', '抖音'],
      ['b', '访问', '2025-01-06 09:00:00', '抖音'],
      ['b', '咨询', '2025-01-06 09:30:00', '抖音'],
      ['b', '下单', '2025-01-06 09:40:00', '抖音'],
    ];
    const table = prepareEvents(tableOf(events));
    const first = compiled(table, specOf(SHOP)).events!;
    expect(Array.from(first.run.reached)).toEqual([0, 2]);
    const other = compiled(table, specOf(['访问', '收藏', '下单'])).events!;
    expect(Array.from(other.run.reached)).toEqual([2, 0]);
    const douyin = select(table, [
      { source: 'filter', field: '渠道', predicate: { kind: 'values', values: ['抖音'] } },
    ]);
    expect(
      Array.from(runEventFunnel(other.index, other.codes, other.rule, douyin).reached),
    ).toEqual([-1, 0]);
    expect(Array.from(first.run.reached)).toEqual([0, 2]);
  });
});

describe('any order: each event stands for one step only', () => {
  test('a repeated step needs a second event; an event of two steps fills one of them', () => {
    const r = run(
      [
        // a: one 访问 and a 咨询: 访问 → 咨询 → 访问 needs a second 访问.
        ['a', '咨询', '2025-01-05 10:00:00'],
        ['a', '访问', '2025-01-05 10:05:00'],
        // b: two 访问 around a 咨询, within the window: all three steps.
        ['b', '访问', '2025-01-05 10:00:00'],
        ['b', '咨询', '2025-01-05 11:00:00'],
        ['b', '访问', '2025-01-06 09:00:00'],
      ],
      ['访问', '咨询', '访问'],
      { order: 'any' },
    );
    expect(r.reached).toEqual({ a: 2, b: 3 });
    expect(r.counts).toEqual([2, 2, 1]);
    // 下单 is step 2 (下单 or 咨询) and step 3: one 下单 and one 咨询 fill both, one 下单 alone
    // fills one; the matching moves 下单 to step 3 when 咨询 can stand for step 2.
    const s = run(
      [
        ['c', '访问', '2025-01-05 10:00:00'],
        ['c', '下单', '2025-01-05 10:01:00'],
        ['c', '咨询', '2025-01-05 10:02:00'],
        ['d', '访问', '2025-01-05 10:00:00'],
        ['d', '下单', '2025-01-05 10:01:00'],
      ],
      ['访问', ['下单', '咨询'], '下单'],
      { order: 'any' },
    );
    expect(s.reached).toEqual({ c: 3, d: 2 });
    // c's step 3 is reached when 咨询 arrives (10:02): that is when both could be filled.
    const ev = s.funnel.events!;
    const c = ev.index.ids.indexOf('c');
    expect(Array.from(ev.run.offsets.subarray(c * 3, c * 3 + 3))).toEqual([0, 60e6, 120e6]);
  });

  // The rule written again by brute force: every window from a step event, every way of giving
  // steps 1…k distinct events inside it.
  function bruteReached(events: { t: number; name: string }[], steps: string[][], w: number) {
    const fits = (window: typeof events, k: number, used: Set<number>): boolean => {
      if (k < 0) return true;
      return window.some(
        (e, i) =>
          !used.has(i) && steps[k].includes(e.name) && fits(window, k - 1, new Set([...used, i])),
      );
    };
    let best = 0;
    for (const start of events) {
      if (!steps.some((s) => s.includes(start.name))) continue;
      const window = events.filter((e) => e.t >= start.t && e.t <= start.t + w);
      let k = 0;
      while (k < steps.length && fits(window, k, new Set())) k++;
      best = Math.max(best, k);
    }
    return best;
  }

  test.each([
    [['访问'], ['咨询'], ['访问']],
    [['访问', '咨询'], ['咨询'], ['下单', '访问']],
    [['访问'], ['访问'], ['访问']],
    [['访问'], ['咨询'], ['下单']],
    [['咨询', '下单'], ['访问', '下单'], ['下单'], ['咨询']],
  ])('against a brute-force count: %j', (...steps: string[][]) => {
    let seed = 20251201 + steps.length;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const names = ['访问', '咨询', '下单', '收藏'];
    const events: Ev[] = [];
    const byPerson = new Map<string, { t: number; name: string }[]>();
    for (let i = 0; i < 400; i++) {
      const person = `p${Math.floor(rand() * 70)}`;
      const hours = Math.floor(rand() * 72);
      const t = Date.UTC(2025, 0, 5) + hours * 3_600_000;
      const name = names[Math.floor(rand() * names.length)];
      events.push([person, name, new Date(t).toISOString().slice(0, 19).replace('T', ' ')]);
      byPerson.set(person, [...(byPerson.get(person) ?? []), { t, name }]);
    }
    const r = run(events, steps, { order: 'any', window: { value: 1, unit: 'days' } });
    const want: Record<string, number> = {};
    for (const [id, list] of byPerson) want[id] = bruteReached(list, steps, 86_400_000);
    expect(r.reached).toEqual(want);
    const counts = steps.map((_, k) => Object.values(want).filter((n) => n > k).length);
    expect(r.counts).toEqual(counts);
  });
});
