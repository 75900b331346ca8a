// The language follows the browser on the first visit, can be switched, and the switch reaches
// every string a person reads on every screen: after switching to English no Chinese is left
// except the data's own values; after switching to Chinese no English message is left.
import { expect, test, type Page } from '@playwright/test';
import { catalogs } from '../../src/i18n/catalog';
import {
  SAMPLES,
  dataStrings,
  eachHeaderPanel,
  openSample,
  readableText,
  showTab,
  tabNames,
  type Sample,
} from './helpers/screens';

// CJK ideographs and full-width punctuation (a stray "：" or "，" is a leftover too).
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff01-\uff5e]/u;
// The language picker names each language in itself: those are meant to stay.
const ENDONYMS = ['中文', 'English'];

function withoutData(text: string, data: string[]): string {
  let out = text;
  for (const v of [...data, ...ENDONYMS]) out = out.split(v).join(' ');
  return out;
}

/** Lines of `text` that still hold Chinese characters. */
function chineseLeftovers(text: string): string[] {
  return text.split('\n').filter((line) => CJK.test(line));
}

// English fragments of the catalogue (placeholders cut out) that never occur in any Chinese
// message, so finding one in the Chinese page means a string was not translated.
const zhAll = Object.values(catalogs.zh).join('\n');
const englishFragments = [
  ...new Set(
    Object.keys(catalogs.en)
      .filter((k) => catalogs.en[k] !== catalogs.zh[k])
      .flatMap((k) => catalogs.en[k].split(/\{\w+\}/))
      .map((s) => s.trim())
      .filter((s) => /[A-Za-z]{3,}/.test(s) && s.length >= 4 && !zhAll.includes(s)),
  ),
];

function englishLeftovers(text: string): string[] {
  return englishFragments.filter((f) =>
    new RegExp(`(?<![A-Za-z])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`).test(text),
  );
}

/** What is left in the other language on a page meant to be in `locale`. */
function leftovers(text: string, locale: 'en' | 'zh'): string[] {
  return locale === 'en'
    ? chineseLeftovers(withoutData(text, []))
    : englishLeftovers(withoutData(text, []));
}

async function switchTo(page: Page, locale: 'en' | 'zh') {
  await page.getByRole('combobox', { name: /^(Language|语言)/ }).selectOption(locale);
  await expect(page.locator('html')).toHaveAttribute('lang', locale === 'zh' ? 'zh-CN' : 'en');
}

/** Visit every screen of `sample` in the current language and collect what is left over. */
async function scanScreens(page: Page, sample: Sample, locale: 'en' | 'zh') {
  const found: string[] = [];
  // Stage labels are marked on the funnel screen and named again elsewhere: keep them all.
  const data = new Set(await dataStrings(page, sample));
  const check = async (where: string) => {
    for (const v of await dataStrings(page, sample)) data.add(v);
    const longestFirst = [...data].sort((a, b) => b.length - a.length);
    const text = withoutData(await readableText(page), longestFirst);
    found.push(...leftovers(text, locale).map((l) => `[${sample.file} · ${where}] ${l}`));
  };
  const names = await tabNames(page);
  for (let n = 0; n < names.length; n++) {
    await showTab(page, n);
    await check(names[n]);
  }
  await eachHeaderPanel(page, check);
  return found;
}

for (const [browser, locale, lang] of [
  ['an English', 'en-US', 'en'],
  ['a Chinese', 'zh-CN', 'zh'],
] as const) {
  test.describe(`${browser} browser`, () => {
    test.use({ locale });
    test('gets its language on the first visit', async ({ page }) => {
      await page.goto('./');
      await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
      await expect(page.getByRole('heading', { level: 2 })).toHaveText(
        catalogs[lang]['start.heading'],
      );
      expect(leftovers(await readableText(page), lang)).toEqual([]);
    });
  });
}

for (const [name, sample] of Object.entries(SAMPLES)) {
  test(`switching language changes every visible string on every screen (${name})`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.goto('./');
    await switchTo(page, 'zh');
    expect(leftovers(await readableText(page), 'zh'), 'start screen in Chinese').toEqual([]);
    await switchTo(page, 'en');
    expect(leftovers(await readableText(page), 'en'), 'start screen in English').toEqual([]);

    await openSample(page, sample);
    const english = await scanScreens(page, sample, 'en');
    await switchTo(page, 'zh');
    const chinese = await scanScreens(page, sample, 'zh');
    expect(english, 'Chinese left on English screens').toEqual([]);
    expect(chinese, 'English left on Chinese screens').toEqual([]);
  });
}

test.describe('large counts in 万 / 亿', () => {
  test.use({ locale: 'zh-CN' });
  // 万 / 亿 is on by default for a Chinese reader (issue 16); turning it off is kept.
  test('a Chinese reader reads counts in 万 / 亿, can switch them off, and the choice is kept', async ({
    page,
  }) => {
    await page.goto('./');
    await openSample(page, SAMPLES.searchAds);
    const first = page.locator('table[data-funnel="current"] tr[data-stage]').first();
    const impressions = Number(await first.getAttribute('data-count'));
    expect(impressions).toBeGreaterThan(1e6);
    const plain = impressions.toLocaleString('zh-CN');
    const wan = `${(Math.round(impressions / 100) / 100).toLocaleString('zh-CN')}万`;
    await expect(first.locator('td').first()).toHaveText(wan);

    await page.getByRole('checkbox', { name: '以万 / 亿显示大数' }).uncheck();
    await expect(first.locator('td').first()).toHaveText(plain);
    await page.getByRole('checkbox', { name: '以万 / 亿显示大数' }).check();
    await expect(first.locator('td').first()).toHaveText(wan);
    // The raw figure for scripts is unchanged.
    await expect(first).toHaveAttribute('data-count', String(impressions));

    // English keeps thousands separators and offers no such switch.
    await switchTo(page, 'en');
    await expect(page.getByRole('checkbox', { name: /万/ })).toHaveCount(0);
    await expect(first.locator('td').first()).toHaveText(impressions.toLocaleString('en-US'));

    // Back in Chinese and switched off, it stays off after a reload.
    await switchTo(page, 'zh');
    await page.getByRole('checkbox', { name: '以万 / 亿显示大数' }).uncheck();
    await page.reload();
    await expect(page.getByRole('checkbox', { name: '以万 / 亿显示大数' })).not.toBeChecked();
    await expect(first.locator('td').first()).toHaveText(plain);
  });
});

test.describe('messages about bad input', () => {
  test.use({ locale: 'zh-CN' });
  test('speak the reader’s language', async ({ page }) => {
    await page.goto('./');
    const input = page.locator('input[type="file"]').first();
    for (const file of [
      { name: '空文件.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) },
      {
        name: '图片.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      },
    ]) {
      await input.setInputFiles(file);
      const alert = page.getByRole('alert').first();
      await expect(alert).toBeVisible();
      const text = withoutData(await alert.innerText(), [file.name]);
      expect(CJK.test(text), text).toBe(true);
      expect(englishLeftovers(text), text).toEqual([]);
    }
  });
});
