// Recognising an event export with no click: the shape from its headers, the steps from a known
// funnel's names (several names of one step make "any of these") or from the evidence.
import { describe, expect, test } from 'vitest';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { validateSpec } from '../../../src/core/spec/validate';
import { fromArrays, type Table } from '../../../src/core/table/table';

function events(rows: [string, string, string][], extra: Record<string, string[]> = {}): Table {
  return fromArrays(
    {
      用户ID: rows.map((r) => r[0]),
      事件: rows.map((r) => r[1]),
      时间: rows.map((r) => `2025-01-05T${r[2]}:00Z`),
      ...extra,
    },
    { 时间: 'date' },
  );
}

const steps = (t: Table) =>
  recogniseSpec(t).spec.stages.map((s) => (s.source.kind === 'events' ? s.source.values : []));

describe('the events shape', () => {
  test('用户ID / 事件 / 时间 is an event export; the rest are properties to slice by', () => {
    const t = events(
      [
        ['u1', '浏览', '10:00'],
        ['u1', '咨询', '10:05'],
        ['u2', '浏览', '11:00'],
      ],
      { 渠道: ['百度', '百度', '抖音'] },
    );
    const { spec, reasons } = recogniseSpec(t);
    expect(spec.shape).toBe('events');
    expect(spec.events).toMatchObject({ person: '用户ID', event: '事件', time: '时间' });
    expect(spec.events?.window).toEqual({ value: 7, unit: 'days' });
    expect(spec.events?.order).toBe('sequential');
    expect(spec.date).toBe('时间');
    expect(spec.dimensions).toEqual(['渠道']);
    expect(reasons[0].key).toBe('events.reason.shape');
    expect(validateSpec(t, spec).filter((p) => p.severity === 'error')).toEqual([]);
  });

  test('a GA4 export: user_pseudo_id, event_name and event_timestamp in microseconds', () => {
    const t = fromArrays({
      user_pseudo_id: ['1.1', '1.1', '2.2'],
      event_name: ['session_start', 'purchase', 'view_item'],
      event_timestamp: [1736380800000000, 1736380900000000, 1736380800000000],
    });
    const { spec } = recogniseSpec(t);
    expect(spec.shape).toBe('events');
    expect(spec.template).toBe('ga4');
    expect(steps(t)).toEqual([['session_start'], ['view_item'], ['purchase']]);
    // An epoch number column is no date column: no periods until it is imported as one.
    expect(spec.date).toBeNull();
  });

  test('a wide report, a pipeline and long data stay what they were', () => {
    expect(recogniseSpec(fromArrays({ 展现量: [1], 点击量: [1] })).spec.shape).toBe('wide');
    expect(recogniseSpec(fromArrays({ 商机: ['a'], 阶段: ['方案'] })).spec.shape).toBe('records');
  });
});

describe('steps', () => {
  test('names of a known funnel give its order; two names of one step make it any of them', () => {
    const t = events([
      ['u1', '支付', '10:30'],
      ['u1', '提交订单', '10:20'],
      ['u1', '浏览', '10:00'],
      ['u2', '下单', '10:00'],
      ['u2', '咨询', '09:00'],
      ['u2', '加购', '09:30'],
    ]);
    expect(steps(t)).toEqual([['浏览'], ['咨询'], ['加购'], ['提交订单', '下单'], ['支付']]);
    const { spec, reasons } = recogniseSpec(t);
    expect(spec.template).toBe('events-shop');
    expect(reasons.some((r) => r.key === 'events.reason.anyOf')).toBe(true);
  });

  test('unknown names: the events most people do, in the order they first do them', () => {
    // 打开 by 3 people, 搜索 by 3, 收藏 by 2, 分享 by 1; first done as rank 0, 1, 2, 2.
    const t = events([
      ['a', '打开', '10:00'],
      ['a', '搜索', '10:01'],
      ['a', '收藏', '10:02'],
      ['b', '搜索', '10:00'],
      ['b', '打开', '10:01'],
      ['b', '搜索', '10:02'],
      ['c', '打开', '10:00'],
      ['c', '搜索', '10:01'],
      ['c', '收藏', '10:02'],
      ['c', '分享', '10:03'],
    ]);
    // Mean first rank: 打开 (0+1+0)/3, 搜索 (1+0+1)/3, 收藏 2, 分享 3 (5 steps at most).
    expect(steps(t)).toEqual([['打开'], ['搜索'], ['收藏'], ['分享']]);
    expect(recogniseSpec(t).reasons.some((r) => r.key === 'events.reason.evidence')).toBe(true);
  });
});
