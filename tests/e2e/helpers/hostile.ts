// What every hostile-input browser test watches: page errors, and every main-thread task the
// browser reports as long (a PerformanceObserver installed before the page's first script), so
// a test can assert that a hostile import never held the page for more than 200 ms. And picking
// a generated file the way a person picks one: from a folder, through the real file input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export const FILE_LABEL = 'Choose a file (CSV, TSV, TXT or Excel .xlsx)';

/** Page errors, and long tasks from the first script on (read by `longestTaskSince`). */
export async function watch(page: Page): Promise<{ errors: string[] }> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { tasks: [number, number][] };
    w.tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  return { errors };
}

/** The longest main-thread task since `since` (a performance.now() of the page), in ms. */
export async function longestTaskSince(page: Page, since: number): Promise<number> {
  return page.evaluate(
    (from) =>
      Math.max(
        0,
        ...(window as unknown as { tasks: [number, number][] }).tasks
          .filter(([start]) => start >= from)
          .map(([, ms]) => Math.round(ms)),
      ),
    since,
  );
}

/** The page's clock, to pass to `longestTaskSince`. */
export const pageNow = (page: Page) => page.evaluate(() => performance.now());

/**
 * Pick a generated file, on the start screen or behind "Import" in the header. It is written to
 * a temporary folder and picked by path, as a person's file is: a buffer handed to
 * setInputFiles would be decoded by script in the page, a main-thread task of its own.
 * Returns a function that removes the folder (once the page has read the file).
 */
export async function pickGenerated(
  page: Page,
  name: string,
  bytes: Uint8Array | string,
): Promise<() => void> {
  const menu = page.locator('header details');
  if ((await menu.count()) > 0 && !(await menu.getAttribute('open'))) {
    await page.locator('header summary', { hasText: /^(Import|导入)$/ }).click();
  }
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  writeFileSync(join(dir, name), bytes);
  await page.getByLabel(/^(Choose a file|选择文件)/).setInputFiles(join(dir, name));
  return () => rmSync(dir, { recursive: true, force: true });
}
