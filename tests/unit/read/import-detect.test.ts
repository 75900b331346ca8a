import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { decodeText, sniffBinary } from '../../../src/core/read/encoding';
import { detectDelimiter } from '../../../src/core/read/delimiter';
import { findHeader } from '../../../src/core/read/header';
import { totalRowText } from '../../../src/core/read/totals';
import { dedupeHeaders, numericType, planColumn, textType } from '../../../src/core/read/infer';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('encoding', () => {
  test('a UTF-8 BOM is dropped and named', () => {
    const d = decodeText(Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8('日期,点击')));
    expect(d).toEqual({ text: '日期,点击', encoding: 'utf-8-bom', bomOnly: false });
  });
  test('UTF-16LE and UTF-16BE by their BOMs', () => {
    // "日a" as UTF-16LE: 65 E5 61 00; as UTF-16BE: E5 65 00 61.
    expect(decodeText(Uint8Array.of(0xff, 0xfe, 0xe5, 0x65, 0x61, 0x00))).toMatchObject({
      text: '日a',
      encoding: 'utf-16le',
    });
    expect(decodeText(Uint8Array.of(0xfe, 0xff, 0x65, 0xe5, 0x00, 0x61))).toMatchObject({
      text: '日a',
      encoding: 'utf-16be',
    });
  });
  test('UTF-16LE without a BOM, from its NUL bytes', () => {
    const bytes = new Uint8Array([...'Day\tClicks\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(decodeText(bytes)).toMatchObject({ text: 'Day\tClicks\n', encoding: 'utf-16le' });
  });
  test('valid UTF-8 without a BOM stays UTF-8', () => {
    expect(decodeText(utf8('合计'))).toMatchObject({ text: '合计', encoding: 'utf-8' });
  });
  test('bytes that are not UTF-8 are GB18030 (GBK): 合计 is BA CF BC C6', () => {
    expect(decodeText(Uint8Array.of(0xba, 0xcf, 0xbc, 0xc6))).toMatchObject({
      text: '合计',
      encoding: 'gb18030',
    });
  });
  test('a BOM and nothing else', () => {
    expect(decodeText(Uint8Array.of(0xef, 0xbb, 0xbf)).bomOnly).toBe(true);
    expect(decodeText(Uint8Array.of(0xff, 0xfe)).bomOnly).toBe(true);
  });
  test.each([
    [[0x50, 0x4b, 0x03, 0x04, 0x14], 'zip'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], 'png'],
    [[0xff, 0xd8, 0xff, 0xe0], 'jpeg'],
    [[0x25, 0x50, 0x44, 0x46, 0x2d], 'pdf'],
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1], 'xls'],
    [[0x61, 0x00, 0x00, 0x00, 0x62, 0x63, 0x00, 0x01, 0x00, 0x00], 'binary'],
  ])('signature %j is %s', (bytes, kind) => {
    expect(sniffBinary(Uint8Array.from(bytes))).toBe(kind);
  });
  test('text and UTF-16 text are not binary', () => {
    expect(sniffBinary(utf8('a,b\n1,2\n'))).toBeNull();
    expect(sniffBinary(Uint8Array.of(0xff, 0xfe, 0x61, 0x00))).toBeNull();
  });
});

describe('delimiter', () => {
  test.each([
    ['日期,展现量,点击量\n2025-01-01,100,3\n', ','],
    ['Day\tImpr.\tClicks\n2025-01-01\t100\t3\n', '\t'],
    ['Tag;Besuche;Umsatz\n01.01.2025;100;12,5\n02.01.2025;80;9,75\n', ';'],
    ['a|b|c\n1|2|3\n', '|'],
  ])('%j → %j', (text, delim) => expect(detectDelimiter(text)).toBe(delim));

  test('quoted thousands separators in a tab file are not commas', () => {
    const text =
      'Day\tCost\tClicks\n2025-01-01\t"1,234.50"\t"1,200"\n2025-01-02\t"2,000,100.00"\t3\n';
    expect(detectDelimiter(text)).toBe('\t');
  });
  test('title lines above the table do not decide', () => {
    const text =
      'Campaign report, all campaigns\n"January 1, 2025 - January 7, 2025"\nDay;Clicks;Cost\n1;2;3\n4;5;6\n';
    expect(detectDelimiter(text)).toBe(';');
  });
  test('quoted newlines do not split records', () => {
    const text = 'a;b;c\n1;"x\ny,z";3\n4;"p,q";6\n';
    expect(detectDelimiter(text)).toBe(';');
  });
});

describe('header row below preambles', () => {
  const parse = (text: string, delimiter = ',') => Papa.parse<string[]>(text, { delimiter }).data;

  test('Google Ads: title and date range', () => {
    const rows = parse(
      'Campaign performance report\n"January 1, 2025 - January 7, 2025"\nDay,Campaign,Impr.,Clicks\n2025-01-01,Brand,"1,234",87\n',
    );
    expect(findHeader(rows)).toBe(2);
  });
  test('Baidu: 数据生成时间 block with full-width colons and a blank line', () => {
    const rows = parse(
      '数据生成时间：2025-01-08 09:12:33\n账户：北京某某教育科技有限公司\n时间范围：2025-01-01 至 2025-01-07\n\n日期,推广计划,展现,点击,消费\n2025-01-01,品牌词,100,5,12.5\n2025-01-02,品牌词,90,4,10\n',
    );
    expect(findHeader(rows)).toBe(4);
  });
  test('Microsoft Ads: the "Report Name:" block', () => {
    const rows = parse(
      [
        '"Report Name: Campaign performance"',
        '"Report Time: 1/1/2025 - 1/7/2025"',
        '"Time Zone: (GMT-08:00) Pacific Time (US & Canada)"',
        '"Last Completed Available Day: 1/8/2025 3:00:00 AM (GMT-08:00)"',
        '"Potential Incomplete Data: false"',
        '"Rows: 2"',
        '',
        '"TimePeriod","CampaignName","Impressions","Clicks","Spend"',
        '"1/1/2025","Brand","1200","60","75.20"',
        '"1/2/2025","Brand","1100","58","70.00"',
      ].join('\n'),
    );
    expect(findHeader(rows)).toBe(7);
  });
  test('Sogou: a date-range line, and the total row above the data is not the header', () => {
    const rows = parse(
      '2025-01-01至2025-01-07\n日期,推广计划,展示数,点击数\n合计,-,"6,540",312\n2025-01-01,品牌词,1020,52\n',
    );
    expect(findHeader(rows)).toBe(1);
  });
  test('no preamble: the first record', () => {
    expect(findHeader(parse('a,b,c\n1,2,3\n'))).toBe(0);
  });
  test('a one-column file starts at its first filled record', () => {
    expect(findHeader(parse('\nname\nx\ny\n'))).toBe(1);
  });
});

describe('total and footer rows', () => {
  test.each([
    [['合计', '--', '1,234'], '合计, --, 1,234'],
    [['总计', '', '12'], '总计, 12'],
    [['', '汇总', '12'], '汇总, 12'],
    [['Total', '12'], 'Total, 12'],
    [['Total: Account', '--', '12'], 'Total: Account, --, 12'],
    [['Total: Search campaigns', '--', '12'], 'Total: Search campaigns, --, 12'],
    [['Grand Totals (12 records)', '', '$316,600.00'], 'Grand Totals (12 records), $316,600.00'],
    [['合计：', '9'], '合计：, 9'],
    [
      ['Confidential Information - Do Not Distribute'],
      'Confidential Information - Do Not Distribute',
    ],
    [
      ['Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved.', '', ''],
      'Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved.',
    ],
    [
      ['©2025 Microsoft Corporation. All rights reserved.'],
      '©2025 Microsoft Corporation. All rights reserved.',
    ],
    [['版权所有 © 百度'], '版权所有 © 百度'],
  ])('%j is dropped', (cells, text) => expect(totalRowText(cells)).toBe(text));

  test.each([
    [['2025-01-05', '北京', '12']],
    [['Totally Fit Gym', 'Closed Won', '1200']],
    [['2025-01-05', 'Brand', 'Copyright campaign', '3']],
    [['Sum Corp', '12']],
    [['x', 'y', 'z', '合计']],
  ])('%j is data', (cells) => expect(totalRowText(cells)).toBeNull());
});

describe('column types', () => {
  test.each([
    ['展现量', ['1,085', '--', '1163'], 'number', false],
    ['日期', ['2025/1/5', '2025/1/6'], 'date', false],
    ['Day', ['45662', '45663'], 'date', true],
    ['Clicks', ['45662', '45663'], 'number', false],
    ['客户编号', ['00123', '00124'], 'text', false],
    ['渠道', ['百度', '360', '搜狗'], 'text', false],
    ['Created', ['20250105', '20250106'], 'date', false],
    ['点击率', ['5.1%', '4.2%'], 'number', false],
  ] as const)('%s %j → %s', (name, sample, kind, serial) => {
    const plan = planColumn(name, sample);
    expect(plan.kind).toBe(kind);
    expect(plan.serial).toBe(serial);
  });
  test('a column empty in its sample is left undecided', () => {
    expect(planColumn('备注', ['', '--', '-']).undecided).toBe(true);
  });

  const stats = { percent: 0, currency: '', negative: false, whole: true, values: 10 };
  test.each([
    ['点击量', stats, 'count'],
    ['变化', { ...stats, negative: true }, 'number'],
    ['平均排名', { ...stats, whole: false }, 'number'],
    ['点击率', { ...stats, percent: 10, whole: false }, 'percent'],
    ['Amount', { ...stats, currency: '$' }, 'money'],
    ['消费', stats, 'money'],
    ['Avg. CPC', { ...stats, whole: false }, 'money'],
  ] as const)('numbers %s → %s', (name, s, type) => expect(numericType(name, s)).toBe(type));

  const text = { distinct: 4, values: 1000, idLike: 0, maxLength: 4 };
  test.each([
    ['渠道', text, 'category'],
    ['Deal Name', { ...text, distinct: 95, values: 100, maxLength: 30 }, 'text'],
    ['Record ID', { ...text, distinct: 100, values: 100 }, 'id'],
    ['客户', { ...text, idLike: 3 }, 'id'],
    ['备注', { ...text, maxLength: 500 }, 'text'],
  ] as const)('text %s → %s', (name, s, type) => expect(textType(name, s)).toBe(type));
});

describe('headers', () => {
  test('trimmed, blanks named, repeats renamed in reading order', () => {
    const cells = [' Clicks ', 'Clicks', '', 'Clicks (2)', 'Clicks'];
    const copy = [...cells];
    expect(dedupeHeaders(cells)).toEqual({
      names: ['Clicks', 'Clicks (3)', 'Column 3', 'Clicks (2)', 'Clicks (4)'],
      renamed: [
        { from: 'Clicks', to: 'Clicks (3)' },
        { from: '', to: 'Column 3' },
        { from: 'Clicks', to: 'Clicks (4)' },
      ],
      cut: [],
    });
    expect(cells).toEqual(copy);
  });
  test('__proto__ and constructor are ordinary names', () => {
    expect(dedupeHeaders(['__proto__', 'constructor', '__proto__']).names).toEqual([
      '__proto__',
      'constructor',
      '__proto__ (2)',
    ]);
  });
});
