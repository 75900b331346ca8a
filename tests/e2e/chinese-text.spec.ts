// Chinese text reads with Chinese punctuation and Chinese money (issue 16): a label and its
// value joined by "：", an aside in "（）", never the ASCII ": " or " (…)" of the English page;
// and money in the funnel table in 万 / 亿 like every other figure. Expected numbers are summed
// here from the files themselves.
import { expect, test, type Page } from '@playwright/test';
import { catalogs } from '../../src/i18n/catalog';
import { readCsv } from './helpers/csv';
import { SAMPLES, openSample } from './helpers/screens';

const zh = catalogs.zh;
const ASCII_LABEL = /[A-Za-z\u4e00-\u9fff]: /;

/** 万 as the app's Chinese reader reads it: two decimals at most, 12.3万. */
const wan = (v: number) => `${(Math.round(v / 100) / 100).toLocaleString('zh-CN')}万`;

const tab = (page: Page, key: string) => page.getByRole('tab', { name: zh[key], exact: true });

test.describe('a Chinese reader', () => {
  test.use({ locale: 'zh-CN' });

  test('reads the funnel table, breadcrumb, mapping, problems and help with Chinese punctuation', async ({
    page,
  }) => {
    const sample = readCsv('public/samples/search-ads.csv');
    const total = (name: string) =>
      sample.rows.reduce((s, r) => s + Number(r[sample.header.indexOf(name)]), 0);
    const [impressions, clicks] = [total('展现量'), total('点击量')];

    await page.goto('./');
    await openSample(page, SAMPLES.searchAds);

    // The drop-off to clicks: its count in 万 and its share in full-width brackets.
    const drop = impressions - clicks;
    const share = ((drop / impressions) * 100).toFixed(2);
    const row = page.locator('table[data-funnel="current"] tr[data-stage="点击量"]');
    await expect(row.locator('td').nth(3)).toHaveText(`${wan(drop)}（${share}%）`);

    // A metric's help says its formula after "公式：" (read out by screen readers).
    const tip = page.locator('[role="tooltip"]').first();
    expect(await tip.textContent()).toContain(`${zh['help.formula']}：`);

    // The organisation path before the breadcrumb ends in a full-width colon.
    await tab(page, 'explore.tab.breakdown').click();
    const path = page.getByRole('navigation', { name: zh['explore.breadcrumb'] }).locator('.path');
    await expect(path).toHaveText(/^分公司 → 团队.*：$/);

    // Mapping: the template line, and a problem's severity, take "：".
    await tab(page, 'tab.mapping').click();
    await expect(page.getByText(`${zh['map.template']}：`)).toBeVisible();
    const second = page.getByRole('textbox', { name: '第 2 阶段名称' });
    await second.fill('展现量');
    await second.press('Enter');
    const problem = page.locator('[data-problem="duplicate-label"]');
    await expect(problem).toContainText(`${zh['map.severity.error']}：`);
    await expect(problem).not.toHaveText(ASCII_LABEL);
  });

  test('reads the plan’s gaps in 万 and a stage that follows the goal in （）', async ({
    page,
  }) => {
    await page.goto('./');
    await openSample(page, SAMPLES.searchAds);
    await tab(page, 'tab.plan').click();
    await page.getByLabel(zh['decide.goalStage']).selectOption({ label: '点击量' });
    await page.getByLabel('目标点击量', { exact: true }).fill('900000');
    const table = page.locator('[data-plan="required"]');
    // The impressions needed against today's: a gap of millions reads in 万, with its sign.
    const top = table.locator('tr[data-stage="展现量"]');
    await expect(top).toHaveAttribute('data-count', /\d/);
    const gap =
      Number(await top.getAttribute('data-count')) - Number(await top.getAttribute('data-actual'));
    expect(gap).toBeGreaterThan(10_000);
    await expect(top.locator('td').nth(2)).toHaveText(`+${wan(gap)}`);
    // Orders below the goal follow from it, said in full-width brackets.
    await expect(table.locator('tr[data-stage="订单量"] th')).toHaveText(
      `订单量（${zh['decide.expected']}）`,
    );
  });

  test('reads the pipeline’s win rate and the won / lost column with Chinese punctuation', async ({
    page,
  }) => {
    const sample = readCsv('public/samples/b2b-pipeline.csv');
    const stage = sample.header.indexOf('当前阶段');
    const won = sample.rows.filter((r) => r[stage] === '赢单').length;
    const lost = sample.rows.filter((r) => r[stage] === '输单').length;
    const rate = ((won / (won + lost)) * 100).toFixed(2);

    await page.goto('./');
    await openSample(page, SAMPLES.pipeline);
    await expect(
      page.getByText(`${zh['metric.win-rate']}：${rate}%（${won} / ${won + lost}）`),
    ).toBeVisible();

    await tab(page, 'tab.mapping').click();
    await expect(page.locator('fieldset.outcomes legend')).toHaveText(
      `${zh['map.field.statusColumn']}：当前阶段`,
    );
  });
});

// A hand-typed export whose cost per order is above 10,000: the funnel table's cost column reads
// it in 万 for a Chinese reader, as the headline does, and in full for an English one.
const DEARER = [
  '日期,展现量,点击量,访问量,咨询量,订单量,消费',
  '2025-06-01,500000,20000,16000,900,3,¥68000.00',
  '2025-06-02,400000,15000,12000,700,2,¥52345.00',
].join('\n');
const cost = 68000 + 52345;
const orders = 3 + 2;

async function openDearer(page: Page) {
  await page.goto('./');
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles({ name: '高客单价.csv', mimeType: 'text/csv', buffer: Buffer.from(DEARER) });
  await expect(page.locator('table[data-funnel="current"] tr[data-stage]')).toHaveCount(5);
}

const costPerOrder = (page: Page) =>
  page.locator('table[data-funnel="current"] tr[data-stage="订单量"] td').last();

test.describe('cost per unit in the funnel table', () => {
  test.describe('in Chinese', () => {
    test.use({ locale: 'zh-CN' });
    test('reads in 万, as the headline does', async ({ page }) => {
      await openDearer(page);
      await expect(costPerOrder(page)).toHaveText(`¥${wan(cost / orders)}`);
      // Below 10,000 it keeps its two decimals (cost per click).
      const perClick = (cost / (20000 + 15000)).toFixed(2);
      await expect(
        page.locator('table[data-funnel="current"] tr[data-stage="点击量"] td').last(),
      ).toHaveText(`¥${perClick}`);
    });
  });

  test('in English it reads in full', async ({ page }) => {
    await openDearer(page);
    const full = (cost / orders).toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    await expect(costPerOrder(page)).toHaveText(`¥${full}`);
  });
});
