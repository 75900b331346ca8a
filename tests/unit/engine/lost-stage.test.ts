// Lost at stage from a separate column, worked on paper over tests/fixtures/crm-lost-stage-zh.csv
// (14 deals; stages 初步接洽 → 需求确定 → 方案报价 → 谈判审核 → 赢单; 状态 进行中 / 赢单 / 丢单;
// 丢单阶段 filled for the six lost deals):
//
//   deal  阶段      状态    丢单阶段   highest stage reached
//   3001  初步接洽  进行中            0
//   3002  需求确定  进行中            1
//   3003  方案报价  进行中            2
//   3004  谈判审核  进行中            3
//   3005  赢单      赢单              4
//   3006  赢单      赢单              4
//   3007  丢单      丢单    初步接洽  0  (lost at 0)
//   3008  丢单      丢单    需求确定  1  (lost at 1)
//   3009  丢单      丢单    方案报价  2  (lost at 2)
//   3010  丢单      丢单    方案报价  2  (lost at 2)
//   3011  丢单      丢单    谈判审核  3  (lost at 3)
//   3012  需求确定  进行中            1
//   3013  方案报价  丢单    方案报价  2  (lost at 2)
//   3014  初步接洽  进行中            0
//
// Reached (highest ≥ k): 14, 11, 8, 4, 2. Lost here: 1, 1, 3, 1, 0. Won 2, lost 6: 2 / 8 = 25 %.
// From each stage, won ÷ closed among those that reached it: 2/8, 2/7, 2/6, 2/3, 2/2.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importDelimitedText } from '../../../src/core/read/delimited';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { compileSpec } from '../../../src/core/engine/compile';
import { aggregate } from '../../../src/core/engine/aggregate';
import { recordMetrics } from '../../../src/core/engine/pipeline';
import { recordModel } from '../../../src/core/engine/records';
import { fromArrays } from '../../../src/core/table/table';
import { emptySpec, type FunnelSpec } from '../../../src/core/spec/spec';

const FIXTURE = 'tests/fixtures/crm-lost-stage-zh.csv';

async function load(edit: (spec: FunnelSpec) => FunnelSpec = (s) => s) {
  const { table } = await importDelimitedText(readFileSync(FIXTURE, 'utf8'), {
    fileName: 'crm.csv',
  });
  const spec = edit(recogniseSpec(table).spec);
  const compiled = compileSpec(table, spec);
  if (!compiled.ok) throw new Error(compiled.error);
  return {
    spec,
    counts: aggregate(compiled.funnel, null).counts,
    metrics: recordMetrics(compiled.funnel.records!, null),
  };
}

describe('a lost-stage column places each lost deal', () => {
  it('reach, lost here and win rates as worked on paper', async () => {
    const { spec, counts, metrics } = await load();
    expect(spec.stages.map((s) => s.label)).toEqual([
      '初步接洽',
      '需求确定',
      '方案报价',
      '谈判审核',
      '赢单',
    ]);
    expect(spec.lostStage).toBe('丢单阶段');
    expect(counts).toEqual([14, 11, 8, 4, 2]);
    expect(metrics.stages.map((s) => s.reached)).toEqual([14, 11, 8, 4, 2]);
    expect(metrics.stages.map((s) => s.lost)).toEqual([1, 1, 3, 1, 0]);
    expect(metrics.stages.map((s) => s.open)).toEqual([2, 2, 1, 1, 0]);
    expect([metrics.won, metrics.lost, metrics.open]).toEqual([2, 6, 6]);
    expect(metrics.winRate).toBe(0.25);
    expect(metrics.stages.map((s) => s.winRate)).toEqual([2 / 8, 2 / 7, 2 / 6, 2 / 3, 1]);
  });

  it('cleared, the lost deals whose stage says only 丢单 reach no stage: the column matters', async () => {
    const { counts, metrics } = await load((s) => ({ ...s, lostStage: null }));
    // Only 3013 (阶段 方案报价) keeps a stage; 3007–3011 say 丢单 in 阶段 and are placed nowhere.
    expect(counts).toEqual([9, 7, 5, 3, 2]);
    expect(metrics.stages.map((s) => s.lost)).toEqual([0, 0, 1, 0, 0]);
    // The win rate still counts every lost deal: it reads the status, not the stage.
    expect(metrics.winRate).toBe(0.25);
  });
});

describe('recordModel with a lost-stage column', () => {
  const spec: FunnelSpec = {
    ...emptySpec('records'),
    stages: ['线索', '方案', '谈判', '赢单'].map((v) => ({
      id: v,
      label: v,
      source: { kind: 'value' as const, value: v },
    })),
    stageColumn: '阶段',
    statusColumn: '阶段',
    lostValues: ['Closed Lost'],
    wonValues: ['赢单'],
    lostStage: 'Lost stage',
  };

  it('stage and status in one column: the lost-stage column says where, else the first stage', () => {
    const table = fromArrays({
      阶段: ['Closed Lost', 'Closed Lost', 'Closed Lost', '方案', '赢单'],
      'Lost stage': ['谈判', ' 方案 ', '价格', '谈判', ''],
    });
    const built = recordModel(table, spec);
    if (!built.ok) throw new Error(built.error);
    // Lost at 谈判 (2); at 方案 read through its spaces (1); '价格' names no stage: the first
    // stage, as without the column; an open deal's value is not read (方案 stays 1); won is 3.
    expect(Array.from(built.model.level)).toEqual([2, 1, 0, 1, 3]);
  });

  it('a lost-stage column that is missing from the table is ignored', () => {
    const table = fromArrays({ 阶段: ['Closed Lost', '方案'] });
    const built = recordModel(table, spec);
    if (!built.ok) throw new Error(built.error);
    expect(Array.from(built.model.level)).toEqual([0, 1]);
  });
});
