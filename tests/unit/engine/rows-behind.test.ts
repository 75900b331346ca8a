// The rows behind a number, on small tables worked out by hand: which rows make a stage's count,
// a drop-off, a breakdown cell and a pipeline figure, for each shape of data; re-summing the
// funnel over them gives the number; days in stage; sorting as a permutation.
import { describe, expect, test } from 'vitest';
import { aggregate } from '../../../src/core/engine/aggregate';
import { compileSpec, type CompiledFunnel } from '../../../src/core/engine/compile';
import { dropOffIds } from '../../../src/core/engine/events-people';
import { daysInStage, rowsBehind } from '../../../src/core/engine/rows-behind';
import { sortPositions } from '../../../src/core/engine/rows-sort';
import { select } from '../../../src/core/engine/slice';
import { defaultEventSettings, emptySpec, type FunnelSpec } from '../../../src/core/spec/spec';
import { column, fromArrays, textColumn, type Table } from '../../../src/core/table/table';

function compile(table: Table, spec: FunnelSpec): CompiledFunnel {
  const r = compileSpec(table, spec);
  if (!r.ok) throw new Error(r.error);
  return r.funnel;
}
const list = (a: Uint32Array) => Array.from(a);

// A wide ad report, five lines:
//   r0 北京 百度 展现 100 点击 3 订单 1
//   r1 北京 360  展现 50  点击 0 订单 0
//   r2 上海 百度 展现 80  点击 2 订单 0
//   r3 上海 360  展现 0   点击 0 订单 0
//   r4 北京 百度 展现 30  点击 2 订单 2
const wide = fromArrays({
  分公司: ['北京', '北京', '上海', '上海', '北京'],
  渠道: ['百度', '360', '百度', '360', '百度'],
  展现量: [100, 50, 80, 0, 30],
  点击量: [3, 0, 2, 0, 2],
  订单量: [1, 0, 0, 0, 2],
});
const wideSpec: FunnelSpec = {
  ...emptySpec('wide'),
  stages: ['展现量', '点击量', '订单量'].map((c) => ({
    id: c,
    label: c,
    source: { kind: 'column', column: c },
  })),
  dimensions: ['分公司', '渠道'],
};
const wideFunnel = compile(wide, wideSpec);

describe('wide data: the report lines that add to the number', () => {
  test('a stage: lines whose value there is not zero', () => {
    expect(list(rowsBehind(wideFunnel, null, { kind: 'stage', stage: 0 }))).toEqual([0, 1, 2, 4]);
    expect(list(rowsBehind(wideFunnel, null, { kind: 'stage', stage: 1 }))).toEqual([0, 2, 4]);
    expect(list(rowsBehind(wideFunnel, null, { kind: 'stage', stage: 2 }))).toEqual([0, 4]);
  });

  test('within the slice only', () => {
    const beijing = select(wide, [
      { source: 'filter', field: '分公司', predicate: { kind: 'values', values: ['北京'] } },
    ]);
    expect(list(rowsBehind(wideFunnel, beijing, { kind: 'stage', stage: 1 }))).toEqual([0, 4]);
  });

  test('a drop-off: lines that lose something between the two stages; the sums agree', () => {
    // 点击 → 订单: r0 3→1, r2 2→0 lose; r4 2→2 loses nothing.
    const rows = rowsBehind(wideFunnel, null, { kind: 'drop', stage: 2 });
    expect(list(rows)).toEqual([0, 2]);
    const all = aggregate(wideFunnel, null).counts;
    const behind = aggregate(wideFunnel, rows).counts;
    expect(behind[1] - behind[2]).toBe(all[1] - all[2]);
    // no drop before the first stage, no stage past the last
    expect(rowsBehind(wideFunnel, null, { kind: 'drop', stage: 0 }).length).toBe(0);
    expect(rowsBehind(wideFunnel, null, { kind: 'stage', stage: 3 }).length).toBe(0);
  });

  test('a breakdown cell: one segment’s lines behind the stage', () => {
    const channel = textColumn(wide, '渠道')!;
    const cell = { kind: 'segment', column: channel, value: '百度', stage: 1 } as const;
    expect(list(rowsBehind(wideFunnel, null, cell))).toEqual([0, 2, 4]);
    expect(list(rowsBehind(wideFunnel, null, { ...cell, value: '360' }))).toEqual([]);
    expect(list(rowsBehind(wideFunnel, null, { ...cell, value: '抖音' }))).toEqual([]);
  });

  test('re-summing the rows behind a stage gives its count', () => {
    const all = aggregate(wideFunnel, null).counts;
    for (let k = 0; k < 3; k++) {
      const rows = rowsBehind(wideFunnel, null, { kind: 'stage', stage: k });
      expect(aggregate(wideFunnel, rows).counts[k]).toBe(all[k]);
    }
  });

  test('does not mutate the selection', () => {
    const sel = Uint32Array.of(4, 0, 2);
    rowsBehind(wideFunnel, sel, { kind: 'stage', stage: 1 });
    expect(list(sel)).toEqual([4, 0, 2]);
  });
});

// Records by current stage (线索 → 方案 → 谈判 → 赢单), with a status:
//   r0 方案 进行中   r1 谈判 输单   r2 赢单 赢单   r3 线索 输单   r4 方案 进行中   r5 谈判 进行中
const byStage = fromArrays({
  商机: ['A', 'B', 'C', 'D', 'E', 'F'],
  阶段: ['方案', '谈判', '赢单', '线索', '方案', '谈判'],
  状态: ['进行中', '输单', '赢单', '输单', '进行中', '进行中'],
  负责人: ['张伟', '李娜', '张伟', '李娜', '李娜', '张伟'],
});
const byStageSpec: FunnelSpec = {
  ...emptySpec('records'),
  stages: ['线索', '方案', '谈判', '赢单'].map((v) => ({
    id: v,
    label: v,
    source: { kind: 'value', value: v },
  })),
  stageColumn: '阶段',
  statusColumn: '状态',
  lostValues: ['输单'],
  wonValues: ['赢单'],
  dimensions: ['负责人'],
};
const byStageFunnel = compile(byStage, byStageSpec);

describe('records with a current stage', () => {
  test('a stage: every record at it or past it', () => {
    // levels: r0 1, r1 2, r2 3, r3 0, r4 1, r5 2
    const at = (k: number) => list(rowsBehind(byStageFunnel, null, { kind: 'stage', stage: k }));
    expect(at(0)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(at(1)).toEqual([0, 1, 2, 4, 5]);
    expect(at(2)).toEqual([1, 2, 5]);
    expect(at(3)).toEqual([2]);
  });

  test('a drop-off: the records whose highest stage is the one before', () => {
    // 方案 → 谈判: r0 and r4 sit at 方案
    expect(list(rowsBehind(byStageFunnel, null, { kind: 'drop', stage: 2 }))).toEqual([0, 4]);
  });

  test('pipeline figures: lost here, open here, won, lost and open anywhere', () => {
    const fig = (figure: 'won' | 'lost' | 'open', stage: number | null) =>
      list(rowsBehind(byStageFunnel, null, { kind: 'pipeline', figure, stage }));
    expect(fig('lost', 2)).toEqual([1]);
    expect(fig('lost', 0)).toEqual([3]);
    expect(fig('open', 1)).toEqual([0, 4]);
    expect(fig('open', 2)).toEqual([5]);
    expect(fig('won', null)).toEqual([2]);
    expect(fig('lost', null)).toEqual([1, 3]);
    expect(fig('open', null)).toEqual([0, 4, 5]);
  });

  test('a breakdown cell: one owner’s records past the stage', () => {
    const owner = textColumn(byStage, '负责人')!;
    const cell = { kind: 'segment', column: owner, value: '张伟', stage: 2 } as const;
    expect(list(rowsBehind(byStageFunnel, null, cell))).toEqual([2, 5]);
  });

  test('without stage dates there are no days in stage', () => {
    expect(daysInStage(byStageFunnel.records!, Uint32Array.of(0), 1, 100)).toBeNull();
  });
});

// Records with a date per stage (A → B → C), days as plain numbers:
//   r0 A 0, B 4, C 10  won,  closed 10
//   r1 A 1, B 3        lost, closed 6
//   r2 A 2             open
//   r3 A 5, B 15       open
//   r4 A 3,      C 20  won (skipped B), closed 20
const dated = fromArrays(
  {
    A: [0, 1, 2, 5, 3],
    B: [4, 3, null, 15, null],
    C: [10, null, null, null, 20],
    closed: [10, 6, null, null, 20],
    状态: ['赢单', '输单', '进行中', '进行中', '赢单'],
  },
  { A: 'date', B: 'date', C: 'date', closed: 'date' },
);
const datedSpec: FunnelSpec = {
  ...emptySpec('records'),
  stages: ['A', 'B', 'C'].map((c) => ({
    id: c,
    label: c,
    source: { kind: 'column', column: c },
  })),
  statusColumn: '状态',
  lostValues: ['输单'],
  wonValues: ['赢单'],
  created: 'A',
  closed: 'closed',
};
const datedFunnel = compile(dated, datedSpec);

describe('records with stage dates', () => {
  test('a stage: the records whose date there is filled in', () => {
    expect(list(rowsBehind(datedFunnel, null, { kind: 'stage', stage: 1 }))).toEqual([0, 1, 3]);
    expect(list(rowsBehind(datedFunnel, null, { kind: 'stage', stage: 2 }))).toEqual([0, 4]);
  });

  test('a drop-off: reached the stage before and not this one (a skipper did not drop)', () => {
    // A → B: r2 and r4 never reached B; r4 went on to C but still left A without B.
    expect(list(rowsBehind(datedFunnel, null, { kind: 'drop', stage: 1 }))).toEqual([2, 4]);
    // B → C: r1 (lost) and r3 (open) reached B, not C; r4 reached C without B and is not here.
    expect(list(rowsBehind(datedFunnel, null, { kind: 'drop', stage: 2 }))).toEqual([1, 3]);
  });

  test('days in a stage: to the next stage reached, else to the close, else to the as-of day', () => {
    const m = datedFunnel.records!;
    const all = Uint32Array.of(0, 1, 2, 3, 4);
    // In A: r0 4 (to B), r1 2 (to B), r2 open 30 − 2 = 28, r3 10 (to B), r4 17 (to C, skipping B)
    expect(Array.from(daysInStage(m, all, 0, 30)!)).toEqual([4, 2, 28, 10, 17]);
    // In B: r0 6 (to C), r1 lost: closed 6 − 3 = 3, r2 never there, r3 open 30 − 15, r4 never
    expect(Array.from(daysInStage(m, all, 1, 30)!)).toEqual([6, 3, NaN, 15, NaN]);
    // Each in its own highest stage: r0 C won, closed that day: 0; r2 in A since 2: 28
    expect(Array.from(daysInStage(m, all, null, 30)!)).toEqual([0, 3, 28, 15, 0]);
  });
});

// A long table (stage, count): 展现 100, 点击 5, 展现 50, 点击 0, 订单 1
const long = fromArrays({
  阶段: ['展现', '点击', '展现', '点击', '订单'],
  数量: [100, 5, 50, 0, 1],
});
const longSpec: FunnelSpec = {
  ...emptySpec('long'),
  stages: ['展现', '点击', '订单'].map((v) => ({
    id: v,
    label: v,
    source: { kind: 'value', value: v },
  })),
  stageColumn: '阶段',
  countColumn: '数量',
};
const longFunnel = compile(long, longSpec);

describe('a long table', () => {
  test('a stage: its own lines with a count; a drop-off: the lines of both stages', () => {
    expect(list(rowsBehind(longFunnel, null, { kind: 'stage', stage: 1 }))).toEqual([1]);
    const drop = rowsBehind(longFunnel, null, { kind: 'drop', stage: 1 });
    expect(list(drop)).toEqual([0, 1, 2]);
    const c = aggregate(longFunnel, drop).counts;
    expect(c[0] - c[1]).toBe(150 - 5);
  });
});

// Events (访问 → 咨询 → 下单), 7-day window; the channel of each event:
//   a: 访问 (百度) r0, 咨询 r1, 下单 (抖音) r2   → reaches 下单
//   b: 访问 (抖音) r3, 咨询 r4                  → reaches 咨询
//   c: 访问 (百度) r5                           → 访问 only
//   d: 咨询 r6 (no 访问)                        → not counted
const events = fromArrays(
  {
    用户: ['a', 'a', 'a', 'b', 'b', 'c', 'd'],
    事件: ['访问', '咨询', '下单', '访问', '咨询', '访问', '咨询'],
    时间: ['10:00', '10:10', '11:00', '09:00', '09:30', '08:00', '08:00'].map(
      (t) => `2025-01-05T${t}:00Z`,
    ),
    渠道: ['百度', '百度', '抖音', '抖音', '抖音', '百度', '百度'],
  },
  { 时间: 'date' },
);
const eventSpec: FunnelSpec = {
  ...emptySpec('events'),
  stages: ['访问', '咨询', '下单'].map((s) => ({
    id: s,
    label: s,
    source: { kind: 'events', values: [s] },
  })),
  events: defaultEventSettings('用户', '事件', '时间'),
};
const eventFunnel = compile(events, eventSpec);

describe('events: the people, by their entry row', () => {
  test('reached a step', () => {
    const at = (k: number) => list(rowsBehind(eventFunnel, null, { kind: 'stage', stage: k }));
    expect(at(0)).toEqual([0, 3, 5]);
    expect(at(1)).toEqual([0, 3]);
    expect(at(2)).toEqual([0]);
  });

  test('dropped after a step: the people of the drop-off id list', () => {
    const rows = rowsBehind(eventFunnel, null, { kind: 'drop', stage: 2 });
    expect(list(rows)).toEqual([3]);
    const ids = textColumn(events, '用户')!;
    const ev = eventFunnel.events!;
    expect(Array.from(rows, (i) => ids.dict[ids.codes[i]])).toEqual(
      dropOffIds(ev.index, ev.run, null, 1),
    );
  });

  test('a breakdown cell by first touch, then by last touch', () => {
    const channel = textColumn(events, '渠道')!;
    const cell = { kind: 'segment', column: channel, value: '抖音', stage: 1 } as const;
    // first touch: b entered from 抖音; last touch: a's 下单 and b's 咨询 are 抖音
    expect(list(rowsBehind(eventFunnel, null, cell))).toEqual([3]);
    const last = { ...eventFunnel, events: { ...eventFunnel.events!, touch: 'last' as const } };
    expect(list(rowsBehind(last, null, cell))).toEqual([0, 3]);
  });
});

describe('sorting rows as a permutation of positions', () => {
  const t = fromArrays(
    {
      金额: [300, null, 100, 300, -5],
      负责人: ['张伟', '', 'Zoe', 'adam', '李娜'],
      日期: ['2025-03-02', '2025-03-01', null, '2025-01-09', '2025-03-01'],
    },
    { 日期: 'date' },
  );
  const rows = Uint32Array.of(0, 1, 2, 3, 4);
  const by = (name: string) => ({ column: column(t, name)! });

  test('numbers: ascending and descending, empty last both ways, ties in file order', () => {
    expect(list(sortPositions(by('金额'), rows, 'asc'))).toEqual([4, 2, 0, 3, 1]);
    expect(list(sortPositions(by('金额'), rows, 'desc'))).toEqual([0, 3, 2, 4, 1]);
  });

  test('dates, and text by collation with the empty value last', () => {
    expect(list(sortPositions(by('日期'), rows, 'asc'))).toEqual([3, 1, 4, 0, 2]);
    expect(list(sortPositions(by('负责人'), rows, 'asc', 'en'))).toEqual([3, 2, 0, 4, 1]);
    // Chinese collation reads names by pinyin (李 li before 张 zhang), then Latin letters.
    expect(list(sortPositions(by('负责人'), rows, 'asc', 'zh'))).toEqual([4, 0, 3, 2, 1]);
    expect(list(sortPositions(by('负责人'), rows, 'desc', 'zh'))).toEqual([2, 3, 0, 4, 1]);
  });

  test('values aligned with the rows, and a sub-list of rows', () => {
    const days = Float64Array.of(4, NaN, 1);
    expect(list(sortPositions({ values: days }, Uint32Array.of(7, 8, 9), 'desc'))).toEqual([
      0, 2, 1,
    ]);
    expect(list(sortPositions(by('金额'), Uint32Array.of(3, 2), 'asc'))).toEqual([1, 0]);
  });

  test('keys that are not whole numbers, and a span too wide to rank directly', () => {
    const rows3 = Uint32Array.of(0, 1, 2, 3);
    const frac = Float64Array.of(0.5, 2.25, NaN, 0.5);
    expect(list(sortPositions({ values: frac }, rows3, 'asc'))).toEqual([0, 3, 1, 2]);
    expect(list(sortPositions({ values: frac }, rows3, 'desc'))).toEqual([1, 0, 3, 2]);
    const wide = Float64Array.of(1e12, -1e12, 0, 1e12);
    expect(list(sortPositions({ values: wide }, rows3, 'asc'))).toEqual([1, 2, 0, 3]);
  });

  test('a million rows sort and come back as a permutation', () => {
    const n = 1_000_000;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = (i * 7919) % 1000;
    const order = sortPositions({ values }, new Uint32Array(n), 'asc');
    for (let j = 1; j < n; j++) {
      const a = values[order[j - 1]];
      const b = values[order[j]];
      if (a > b || (a === b && order[j - 1] > order[j])) throw new Error(`out of order at ${j}`);
    }
  });
});
