// A shared link opened on a phone (WeChat opens it in its own browser, 360–414 px wide): the
// shared view reads without sideways scrolling, its labels stay legible, and it says which
// dataset, dates and filters it was made from. Expected numbers are summed from the sample here.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readCsv, sum } from './helpers/csv';
import { SAMPLES, openSample } from './helpers/screens';

const sample = readCsv('public/samples/search-ads.csv');
const stages = ['展现量', '点击量', '访问量', '咨询量', '订单量'];
const north = (r: Record<string, string>) => r['地区'] === '华北';
/** The sample's first and last day, read from the file. */
const days = sample.rows.map((r) => r[sample.header.indexOf('日期')]).sort();
const [first, last] = [days[0], days.at(-1)!];

/** Share the sample filtered to 华北 from a desktop page, in the given language. */
async function shareNorth(page: Page, zh: boolean): Promise<string> {
  await page.goto('./');
  await openSample(page, SAMPLES.searchAds);
  await page
    .getByRole('complementary', { name: zh ? '筛选' : 'Filters' })
    .getByRole('group', { name: '地区', exact: true })
    .getByRole('checkbox', { name: '华北', exact: true })
    .check();
  await page.getByRole('button', { name: zh ? '分享' : 'Share', exact: true }).click();
  const box = page.getByRole('textbox', { name: zh ? '分享链接' : 'Share link' });
  await expect(box).toHaveValue(/#s=/);
  return box.inputValue();
}

/** Open a link in a fresh phone-sized browser. */
async function onPhone(browser: Browser, link: string, locale: string, width = 390) {
  const phone = await browser.newContext({
    locale,
    viewport: { width, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    serviceWorkers: 'block',
  });
  const page = await phone.newPage();
  await page.goto(link);
  await expect(page.locator('[data-shared-view]')).toBeVisible();
  await expect(page.locator('svg[data-chart="funnel"]')).toBeVisible();
  return { phone, page };
}

/** Text drawn smaller than `min` px on screen (SVG text measured as drawn, after any scaling). */
async function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').trim();
      if (!el || !text || el.closest('.visually-hidden, [aria-hidden="true"] title')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGGraphicsElement) size *= el.getScreenCTM()?.a ?? 1;
      if (size < min) out.push(`${text.slice(0, 30)} (${size.toFixed(1)} px)`);
    }
    return out;
  }, min);
}

for (const [locale, zh] of [
  ['en-US', false],
  ['zh-CN', true],
] as const) {
  test.describe(locale, () => {
    test.use({ locale });
    test('a shared view at 390×844: no sideways scroll, legible, says what it covers', async ({
      browser,
      page,
    }) => {
      test.setTimeout(90_000);
      const link = await shareNorth(page, zh);
      for (const width of [390, 360, 414]) {
        const { phone, page: p } = await onPhone(browser, link, locale, width);
        expect(
          await p.evaluate(() => document.scrollingElement!.scrollWidth),
          `${width} px`,
        ).toBeLessThanOrEqual(width);
        expect(await smallText(p, 11), `${width} px`).toEqual([]);

        // The same numbers, summed from the file.
        const table = p.locator('table[data-funnel="current"]');
        const counts = await table
          .locator('tr[data-stage]')
          .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-count'))));
        expect(counts).toEqual(stages.map((s) => sum(sample, s, north)));

        // What it was made from: the dataset, the dates (the data's whole range: no date filter
        // was set) and the filters.
        const from = p.locator('[data-made-from]');
        await expect(from).toContainText('search-ads.csv');
        await expect(from).toContainText(`${first} – ${last}`);
        await expect(from).toContainText(zh ? '地区：华北' : '地区: 华北');
        if (width === 390)
          await p.screenshot({ path: `test-results/phone-shared-${locale}.png`, fullPage: true });
        await phone.close();
      }
    });
  });
}
