// Storage honesty: the page never says "saved" over storage that is gone or not answering.
// Deleting the app's databases while it is open (another tab, or site data cleared) is told
// apart from another tab's edit, and the work on screen can be written back; a write that never
// answers says so after a few seconds and offers a file.
import { expect, test } from '@playwright/test';
import { openSample, SAMPLES } from './helpers/screens';
import { saved, shownFunnel } from './helpers/keep';

test('deleting the databases under an open page is said, and the work can be saved again', async ({
  page,
}) => {
  await page.goto('./');
  await openSample(page, SAMPLES.searchAds);
  await saved(page);
  const before = await shownFunnel(page);

  // What another tab (or a cleanup script) does: delete the index database. Before, the open
  // connection blocked the deletion forever and the page kept saying "All changes saved".
  const outcome = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const req = indexedDB.deleteDatabase('funnel-workbench-index');
        req.onsuccess = () => resolve('deleted');
        req.onerror = () => resolve('error');
        req.onblocked = () => setTimeout(() => resolve('blocked'), 3_000);
      }),
  );
  expect(outcome).toBe('deleted');
  const notice = page.locator('[data-keep="keep.storageDeleted"]');
  await expect(notice).toBeVisible();
  await expect(page.locator('[data-keep="conflict"]')).toHaveCount(0);
  await expect(page.getByText('All changes saved')).toHaveCount(0);
  expect((await shownFunnel(page)).counts).toEqual(before.counts);

  await notice.getByRole('button', { name: 'Save it here again' }).click();
  await saved(page);
  await page.reload();
  expect((await shownFunnel(page)).counts).toEqual(before.counts);
});

test('a save that never answers says so and offers a file', async ({ page }) => {
  // Writes hang once the test says so, as a stuck IndexedDB does: the transaction never ends.
  await page.addInitScript(() => {
    const open = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (
      this: IDBDatabase,
      ...args: Parameters<IDBDatabase['transaction']>
    ) {
      const tx = open.apply(this, args);
      if (!(window as unknown as { hangWrites?: boolean }).hangWrites || args[1] !== 'readwrite')
        return tx;
      const store = { put: () => ({}), delete: () => ({}), get: () => ({}) } as unknown;
      const stuck = { objectStore: () => store, oncomplete: null, onabort: null, onerror: null };
      (store as { transaction: unknown }).transaction = stuck;
      return stuck as unknown as IDBTransaction;
    };
  });
  await page.goto('./');
  await openSample(page, SAMPLES.searchAds);
  await saved(page);
  await page.evaluate(() => ((window as unknown as { hangWrites: boolean }).hangWrites = true));
  // Any change to keep: a filter.
  await page
    .getByRole('button', { name: /^Only / })
    .first()
    .click();
  const notice = page.locator('[data-keep="keep.slow"]');
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(notice.getByRole('button', { name: 'Save as a file' })).toBeVisible();
  await expect(page.getByText('All changes saved')).toHaveCount(0);
});
