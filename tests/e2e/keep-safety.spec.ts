// Safety: a whole session makes no request outside the page's origin; hostile cell values are
// shown as text and never run; exports are safe in a spreadsheet and re-import to the same
// numbers. Expected numbers are summed here from the fixture.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openSample, SAMPLES } from './helpers/screens';
import {
  collectDialogs,
  decodeLink,
  packLink,
  parseCsvFile,
  pickFile,
  shownFunnel,
  sums,
} from './helpers/keep';

const STAGES = ['展现量', '点击量', '访问量', '咨询量', '订单量'];
const HOSTILE_FILE = 'tests/fixtures/keep/hostile-cells.csv';
const hostile = parseCsvFile(HOSTILE_FILE);
const hostileCounts = sums(hostile, STAGES);
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil.example","click")',
];
const FORMULA_START = ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'];

async function exportFile(page: Page, button: string): Promise<string> {
  await page.getByRole('button', { name: 'Export' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).click();
  const path = await (await download).path();
  const panel = page.locator('#keep-export');
  if (await panel.isVisible()) await panel.getByRole('button', { name: 'Close' }).click();
  return path;
}

test('a full session (import, explore, share) requests nothing outside the page’s origin', async ({
  context,
  page,
  baseURL,
}) => {
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  // and nothing the Content-Security-Policy had to block (an inline script, eval, a stray fetch)
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { __csp?: string[] };
      (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const violations = (p: Page) =>
    p.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  const sockets: string[] = [];
  context.on('page', (p) => p.on('websocket', (ws) => sockets.push(ws.url())));
  page.on('websocket', (ws) => sockets.push(ws.url()));

  await page.goto('./');
  await openSample(page, SAMPLES.searchAds);
  await pickFile(page, HOSTILE_FILE);
  await expect.poll(async () => (await shownFunnel(page)).counts).toEqual(hostileCounts);
  // explore
  await page
    .getByRole('complementary', { name: 'Filters' })
    .getByRole('group', { name: '分公司', exact: true })
    .getByRole('checkbox', { name: '北京分公司', exact: true })
    .check();
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await page.getByRole('tab', { name: 'Trend' }).click();
  // share, and open the link in another tab
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  const reader = await context.newPage();
  await reader.goto(link);
  await expect(reader.getByText('Shared view', { exact: true })).toBeVisible();
  // export
  await exportFile(page, 'Rows of this view as CSV');

  const origin = new URL(baseURL!).origin;
  const outside = requests.filter(
    (u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'),
  );
  expect(outside).toEqual([]);
  expect(requests.length).toBeGreaterThan(3);
  expect(sockets).toEqual([]);
  expect(await violations(page)).toEqual([]);
  expect(await violations(reader)).toEqual([]);
});

test('hostile cell values show as text, never run, and export neutralised', async ({ page }) => {
  const dialogs = collectDialogs(page);
  await page.goto('./');
  await pickFile(page, HOSTILE_FILE);
  await expect.poll(async () => (await shownFunnel(page)).counts).toEqual(hostileCounts);

  // in the data preview, cell by cell
  await page.getByRole('tab', { name: 'Data' }).click();
  for (const value of HOSTILE) {
    await expect(page.locator('table[data-rows] td').filter({ hasText: value }).first()).toHaveText(
      value,
    );
  }
  // as filter choices and breakdown segments, labelled with the value itself
  const CHANNELS = ['javascript:alert(1)', HOSTILE[3], '-2+3', '@SUM(1+1)'];
  const filters = page.getByRole('complementary', { name: 'Filters' });
  for (const value of CHANNELS) {
    await expect(filters.getByRole('checkbox', { name: value, exact: true })).toBeAttached();
  }
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await page.getByLabel('Break down by').selectOption('渠道');
  for (const value of CHANNELS) {
    await expect(page.locator('[data-segment]').filter({ hasText: value }).first()).toBeAttached();
  }
  // and in a shared view of that breakdown
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('checkbox', { name: 'Include the totals per 渠道' }).check();
  const box = page.getByRole('textbox', { name: 'Share link' });
  await expect
    .poll(async () => decodeLink((await box.inputValue()).split('#s=')[1]).breakdown)
    .not.toBeNull();
  const link = await box.inputValue();
  await page.goto(link);
  await expect(page.getByText('Shared view', { exact: true })).toBeVisible();
  for (const value of CHANNELS) {
    await expect(page.locator(`tr[data-segment="${value.replace(/"/g, '\\"')}"] th`)).toHaveText(
      value,
    );
  }
  await page.getByRole('button', { name: 'Close' }).click();
  // a link crafted with markup in every text it carries: shown as text, never run
  const crafted = decodeLink(link.split('#s=')[1]) as {
    title: string;
    slice: string[];
    breakdown: { segments: { value: string }[] };
  };
  crafted.title = HOSTILE[1];
  crafted.slice = [HOSTILE[0], HOSTILE[2]];
  crafted.breakdown.segments[0].value = HOSTILE[0];
  await page.goto(`${link.split('#')[0]}#s=${packLink(JSON.stringify(crafted))}`);
  await expect(page.getByRole('heading', { name: HOSTILE[1], level: 2 })).toBeVisible();
  await expect(page.getByText(HOSTILE[0], { exact: true }).first()).toBeVisible();
  await expect(page.locator(`tr[data-segment="${HOSTILE[0]}"] th`)).toHaveText(HOSTILE[0]);
  // nothing was turned into markup or a link
  expect(
    await page.locator('img[src="x"], a[href^="javascript:"], iframe, object, embed').count(),
  ).toBe(0);
  expect(await page.locator('script:not([src])').count()).toBe(0);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

test('the rows exported as CSV are spreadsheet-safe and re-import to the same numbers', async ({
  page,
}) => {
  const dialogs = collectDialogs(page);
  await page.goto('./');
  await pickFile(page, HOSTILE_FILE);
  await expect.poll(async () => (await shownFunnel(page)).counts).toEqual(hostileCounts);

  const path = await exportFile(page, 'Rows of this view as CSV');
  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
  const records = parseCsvFile(path);
  expect(records[0]).toEqual(hostile[0]);
  expect(records.length).toBe(hostile.length);
  const textColumns = ['分公司', '渠道', '推广计划'].map((c) => records[0].indexOf(c));
  for (const row of records.slice(1)) {
    for (const at of textColumns) expect(FORMULA_START).not.toContain(row[at][0]);
  }
  // numbers stay numbers: the same digits as the source file
  for (const name of [...STAGES, '消费', '销售额']) {
    const at = records[0].indexOf(name);
    expect(records.slice(1).map((r) => Number(r[at]))).toEqual(
      hostile.slice(1).map((r) => Number(r[at])),
    );
  }
  // the neutralised formula is the original text behind an apostrophe
  expect(records.slice(1).map((r) => r[textColumns[2]])).toContain(`'${HOSTILE[3]}`);

  await pickFile(page, path);
  await expect(page.getByLabel('Dataset').locator('option')).toHaveCount(2);
  const again = await shownFunnel(page);
  expect(again.counts).toEqual(hostileCounts);
  const [cost, revenue] = sums(hostile, ['消费', '销售额']);
  expect(again.cost).toBeCloseTo(cost, 6);
  expect(again.revenue).toBeCloseTo(revenue, 6);

  // the funnel table as CSV: raw numbers, not the formatted text; its stages named as the table
  // shows them (a template's stage in the reader's language), row by row the file's stages
  const funnelRows = page.locator('table[data-funnel="current"] tbody tr');
  expect(await funnelRows.evaluateAll((rows) => rows.map((r) => r.dataset.stage))).toEqual(STAGES);
  const shownNames = (await funnelRows.locator('th').allTextContents()).map((s) => s.trim());
  const table = parseCsvFile(await exportFile(page, 'Funnel table as CSV'));
  expect(table.slice(1).map((r) => r[0])).toEqual(shownNames);
  expect(table.slice(1).map((r) => Number(r[1]))).toEqual(hostileCounts);
  expect(dialogs).toEqual([]);
});

test('a chart exports as SVG and PNG, and the report prints without the controls', async ({
  page,
}) => {
  await page.addInitScript(() => {
    window.print = () => {
      (window as unknown as { __printed: number }).__printed =
        ((window as unknown as { __printed?: number }).__printed ?? 0) + 1;
    };
  });
  await page.goto('./');
  await openSample(page, SAMPLES.searchAds);

  const svg = readFileSync(await exportFile(page, 'Funnel as SVG'), 'utf8');
  expect(svg.startsWith('<?xml')).toBe(true);
  expect(svg).toContain('<svg');
  expect(svg).toContain('点击量');
  expect(svg).toMatch(/fill:\s*rgb\(/); // computed colours inlined, not CSS variables
  expect(svg).not.toContain('var(--');

  const png = readFileSync(await exportFile(page, 'Funnel as PNG'));
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.readUInt32BE(16)).toBeGreaterThan(500); // width, drawn at 2×

  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('button', { name: 'Print report' }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __printed?: number }).__printed))
    .toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('tablist')).toBeHidden();
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'search-ads.csv', level: 1 })).toBeVisible();
});
