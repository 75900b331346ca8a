// A CSV large enough to be read by two workers (src/core/read/halves.ts), picked in the file
// input as a person would: the funnel's stage totals are the column sums this test works out
// while writing the file, and a copy broken in its back half (a quote never closed) still gets
// the message naming the file's line. The file is generated here, seeded, about 12 MB.
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { rng } from '../../scripts/rng.mjs';

const FILE_LABEL = 'Choose a file (CSV, TSV, TXT or Excel .xlsx)';
const STAGES = ['展现量', '点击量', '访问量', '咨询量', '订单量'];
const ROWS = 160_000;
const DIR = `/tmp/two-workers-${process.pid}`;

interface Generated {
  text: string;
  sums: Map<string, number>;
}

/** Seeded search-ads rows, about 100 bytes each, a total row at the end; the sums kept. */
function generate(): Generated {
  const rand = rng(20261202);
  const branches = ['北京分公司', '上海分公司', '广州分公司', '成都分公司', 'Wuhan branch'];
  const channels = ['百度', '360', '搜狗', '神马', '必应'];
  const sums = new Map(STAGES.map((s) => [s, 0]));
  const lines = ['日期,分公司,渠道,推广计划,展现量,点击量,访问量,咨询量,订单量,消费'];
  for (let i = 0; i < ROWS; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor((i * 365) / ROWS) * 86_400_000);
    const branch = branches[Math.floor(rand() * branches.length)];
    const channel = channels[Math.floor(rand() * channels.length)];
    const plan = `${branch.slice(0, 2)}-计划${Math.floor(rand() * 400)}`;
    const impr = 200 + Math.floor(rand() * 3000);
    const clicks = Math.floor(impr * (0.01 + rand() * 0.06));
    const visits = Math.floor(clicks * (0.6 + rand() * 0.35));
    const leads = Math.floor(visits * rand() * 0.12);
    const orders = Math.floor(leads * rand() * 0.4);
    const row = [impr, clicks, visits, leads, orders];
    STAGES.forEach((s, k) => sums.set(s, sums.get(s)! + row[k]));
    const cost = (clicks * (1.5 + rand() * 4.5)).toFixed(2);
    lines.push(
      `${day.toISOString().slice(0, 10)},${branch},${channel},${plan},${row.join(',')},${cost}`,
    );
  }
  lines.push(`合计,,,,${STAGES.map((s) => sums.get(s)).join(',')},`);
  return { text: lines.join('\n') + '\n', sums };
}

const generated = generate();

test.beforeAll(() => mkdirSync(DIR, { recursive: true }));

test.beforeEach(async ({ context }) => {
  await context.route('**/sw.js', (route) => route.abort());
});

async function pick(page: Page, path: string) {
  const menu = page.locator('header details');
  if ((await menu.count()) > 0 && !(await menu.getAttribute('open'))) {
    await page.locator('header summary', { hasText: 'Import' }).click();
  }
  await page.getByLabel(FILE_LABEL).setInputFiles(path);
}

const stageCount = async (page: Page, stage: string) => {
  const row = page.locator(`table[data-funnel="current"] tr[data-stage="${stage}"]`);
  await expect(row).toHaveCount(1, { timeout: 60_000 });
  return Number(await row.getAttribute('data-count'));
};

test('a large CSV read by two workers: stage totals are the file sums, the total row left out', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const path = `${DIR}/large-search-ads.csv`;
  writeFileSync(path, generated.text);
  expect(Buffer.byteLength(generated.text)).toBeGreaterThan(9 << 20);
  // The second worker is started by the first; Chromium reports both to the test.
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('./');
  await pick(page, path);
  for (const stage of STAGES) expect(await stageCount(page, stage)).toBe(generated.sums.get(stage));
  expect(workers.some((url) => /half-worker/.test(url))).toBe(true);

  await page.getByRole('tab', { name: 'Data' }).click();
  const report = page.locator('[data-import-report]');
  await expect(report.locator('[data-dropped-totals]')).toHaveAttribute('data-dropped-totals', '1');
  // The total row is the file's last line, counted as the file's line (not the back half's).
  await expect(report).toContainText(`${ROWS + 2}`);
});

test('a large CSV whose back half holds a quote never closed gets the message with its line', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const lines = generated.text.split('\n');
  const at = Math.floor(ROWS * 0.8);
  lines[at] = lines[at].replace(',', ',"never closed ');
  const path = `${DIR}/large-broken.csv`;
  writeFileSync(path, lines.join('\n'));
  await page.goto('./');
  await pick(page, path);
  await expect(page.getByRole('alert')).toContainText(
    new RegExp(`quote that opens on line ${at + 1} is never closed`),
    { timeout: 60_000 },
  );
});
