// Walking the app as a person does: open a sample from the start screen, then visit every screen
// through its tab. Used by the accessibility, language and visual tests.
import { expect, type Page } from '@playwright/test';
import { readCsv } from './csv';

export interface Sample {
  /** Position of its button on the start screen. */
  index: number;
  file: string;
}

export const SAMPLES = {
  searchAds: { index: 0, file: 'search-ads.csv' },
  shop: { index: 1, file: 'shop.csv' },
  pipeline: { index: 2, file: 'b2b-pipeline.csv' },
} satisfies Record<string, Sample>;

/** Open a sample by its start-screen button, in either language, and wait for its funnel. */
export async function openSample(page: Page, sample: Sample): Promise<void> {
  await page
    .getByRole('button', { name: /Open the sample|打开示例/ })
    .nth(sample.index)
    .click();
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();
}

/**
 * Open each of the header's panels (import, workspaces, share, export) in turn, run `visit` on
 * it, and close it again with Escape.
 */
export async function eachHeaderPanel(
  page: Page,
  visit: (name: string) => Promise<void>,
): Promise<void> {
  const buttons = page.locator('header button[aria-expanded]');
  const count = await buttons.count();
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    const name = (await button.innerText()).trim();
    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await page.waitForTimeout(200);
    await visit(name);
    await page.keyboard.press('Escape');
    if ((await button.getAttribute('aria-expanded')) === 'true') await button.click();
  }
}

/** Names of the screens' tabs, in order. */
export async function tabNames(page: Page): Promise<string[]> {
  return page.getByRole('tab').allInnerTexts();
}

/** Show the n-th screen and let it settle (some screens compute after the first paint). */
export async function showTab(page: Page, n: number): Promise<void> {
  const tab = page.getByRole('tab').nth(n);
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel')).toBeVisible();
  await page.waitForTimeout(250);
}

/**
 * Strings that come from the data, not from the app: the sample's header names, every text cell,
 * its file name, and whatever the page marks as data (stage labels, segment values).
 */
export async function dataStrings(page: Page, sample: Sample): Promise<string[]> {
  const csv = readCsv(`public/samples/${sample.file}`);
  const values = new Set<string>([sample.file, ...csv.header]);
  for (const row of csv.rows)
    for (const cell of row) if (!/^[\d.,:%\s-]*$/.test(cell)) values.add(cell);
  const marked = await page.evaluate(() =>
    [...document.querySelectorAll('[data-stage], [data-segment], [data-scenario]')].flatMap((el) =>
      ['data-stage', 'data-segment', 'data-scenario']
        .map((a) => el.getAttribute(a) ?? '')
        .filter((v) => v !== ''),
    ),
  );
  for (const v of marked) values.add(v);
  // Longest first, so 北京分公司 goes before 北京.
  return [...values].filter((v) => v.trim() !== '').sort((a, b) => b.length - a.length);
}

/** What a person can read or hear on the page: its text, placeholders, labels, chart titles. */
export async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[placeholder], [aria-label], [title]')]
      .filter((el) => (el as HTMLElement).offsetParent !== null || el === document.body)
      .flatMap((el) => ['placeholder', 'aria-label', 'title'].map((a) => el.getAttribute(a) ?? ''));
    // Chart titles are read out by screen readers and shown as tooltips.
    const titles = [...document.querySelectorAll('svg title')].map((el) => el.textContent ?? '');
    // SQL written for a warehouse is code in neither language (date_trunc('month', …)).
    let body = document.body.innerText;
    for (const pre of document.querySelectorAll<HTMLElement>('pre[data-sql]'))
      body = body.replace(pre.innerText, '');
    return [body, ...attrs, ...titles, document.title].join('\n');
  });
}
