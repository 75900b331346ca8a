// Share links: the link opens the same numbers in a fresh browser with empty storage, carries
// totals only, and a damaged, oversized or hostile link shows a message and changes nothing
// stored. Expected numbers are summed here from the fixture files.
import { expect, test, type Page } from '@playwright/test';
import {
  decodeLink,
  openKeptFile,
  packLink,
  parseCsvFile,
  pickFile,
  saved,
  shownFunnel,
  storedState,
  sums,
} from './helpers/keep';
import { openSample as openSampleOf, SAMPLES } from './helpers/screens';

const STAGES = ['展现量', '点击量', '访问量', '咨询量', '订单量'];
const sample = parseCsvFile('public/samples/search-ads.csv');
const north = (r: Record<string, string>) => r['地区'] === '华北';

async function openSample(page: Page) {
  await page.goto('./');
  await openSampleOf(page, SAMPLES.searchAds);
}

async function shareLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share' }).click();
  const box = page.getByRole('textbox', { name: 'Share link' });
  await expect(box).toHaveValue(/#s=/);
  return box.inputValue();
}

test('a share link opens the same numbers in a fresh browser, and can be saved there', async ({
  browser,
  context,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openSample(page);
  await page
    .getByRole('complementary', { name: 'Filters' })
    .getByRole('group', { name: '地区', exact: true })
    .getByRole('checkbox', { name: '华北', exact: true })
    .check();
  const expected = sums(sample, STAGES, north);
  await expect.poll(async () => (await shownFunnel(page)).counts).toEqual(expected);

  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('checkbox', { name: 'Include the totals per 分公司' }).check();
  const box = page.getByRole('textbox', { name: 'Share link' });
  await expect(box).toHaveValue(/#s=/);
  // wait for the link that includes the breakdown
  await expect
    .poll(
      async () =>
        (decodeLink((await box.inputValue()).split('#s=')[1]).breakdown as object) !== null,
    )
    .toBe(true);
  const link = await box.inputValue();
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByText('Copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // Same page, no server: the snapshot rides in the fragment, and holds totals, never rows.
  const url = new URL(link);
  expect(url.origin + url.pathname).toBe(new URL(page.url()).origin + new URL(page.url()).pathname);
  expect(link.length).toBeLessThan(8_100);
  const snap = decodeLink(url.hash.slice('#s='.length));
  expect(Object.keys(snap).sort()).toEqual(
    [
      'breakdown',
      'createdAt',
      'currency',
      'scenarios',
      'slice',
      'spec',
      'target',
      'title',
      'totals',
      'v',
    ].sort(),
  );
  const text = JSON.stringify(snap);
  for (const day of ['2025-07-01', '2025-09-30']) expect(text).not.toContain(day);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByText('Shared view', { exact: true })).toBeVisible();
  const shown = await shownFunnel(other);
  expect(shown.stages).toEqual(STAGES);
  expect(shown.counts).toEqual(expected);
  expect(shown.cost).toBeCloseTo(sums(sample, ['消费'], north)[0], 6);
  await expect(other.getByText('地区: 华北', { exact: true })).toBeVisible();
  // the breakdown's totals per branch, each summed from the file
  const branches = [...new Set(sample.slice(1).map((r) => r[sample[0].indexOf('分公司')]))];
  for (const b of branches) {
    const want = sums(sample, STAGES, (r) => north(r) && r['分公司'] === b);
    if (want[0] === 0) continue;
    const row = other.locator(`tr[data-segment="${b}"]`);
    const got = await row
      .locator('td[data-stage]')
      .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-count'))));
    expect(got).toEqual(want);
  }

  // Save it: it becomes a workspace of the reader's own, kept across a reload.
  await other.getByRole('button', { name: 'Save to my workspaces' }).click();
  await expect(other.getByText('Shared view', { exact: true })).toHaveCount(0);
  expect((await shownFunnel(other)).counts).toEqual(expected);
  await saved(other);
  await other.goto(new URL('./', link).href);
  await expect.poll(async () => (await shownFunnel(other)).counts).toEqual(expected);
  expect(other.url()).not.toContain('#s=');
  await fresh.close();
});

test('a damaged, an oversized and a __proto__ link each say so and change nothing stored', async ({
  page,
}) => {
  await openSample(page);
  await saved(page);
  const link = await shareLink(page);
  await page.getByRole('button', { name: 'Close' }).click();
  const before = await storedState(page);
  const base = link.split('#')[0];
  const value = link.split('#s=')[1];
  const counts = sums(sample, STAGES);

  const hostile = JSON.stringify(decodeLink(value)).replace(
    '"slice"',
    '"__proto__":{"polluted":"yes"},"slice"',
  );
  const cases: [string, string, RegExp][] = [
    ['damaged', `${base}#s=${value.slice(0, Math.floor(value.length / 2))}`, /damaged/],
    ['oversized', `${base}#s=${'A'.repeat(9_000)}`, /too long/],
    ['__proto__', `${base}#s=${packLink(hostile)}`, /contains something a shared view never holds/],
    ['not base64', `${base}#s=%3Cscript%3E`, /damaged/],
  ];
  for (const [name, url, message] of cases) {
    await page.goto(url);
    const alert = page.getByRole('alert').filter({ hasText: message });
    await expect(alert, name).toBeVisible();
    await expect(page.getByText('Shared view', { exact: true })).toHaveCount(0);
    expect((await shownFunnel(page)).counts, name).toEqual(counts);
    expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();
    expect(await storedState(page), name).toBe(before);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  }
  // and in a fresh tab of the same browser, the same: a message, the saved work untouched
  await page.goto('about:blank');
  await page.goto(`${base}#s=${packLink(hostile)}`);
  await expect(page.getByRole('alert').filter({ hasText: /never holds/ })).toBeVisible();
  await expect.poll(async () => (await shownFunnel(page)).counts).toEqual(counts);
  expect(await storedState(page)).toBe(before);
});

test('a view too large for a link says so and travels as a file instead', async ({
  browser,
  page,
}) => {
  const keywords = parseCsvFile('tests/fixtures/keep/keywords.csv');
  await page.goto('./');
  await pickFile(page, 'tests/fixtures/keep/keywords.csv');
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await page.getByLabel('Break down by').selectOption('关键词');
  await page.getByRole('button', { name: 'Share' }).click();
  // without the breakdown it fits
  await expect(page.getByRole('textbox', { name: 'Share link' })).toHaveValue(/#s=/);
  await page.getByRole('checkbox', { name: 'Include the totals per 关键词' }).check();
  await expect(
    page.getByText(/This view is too large for a link \([\d,]+ characters; the limit is 8,000\)/),
  ).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Share link' })).toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as a share file' }).click();
  const file = await (await download).path();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('./');
  await openKeptFile(other, file, 'keywords.share.json');
  await expect(other.getByText('Shared view', { exact: true })).toBeVisible();
  expect((await shownFunnel(other)).counts).toEqual(sums(keywords, STAGES));
  await expect(other.locator('tr[data-segment]')).toHaveCount(300);
  const one = '北京会计培训';
  const got = await other
    .locator(`tr[data-segment="${one}"] td[data-stage]`)
    .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-count'))));
  expect(got).toEqual(sums(keywords, STAGES, (r) => r['关键词'] === one));
  await fresh.close();
});
