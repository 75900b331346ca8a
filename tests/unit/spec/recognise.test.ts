import { describe, expect, test } from 'vitest';
import { detectShape, stageOfDateHeader } from '../../../src/core/spec/shape';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { isRateOrAverage, normaliseName } from '../../../src/core/spec/templates';
import { fromArrays, type ColumnType } from '../../../src/core/table/table';

const labels = (table: ReturnType<typeof fromArrays>) =>
  recogniseSpec(table).spec.stages.map((s) => s.label);

describe('shape detection', () => {
  test('wide: one count column per stage', () => {
    const t = fromArrays({ 日期: ['2025-01-01'], 展现量: [100], 点击量: [3] }, { 日期: 'date' });
    expect(detectShape(t).shape).toBe('wide');
  });

  test('long: a stage-name column and a count column', () => {
    const t = fromArrays(
      { 日期: ['2025-01-01', '2025-01-01'], 环节: ['展现', '点击'], 数量: [100, 3] },
      { 日期: 'date' },
    );
    const g = detectShape(t);
    expect(g).toMatchObject({ shape: 'long', stageColumn: '环节', countColumn: '数量' });
  });

  test('long without a stage-like header: the values are known stage names', () => {
    const t = fromArrays({
      step: ['Impressions', 'Clicks', 'Orders'],
      n: [10, 5, 1],
      Count: [1, 1, 1],
    });
    expect(detectShape(t)).toMatchObject({
      shape: 'long',
      stageColumn: 'step',
      countColumn: 'Count',
    });
  });

  test('records with a current-stage column (amount makes it records, not long)', () => {
    const t = fromArrays({
      商机: ['甲', '乙'],
      阶段: ['方案', '赢单'],
      金额: [100, 200],
      数量: [1, 1],
    });
    expect(detectShape(t)).toMatchObject({ shape: 'records', stageColumn: '阶段' });
  });

  test('records with one date column per stage', () => {
    const types: Record<string, ColumnType> = {
      创建日期: 'date',
      需求确认日期: 'date',
      方案日期: 'date',
      关闭日期: 'date',
    };
    const t = fromArrays(
      {
        商机: ['甲'],
        创建日期: ['2025-01-01'],
        需求确认日期: ['2025-01-05'],
        方案日期: [null],
        关闭日期: [null],
      },
      types,
    );
    const g = detectShape(t);
    expect(g.shape).toBe('records');
    expect(g.stageDates.map((d) => d.column)).toEqual(['需求确认日期', '方案日期']);
  });

  test.each([
    ['需求确认日期', '需求确认'],
    ['进入方案日期', '方案'],
    ['Date entered "Qualified To Buy (Sales Pipeline)"', 'Qualified To Buy'],
    ['Close Date', null],
    ['创建日期', null],
    ['日期', null],
  ])('stage of date header %s', (header, stage) => {
    expect(stageOfDateHeader(header)).toBe(stage);
  });
});

describe('header recognition', () => {
  test('the search-ads template in Chinese, with cost and revenue', () => {
    const { spec, reasons } = recogniseSpec(
      fromArrays({
        展现量: [1000],
        点击量: [30],
        点击率: [0.03],
        平均点击价格: [2],
        访问量: [25],
        咨询量: [4],
        订单量: [1],
        消费: [60],
        销售额: [300],
      }),
    );
    expect(spec.template).toBe('search-ads');
    expect(spec.stages.map((s) => [s.id, s.label])).toEqual([
      ['impressions', '展现量'],
      ['clicks', '点击量'],
      ['visits', '访问量'],
      ['consultations', '咨询量'],
      ['orders', '订单量'],
    ]);
    expect(spec.cost).toBe('消费');
    expect(spec.revenue).toBe('销售额');
    expect(reasons.map((r) => r.key)).toContain('map.reason.template');
  });

  test.each([
    [
      ['Impr.', 'Clicks', 'CTR', 'Avg. CPC', 'Cost', 'Conversions', 'Conv. rate', 'Cost / conv.'],
      ['Impr.', 'Clicks', 'Conversions'],
    ],
    [
      ['展示数', '点击数', '点击率(%)', '消耗', '网页转化'],
      ['展示数', '点击数', '网页转化'],
    ],
    [
      ['展现', '点击', '消费', '商桥转化', '网页转化'],
      ['展现', '点击', '商桥转化', '网页转化'],
    ],
    [
      ['Impressions', 'Clicks', 'Visits', 'Leads', 'Orders'],
      ['Impressions', 'Clicks', 'Visits', 'Leads', 'Orders'],
    ],
    [
      ['展示次数', '点击次数', '访客数', '咨询人数', '支付人数', '转化率', '平均停留时长'],
      ['展示次数', '点击次数', '访客数', '咨询人数', '支付人数'],
    ],
    [
      ['认知', '兴趣', '考虑', '意向', '购买'],
      ['认知', '兴趣', '考虑', '意向', '购买'],
    ],
    [
      ['认知', '了解', '认可', '考虑', '意向', '购买'],
      ['认知', '了解', '认可', '考虑', '意向', '购买'],
    ],
  ])('%j → %j', (headers, stages) => {
    const data = Object.fromEntries(headers.map((h) => [h, [10]]));
    expect(labels(fromArrays(data))).toEqual(stages);
  });

  test('rate and average columns never become stages, even when nothing else matches', () => {
    const t = fromArrays({
      点击率: [3],
      CTR: [3],
      'Conv. rate': [1],
      平均点击价格: [2],
      'Avg. CPC': [2],
      客单价: [9],
    });
    expect(labels(t)).toEqual([]);
    const reasons = recogniseSpec(t).reasons.filter((r) => r.key === 'map.reason.notStage');
    expect(reasons.map((r) => r.params.column)).toEqual([
      '点击率',
      'CTR',
      'Conv. rate',
      '平均点击价格',
      'Avg. CPC',
      '客单价',
    ]);
  });

  test('percent-typed columns are not stages whatever their name', () => {
    const t = fromArrays({ 展现量: [100], 点击量: [3], 订单量: [0.5] }, { 订单量: 'percent' });
    expect(labels(t)).toEqual(['展现量', '点击量']);
  });

  test('no known template: the count columns in file order', () => {
    const t = fromArrays(
      { 日期: ['2025-01-01'], 报名: [50], 到场: [30], 成交客户: [5], 备注: ['x'] },
      { 日期: 'date' },
    );
    const { spec, reasons } = recogniseSpec(t);
    expect(spec.stages.map((s) => s.label)).toEqual(['报名', '到场', '成交客户']);
    expect(spec.template).toBe('custom');
    expect(reasons.map((r) => r.key)).toContain('map.reason.countColumns');
  });

  test('the shop template derives 有效入店 = 访客数 − 跳失人数', () => {
    const { spec } = recogniseSpec(
      fromArrays({
        访客数: [100],
        跳失人数: [40],
        咨询人数: [10],
        下单人数: [8],
        支付人数: [7],
        支付金额: [700],
      }),
    );
    expect(spec.template).toBe('shop');
    expect(spec.stages.map((s) => s.label)).toEqual([
      '访客数',
      '有效入店人数',
      '咨询人数',
      '下单人数',
      '支付人数',
    ]);
    expect(spec.stages[1].source).toEqual({ kind: 'formula', expr: '访客数 - 跳失人数' });
    expect(spec.revenue).toBe('支付金额');
  });

  test('dimensions and the organisation hierarchy', () => {
    const { spec } = recogniseSpec(
      fromArrays({
        渠道: ['百度'],
        负责人: ['赵敏'],
        地区: ['华北'],
        分公司: ['北京'],
        团队: ['一组'],
        展现量: [1],
        点击量: [1],
      }),
    );
    expect(spec.hierarchy).toEqual(['分公司', '团队', '负责人']);
    expect(spec.dimensions).toEqual(['分公司', '团队', '负责人', '地区', '渠道']);
  });

  test('header spellings: full-width, units in brackets, case and punctuation', () => {
    expect(normaliseName('消费（元）')).toBe('消费');
    expect(normaliseName(' IMPR. ')).toBe('impr');
    expect(normaliseName('Probability (%)')).toBe('probability');
    expect(isRateOrAverage('点击率')).toBe(true);
    expect(isRateOrAverage('Cost / conv.')).toBe(true);
    expect(isRateOrAverage('点击量')).toBe(false);
    expect(isRateOrAverage('Conversions')).toBe(false);
  });

  test('recognition does not mutate the table', () => {
    const t = fromArrays({ 访客数: [100], 跳失人数: [40], 下单人数: [8] });
    const snapshot = JSON.stringify(
      t.columns.map((c) => ({ ...c, values: Array.from((c as { values: Int32Array }).values) })),
    );
    recogniseSpec(t);
    expect(
      JSON.stringify(
        t.columns.map((c) => ({ ...c, values: Array.from((c as { values: Int32Array }).values) })),
      ),
    ).toBe(snapshot);
  });
});

describe('record stages from values', () => {
  test('a Chinese pipeline with a status column: stages in template order, lost is not a stage', () => {
    const { spec } = recogniseSpec(
      fromArrays({
        商机: ['a', 'b', 'c', 'd', 'e'],
        阶段: ['谈判', '线索', '赢单', '方案', '方案'],
        状态: ['进行中', '进行中', '赢单', '输单', '进行中'],
        金额: [1, 2, 3, 4, 5],
      }),
    );
    expect(spec.shape).toBe('records');
    expect(spec.stages.map((s) => s.label)).toEqual(['线索', '方案', '谈判', '赢单']);
    expect(spec).toMatchObject({
      statusColumn: '状态',
      lostValues: ['输单'],
      wonValues: ['赢单'],
      amount: '金额',
    });
    // Template defaults for the win probabilities, editable.
    expect(spec.stages.map((s) => s.probability)).toEqual([0.1, 0.4, 0.8, 1]);
  });

  test('Salesforce: Closed Won is the last stage, Closed Lost marks lost in the stage column', () => {
    const { spec } = recogniseSpec(
      fromArrays({
        Stage: ['Closed Lost', 'Negotiation/Review', 'Prospecting', 'Closed Won', 'Qualification'],
        Amount: [1, 2, 3, 4, 5],
        'Probability (%)': [0, 90, 10, 100, 20],
      }),
    );
    expect(spec.template).toBe('salesforce');
    expect(spec.stages.map((s) => s.label)).toEqual([
      'Prospecting',
      'Qualification',
      'Negotiation/Review',
      'Closed Won',
    ]);
    expect(spec).toMatchObject({
      stageColumn: 'Stage',
      statusColumn: 'Stage',
      lostValues: ['Closed Lost'],
      wonValues: ['Closed Won'],
    });
    expect(spec.probability).toBe('Probability (%)');
    // Stage probabilities: medians of the column over each stage's open records; won keeps its default.
    expect(spec.stages.map((s) => s.probability)).toEqual([0.1, 0.2, 0.9, 1]);
  });

  test('unknown stage names with a probability column are ordered by probability', () => {
    const { spec } = recogniseSpec(
      fromArrays({
        Phase: ['Pitch', 'Intro', 'Contract', 'Intro'],
        Stage: ['Pitch', 'Intro', 'Contract', 'Intro'],
        Amount: [1, 1, 1, 1],
        Probability: [0.5, 0.1, 0.9, 0.1],
      }),
    );
    expect(spec.stages.map((s) => s.label)).toEqual(['Intro', 'Pitch', 'Contract']);
  });

  test('long data with unknown stage names: the order the rows list them in', () => {
    const { spec, reasons } = recogniseSpec(
      fromArrays({ 阶段: ['报名', '到场', '报名', '签约'], 人数: [10, 8, 15, 2] }),
    );
    expect(spec.shape).toBe('long');
    expect(spec.stages.map((s) => s.label)).toEqual(['报名', '到场', '签约']);
    expect(reasons.map((r) => r.key)).toContain('map.reason.orderWritten');
  });
});

describe('a template matched by only two names among more count columns', () => {
  test('keeps every count column in the order the user gave them', () => {
    const table = fromArrays({
      Week: ['w1', 'w2'],
      Awareness: [1000, 900],
      Interest: [400, 300],
      Trial: [50, 40],
      Buy: [10, 8],
    });
    const { spec } = recogniseSpec(table);
    expect(spec.stages.map((s) => s.label)).toEqual(['Awareness', 'Interest', 'Trial', 'Buy']);
    expect(spec.template).toBe('custom');
  });

  test('still uses the template when its two names are all the counts there are', () => {
    const table = fromArrays({ 展现量: [100, 200], 点击量: [3, 5], 消费: [1.5, 2.5] });
    const { spec } = recogniseSpec(table);
    expect(spec.template).toBe('search-ads');
    expect(spec.stages.map((s) => s.id)).toEqual(['impressions', 'clicks']);
  });
});
