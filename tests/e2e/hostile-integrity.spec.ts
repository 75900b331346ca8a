// Hostile links and files against a page that already holds work (the search-ads sample): a
// share link with one character changed, a link or file that repeats an id, a name or a
// dictionary value, or carries a time of 1e16 or a day of ±1e12, each gives its own message,
// saves nothing, throws nothing, never holds the main thread for 200 ms, and the work is the
// same after a reload. The hostile inputs come from the seeded generators under
// tests/fixtures/hostile/, derived from the link and the file this page itself wrote.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parseCsvFile, saved, shownFunnel, storedState, sums } from './helpers/keep';
import { openSample, SAMPLES } from './helpers/screens';
import { unpackLink } from '../fixtures/hostile/integrity-codec.mjs';
import { FILE_CLASSES, hostileFiles, shareFileOf } from '../fixtures/hostile/integrity-files.mjs';
import {
  hostileLinks,
  oneCharChanges,
  silentChanges,
} from '../fixtures/hostile/integrity-links.mjs';

// The 200 ms budget is measured on a shared 2-core machine: a run that lands beside another
// process can read one task long. A retry tells that apart from a real regression, which fails
// every time.
test.describe.configure({ retries: 2 });

const SEED = 19;
const STAGES = ['展现量', '点击量', '访问量', '咨询量', '订单量'];
const counts = sums(parseCsvFile('public/samples/search-ads.csv'), STAGES);

/** Errors thrown in the page, and main-thread tasks over 200 ms, from the first script on. */
async function watch(page: Page): Promise<{ errors: string[] }> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: { start: number; ms: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  return { errors };
}

/** The main-thread tasks over 200 ms since `since` (a performance.now() of this page). */
async function longTasksSince(page: Page, since: number): Promise<number[]> {
  return page.evaluate(
    (from) =>
      (window as unknown as { longTasks: { start: number; ms: number }[] }).longTasks
        .filter((t) => t.start >= from && t.ms > 200)
        .map((t) => Math.round(t.ms)),
    since,
  );
}

const now = (page: Page) => page.evaluate(() => performance.now());

/** The sample open and saved, and the link its Share panel makes. */
async function sampleWithLink(page: Page): Promise<string> {
  await page.goto('./');
  await openSample(page, SAMPLES.searchAds);
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await page.getByLabel('Break down by').selectOption('分公司');
  await page.getByRole('tab', { name: 'Funnel' }).click();
  await saved(page);
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('checkbox', { name: 'Include the totals per 分公司' }).check();
  const box = page.getByRole('textbox', { name: 'Share link' });
  await expect
    .poll(async () => {
      const link = await box.inputValue();
      return link.includes('#s=') && unpackLink(link.split('#s=')[1]).breakdown !== null;
    })
    .toBe(true);
  const link = await box.inputValue();
  await page.getByRole('button', { name: 'Close' }).click();
  await saved(page);
  return link;
}

test('a share link with one character changed is refused as damaged; the work is unchanged after a reload', async ({
  page,
}) => {
  const { errors } = await watch(page);
  const link = await sampleWithLink(page);
  const [base, value] = link.split('#s=');
  const before = await storedState(page);
  expect((await shownFunnel(page)).counts).toEqual(counts);

  // changes that would open as other numbers without the check, and changes anywhere
  const changed = [...silentChanges(value, SEED, 3), ...oneCharChanges(value, SEED, 2)];
  expect(changed).toHaveLength(5);
  const hostile = hostileLinks(value, SEED);
  expect(hostile.map((h) => h.label)).toEqual([
    'a createdAt of 1e16',
    'repeated stage ids',
    'repeated segment values',
  ]);
  const cases: [string, string, RegExp][] = [
    ...changed.map(({ at, text }): [string, string, RegExp] => [
      `character ${at} changed`,
      text,
      /This share link is damaged \(cut off or changed after it was made\)/,
    ]),
    ...hostile.map(({ label, text }): [string, string, RegExp] => [
      label,
      text,
      /This share link contains something a shared view never holds/,
    ]),
  ];
  for (const [i, [name, text, message]] of cases.entries()) {
    // The first opens in a fresh load of the page, the others as a link pasted into it. Only
    // those are timed: a fresh load also restores the saved 20,000 rows, whose own tasks are
    // there with or without a link.
    if (i === 0) await page.goto('about:blank');
    const since = i > 0 ? await now(page) : 0;
    await page.goto(`${base}#s=${text}`);
    const alert = page.getByRole('alert').filter({ hasText: message });
    await expect(alert, name).toBeVisible();
    await expect(page.getByText('Shared view', { exact: true })).toHaveCount(0);
    expect((await shownFunnel(page)).counts, name).toEqual(counts);
    if (i > 0) expect(await longTasksSince(page, since), name).toEqual([]);
    expect(await storedState(page), name).toBe(before);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  }

  await page.reload();
  await expect.poll(async () => (await shownFunnel(page)).counts).toEqual(counts);
  await saved(page);
  expect(await storedState(page)).toBe(before);
  expect(errors).toEqual([]);
});

test('a file with a repeated id or dictionary value, or a time of 1e16, is refused and saves nothing', async ({
  page,
}, info) => {
  const { errors } = await watch(page);
  const link = await sampleWithLink(page);
  await page.getByRole('button', { name: 'Workspaces' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as file: workspace search-ads.csv' }).click();
  const text = readFileSync(await (await download).path(), 'utf8');
  const before = await storedState(page);

  const files = hostileFiles(text, SEED);
  // the sample has dates, decimals, stages, dimensions and text columns: every class applies
  expect(files.map((f) => f.label)).toEqual(FILE_CLASSES);
  const snap = unpackLink(link.split('#s=')[1]);
  const cases = [
    ...files.map((f) => ({ ...f, name: `${f.label}.funnel.json` })),
    {
      label: 'a share file with a createdAt of 1e16',
      name: 'from-1e16.share.json',
      text: shareFileOf({ ...snap, createdAt: 1e16 }, Date.now()),
      detail: 'between 1970 and 2200',
    },
  ];
  const input = page.getByLabel('Open a workspace or share file');
  for (const f of cases) {
    // a file on disk, picked as a person picks one (a buffer would be turned into a File by
    // the test driver's own script in the page, a long task that is not the app's)
    const path = info.outputPath(f.name);
    writeFileSync(path, f.text);
    const since = await now(page);
    await input.setInputFiles(path);
    const alert = page
      .getByRole('alert')
      .filter({ hasText: `“${f.name}” is damaged or has been altered` });
    await expect(alert, f.label).toBeVisible();
    await expect(alert, f.label).toContainText(f.detail);
    await expect(alert, f.label).toContainText('nothing was opened');
    await expect(page.getByText('Shared view', { exact: true })).toHaveCount(0);
    expect(await longTasksSince(page, since), f.label).toEqual([]);
    expect(await storedState(page), f.label).toBe(before);
  }

  await page.reload();
  await expect.poll(async () => (await shownFunnel(page)).counts).toEqual(counts);
  await saved(page);
  expect(await storedState(page)).toBe(before);
  expect(errors).toEqual([]);
});
