import { describe, expect, it } from 'vitest';
import { tableCsvChunks } from '../../../src/core/table/table-csv';
import { shownValue } from '../../../src/ui/keep/export';
import { fromArrays } from '../../../src/core/table/table';
import { formatBytes } from '../../../src/ui/controls/bytes-text';
import { copyName, fileNameFor } from '../../../src/state/workspaces.svelte';

describe('rows as CSV', () => {
  const table = fromArrays(
    {
      日期: ['2025-01-05', '', '2025-01-07'],
      渠道: ['=HYPERLINK("x")', '百度, 品牌', '-2'],
      点击量: [3, null, -4],
      消费: [0.1 + 0.2, 1e-7, 12.5],
    },
    { 日期: 'date' },
  );

  it('writes the BOM and header, raw numbers, ISO days and neutralised text', () => {
    const text = [...tableCsvChunks(table, null)].join('');
    expect(text).toBe(
      '\ufeff日期,渠道,点击量,消费\r\n' +
        `2025-01-05,"'=HYPERLINK(""x"")",3,${String(0.1 + 0.2)}\r\n` +
        ',"百度, 品牌",,1e-7\r\n' +
        "2025-01-07,'-2,-4,12.5\r\n",
    );
  });

  it('writes only the selected rows, in chunks', () => {
    const chunks = [...tableCsvChunks(table, Uint32Array.of(0, 2), 1)];
    expect(chunks).toHaveLength(3);
    expect(chunks.join('').split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(chunks[2]).toBe("2025-01-07,'-2,-4,12.5\r\n");
  });

  it('does not change the table', () => {
    const before = JSON.stringify(table, (_k, v) =>
      ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v,
    );
    Array.from(tableCsvChunks(table, null));
    expect(
      JSON.stringify(table, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v)),
    ).toBe(before);
  });
});

describe('shown numbers back to numbers', () => {
  it.each([
    ['1,234', 1234],
    ['12.50%', 0.125],
    ['¥1,234.00', 1234],
    ['-¥12.00', -12],
    ['−3', -3],
    ['—', null],
    ['', null],
    ['北京分公司', '北京分公司'],
    ['=1+1', '=1+1'],
    ['1,234 (12.34%)', '1,234 (12.34%)'],
  ] as const)('%s → %s', (text, value) => {
    expect(shownValue(text)).toBe(value);
  });
});

describe('names', () => {
  it('formats storage sizes', () => {
    expect(formatBytes(1_234_567, 'en')).toBe('1.2 MB');
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(2_500_000_000, 'zh')).toBe('2.5 GB');
  });
  it('names a copy with the first free number, in no language', () => {
    expect(copyName('周报', [])).toBe('周报 (2)');
    expect(copyName('周报', [{ name: '周报 (2)' }])).toBe('周报 (3)');
    expect(copyName('周报 (2)', [{ name: '周报 (2)' }])).toBe('周报 (3)');
    expect(copyName('', [])).toBe('');
  });
  it('makes safe file names', () => {
    expect(fileNameFor('周报/华北: Q1?', 'csv')).toBe('周报 华北 Q1.csv');
    expect(fileNameFor('  ', 'json')).toBe('workspace.json');
  });
});
