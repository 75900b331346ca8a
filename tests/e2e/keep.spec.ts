// Keeping work: import, reload, every number is back; a full disk or a browser without
// IndexedDB loses nothing and says so; two tabs see each other's changes. Expected numbers are
// summed here from the fixture files, never read from the app.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  openKeptFile,
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
const second = parseCsvFile('tests/fixtures/keep/second-import.csv');
const sampleCounts = sums(sample, STAGES);
const [sampleCost, sampleRevenue] = sums(sample, ['消费', '销售额']);
const secondCounts = sums(second, STAGES);

async function openSample(page: Page) {
  await openSampleOf(page, SAMPLES.searchAds);
}

async function expectSample(page: Page) {
  const shown = await shownFunnel(page);
  expect(shown.stages).toEqual(STAGES);
  expect(shown.counts).toEqual(sampleCounts);
  expect(shown.cost).toBeCloseTo(sampleCost, 6);
  expect(shown.revenue).toBeCloseTo(sampleRevenue, 6);
}

test('import the sample and a file, reload: every number, the open dataset and the screen are back', async ({
  page,
}) => {
  await page.goto('./');
  await openSample(page);
  await pickFile(page, 'tests/fixtures/keep/second-import.csv');
  await expect.poll(async () => (await shownFunnel(page)).counts).toEqual(secondCounts);
  // back to the sample, on the Breakdown screen
  await page.getByLabel('Dataset').selectOption({ label: 'search-ads.csv' });
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await saved(page);

  await page.reload();
  await expect(page.getByRole('tab', { name: 'Breakdown' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.getByRole('tab', { name: 'Funnel' }).click();
  await expectSample(page);
  await saved(page);

  // Coming back tomorrow: the bare address, no view in the URL; storage alone restores it.
  await page.goto('about:blank');
  await page.goto('./');
  await expect(page.getByRole('tab', { name: 'Funnel' })).toHaveAttribute('aria-selected', 'true');
  await expectSample(page);
  await page.getByLabel('Dataset').selectOption({ label: 'second-import.csv' });
  await expect.poll(async () => (await shownFunnel(page)).counts).toEqual(secondCounts);
  expect((await shownFunnel(page)).cost).toBeCloseTo(sums(second, ['消费'])[0], 6);
});

test('a full disk says so, keeps working, and loses nothing saved before', async ({ page }) => {
  // The page's own IndexedDB, made to fail as a full disk does once the test flips a switch.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (
      this: IDBObjectStore,
      ...args: [unknown, IDBValidKey?]
    ) {
      if ((window as unknown as { __diskFull?: boolean }).__diskFull) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, args);
    };
  });
  await page.goto('./');
  await openSample(page);
  await saved(page);
  const before = await storedState(page);

  await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = true));
  await pickFile(page, 'tests/fixtures/keep/second-import.csv');
  await expect(page.getByRole('alert').filter({ hasText: 'Storage is full' })).toBeVisible();
  await expect(page.locator('[data-save-state]')).toHaveText('Not saved');
  // the new data is still on screen, and can be taken away as a file
  await expect.poll(async () => (await shownFunnel(page)).counts).toEqual(secondCounts);
  const download = page.waitForEvent('download');
  await page.getByRole('alert').getByRole('button', { name: 'Save as a file' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.funnel\.json$/);
  // nothing half-written: the stores hold exactly what they held before
  expect(await storedState(page)).toBe(before);

  await page.reload();
  await expectSample(page);
  await expect(page.getByLabel('Dataset')).toHaveCount(0); // only the one dataset that was saved
});

for (const [how, script] of [
  ['missing', () => Object.defineProperty(window, 'indexedDB', { value: undefined })],
  [
    'throwing',
    () => {
      IDBFactory.prototype.open = function () {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
    },
  ],
  [
    'hanging',
    () => {
      // an open request that never answers, as in some private windows
      IDBFactory.prototype.open = function () {
        return {} as IDBOpenDBRequest;
      };
    },
  ],
] as const) {
  test(`IndexedDB ${how}: the app works in memory and says work will not be kept`, async ({
    page,
  }) => {
    await page.addInitScript(script);
    await page.goto('./');
    await expect(
      page.getByRole('alert').filter({ hasText: 'your work will not be kept' }),
    ).toBeVisible({
      timeout: 10_000,
    });
    await openSample(page);
    await expectSample(page);
    await expect(page.locator('[data-save-state]')).toHaveText('Not kept after this visit');
  });
}

test('two tabs see each other’s changes', async ({ context }) => {
  const a = await context.newPage();
  await a.goto('./');
  await openSample(a);
  await saved(a);

  const b = await context.newPage();
  await b.goto('./');
  await expectSample(b);
  await saved(b);

  // B imports a file: A, which has nothing unsaved, follows without a reload
  await pickFile(b, 'tests/fixtures/keep/second-import.csv');
  await expect.poll(async () => (await shownFunnel(b)).counts).toEqual(secondCounts);
  await saved(b);
  await expect.poll(async () => (await shownFunnel(a)).counts).toEqual(secondCounts);

  // A renames the workspace: B's list shows the new name
  await a.getByRole('button', { name: 'Workspaces' }).click();
  await a.getByRole('button', { name: /^Rename workspace / }).click();
  await a.getByLabel(/^New name for /).fill('周报 · 搜索推广');
  await a.getByRole('button', { name: 'Save name' }).click();
  await b.getByRole('button', { name: 'Workspaces' }).click();
  await expect(b.locator('#keep-workspaces li[data-workspace="周报 · 搜索推广"]')).toBeVisible();

  // neither silently overwrote the other: both datasets are kept
  await b.reload();
  await expect(b.getByLabel('Dataset').locator('option')).toHaveText([
    'search-ads.csv',
    'second-import.csv',
  ]);
});

test('the workspace list renames, duplicates, deletes with undo, and shows storage used', async ({
  page,
}) => {
  await page.goto('./');
  await openSample(page);
  await saved(page);
  await page.getByRole('button', { name: 'Workspaces' }).click();
  const panel = page.locator('#keep-workspaces');
  await expect(panel.getByText(/Storage: .+ used, .+ available/)).toBeVisible();
  const used = Number(
    await panel.locator('[data-storage-usage]').getAttribute('data-storage-usage'),
  );
  expect(used).toBeGreaterThan(0);

  await panel.getByRole('button', { name: 'Duplicate workspace search-ads.csv' }).click();
  const copy = panel.getByRole('button', { name: 'Open workspace search-ads.csv (2)' });
  await expect(copy).toBeVisible();
  await panel.getByRole('button', { name: 'Delete workspace search-ads.csv', exact: true }).click();
  // the copy is opened in its place, with the same numbers
  await expect(panel.locator('li', { hasText: 'search-ads.csv' })).toHaveCount(1);
  await expectSample(page);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(panel.locator('li', { hasText: 'search-ads.csv' })).toHaveCount(2);

  // a new, empty workspace shows the start screen; the first is one click away
  await panel.getByRole('button', { name: 'New workspace' }).click();
  await expect(page.getByRole('button', { name: /Open the sample/ }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Workspaces' }).click();
  await page
    .locator('#keep-workspaces')
    .getByRole('button', { name: 'Open workspace search-ads.csv', exact: true })
    .click();
  await expectSample(page);
});

for (const choice of ['Load the other tab’s version', 'Keep mine and save it'] as const) {
  test(`unsaved work in two tabs is never overwritten silently: the later tab is asked (${choice})`, async ({
    context,
  }) => {
    const a = await context.newPage();
    // A cannot hear B (as when a message is missed): its own save must find the conflict
    await a.addInitScript(() =>
      Object.defineProperty(window, 'BroadcastChannel', { value: undefined }),
    );
    await a.goto('./');
    await openSample(a);
    await saved(a);
    const b = await context.newPage();
    await b.goto('./');
    await expectSample(b);
    await pickFile(b, 'tests/fixtures/keep/second-import.csv');
    await expect.poll(async () => (await shownFunnel(b)).counts).toEqual(secondCounts);
    await saved(b);

    // A changes something of its own: its save finds B's newer revision and stops
    await a.getByRole('tab', { name: 'Breakdown' }).click();
    const alert = a.getByRole('alert').filter({ hasText: 'changed in another tab' });
    await expect(alert).toBeVisible();
    await expect(a.locator('[data-save-state]')).toHaveText('Not saved');
    const both = ['search-ads.csv', 'second-import.csv'];
    await b.reload();
    await expect(b.getByLabel('Dataset').locator('option')).toHaveText(both);

    await alert.getByRole('button', { name: choice }).click();
    await saved(a);
    await b.reload();
    if (choice === 'Load the other tab’s version') {
      await expect(a.getByLabel('Dataset').locator('option')).toHaveText(both);
      await expect(b.getByLabel('Dataset').locator('option')).toHaveText(both);
    } else {
      // the user chose, knowingly, to keep this tab's version
      await expect(a.getByLabel('Dataset')).toHaveCount(0);
      // B now shows A's workspace as A left it, on A's Breakdown screen
      await expect(b.getByRole('tab', { name: 'Breakdown' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      await b.getByRole('tab', { name: 'Funnel' }).click();
      await expectSample(b);
      await expect(b.getByLabel('Dataset')).toHaveCount(0);
    }
  });
}

test('a workspace saved as a file opens in another browser with every number', async ({
  browser,
  page,
}) => {
  await page.goto('./');
  await openSample(page);
  await pickFile(page, 'tests/fixtures/keep/second-import.csv');
  await expect.poll(async () => (await shownFunnel(page)).counts).toEqual(secondCounts);
  await saved(page);
  await page.getByRole('button', { name: 'Workspaces' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as file: workspace search-ads.csv' }).click();
  const file = await (await download).path();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('./');
  await openKeptFile(other, file, 'search-ads.csv.funnel.json');
  await expect.poll(async () => (await shownFunnel(other)).counts).toEqual(secondCounts);
  await other.getByLabel('Dataset').selectOption({ label: 'search-ads.csv' });
  await expectSample(other);
  await saved(other);
  // a file that is not ours, or altered, says so and opens nothing
  await other.getByRole('button', { name: 'Workspaces' }).click();
  const altered = readFileSync(file, 'utf8').replace(
    '"activeId"',
    '"__proto__":{"x":1},"activeId"',
  );
  await other.getByLabel('Open a workspace or share file').setInputFiles({
    name: 'altered.funnel.json',
    mimeType: 'application/json',
    buffer: Buffer.from(altered),
  });
  await expect(
    other.getByRole('alert').filter({ hasText: 'is damaged or has been altered' }),
  ).toBeVisible();
  await expectSample(other);
  await fresh.close();
});
