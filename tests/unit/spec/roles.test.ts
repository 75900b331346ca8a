// The columns around the stages, found by header: money and other roles, the organisation
// levels, the dimensions to slice by, the date that periods use.
import { describe, expect, it } from 'vitest';
import { findDate, findDimensions, findHierarchy, findRole } from '../../../src/core/spec/roles';
import {
  fromArrays,
  type Column,
  type ColumnType,
  type Table,
} from '../../../src/core/table/table';

/** A cell of each type, for one-row tables of the columns a case names. */
const CELL: Record<ColumnType, string | number> = {
  count: 1,
  number: 1,
  percent: 0.5,
  money: 1,
  date: '2025-01-05',
  category: 'x',
  id: 'x',
  text: 'x',
};

function table(types: Record<string, ColumnType>): Table {
  const data = Object.fromEntries(
    Object.entries(types).map(([name, type]) => [name, [CELL[type]]]),
  );
  return fromArrays(data, types);
}

const none = new Set<string>();
type Role = Parameters<typeof findRole>[1];

describe('findRole', () => {
  it.each<[string, Record<string, ColumnType>, Role, Column['kind'], string[], string | null]>([
    // what, columns, role, kind, taken, found
    ['by a listed header', { 日期: 'date', 消费: 'money' }, 'cost', 'number', [], '消费'],
    [
      'the list’s order, not the file’s',
      { 花费: 'money', 消费: 'money' },
      'cost',
      'number',
      [],
      '消费',
    ],
    ['not one already taken', { 花费: 'money', 消费: 'money' }, 'cost', 'number', ['消费'], '花费'],
    ['not one of another kind', { 消费: 'category' }, 'cost', 'number', [], null],
    ['spelled another way', { 'COST (USD)': 'money' }, 'cost', 'number', [], 'COST (USD)'],
    ['full-width', { Ｒｅｖｅｎｕｅ: 'money' }, 'revenue', 'number', [], 'Ｒｅｖｅｎｕｅ'],
    ['not a percent for money', { 消费: 'percent' }, 'cost', 'number', [], null],
    [
      'a percent for a probability',
      { 'Probability (%)': 'percent' },
      'probability',
      'number',
      [],
      'Probability (%)',
    ],
    ['a text role', { 阶段: 'category', 点击量: 'count' }, 'stage', 'text', [], '阶段'],
    ['none that fits', { 点击量: 'count' }, 'cost', 'number', [], null],
  ])('%s', (_, columns, role, kind, taken, found) => {
    expect(findRole(table(columns), role, kind, new Set(taken))).toBe(found);
  });
});

describe('findHierarchy', () => {
  it.each<[string, Record<string, ColumnType>, string[], string[]]>([
    [
      'top to bottom, whatever the file order',
      { 负责人: 'category', 地区: 'category', 分公司: 'category', 团队: 'category' },
      [],
      ['分公司', '团队', '负责人'],
    ],
    [
      'one spelling per level, the list’s first',
      { Branch: 'category', 分公司: 'category' },
      [],
      ['分公司'],
    ],
    ['text columns only', { 分公司: 'count', Owner: 'text' }, [], ['Owner']],
    ['not one already taken', { 分公司: 'category', 团队: 'category' }, ['团队'], ['分公司']],
    ['none', { 地区: 'category' }, [], []],
  ])('%s', (_, columns, taken, levels) => {
    expect(findHierarchy(table(columns), new Set(taken))).toEqual(levels);
  });
});

describe('findDimensions', () => {
  it.each<[string, Record<string, ColumnType>, string[], string[], string[]]>([
    [
      'levels first, then region, channel, campaign…, then the rest in file order',
      {
        颜色: 'category',
        推广计划: 'category',
        渠道: 'category',
        尺码: 'category',
        地区: 'category',
        分公司: 'category',
      },
      ['分公司'],
      [],
      ['分公司', '地区', '渠道', '推广计划', '颜色', '尺码'],
    ],
    [
      'no ids or free text, unless a level',
      { 客户编号: 'id', 备注: 'text', 负责人: 'text', 渠道: 'category' },
      ['负责人'],
      [],
      ['负责人', '渠道'],
    ],
    ['not one already taken', { 阶段: 'category', 渠道: 'category' }, [], ['阶段'], ['渠道']],
    ['text columns only', { 地区: 'count', 渠道: 'category' }, [], [], ['渠道']],
  ])('%s', (_, columns, hierarchy, taken, dimensions) => {
    expect(findDimensions(table(columns), hierarchy, new Set(taken))).toEqual(dimensions);
  });
});

describe('findDate', () => {
  it.each<[string, Record<string, ColumnType>, string[], string | null]>([
    ['one named like a date', { 创建日期: 'date', 日期: 'date' }, [], '日期'],
    ['else the first date column', { 创建日期: 'date', 成交日期: 'date' }, [], '创建日期'],
    ['not one already taken', { 日期: 'date', 创建日期: 'date' }, ['日期'], '创建日期'],
    ['a date-named column must be a date', { 日期: 'category', 下单: 'date' }, [], '下单'],
    ['none', { 日期: 'category' }, [], null],
  ])('%s', (_, columns, taken, found) => {
    expect(findDate(table(columns), new Set(taken))).toBe(found);
  });
});

describe('roles do not mutate their input', () => {
  it('leaves the table, the hierarchy and the taken set as they were', () => {
    const t = table({ 分公司: 'category', 地区: 'category', 消费: 'money', 日期: 'date' });
    const hierarchy = ['分公司'];
    const taken = new Set(['消费']);
    const before = structuredClone({ t, hierarchy, taken });
    findRole(t, 'cost', 'number', taken);
    findHierarchy(t, taken);
    findDimensions(t, hierarchy, taken);
    findDate(t, taken);
    expect({ t, hierarchy, taken }).toEqual(before);
    expect(findRole(t, 'cost', 'number', none)).toBe('消费');
  });
});
