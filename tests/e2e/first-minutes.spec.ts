import { expect, test, type Locator, type Page } from '@playwright/test';
import { readCsv } from './helpers/csv';

// The first minutes with a new file (issue 16): a 14-day Baidu export opened after the sample
// starts from its own data (no filter, by day, its last 7 days against the 7 before), and every
// table reads in either language. Expected numbers are summed here from the file itself.
const FILE = 'tests/fixtures/first-minutes/baidu-14-days.csv';
const csv = readCsv(FILE);
const STAGES = ['展现量', '点击量', '访问量', '咨询量', '订单量'];
type Row = Record<string, string>;
const rows: Row[] = csv.rows.map((r) => Object.fromEntries(csv.header.map((h, i) => [h, r[i]])));
const days = [...new Set(rows.map((r) => r['日期']))].sort();
const money = (text: string) => Number(text.replace('¥', ''));

function totals(keep: (r: Row) => boolean): { counts: number[]; cost: number } {
  const kept = rows.filter(keep);
  return {
    counts: STAGES.map((s) => kept.reduce((acc, r) => acc + Number(r[s]), 0)),
    cost: kept.reduce((acc, r) => acc + money(r['消费']), 0),
  };
}
const between = (from: string, to: string) => (r: Row) => r['日期'] >= from && r['日期'] <= to;

const sidebar = (page: Page) => page.getByRole('complementary', { name: /Filters|筛选/ });

async function openSample(page: Page) {
  await page.goto('./');
  await page
    .getByRole('button', { name: /Open the sample|打开示例/ })
    .first()
    .click();
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();
}

async function importFixture(page: Page) {
  await page.locator('header summary').first().click();
  // The first file input of the import panel: a file of its own, not added to the open one.
  await page.locator('header input[type="file"]').first().setInputFiles(FILE);
  await expect(page.getByRole('combobox', { name: /^(Dataset|数据集)$/ })).toBeVisible();
  await expect(page.locator('table[data-funnel="current"] tr[data-stage]').first()).toHaveAttribute(
    'data-count',
    String(totals(() => true).counts[0]),
  );
}

/** Counts of a table's stage rows, top to bottom, from one attribute. */
async function counts(table: Locator, attribute: string): Promise<number[]> {
  return table
    .locator('tr[data-stage]')
    .evaluateAll((trs, a) => trs.map((tr) => Number(tr.getAttribute(a))), attribute);
}

test('a 14-day file after the sample opens unfiltered, by day, against its own previous 7 days', async ({
  page,
}) => {
  await openSample(page);
  // Cut the sample: a channel and a month. These belong to the sample, not to the next file.
  await sidebar(page).getByLabel('Quick range').selectOption({ label: 'Last month' });
  await sidebar(page)
    .getByRole('group', { name: '渠道', exact: true })
    .getByRole('checkbox', { name: /^百度/ })
    .check();
  await expect(sidebar(page).getByLabel('From')).toHaveValue('2025-09-01');

  await importFixture(page);
  const all = totals(() => true);
  expect(await counts(page.locator('table[data-funnel="current"]'), 'data-count')).toEqual(
    all.counts,
  );
  // No filter: the date boxes show the file's own first and last day.
  await expect(sidebar(page).getByLabel('From')).toHaveValue(days[0]);
  await expect(sidebar(page).getByLabel('To')).toHaveValue(days.at(-1)!);
  await expect(sidebar(page).getByRole('checkbox', { checked: true })).toHaveCount(0);
  await expect(sidebar(page).getByLabel('Granularity')).toHaveValue('day');

  // The trend is by day: one row per day of the file, each summed from it.
  await page.getByRole('tab', { name: 'Trend' }).click();
  const trend = page.locator('table[data-trend="day"]');
  await expect(trend.locator('tr[data-period]')).toHaveCount(days.length);
  for (const day of [days[0], days[9]]) {
    const cell = trend.locator(`tr[data-period="${day}"] [data-count]`).first();
    await expect(cell).toHaveAttribute(
      'data-count',
      String(totals((r) => r['日期'] === day).counts[0]),
    );
  }

  // Compare: the last 7 days of the file against the 7 before, both inside it.
  await page.getByRole('tab', { name: 'Compare' }).click();
  await expect(page.getByRole('radio', { name: 'Previous period' })).toBeChecked();
  const current = totals(between(days[7], days[13]));
  const base = totals(between(days[0], days[6]));
  const table = page.locator('table[data-compare="previous"]');
  await expect(table.locator('tr[data-stage]')).toHaveCount(STAGES.length);
  expect(await counts(table, 'data-count')).toEqual(current.counts);
  expect(await counts(table, 'data-base-count')).toEqual(base.counts);
  for (const n of [...current.counts, ...base.counts]) expect(n).toBeGreaterThan(0);
  await expect(page.getByText('The baseline has no rows')).toHaveCount(0);

  // The headline's cost says its change against the same pair of periods.
  await page.getByRole('tab', { name: 'Funnel' }).click();
  const cost = page.locator('[data-metric="cost"]');
  await expect(cost).toHaveAttribute('data-value', /\d/);
  expect(Number(await cost.getAttribute('data-value'))).toBeCloseTo(all.cost, 2);
  const change = Number(await cost.locator('[data-change]').getAttribute('data-change'));
  expect(change).toBeCloseTo((current.cost - base.cost) / base.cost, 9);

  // The sample's own view comes back with it.
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'search-ads.csv' });
  await expect(sidebar(page).getByLabel('From')).toHaveValue('2025-09-01');
  await expect(
    sidebar(page)
      .getByRole('group', { name: '渠道', exact: true })
      .getByRole('checkbox', { name: /^百度/ }),
  ).toBeChecked();
});

/**
 * Every word of every table cell on screen that is broken over two lines: a run of letters,
 * digits and number signs, or of up to six Chinese characters (longer runs are sentences, which
 * may wrap at their punctuation), measured with Range.getClientRects.
 */
async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const word = /[\p{L}\p{N}.,%+−\-¥$×·:/()]+/gu;
    for (const cell of document.querySelectorAll('td, th')) {
      if (!(cell as HTMLElement).offsetParent) continue;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const m of text.matchAll(word)) {
          const han = m[0].match(/\p{Script=Han}/gu)?.length ?? 0;
          if (han > 6) continue;
          const range = document.createRange();
          range.setStart(node, m.index!);
          range.setEnd(node, m.index! + m[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1)
            out.push(`${m[0]} (in “${(cell.textContent ?? '').trim().slice(0, 40)}”)`);
        }
      }
    }
    return out;
  });
}

for (const lang of ['en', 'zh'] as const) {
  test(`no table cell breaks inside a word at 1280×720 (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.addInitScript((l) => localStorage.setItem('fw.locale', l), lang);
    await openSample(page);
    await importFixture(page);
    const tabs = page.getByRole('tab');
    const n = await tabs.count();
    const found: string[] = [];
    for (let i = 0; i < n; i++) {
      const tab = tabs.nth(i);
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      await page.waitForTimeout(300);
      const name = (await tab.innerText()).trim();
      for (const w of await brokenWords(page)) found.push(`${name}: ${w}`);
      // The page itself never scrolls sideways: a wide table scrolls in its own box.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) found.push(`${name}: the page is ${overflow} px too wide`);
      // Headline cards hold their values (¥784,621.58, ¥78.46万) inside their borders.
      const spilled = await page.locator('.figure[data-metric]').evaluateAll((cards) =>
        cards.flatMap((card) => {
          const box = card.getBoundingClientRect();
          return [...card.querySelectorAll('dd')]
            .filter((dd) => {
              const text = document.createRange();
              text.selectNodeContents(dd);
              return text.getBoundingClientRect().right > box.right + 0.5;
            })
            .map((dd) => dd.textContent ?? '');
        }),
      );
      for (const text of spilled) found.push(`${name}: headline value “${text}” spills out`);
    }
    expect(found).toEqual([]);
  });
}

/**
 * A file of four plans with the same rates every day, A as large as the average of the others
 * (B, C and D are one, two and three times a base): A meets its peers' average at every layer.
 */
function sameRatesFile(): string {
  const lines = ['日期,推广计划,展现量,点击量,访问量,咨询量,订单量,消费'];
  for (let d = 0; d < 14; d++) {
    const day = `2025-06-${String(4 + d).padStart(2, '0')}`;
    const a = [2500 + 100 * d, 84 + 3 * d, 70 + 2 * d, 7, 2];
    for (const [plan, k] of [
      ['A', 2],
      ['B', 1],
      ['C', 2],
      ['D', 3],
    ] as const) {
      const counts = a.map((n) => n * k);
      lines.push(`${day},${plan},${counts.join(',')},¥${(counts[1] * 2.5).toFixed(2)}`);
    }
  }
  return lines.join('\n') + '\n';
}

test('a layer level with its benchmark raises no alert, even with no threshold', async ({
  page,
}) => {
  await page.goto('./');
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles({
      name: 'same-rates.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(sameRatesFile()),
    });
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();
  await sidebar(page)
    .getByRole('group', { name: '推广计划', exact: true })
    .getByRole('checkbox', { name: /^A/ })
    .check();
  await page.getByRole('tab', { name: 'Diagnose' }).click();
  const margin = page.getByRole('spinbutton', { name: /Alert when below the benchmark/ });
  // The default threshold: 10 % below the benchmark.
  await expect(margin).toHaveValue('10');
  const rows = page.locator('table[data-plan="diagnosis"] tr[data-step]');
  await expect(rows).toHaveCount(5);
  for (const value of ['10', '0']) {
    await margin.fill(value);
    await expect(page.locator('[data-alert-step]')).toHaveCount(0);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-below')))).toEqual(
      ['false', 'false', 'false', 'false', 'false'],
    );
  }
});

/** Table cells that show a count with a fraction: a bare number with decimals (no %, no unit). */
async function fractionalCounts(page: Page): Promise<string[]> {
  return page
    .getByRole('tabpanel')
    .locator('table td')
    .evaluateAll((tds) =>
      tds
        .map((td) => (td.textContent ?? '').trim())
        .flatMap((text) => text.split(/\s+–\s+/))
        .filter((text) => /^[+−±]?[\d,]+\.\d+$/.test(text)),
    );
}

test('forecasts, scenarios and diagnosis count people and orders in whole units', async ({
  page,
}) => {
  await openSample(page);
  await importFixture(page);
  for (const tab of ['Diagnose', 'What-if', 'Plan']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tabpanel').locator('table td').first()).toBeVisible();
    expect(await fractionalCounts(page), tab).toEqual([]);
  }
  // +10 % of any rate lifts the orders alike: four bars of one length are not drawn, the lever
  // named is one that buys no clicks, and a point more of each rate does draw the chart.
  await expect(page.locator('[data-flat-levers]')).toBeVisible();
  await expect(page.locator('svg.tornado')).toHaveCount(0);
  await expect(page.locator('[data-best-lever]')).not.toHaveAttribute('data-best-lever', '1');
  await page.getByLabel('Improve each step by').selectOption({ label: '+1 percentage point' });
  await expect(page.locator('svg.tornado')).toBeVisible();
  // The forecast's own numbers are fractional underneath; what is shown is whole.
  const forecast = page.locator('table[data-plan="forecast"] tr[data-stage]').last();
  const raw = Number(await forecast.getAttribute('data-count'));
  await expect(forecast.locator('td').first()).toHaveText(Math.round(raw).toLocaleString('en-US'));
});

test('Chinese readers get 万 / 亿 by default, for counts and money, with the currency', async ({
  page,
}) => {
  await page.addInitScript(() => localStorage.setItem('fw.locale', 'zh'));
  await openSample(page);
  await importFixture(page);
  const all = totals(() => true);
  const wan = (n: number, unit: number) =>
    new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(n / unit);
  await expect(page.getByRole('checkbox', { name: /万/ })).toBeChecked();
  await expect(page.locator('[data-metric="cost"] dd').first()).toHaveText(
    `¥${wan(all.cost, 1e4)}万`,
  );
  const top = page.locator('table[data-funnel="current"] tr[data-stage]').first();
  await expect(top).toContainText(`${wan(all.counts[0], 1e4)}万`);
  // Turned off, the reader sees every digit, and it stays off after a reload.
  await page.getByRole('checkbox', { name: /万/ }).uncheck();
  await expect(top).toContainText(all.counts[0].toLocaleString('zh-CN'));
  await page.reload();
  await expect(page.getByRole('checkbox', { name: /万/ })).not.toBeChecked();
});
