import { describe, expect, it } from 'vitest';
import { importDelimitedText } from '../../../src/core/read/delimited';
import { joinFiles, type JoinFile } from '../../../src/core/join/join';
import { notSplittableBy, sourceOf } from '../../../src/core/join/join-info';
import type { Table } from '../../../src/core/table/table';

async function file(name: string, text: string): Promise<JoinFile> {
  const { table, report } = await importDelimitedText(text, { fileName: name });
  return { name, table, report };
}

const ADS = `日期,推广计划,关键词,展现,点击,消费
2025-04-01,品牌词（北京）,学校,100,10,50.5
2025-04-01,品牌词（北京）,培训,200,20,80
2025-04-02,通用词,学校,300,30,90
`;
const VISITS = `日期,推广计划,访问量
2025-04-01, 品牌词 (北京) ,25
2025-04-02,通用词,20
2025-04-02,自然流量,7
`;
const CHATS = `对话ID,开始时间,来源计划,关键词
c1,2025-04-01 09:00:00,品牌词(北京),学校
c2,2025-04-01 10:00:00,品牌词(北京),学校
c3,2025-04-02 11:00:00,通用词,学校
c4,2025-04-02 12:00:00,,
`;
const ORDERS = `订单号,下单日期,来源计划,金额
1001,2025年4月1日,品牌词(北京),"¥1,200"
1002,2025年4月2日,自然流量,¥300
1003,2025年4月2日,自然流量,¥500
`;

/** The joined rows as `date|campaign|keyword` → column → value (non-zero values only). */
function rowsOf(table: Table): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (let r = 0; r < table.rowCount; r++) {
    const key: string[] = [];
    const values: Record<string, number> = {};
    for (const c of table.columns) {
      if (c.kind === 'date') key.push(new Date(c.days[r] * 86_400_000).toISOString().slice(0, 10));
      else if (c.kind === 'text') key.push(c.dict[c.codes[r]]);
      else if (c.values[r] !== 0) values[c.name] = c.values[r];
    }
    out.set(key.join('|'), values);
  }
  return out;
}

describe('joinFiles', () => {
  it('joins an ad report, analytics, a chat log and an order list on date × campaign × keyword', async () => {
    const files = [
      await file('百度推广.csv', ADS),
      await file('百度统计.csv', VISITS),
      await file('商桥对话.csv', CHATS),
      await file('订单.csv', ORDERS),
    ];
    const { table, info } = joinFiles(files);
    expect(info.grain).toBe('day');
    expect(info.date).toBe('日期');
    expect(info.keys).toEqual([
      { name: '推广计划', kind: 'campaign' },
      { name: '关键词', kind: 'keyword' },
    ]);
    expect(table.columns.map((c) => c.name)).toEqual([
      '日期',
      '推广计划',
      '关键词',
      '展现',
      '点击',
      '消费',
      '访问量',
      '咨询量',
      '订单量',
      '销售额',
    ]);
    // Worked by hand: seven keys, each row of each file in exactly one of them.
    expect(rowsOf(table)).toEqual(
      new Map([
        ['2025-04-01|品牌词（北京）|学校', { 展现: 100, 点击: 10, 消费: 50.5, 咨询量: 2 }],
        ['2025-04-01|品牌词（北京）|培训', { 展现: 200, 点击: 20, 消费: 80 }],
        ['2025-04-02|通用词|学校', { 展现: 300, 点击: 30, 消费: 90, 咨询量: 1 }],
        ['2025-04-01|品牌词（北京）|', { 访问量: 25, 订单量: 1, 销售额: 1200 }],
        ['2025-04-02|通用词|', { 访问量: 20 }],
        ['2025-04-02|自然流量|', { 访问量: 7, 订单量: 2, 销售额: 800 }],
        ['2025-04-02||', { 咨询量: 1 }],
      ]),
    );
    expect(info.sources.map((s) => [s.name, s.shape, s.kind, s.columns])).toEqual([
      ['百度推广.csv', 'sums', null, ['展现', '点击', '消费']],
      ['百度统计.csv', 'sums', null, ['访问量']],
      ['商桥对话.csv', 'records', 'consultations', ['咨询量']],
      ['订单.csv', 'records', 'orders', ['订单量', '销售额']],
    ]);
    expect(info.sources[2].keys).toEqual([
      { header: '来源计划', key: '推广计划' },
      { header: '关键词', key: '关键词' },
    ]);
    expect(info.sources[3].dropped).toEqual(['订单号']);
    expect(notSplittableBy(info, '访问量')).toEqual(['关键词']);
    expect(notSplittableBy(info, '订单量')).toEqual(['关键词']);
    expect(notSplittableBy(info, '点击')).toEqual([]);
    expect(sourceOf(info, '销售额')?.name).toBe('订单.csv');
  });

  it('lists the keys some files have and others lack, with their figures', async () => {
    const files = [
      await file('百度推广.csv', ADS),
      await file('百度统计.csv', VISITS),
      await file('商桥对话.csv', CHATS),
      await file('订单.csv', ORDERS),
    ];
    const { info } = joinFiles(files);
    const list = info.unmatched.map((u) => [u.key, u.value, u.in, u.missing, u.figures]);
    expect(list).toEqual([
      // missing from the ad report first (no spend behind them), largest first
      [
        '推广计划',
        '自然流量',
        [1, 3],
        [0, 2],
        [
          { column: '访问量', value: 7 },
          { column: '订单量', value: 2 },
        ],
      ],
      ['推广计划', '', [2], [0, 1, 3], [{ column: '咨询量', value: 1 }]],
      ['关键词', '', [2], [0], [{ column: '咨询量', value: 1 }]],
      [
        '推广计划',
        '通用词',
        [0, 1, 2],
        [3],
        [
          { column: '展现', value: 300 },
          { column: '访问量', value: 20 },
          { column: '咨询量', value: 1 },
        ],
      ],
      ['关键词', '培训', [0], [2], [{ column: '展现', value: 200 }]],
    ]);
    expect(info.unmatchedMore).toBe(0);
  });

  it('joins a monthly file at month level', async () => {
    const monthly = await file(
      'CRM月报.csv',
      '月份,推广计划,成交额\n2025年4月,品牌词(北京),5000\n',
    );
    const { table, info } = joinFiles([await file('百度推广.csv', ADS), monthly]);
    expect(info.grain).toBe('month');
    expect(info.sources.map((s) => s.grain)).toEqual(['day', 'month']);
    expect(rowsOf(table)).toEqual(
      new Map([
        ['2025-04-01|品牌词（北京）|学校', { 展现: 100, 点击: 10, 消费: 50.5 }],
        ['2025-04-01|品牌词（北京）|培训', { 展现: 200, 点击: 20, 消费: 80 }],
        ['2025-04-01|通用词|学校', { 展现: 300, 点击: 30, 消费: 90 }],
        ['2025-04-01|品牌词（北京）|', { 成交额: 5000 }],
      ]),
    );
  });

  it('replaces one source of a joined dataset and keeps the rest', async () => {
    const first = joinFiles([
      await file('百度推广.csv', ADS),
      await file('百度统计.csv', VISITS),
      await file('订单.csv', ORDERS),
    ]);
    const newer = await file('百度统计.csv', '日期,推广计划,访问量\n2025-04-01,品牌词(北京),30\n');
    const { table, info } = joinFiles([newer], {
      table: first.table,
      info: first.info,
      leaveOut: [1],
    });
    expect(info.sources.map((s) => s.name)).toEqual(['百度推广.csv', '百度统计.csv', '订单.csv']);
    const sum = (name: string) => {
      const c = table.columns.find((x) => x.name === name);
      return c?.kind === 'number' ? Array.from(c.values).reduce((a, b) => a + b, 0) : NaN;
    };
    expect([sum('展现'), sum('访问量'), sum('订单量'), sum('销售额')]).toEqual([600, 30, 3, 2000]);
    expect(rowsOf(table).get('2025-04-01|品牌词（北京）|')).toEqual({
      访问量: 30,
      订单量: 1,
      销售额: 1200,
    });
  });

  it('does not change the tables it joins', async () => {
    const ads = await file('百度推广.csv', ADS);
    const chats = await file('商桥对话.csv', CHATS);
    const before = JSON.stringify([ads.table, chats.table], (_, v) =>
      ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v,
    );
    joinFiles([ads, chats]);
    const after = JSON.stringify([ads.table, chats.table], (_, v) =>
      ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v,
    );
    expect(after).toBe(before);
  });
});
