import { describe, expect, it } from 'vitest';
import { normaliseKey } from '../../../src/core/join/normalise-key';
import { fileKeys, keyKind, sharedNames } from '../../../src/core/join/key-match';
import { coarsestGrain, detectGrain, periodStart } from '../../../src/core/join/grain';

const day = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;

describe('normaliseKey', () => {
  it.each([
    [' 品牌词（北京） ', '品牌词(北京)'],
    ['品牌词 (北京)', '品牌词(北京)'],
    ['品牌词(北京)', '品牌词(北京)'],
    ['【通用】 产品词', '[通用]产品词'],
    ['Brand  Campaign', 'brand campaign'],
    ['ＢＲＡＮＤ　Ｃａｍｐａｉｇｎ', 'brand campaign'],
    ['自然 流量', '自然流量'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (raw, want) => expect(normaliseKey(raw)).toBe(want));

  it('keeps different names apart', () => {
    expect(normaliseKey('品牌词(北京)')).not.toBe(normaliseKey('品牌词(上海)'));
    expect(normaliseKey('brand a')).not.toBe(normaliseKey('branda'));
  });
});

describe('keyKind', () => {
  it.each([
    ['推广计划', 'campaign'],
    ['来源计划', 'campaign'],
    ['Campaign', 'campaign'],
    ['广告系列', 'campaign'],
    ['推广单元', 'adgroup'],
    ['Ad group', 'adgroup'],
    ['关键词', 'keyword'],
    ['来源关键词', 'keyword'],
    ['Search term', 'keyword'],
    ['访客地区', 'region'],
    ['省份', 'region'],
    ['来源', 'channel'],
    ['客服', 'name:客服'],
  ])('%s is %s', (header, kind) => expect(keyKind(header)).toBe(kind));

  it('takes unknown headers as keys only when another file shares them', () => {
    const shared = sharedNames([
      ['推广计划', '客服', '备注'],
      ['客服', '来源计划'],
    ]);
    expect([...shared]).toEqual(['name:客服']);
    expect([...fileKeys(['推广计划', '客服', '备注'], shared)]).toEqual([
      ['campaign', '推广计划'],
      ['name:客服', '客服'],
    ]);
  });
});

describe('grain', () => {
  it('reads days, weeks and months from the dates', () => {
    expect(detectGrain(Float64Array.of(day('2025-04-01'), day('2025-04-02')))).toBe('day');
    expect(detectGrain(Float64Array.of(day('2025-01-01'), day('2025-02-01'), NaN))).toBe('month');
    // Mondays 7 days apart, three of them
    expect(
      detectGrain(Float64Array.of(day('2025-04-07'), day('2025-04-14'), day('2025-04-21'))),
    ).toBe('week');
    // one 1st-of-month date: a day unless the header says month
    expect(detectGrain(Float64Array.of(day('2025-04-01')))).toBe('day');
    expect(detectGrain(Float64Array.of(day('2025-04-01')), '月份')).toBe('month');
    expect(detectGrain(Float64Array.of(NaN))).toBe('all');
  });

  it('puts a day (with a time) into its period', () => {
    expect(periodStart(day('2025-04-01') + 0.4, 'day')).toBe(day('2025-04-01'));
    expect(periodStart(day('2025-04-17'), 'month')).toBe(day('2025-04-01'));
    expect(periodStart(day('2025-04-10'), 'week')).toBe(day('2025-04-07')); // a Thursday → Monday
    expect(periodStart(day('2025-04-07'), 'week')).toBe(day('2025-04-07'));
    expect(periodStart(day('1969-12-31'), 'week')).toBe(day('1969-12-29'));
    expect(periodStart(NaN, 'day')).toBeNaN();
    expect(periodStart(day('2025-04-07'), 'all')).toBeNaN();
  });

  it('joins at the coarsest grain', () => {
    expect(coarsestGrain(['day', 'day'])).toBe('day');
    expect(coarsestGrain(['day', 'month', 'week'])).toBe('month');
    expect(coarsestGrain(['day', 'all'])).toBe('all');
  });
});

describe('KeyIndex', () => {
  it('gives keys dense ids in order first seen, across growth and keys past 2^32', async () => {
    const { KeyIndex } = await import('../../../src/core/join/key-index');
    const ix = new KeyIndex(1);
    expect(ix.idOf(9_000_000_001)).toBe(0);
    expect(ix.idOf(7)).toBe(1);
    expect(ix.idOf(9_000_000_001)).toBe(0);
    expect(ix.idOf(0)).toBe(2);
    for (let k = 0; k < 5_000; k++) ix.idOf(k * 4_294_967_296 + 3);
    expect(ix.size).toBe(5_003);
    expect(ix.idOf(7)).toBe(1);
    expect(ix.idOf(4_999 * 4_294_967_296 + 3)).toBe(5_002);
  });
});

describe('PeriodGroups', () => {
  it('gives each period × key one group, numbered in the order first seen across periods', async () => {
    const { PeriodGroups } = await import('../../../src/core/join/period-groups');
    const g = new PeriodGroups(1);
    expect(g.groupOf(g.period(20179), 5)).toBe(0);
    expect(g.groupOf(g.period(20180), 5)).toBe(1);
    expect(g.groupOf(g.period(NaN), 5)).toBe(2);
    expect(g.groupOf(g.period(20179), 5)).toBe(0);
    expect(g.groupOf(g.period(NaN), 5)).toBe(2);
    for (let k = 0; k < 3_000; k++) g.groupOf(g.period(20180 + (k % 2)), k * 4_294_967_296);
    expect(g.size).toBe(3_003);
    expect(g.groupOf(g.period(20180), 5)).toBe(1);
    expect(g.groupOf(g.period(20181), 2_999 * 4_294_967_296)).toBe(3_002);
  });
});
