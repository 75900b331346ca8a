// Importing real exports the way a person does: pick a file in the file input, or drop it on the
// page, then read the funnel table's data-* attributes. Every expected number is summed here from
// the fixture itself (tests/e2e/helpers/fixture.ts), never taken from the importer.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import { FIXTURES, isDateRow, readFixture, sumColumn } from './helpers/fixture';

const FILE_LABEL = 'Choose a file (CSV, TSV, TXT or Excel .xlsx)';

test.beforeEach(async ({ context }) => {
  // The service worker would cache between tests; these tests are about import only.
  await context.route('**/sw.js', (route) => route.abort());
});

/** Pick a fixture in the file input: on the start screen, or behind "Import" in the header. */
async function pick(page: Page, name: string) {
  const menu = page.locator('header details');
  if ((await menu.count()) > 0 && !(await menu.getAttribute('open'))) {
    await page.locator('header summary', { hasText: 'Import' }).click();
  }
  await page.getByLabel(FILE_LABEL).setInputFiles(`${FIXTURES}/${name}`);
}

/** Drop a fixture on the page: a real DragEvent whose DataTransfer holds the file's bytes. */
async function drop(page: Page, name: string, as = name) {
  const b64 = readFileSync(`${FIXTURES}/${name}`).toString('base64');
  await page.evaluate(
    ({ b64, as }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], as));
      const target = document.querySelector('main') ?? document.body;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(
          new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
        );
      }
    },
    { b64, as },
  );
}

const funnel = (page: Page) => page.locator('table[data-funnel="current"]');

async function count(page: Page, stage: string): Promise<number> {
  const row = funnel(page).locator(`tr[data-stage="${stage}"]`);
  await expect(row).toHaveCount(1);
  return Number(await row.getAttribute('data-count'));
}

async function metric(page: Page, name: string): Promise<number> {
  return Number(await page.locator(`[data-metric="${name}"]`).first().getAttribute('data-value'));
}

async function openData(page: Page) {
  await page.getByRole('tab', { name: 'Data' }).click();
}

test('Google Ads UTF-16LE download through the file input: title, date range and Total rows left out', async ({
  page,
}) => {
  await page.goto('./');
  await pick(page, 'google-ads-utf16le.csv');
  const records = readFixture('google-ads-utf16le.csv', 'utf-16le', '\t');
  expect(await count(page, 'Impr.')).toBe(sumColumn(records, 2, 'Impr.', isDateRow));
  expect(await count(page, 'Clicks')).toBe(sumColumn(records, 2, 'Clicks', isDateRow));
  expect(await count(page, 'Conversions')).toBeCloseTo(
    sumColumn(records, 2, 'Conversions', isDateRow),
    9,
  );
  expect(await metric(page, 'cost')).toBeCloseTo(sumColumn(records, 2, 'Cost', isDateRow), 6);

  await openData(page);
  const report = page.locator('[data-import-report]');
  await expect(report.locator('[data-encoding]')).toHaveAttribute('data-encoding', 'utf-16le');
  await expect(report.locator('[data-header-line]')).toHaveAttribute('data-header-line', '3');
  await expect(report.locator('[data-dropped-totals]')).toHaveAttribute('data-dropped-totals', '4');
  await expect(report).toContainText('Total: Account');
});

test('Baidu GBK report dropped on the page: 数据生成时间 block and 合计 left out', async ({
  page,
}) => {
  await page.goto('./');
  await drop(page, 'baidu-gbk.csv');
  const records = readFixture('baidu-gbk.csv', 'gbk');
  expect(await count(page, '展现')).toBe(sumColumn(records, 4, '展现', isDateRow));
  expect(await count(page, '点击')).toBe(sumColumn(records, 4, '点击', isDateRow));
  expect(await metric(page, 'cost')).toBeCloseTo(sumColumn(records, 4, '消费', isDateRow), 6);
  await openData(page);
  await expect(page.locator('[data-encoding]')).toHaveAttribute('data-encoding', 'gb18030');
  await expect(page.locator('[data-import-report]')).toContainText('合计');
});

test('Sogou report with its total row above the data, picked and then dropped', async ({
  page,
}) => {
  await page.goto('./');
  const records = readFixture('sogou-report.csv');
  const shows = sumColumn(records, 1, '展示数', isDateRow);
  await pick(page, 'sogou-report.csv');
  expect(await count(page, '展示数')).toBe(shows);
  expect(await count(page, '点击数')).toBe(sumColumn(records, 1, '点击数', isDateRow));
  expect(await metric(page, 'cost')).toBeCloseTo(sumColumn(records, 1, '消耗', isDateRow), 6);
  // The same file dropped makes a second dataset with the same, undoubled numbers.
  await drop(page, 'sogou-report.csv');
  await expect(page.getByRole('combobox', { name: /dataset/i })).toHaveCount(1);
  expect(await count(page, '展示数')).toBe(shows);
});

test('semicolon file with decimal commas, dropped', async ({ page }) => {
  await page.goto('./');
  await drop(page, 'semicolon.csv');
  const records = readFixture('semicolon.csv', 'utf-8', ';');
  const all = () => true;
  expect(await count(page, 'Impressions')).toBe(sumColumn(records, 0, 'Impressions', all));
  expect(await count(page, 'Clicks')).toBe(sumColumn(records, 0, 'Clicks', all));
  expect(await metric(page, 'cost')).toBeCloseTo(sumColumn(records, 0, 'Cost', all, true), 6);
});

test('quoted commas and newlines, picked; the report names the physical line of 合计', async ({
  page,
}) => {
  await page.goto('./');
  await pick(page, 'quoted.csv');
  const records = readFixture('quoted.csv');
  expect(await count(page, '展现量')).toBe(sumColumn(records, 0, '展现量', isDateRow));
  expect(await count(page, '点击量')).toBe(sumColumn(records, 0, '点击量', isDateRow));
  await openData(page);
  // Header on line 1, two records spanning two lines each: 合计 is on line 8.
  await expect(page.locator('[data-import-report]')).toContainText('line 8');
});

test('Salesforce report: Grand Totals and the footer are not deals', async ({ page }) => {
  await page.goto('./');
  await pick(page, 'salesforce-report.csv');
  const records = readFixture('salesforce-report.csv');
  const stages = records.slice(1).map((r) => r[2]);
  const deals = stages.filter((s) => s !== '' && s !== undefined).length;
  // Reaching a stage means being at it or later; only the last stages are unaffected by how lost
  // deals are counted, so those are checked exactly.
  expect(await count(page, 'Closed Won')).toBe(stages.filter((s) => s === 'Closed Won').length);
  expect(await count(page, 'Negotiation/Review')).toBe(
    stages.filter((s) => s === 'Negotiation/Review' || s === 'Closed Won').length,
  );
  await openData(page);
  await expect(page.locator('[data-rows]').first()).toHaveAttribute('data-rows', String(deals));
  const report = page.locator('[data-import-report]');
  await expect(report).toContainText('Grand Totals (12 records)');
  await expect(report).toContainText('Confidential Information - Do Not Distribute');
  await expect(report).toContainText('Acme Inc.');
});

test('HubSpot deals export, dropped: ids stay ids', async ({ page }) => {
  await page.goto('./');
  await drop(page, 'hubspot-deals.csv');
  const records = readFixture('hubspot-deals.csv');
  const won = records.slice(1).filter((r) => r[2] === 'Closed won').length;
  expect(await count(page, 'Closed won')).toBe(won);
  await openData(page);
  await expect(page.locator('tr[data-column="Record ID"]')).toHaveAttribute('data-type', 'id');
  const deals = records.slice(1);
  await expect(page.locator('tr[data-column="Amount"]')).toHaveAttribute(
    'data-empty',
    String(deals.filter((r) => r[3] === '').length),
  );
  await expect(page.locator('tr[data-column="Deal Stage"]')).toHaveAttribute(
    'data-distinct',
    String(new Set(deals.map((r) => r[2])).size),
  );
  await expect(page.locator('[data-rows]').first()).toHaveAttribute(
    'data-rows',
    String(records.length - 1),
  );
});

/** Sum of a column over a sheet's date rows, read from the workbook XML by this test. */
function sheetSum(
  file: string,
  sheet: number,
  col: string,
  rowFilter: (xml: string) => boolean,
): number {
  const files = unzipSync(readFileSync(`${FIXTURES}/${file}`));
  const xml = strFromU8(files[`xl/worksheets/sheet${sheet}.xml`]);
  let s = 0;
  for (const row of xml.match(/<row [^>]*>.*?<\/row>/g) ?? []) {
    if (!rowFilter(row)) continue;
    const cell = new RegExp(`<c r="${col}\\d+"[^>]*><v>([^<]+)</v>`).exec(row);
    if (cell) s += Number(cell[1]);
  }
  return s;
}

test('Excel workbook: first sheet by default, then another sheet from the picker', async ({
  page,
}) => {
  await page.goto('./');
  await pick(page, 'workbook.xlsx');
  const dated = (row: string) => row.includes('s="1"');
  expect(await count(page, '展现量')).toBe(sheetSum('workbook.xlsx', 1, 'C', dated));
  expect(await count(page, '点击量')).toBe(sheetSum('workbook.xlsx', 1, 'D', dated));
  await openData(page);
  await expect(page.locator('[data-encoding]')).toHaveAttribute('data-encoding', 'xlsx');
  await page.getByRole('combobox', { name: 'Sheet' }).selectOption('地区');
  const notHeader = (row: string) => !row.includes('r="1"');
  await page.getByRole('tab', { name: 'Funnel' }).click();
  await expect(funnel(page).locator('tr[data-stage="展现量"]')).toHaveAttribute(
    'data-count',
    String(sheetSum('workbook.xlsx', 2, 'B', notHeader)),
  );
});

test('an .xlsx renamed .csv is read as a workbook and says so', async ({ page }) => {
  await page.goto('./');
  await drop(page, 'workbook-renamed.csv');
  expect(await count(page, '展现量')).toBe(
    sheetSum('workbook.xlsx', 1, 'C', (r) => r.includes('s="1"')),
  );
  await openData(page);
  await expect(page.locator('[data-warning="import.warn.xlsxRenamed"]')).toContainText(
    'workbook-renamed.csv',
  );
});

test('rows pasted from a spreadsheet', async ({ page }) => {
  await page.goto('./');
  const rows = [
    '日期\t展现量\t点击量\t消费',
    '2025-01-01\t1,200\t30\t¥45.50',
    '2025-01-02\t800\t22\t¥30.00',
    '合计\t2,000\t52\t¥75.50',
  ];
  await page.getByLabel('Or paste rows copied from Excel or a web page').fill(rows.join('\n'));
  await page.getByRole('button', { name: 'Import pasted rows' }).click();
  expect(await count(page, '展现量')).toBe(1200 + 800);
  expect(await count(page, '点击量')).toBe(30 + 22);
  expect(await metric(page, 'cost')).toBeCloseTo(45.5 + 30, 9);
});

test('ragged rows are imported, counted and listed by line', async ({ page }) => {
  await page.goto('./');
  await pick(page, 'ragged.csv');
  const records = readFixture('ragged.csv');
  expect(await count(page, '展现量')).toBe(sumColumn(records, 0, '展现量', isDateRow));
  await openData(page);
  const header = records[0].length;
  const ragged = records.flatMap((r, i) => (i > 0 && r.length !== header ? [i + 1] : []));
  await expect(page.locator('[data-ragged]')).toHaveAttribute('data-ragged', String(ragged.length));
  await expect(page.locator('[data-ragged]')).toContainText(ragged.join(', '));
});

test('a column type can be overridden in the preview', async ({ page }) => {
  await page.goto('./');
  await pick(page, 'hubspot-deals.csv');
  await openData(page);
  const select = page.getByRole('combobox', { name: 'Type of Record ID' });
  await expect(select).toHaveValue('id');
  await select.selectOption('number');
  await expect(page.locator('tr[data-column="Record ID"]')).toHaveAttribute('data-type', 'number');
});

test('every bad input gets its own message and the open dataset stays, also after a reload', async ({
  page,
}) => {
  await page.goto('./');
  await pick(page, 'sogou-report.csv');
  const records = readFixture('sogou-report.csv');
  const shows = sumColumn(records, 1, '展示数', isDateRow);
  expect(await count(page, '展示数')).toBe(shows);

  const cases: [string, 'pick' | 'drop', RegExp][] = [
    ['empty.csv', 'pick', /“empty\.csv” is empty/],
    ['bom-only.csv', 'drop', /only a byte-order mark/],
    ['header-only.csv', 'pick', /has a header row \(line 1\) but no data rows/],
    ['image.png', 'drop', /looks like a png file/],
    ['not-a-workbook.csv', 'pick', /looks like a zip file/],
    ['unterminated-quote.csv', 'drop', /quote that opens on line 4 is never closed/],
  ];
  for (const [file, how, message] of cases) {
    if (how === 'pick') await pick(page, file);
    else await drop(page, file);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(message);
    expect(await count(page, '展示数')).toBe(shows);
    await expect(page.getByRole('combobox', { name: /dataset/i })).toHaveCount(0);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(alert).toHaveCount(0);
  }
  await page.reload();
  expect(await count(page, '展示数')).toBe(shows);
});

test('a file too large for memory is refused before it is read', async ({ page }) => {
  // A device reporting 0.25 GiB of memory allows 64 MiB; the dropped file is 80 MB of zeros.
  await page.addInitScript(() =>
    Object.defineProperty(navigator, 'deviceMemory', { get: () => 0.25 }),
  );
  await page.goto('./');
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(80_000_000)], 'huge.csv'));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(
        new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
      );
    }
  });
  await expect(page.getByRole('alert')).toContainText(
    /“huge\.csv” is 76\.3 MB, more than this browser can hold in memory \(limit 64\.0 MB\)/,
  );
  await expect(page.locator('table[data-funnel="current"]')).toHaveCount(0);
});

test('the newest import wins: a big file dropped, then a small one, leaves only the small one', async ({
  page,
}) => {
  await page.goto('./');
  // About 6 MB of rows built in the page, so its import is still running when the next arrives.
  await page.evaluate(() => {
    const lines = ['日期,展现量,点击量'];
    for (let i = 0; i < 300_000; i++)
      lines.push(`2025-01-${String((i % 28) + 1).padStart(2, '0')},100,1`);
    const data = new DataTransfer();
    data.items.add(new File([lines.join('\n')], 'big.csv'));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(
        new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
      );
    }
  });
  await drop(page, 'sogou-report.csv');
  const records = readFixture('sogou-report.csv');
  expect(await count(page, '展示数')).toBe(sumColumn(records, 1, '展示数', isDateRow));
  await page.waitForTimeout(1500);
  await expect(page.getByRole('combobox', { name: /dataset/i })).toHaveCount(0);
  await expect(funnel(page).locator('tr[data-stage="展现量"]')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the import screens speak Chinese', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('fw.locale', 'zh'));
  await page.goto('./');
  await page
    .getByLabel('选择文件（CSV、TSV、TXT 或 Excel .xlsx）')
    .setInputFiles(`${FIXTURES}/header-only.csv`);
  await expect(page.getByRole('alert')).toContainText(
    '“header-only.csv”只有表头（第 1 行），下面没有数据行。',
  );
  await page
    .getByLabel('选择文件（CSV、TSV、TXT 或 Excel .xlsx）')
    .setInputFiles(`${FIXTURES}/baidu-gbk.csv`);
  await page.getByRole('tab', { name: '数据' }).click();
  await expect(page.locator('[data-import-report]')).toContainText('已剔除的合计行和页脚行');
  await expect(page.getByRole('combobox', { name: '日期 的类型' })).toHaveValue('date');
});

test('dates that read both ways are asked about, and the answer re-reads them', async ({
  page,
}) => {
  await page.goto('./');
  await page
    .getByLabel('Or paste rows copied from Excel or a web page')
    .fill('Date\tImpressions\tClicks\n1/2/2025\t100\t3\n3/4/2025\t120\t5\n');
  await page.getByRole('button', { name: 'Import pasted rows' }).click();
  expect(await count(page, 'Impressions')).toBe(220);
  await openData(page);
  await expect(page.locator('[data-warning="import.warn.dateOrderAssumed"]')).toContainText('Date');
  const row = page.locator('tr[data-column="Date"]');
  // Month first: 2 January and 4 March; day first: 1 February and 3 April.
  await expect(row.locator('td').nth(3)).toHaveText('2025-01-02');
  await expect(row.locator('td').nth(4)).toHaveText('2025-03-04');
  await page.getByRole('combobox', { name: 'Date order of Date' }).selectOption('dmy');
  await expect(row.locator('td').nth(3)).toHaveText('2025-02-01');
  await expect(row.locator('td').nth(4)).toHaveText('2025-04-03');
});
