import { expect, test, type Page } from '@playwright/test';
import { readCsv, sum } from './helpers/csv';
import { SAMPLES, openSample } from './helpers/screens';

const sample = readCsv('public/samples/search-ads.csv');
const stages = ['展现量', '点击量', '访问量', '咨询量', '订单量'];

test('the sample opens from the start screen and every number matches the CSV', async ({
  page,
}) => {
  await page.goto('./');
  await page
    .getByRole('button', { name: /Open the sample/ })
    .first()
    .click();

  const table = page.locator('table[data-funnel="current"]');
  await expect(table).toBeVisible();

  const counts = stages.map((s) => sum(sample, s));
  const rows = table.locator('tr[data-stage]');
  await expect(rows).toHaveCount(stages.length);
  for (let k = 0; k < stages.length; k++) {
    const row = table.locator(`tr[data-stage="${stages[k]}"]`);
    expect(Number(await row.getAttribute('data-count'))).toBe(counts[k]);
    const step = await row.getAttribute('data-step-rate');
    if (k === 0) expect(step).toBe('');
    else expect(Number(step)).toBeCloseTo(counts[k] / counts[k - 1], 12);
    expect(Number(await row.getAttribute('data-overall-rate'))).toBeCloseTo(
      counts[k] / counts[0],
      12,
    );
  }
  // Stages in mapped order, never re-sorted by value.
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-stage')))).toEqual(
    stages,
  );

  const cost = sum(sample, '消费');
  const revenue = sum(sample, '销售额');
  const figure = async (metric: string) =>
    Number(await page.locator(`[data-metric="${metric}"]`).getAttribute('data-value'));
  expect(await figure('cost')).toBeCloseTo(cost, 6);
  expect(await figure('revenue')).toBeCloseTo(revenue, 6);
  expect(await figure('cpc')).toBeCloseTo(cost / counts[1], 9);
  expect(await figure('cpm')).toBeCloseTo((cost / counts[0]) * 1000, 9);
  expect(await figure('cost-per-last')).toBeCloseTo(cost / counts[4], 9);
  expect(await figure('roi')).toBeCloseTo((revenue - cost) / cost, 9);

  // What the user reads agrees with the raw attributes (en-US formatting).
  await expect(table.locator(`tr[data-stage="点击量"] td`).first()).toHaveText(
    counts[1].toLocaleString('en-US'),
  );
});

/** A 14-day search-ads export typed by hand: 3 % click-through, English headers. */
function lowCtrFile(): { csv: string; counts: number[] } {
  const lines = ['Date,Region,Impressions,Clicks,Visits,Leads,Orders'];
  const counts = [0, 0, 0, 0, 0];
  for (let d = 1; d <= 14; d++) {
    for (const region of ['North', 'South']) {
      const impressions = 40_000 + d * 1_000 + (region === 'North' ? 7_000 : 0);
      const clicks = Math.round(impressions * 0.03);
      const visits = Math.round(clicks * 0.85);
      const leads = Math.round(visits * 0.05);
      const orders = Math.round(leads * 0.2);
      const row = [impressions, clicks, visits, leads, orders];
      row.forEach((v, k) => (counts[k] += v));
      lines.push(`2025-03-${String(d).padStart(2, '0')},${region},${row.join(',')}`);
    }
  }
  return { csv: lines.join('\n') + '\n', counts };
}

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

/** Every stage's mark in the chart, with its size and the words drawn beside it. */
async function chartStages(page: Page) {
  const chart = page.locator('svg[data-chart="funnel"]');
  await expect(chart).toBeVisible();
  return chart.locator('[data-stage]').evaluateAll((marks) =>
    marks.map((m) => {
      const box = m.getBoundingClientRect();
      return {
        stage: m.getAttribute('data-stage') ?? '',
        width: box.width,
        height: box.height,
        text: (m.parentElement?.textContent ?? '').replace(/\s+/g, ' '),
      };
    }),
  );
}

/** The words a reader needs for each stage: its count, step rate and overall rate, labelled. */
function expectLabelled(
  shown: { text: string }[],
  counts: number[],
  words: { step: string; overall: string; format: (n: number) => string[] },
) {
  expect(shown).toHaveLength(counts.length);
  shown.forEach(({ text }, k) => {
    expect(
      words.format(counts[k]).some((f) => text.includes(f)),
      text,
    ).toBe(true);
    expect(text).toContain(`${words.overall} ${pct(counts[k] / counts[0])}`);
    if (k > 0) expect(text).toContain(`${words.step} ${pct(counts[k] / counts[k - 1])}`);
    else expect(text).toContain(`${words.step} —`);
  });
}

test.describe('at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('every stage of the sample is a mark of at least 8 px with its three numbers in words', async ({
    page,
  }) => {
    await page.goto('./');
    await openSample(page, SAMPLES.searchAds);
    const counts = stages.map((s) => sum(sample, s));
    const shown = await chartStages(page);
    expect(shown.map((s) => s.stage)).toEqual(stages);
    for (const s of shown) {
      expect(s.width, s.stage).toBeGreaterThanOrEqual(8);
      expect(s.height, s.stage).toBeGreaterThanOrEqual(8);
    }
    const en = (n: number) => n.toLocaleString('en-US');
    expectLabelled(shown, counts, {
      step: 'Step rate',
      overall: 'Overall',
      format: (n) => [en(n)],
    });
    // The search-ads funnel's own names: its stages in English, its rates and its phases.
    const texts = shown.map((s) => s.text);
    ['Impressions', 'Clicks', 'Visits', 'Consultations', 'Orders'].forEach((name, k) =>
      expect(texts[k]).toContain(name),
    );
    expect(texts[1]).toContain(`Step rate ${pct(counts[1] / counts[0])} (Click-through rate)`);
    expect(texts[2]).toContain('(Visit rate)');
    expect(texts[3]).toContain('(Consultation rate)');
    expect(texts[4]).toContain('(Order rate)');
    expect(texts[1]).toContain(`Lost ${en(counts[0] - counts[1])}`);
    const chart = page.locator('svg[data-chart="funnel"]');
    for (const phase of ['Promotion', 'Website', 'Offline sales'])
      await expect(chart.getByText(phase, { exact: true })).toBeVisible();
    // Hovering a stage says which column it came from.
    await page.locator('svg[data-chart="funnel"] [data-stage="展现量"]').hover();
    await expect(page.locator('.funnel-chart figcaption')).toContainText(
      'Impressions is “展现量” in the file',
    );

    // Against the first stage, the small stages keep their least width and their true rates.
    await page.getByRole('radio', { name: 'against the first stage' }).check();
    await expect(chart).toHaveAttribute('data-scale', 'overall');
    for (const s of await chartStages(page)) expect(s.width, s.stage).toBeGreaterThanOrEqual(8);
    expectLabelled(await chartStages(page), counts, {
      step: 'Step rate',
      overall: 'Overall',
      format: (n) => [en(n)],
    });
  });

  test.describe('in Chinese', () => {
    test.use({ locale: 'zh-CN' });
    test('the rates read 环节转化率 and 累计, with 点击率 and the three phases', async ({
      page,
    }) => {
      await page.goto('./');
      await openSample(page, SAMPLES.searchAds);
      const counts = stages.map((s) => sum(sample, s));
      const shown = await chartStages(page);
      // Plain digits, or 万 / 亿 when the reader has them on.
      const zh = (n: number) => [
        n.toLocaleString('zh-CN'),
        n < 1e4
          ? n.toLocaleString('zh-CN')
          : new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(
              n >= 1e8 ? n / 1e8 : n / 1e4,
            ) + (n >= 1e8 ? '亿' : '万'),
      ];
      expectLabelled(shown, counts, { step: '环节转化率', overall: '累计', format: zh });
      expect(shown[1].text).toContain('（点击率）');
      expect(shown[2].text).toContain('（访问转化率）');
      expect(shown[3].text).toContain('（咨询转化率）');
      expect(shown[4].text).toContain('（订单转化率）');
      stages.forEach((name, k) => expect(shown[k].text).toContain(name));
      const chart = page.locator('svg[data-chart="funnel"]');
      for (const phase of ['推广', '网站', '线下销售'])
        await expect(chart.getByText(phase, { exact: true })).toBeVisible();
    });
  });

  test('a 3 % click-through file keeps every stage legible on either scale', async ({ page }) => {
    const { csv, counts } = lowCtrFile();
    await page.goto('./');
    await page
      .locator('input[type="file"]')
      .first()
      .setInputFiles({ name: 'baidu-14-days.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const table = page.locator('table[data-funnel="current"]');
    await expect(table.locator('tr[data-stage]')).toHaveCount(5);
    const names = ['Impressions', 'Clicks', 'Visits', 'Leads', 'Orders'];
    expect(
      await table
        .locator('tr[data-stage]')
        .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-count')))),
    ).toEqual(counts);
    const en = (n: number) => [n.toLocaleString('en-US')];
    for (const scale of ['against the stage above', 'against the first stage']) {
      await page.getByRole('radio', { name: scale }).check();
      const shown = await chartStages(page);
      expect(shown.map((s) => s.stage)).toEqual(names);
      for (const s of shown) {
        expect(s.width, `${scale}: ${s.stage}`).toBeGreaterThanOrEqual(8);
        expect(s.height, `${scale}: ${s.stage}`).toBeGreaterThanOrEqual(8);
      }
      expectLabelled(shown, counts, { step: 'Step rate', overall: 'Overall', format: en });
    }
  });
});

test('hover and keyboard focus show the drop-off of a stage', async ({ page }) => {
  await page.goto('./');
  await page
    .getByRole('button', { name: /Open the sample/ })
    .first()
    .click();
  const counts = stages.map((s) => sum(sample, s));
  const clicks = page.getByRole('button', { name: /^Clicks/ });
  await clicks.focus();
  const drop = (counts[0] - counts[1]).toLocaleString('en-US');
  await expect(page.locator('.funnel-chart figcaption')).toContainText(`${drop} dropped`);
});

test('no request leaves the page origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
      outside.push(url);
  });
  await page.goto('./');
  await page
    .getByRole('button', { name: /Open the sample/ })
    .first()
    .click();
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();
  await page.getByRole('radio', { name: 'against the first stage' }).check();
  expect(outside).toEqual([]);
});
