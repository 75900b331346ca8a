// What the keep-and-share unit tests save, link and fuzz: a share snapshot with a breakdown,
// a target and a scenario, and a workspace of two datasets with every column kind.
import type { ShareSnapshot } from '../../../src/persist/share';
import type { LiveState } from '../../../src/persist/repo';
import { emptySpec } from '../../../src/core/spec/spec';
import { fromArrays } from '../../../src/core/table/table';
import { noEdits } from '../../../src/core/decide/scenario';

export const stage = (id: string, label: string) => ({
  id,
  label,
  source: { kind: 'column' as const, column: label },
});

/** A snapshot whose breakdown leaves 1,000 impressions, 20 clicks and an order outside it. */
export function snapshot(): ShareSnapshot {
  return {
    v: 1,
    title: 'search-ads.csv',
    createdAt: 1_750_000_000_000,
    currency: '¥',
    spec: {
      ...emptySpec('wide'),
      template: 'search-ads',
      stages: [
        stage('impressions', '展现量'),
        stage('clicks', '点击量'),
        stage('orders', '订单量'),
      ],
      cost: '消费',
      revenue: '销售额',
    },
    slice: ['地区: 华东'],
    totals: { counts: [10000, 300, 6], cost: 600.5, revenue: 3000, rows: 31 },
    breakdown: {
      column: '分公司',
      segments: [
        {
          value: '北京分公司',
          totals: { counts: [6000, 200, 4], cost: 400.25, revenue: 2000, rows: 20 },
        },
        {
          value: '=HYPERLINK("x")',
          totals: { counts: [3000, 80, 1], cost: 150, revenue: 500, rows: 10 },
        },
      ],
    },
    target: { kind: 'rates', values: { clicks: 0.04, orders: 0.025 } },
    scenarios: [
      {
        name: 'CTR +10%',
        edits: { ...noEdits(), rates: [null, { kind: 'relative', change: 0.1 }] },
      },
    ],
  };
}

/**
 * Two datasets: dates with an empty cell, a text column (dictionary '', 华东, 华北, 华南), whole
 * counts with empty cells and decimal money; then a small second table.
 */
export function twoDatasets(): LiveState {
  const table = fromArrays(
    {
      日期: ['2025-01-01', '2025-01-02', '', '2025-03-31'],
      地区: ['华东', '华北', '华东', '华南'],
      展现量: [300, 200, null, 100],
      点击量: [3, 2, null, 5],
      消费: [1.5, 2.25, -0.125, 4],
    },
    { 日期: 'date' },
  );
  const spec = {
    ...emptySpec('wide'),
    stages: [stage('imp', '展现量'), stage('clk', '点击量')],
    cost: '消费',
    date: '日期',
    dimensions: ['地区'],
  };
  const second = fromArrays({ 渠道: ['百度', '360'], 订单量: [4, 1] });
  return {
    datasets: [
      { id: 'ds-1', name: 'a.csv', importedAt: 1_750_000_000_000, table, spec, report: null },
      {
        id: 'ds-2',
        name: 'b.csv',
        importedAt: 1_750_000_100_000,
        table: second,
        spec: { ...emptySpec('wide'), stages: [stage('o', '订单量')], dimensions: ['渠道'] },
        report: null,
      },
    ],
    activeId: 'ds-1',
    view: null,
    plans: null,
  };
}
