import { describe, expect, test } from 'vitest';
import { aggregate } from '../../../src/core/engine/aggregate';
import { compileSpec } from '../../../src/core/engine/compile';
import { previousExport, reconcileSpec, specColumns } from '../../../src/core/spec/reconcile';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { emptySpec, type FunnelSpec } from '../../../src/core/spec/spec';
import {
  addStage,
  editHierarchy,
  moveStage,
  removeStage,
  setOutcome,
  toggleDimension,
  updateStage,
} from '../../../src/core/spec/spec-edit';
import { fromArrays } from '../../../src/core/table/table';
import { validateSpec } from '../../../src/core/spec/validate';

const shop = fromArrays(
  {
    日期: ['2025-06-01', '2025-06-02'],
    店铺: ['天猫', '京东'],
    访客数: [100, 80],
    跳失人数: [40, 30],
    咨询人数: [10, 9],
    支付人数: [5, 4],
  },
  { 日期: 'date' },
);
const col = (c: string) => ({ kind: 'column' as const, column: c });
const shopSpec: FunnelSpec = {
  ...emptySpec('wide'),
  stages: [
    { id: 'v', label: '访客数', source: col('访客数') },
    { id: 'e', label: '有效入店', source: { kind: 'formula', expr: '访客数 - 跳失人数' } },
    { id: 'p', label: '支付人数', source: col('支付人数') },
  ],
  dimensions: ['店铺'],
  date: '日期',
};

describe('validateSpec names each problem', () => {
  test('a valid spec has none', () => {
    expect(validateSpec(shop, shopSpec)).toEqual([]);
  });

  test.each([
    [
      'a stage with no column',
      [{ id: 'x', label: '下单', source: col('下单人数') }],
      { code: 'stage-no-column', severity: 'error', stage: '下单', column: '下单人数' },
    ],
    [
      'a text column used as a count',
      [{ id: 'x', label: '店铺', source: col('店铺') }],
      { code: 'stage-not-numeric', severity: 'error', stage: '店铺', column: '店铺' },
    ],
    [
      'a duplicated stage',
      [{ id: 'x', label: '访客', source: col('访客数') }],
      { code: 'duplicate-stage', severity: 'error', stage: '访客' },
    ],
    [
      'a duplicated label',
      [{ id: 'x', label: '访客数', source: col('咨询人数') }],
      { code: 'duplicate-label', severity: 'error', stage: '访客数' },
    ],
    [
      'a formula that does not parse',
      [{ id: 'x', label: '坏', source: { kind: 'formula', expr: '访客数 -' } }],
      {
        code: 'formula',
        severity: 'error',
        stage: '坏',
        formula: { code: 'unexpected-end', at: 5, text: '' },
      },
    ],
    [
      'a formula over an unknown column',
      [{ id: 'x', label: '坏', source: { kind: 'formula', expr: '访客数 - 跳出人数' } }],
      {
        code: 'formula',
        severity: 'error',
        stage: '坏',
        formula: { code: 'unknown-column', at: -1, text: '跳出人数' },
      },
    ],
  ])('%s', (_, extra, problem) => {
    const spec = { ...shopSpec, stages: [...shopSpec.stages, ...(extra as FunnelSpec['stages'])] };
    expect(validateSpec(shop, spec)).toEqual([problem]);
    const c = compileSpec(shop, spec);
    expect(c.ok).toBe(false);
  });

  test('unknown columns around the stages are warnings; the funnel still compiles', () => {
    const spec = { ...shopSpec, cost: '消费', dimensions: ['店铺', '地区'] };
    expect(validateSpec(shop, spec)).toEqual([
      { code: 'unknown-column', severity: 'warning', field: 'cost', column: '消费' },
      { code: 'unknown-column', severity: 'warning', field: 'dimensions', column: '地区' },
    ]);
    const c = compileSpec(shop, spec);
    expect(c.ok && c.funnel.cost).toBeNull();
  });

  test('no stages', () => {
    expect(validateSpec(shop, emptySpec('wide'))).toEqual([
      { code: 'no-stages', severity: 'error' },
    ]);
  });

  test('stage values nobody maps are counted and named', () => {
    const t = fromArrays({ 阶段: ['展现', '点击', '其他', '其他', ''], 数量: [10, 2, 1, 1, 1] });
    const spec: FunnelSpec = {
      ...emptySpec('long'),
      stageColumn: '阶段',
      countColumn: '数量',
      stages: [
        { id: 'a', label: '展现', source: { kind: 'value', value: '展现' } },
        { id: 'b', label: '点击', source: { kind: 'value', value: '点击' } },
      ],
    };
    expect(validateSpec(t, spec)).toEqual([
      { code: 'unmapped-values', severity: 'warning', column: '阶段', values: ['其他'], rows: 2 },
    ]);
  });
});

describe('compileSpec', () => {
  test('a formula stage is materialised once, then summed like a column', () => {
    const c = compileSpec(shop, shopSpec);
    if (!c.ok) throw new Error(c.error);
    expect(c.funnel.stageValues[1]).toBeInstanceOf(Float64Array);
    expect(aggregate(c.funnel, null).counts).toEqual([180, 110, 9]);
    expect(aggregate(c.funnel, Uint32Array.of(1)).counts).toEqual([80, 50, 4]);
  });

  test('long data: levels weighted by the count column, not cumulative', () => {
    const t = fromArrays({
      渠道: ['百度', '百度', '360', '360', '百度'],
      阶段: ['点击', '展现', '展现', '点击', '订单'],
      数量: [30, 1000, 500, 10, 2],
    });
    const { spec } = recogniseSpec(t);
    expect(spec.shape).toBe('long');
    const c = compileSpec(t, spec);
    if (!c.ok) throw new Error(c.error);
    expect(c.funnel).toMatchObject({ mode: 'levels', cumulative: false });
    expect(c.funnel.labels).toEqual(['展现', '点击', '订单']);
    expect(aggregate(c.funnel, null).counts).toEqual([1500, 40, 2]);
    expect(aggregate(c.funnel, Uint32Array.of(2, 3)).counts).toEqual([500, 10, 0]);
  });

  test('does not mutate the spec or the table', () => {
    const before = JSON.stringify(shopSpec);
    const visitors = Array.from((shop.columns[2] as { values: Int32Array }).values);
    compileSpec(shop, shopSpec);
    expect(JSON.stringify(shopSpec)).toBe(before);
    expect(Array.from((shop.columns[2] as { values: Int32Array }).values)).toEqual(visitors);
  });
});

describe('reconcileSpec: a newer export keeps the mapping', () => {
  const june = fromArrays({
    日期: ['2025-07-01'],
    访客数: [90],
    跳失人数: [20],
    咨询人数: [8],
    支付人数: [3],
    直播间: ['A'],
  });

  test('matched by column name; gone and new columns reported', () => {
    const previousColumns = shop.columns.map((c) => c.name);
    const r = reconcileSpec(shopSpec, june, previousColumns);
    expect(r.recognised).toBe(false);
    expect(r.spec.stages).toEqual(shopSpec.stages);
    expect(r.spec.dimensions).toEqual([]);
    expect(r.missing).toEqual(['店铺']);
    expect(r.added).toEqual(['直播间']);
  });

  test('a stage whose column disappeared is dropped, the rest kept', () => {
    const t = fromArrays({ 访客数: [1], 跳失人数: [0] });
    const r = reconcileSpec(shopSpec, t);
    expect(r.spec.stages.map((s) => s.label)).toEqual(['访客数', '有效入店']);
    expect(r.missing).toEqual(['支付人数', '日期', '店铺']);
  });

  test('nothing usable left: the table is recognised afresh', () => {
    const t = fromArrays({ 展现量: [100], 点击量: [5] });
    const r = reconcileSpec(shopSpec, t);
    expect(r.recognised).toBe(true);
    expect(r.spec.stages.map((s) => s.label)).toEqual(['展现量', '点击量']);
  });

  test('does not mutate the previous spec', () => {
    const before = JSON.stringify(shopSpec);
    reconcileSpec(shopSpec, fromArrays({ 访客数: [1] }));
    expect(JSON.stringify(shopSpec)).toBe(before);
  });

  test('specColumns and previousExport', () => {
    expect(specColumns(shopSpec)).toEqual(['访客数', '跳失人数', '支付人数', '日期', '店铺']);
    const datasets = [
      { name: '五月.csv', table: shop },
      { name: '其他.csv', table: june },
    ];
    const sameColumns = fromArrays(
      Object.fromEntries(shop.columns.map((c) => [c.name, [null]])) as Record<string, null[]>,
    );
    expect(previousExport(datasets, '六月.csv', sameColumns)?.name).toBe('五月.csv');
    expect(previousExport(datasets, '其他.csv', shop)?.name).toBe('其他.csv');
    expect(previousExport(datasets, '新.csv', fromArrays({ x: [1] }))).toBeNull();
  });
});

describe('spec edits are pure', () => {
  test('move, remove, rename, add', () => {
    const before = JSON.stringify(shopSpec);
    expect(moveStage(shopSpec, 2, -1).stages.map((s) => s.id)).toEqual(['v', 'p', 'e']);
    expect(moveStage(shopSpec, 0, -1)).toBe(shopSpec);
    expect(removeStage(shopSpec, 1).stages.map((s) => s.id)).toEqual(['v', 'p']);
    expect(updateStage(shopSpec, 0, { label: 'UV' }).stages[0].label).toBe('UV');
    const added = addStage(shop, shopSpec, '新阶段').stages.at(-1);
    // The first count column no stage uses yet.
    expect(added).toEqual({ id: '跳失人数', label: '跳失人数', source: col('跳失人数') });
    expect(JSON.stringify(shopSpec)).toBe(before);
  });

  test('outcomes, slicers and hierarchy', () => {
    const s = setOutcome({ ...shopSpec, lostValues: ['输单'] }, '输单', 'won');
    expect(s).toMatchObject({ lostValues: [], wonValues: ['输单'] });
    expect(toggleDimension(shop, shopSpec, '店铺', false).dimensions).toEqual([]);
    const h = editHierarchy({ ...shopSpec, hierarchy: ['团队', '分公司'] }, { move: 1, delta: -1 });
    expect(h.hierarchy).toEqual(['分公司', '团队']);
  });
});
