import { describe, expect, it } from 'vitest';
import { fromArrays } from '../../../src/core/table/table';
import {
  countName,
  isIdLike,
  perRecord,
  recordKind,
  sumName,
} from '../../../src/core/join/per-record';
import { filePart } from '../../../src/core/join/part';
import { outerJoin } from '../../../src/core/join/outer-join';
import type { ImportReport } from '../../../src/core/read/report';

const report = (fileName: string): ImportReport => ({
  fileName,
  encoding: 'utf-8',
  delimiter: ',',
  headerLine: 1,
  rowsRead: 0,
  droppedTotals: [],
  droppedBlank: 0,
  raggedRows: 0,
  raggedLines: [],
  renamedHeaders: [],
  warnings: [],
  currency: '',
});

const dateWithTime = (days: number[]) => ({
  kind: 'date' as const,
  name: '时间',
  type: 'date' as const,
  days: Float64Array.from(days),
  hasTime: true,
});

describe('per-record files', () => {
  it('tells a file of rows to count from a file of figures', () => {
    const chats = fromArrays({ 对话ID: ['a', 'b'], 来源计划: ['x', 'y'] }, { 对话ID: 'id' });
    expect(perRecord(chats, null)).toBe(true);
    const orders = fromArrays({ 订单号: [1, 2], 金额: [10, 20] }, { 金额: 'money' });
    expect(perRecord(orders, null)).toBe(true);
    const revenue = fromArrays({ 推广计划: ['x'], 销售额: [10] }, { 销售额: 'money' });
    expect(perRecord(revenue, null)).toBe(false);
    const ads = fromArrays({ 推广计划: ['x'], 展现: [10], 点击: [1] });
    expect(perRecord(ads, null)).toBe(false);
    const withTime = fromArrays({ 订单号: ['o1'], 件数: [3] }, { 订单号: 'id' });
    expect(perRecord(withTime, dateWithTime([20179.5]))).toBe(true);
  });

  it('names the count from what the rows are', () => {
    expect(recordKind('商桥对话记录.csv', [], false)).toBe('consultations');
    expect(recordKind('export.csv', ['订单号', '金额'], true)).toBe('orders');
    expect(recordKind('crm.csv', ['Lead ID', 'Created'], false)).toBe('leads');
    expect(recordKind('x.csv', ['a'], true)).toBe('orders');
    expect(recordKind('x.csv', ['a'], false)).toBe('records');
    expect(countName('orders', ['订单号', '下单时间'])).toBe('订单量');
    expect(countName('consultations', ['Chat ID', 'Start'])).toBe('Consultations');
    expect(sumName('金额', ['金额'], 'orders', ['订单号'])).toBe('销售额');
    expect(sumName('运费', ['金额', '运费'], 'orders', ['订单号'])).toBe('运费');
    expect(sumName('Amount', ['Amount'], 'orders', ['Order ID'])).toBe('Revenue');
    expect(sumName('金额', ['金额'], 'leads', ['线索'])).toBe('金额');
    expect(isIdLike('订单号')).toBe(true);
    expect(isIdLike('Order ID')).toBe(true);
    expect(isIdLike('点击')).toBe(false);
  });

  it('counts rows per date × key and sums their amounts', () => {
    // 2025-04-01 is day 20179; three orders on it, two of plan A (one with a time late at night)
    const orders = fromArrays(
      {
        订单号: ['1', '2', '3', '4'],
        下单日期: [20179.1, 20179.99, 20179, 20180.2],
        来源计划: ['A', ' a ', 'B', 'A'],
        金额: [100, 50.5, 20, 7],
      },
      { 订单号: 'id', 下单日期: 'date', 金额: 'money' },
    );
    const part = filePart('订单.csv', orders, report('订单.csv'), new Set());
    expect(part.sources[0].shape).toBe('records');
    expect(part.measures.map((m) => m.name)).toEqual(['订单量', '销售额']);
    const { table } = outerJoin([part]);
    const col = (n: string) => table.columns.find((c) => c.name === n)!;
    const plan = col('来源计划');
    const count = col('订单量');
    const money = col('销售额');
    const day = col('下单日期');
    if (
      plan.kind !== 'text' ||
      count.kind !== 'number' ||
      money.kind !== 'number' ||
      day.kind !== 'date'
    )
      throw new Error('shape');
    const got = Array.from({ length: table.rowCount }, (_, r) => [
      day.days[r],
      plan.dict[plan.codes[r]],
      count.values[r],
      money.values[r],
    ]);
    expect(got).toEqual([
      [20179, 'A', 2, 150.5],
      [20179, 'B', 1, 20],
      [20180, 'A', 1, 7],
    ]);
  });
});
