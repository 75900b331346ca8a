// A report exported for an empty range says so in its only row ("No data available." /
// 暂无数据): it gets its own error, not "header only" and not a broken funnel.
import { describe, expect, test } from 'vitest';
import { importDelimitedText, importRecords } from '../../../src/core/read/delimited';
import { ImportError } from '../../../src/core/read/import-error';

async function codeOf(run: () => unknown): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (e) {
    return e instanceof ImportError ? e.code : String(e);
  }
}

describe('a file whose only row says there is no data', () => {
  test.each([
    ['Google Ads: header, then "No data available."', 'Day,Impr.,Clicks\nNo data available.\n'],
    ['the line alone', 'No data available.\n'],
    ['Chinese back-office: 暂无数据 under the header', '日期,展现量,点击量\n暂无数据,,\n'],
    ['title lines above it', 'Keyword report\nAll time\nKeyword,Clicks\n"No data available."\n'],
  ])('%s', async (_, text) => {
    expect(await codeOf(() => importDelimitedText(text, { fileName: 'r.csv' }))).toBe('noData');
  });

  test('a workbook sheet saying 暂无数据', async () => {
    const records = [
      ['日期', '访客数'],
      ['暂无数据', ''],
    ];
    const source = { fileName: 'r.xlsx', encoding: 'xlsx', delimiter: '' };
    expect(await codeOf(() => importRecords(records, source))).toBe('noData');
  });

  test('a header with no rows and no such line is still "header only"', async () => {
    expect(await codeOf(() => importDelimitedText('Day,Clicks\n', { fileName: 'r.csv' }))).toBe(
      'headerOnly',
    );
  });

  test('a data row that mentions "no data" in one cell among others is data', async () => {
    const { table } = await importDelimitedText('Campaign,Clicks\nNo data available,12\n', {
      fileName: 'r.csv',
    });
    expect(table.rowCount).toBe(1);
  });
});
