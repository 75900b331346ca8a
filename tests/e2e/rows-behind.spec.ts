// The rows behind a number: a stage's count, a drop-off, a breakdown cell and a pipeline figure
// open the rows of the current slice behind them, by mouse and by keyboard. Every expected
// number and cell is read here from the file itself; the download is re-imported through the
// file input and must give the number that was clicked.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import { expect, test, type Page } from '@playwright/test';
import { readCsv } from './helpers/csv';
import { readFixture } from './helpers/fixture';

/** The file input, named "Choose a file…" (on the start screen, or behind Import in the header). */
const fileInput = (page: Page) => page.locator('input[type="file"]').first();

test.beforeEach(async ({ context }) => {
  await context.route('**/sw.js', (route) => route.abort());
});

// --- the search-ads sample: one line per day × branch × team × region × channel × plan ---
const ads = readCsv('public/samples/search-ads.csv');
const stages = ['展现量', '点击量', '访问量', '咨询量', '订单量'];
type Row = Record<string, string>;
const adRows: Row[] = ads.rows.map((r) => Object.fromEntries(ads.header.map((h, i) => [h, r[i]])));
const totals = (rows: Row[]) => stages.map((s) => rows.reduce((a, r) => a + Number(r[s]), 0));
/** File lines (0-based, as the app numbers rows) that pass `keep`. */
const linesWhere = (keep: (r: Row) => boolean) => adRows.flatMap((r, i) => (keep(r) ? [i] : []));

const funnelTable = (page: Page) => page.locator('table[data-funnel="current"]');
const dialog = (page: Page) => page.getByRole('dialog');

async function openSample(page: Page) {
  await page.goto('./');
  await page
    .getByRole('button', { name: /Open the sample/ })
    .first()
    .click();
  await expect(funnelTable(page)).toBeVisible();
}

/** The dialog's row count (its title's raw number) and the file rows it shows, in order. */
async function dialogCount(page: Page): Promise<number> {
  const h = dialog(page).locator('[data-rows-count]');
  return Number(await h.getAttribute('data-rows-count'));
}
async function shownRows(page: Page): Promise<number[]> {
  return dialog(page)
    .locator('tr[data-row]')
    .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-row'))));
}
/** The cells of the table row showing file row `i`, by header name. */
async function cellsOf(page: Page, i: number): Promise<Map<string, string>> {
  const headers = await dialog(page).locator('thead th').allInnerTexts();
  const cells = dialog(page).locator(`tr[data-row="${i}"] td`);
  const values = await cells.evaluateAll((tds) =>
    tds.map((td) => (td as HTMLElement).dataset.value ?? td.textContent ?? ''),
  );
  return new Map(headers.map((h, k) => [h.replace(/[▲▼]/g, '').trim(), values[k]]));
}

/** Download the dialog's CSV and return its path. */
async function downloadCsv(page: Page): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    dialog(page).getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** Import a file through the file input and read the new funnel's counts. */
async function reimport(page: Page, path: string): Promise<number[]> {
  const menu = page.locator('header details');
  if ((await menu.count()) > 0 && !(await menu.getAttribute('open')))
    await page.locator('header summary', { hasText: 'Import' }).click();
  await fileInput(page).setInputFiles(path);
  const name = path.split('/').at(-1)!;
  await expect(
    page.locator('header select option:checked, header .dataset-name').first(),
  ).toContainText(name.replace(/\.csv$/, ''));
  await page.getByRole('tab', { name: 'Funnel' }).click();
  await expect(funnelTable(page)).toBeVisible();
  return funnelTable(page)
    .locator('tr[data-stage]')
    .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-count'))));
}

test('a stage count of the ad report opens its lines, sorts, downloads and re-imports to the same number', async ({
  page,
}) => {
  await openSample(page);
  const clicks = linesWhere((r) => Number(r['点击量']) !== 0);
  const all = totals(adRows);

  const button = funnelTable(page).getByRole('button', { name: /open the rows behind “点击量”/ });
  await button.click();
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).getByRole('heading')).toContainText('Rows behind “点击量”');
  await expect(dialog(page)).toContainText('all data');
  expect(await dialogCount(page)).toBe(clicks.length);

  // Only the rows in view are in the page, the first of them the file's first line with clicks.
  const shown = await shownRows(page);
  expect(shown.length).toBeGreaterThan(5);
  expect(shown.length).toBeLessThan(80);
  expect(shown.slice(0, 3)).toEqual(clicks.slice(0, 3));
  const cells = await cellsOf(page, clicks[0]);
  for (const name of ['日期', '分公司', '推广计划'])
    expect(cells.get(name)).toBe(adRows[clicks[0]][name]);
  expect(Number(cells.get('点击量'))).toBe(Number(adRows[clicks[0]]['点击量']));

  // Sort by clicks: most first; again: fewest first.
  const sort = dialog(page).getByRole('button', { name: 'Sort by 点击量' });
  await sort.click();
  await expect(sort.locator('xpath=..')).toHaveAttribute('aria-sort', 'descending');
  const most = Math.max(...clicks.map((i) => Number(adRows[i]['点击量'])));
  const top = (await shownRows(page))[0];
  expect(Number(adRows[top]['点击量'])).toBe(most);
  await sort.click();
  await expect(sort.locator('xpath=..')).toHaveAttribute('aria-sort', 'ascending');
  const fewest = Math.min(...clicks.map((i) => Number(adRows[i]['点击量'])));
  expect(Number(adRows[(await shownRows(page))[0]]['点击量'])).toBe(fewest);

  // Scrolling far down draws rows from there, still only a window of them.
  await dialog(page)
    .getByRole('region')
    .evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect
    .poll(async () => Math.min(...(await shownRows(page)).map((i) => clicks.indexOf(i))))
    .toBeGreaterThan(0);
  expect((await shownRows(page)).length).toBeLessThan(80);

  const path = await downloadCsv(page);
  const csv = readFileSync(path, 'utf8');
  expect(csv.split('\r\n').filter((l) => l !== '').length).toBe(clicks.length + 1);

  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(button).toBeFocused();

  const again = await reimport(page, path);
  const behind = totals(clicks.map((i) => adRows[i]));
  expect(again).toEqual(behind);
  expect(again[1]).toBe(all[1]);
});

test('a drop-off and a breakdown cell in a slice open by keyboard; the cell’s download re-imports to its count', async ({
  page,
}) => {
  await openSample(page);
  const sidebar = page.getByRole('complementary', { name: 'Filters' });
  await sidebar
    .getByRole('group', { name: '地区', exact: true })
    .getByRole('checkbox', { name: '华北', exact: true })
    .check();
  const north = (r: Row) => r['地区'] === '华北';

  // The drop from 咨询量 to 订单量: the region's lines where the two differ.
  const drop = linesWhere((r) => north(r) && r['咨询量'] !== r['订单量']);
  const dropButton = funnelTable(page).getByRole('button', {
    name: /open the rows behind the drop to “订单量”/,
  });
  await dropButton.focus();
  await page.keyboard.press('Enter');
  await expect(dialog(page).getByRole('heading')).toContainText(
    'Rows behind the drop from “咨询量” to “订单量”',
  );
  await expect(dialog(page)).toContainText('In the slice: 地区: 华北');
  expect(await dialogCount(page)).toBe(drop.length);
  expect((await shownRows(page)).slice(0, 5)).toEqual(drop.slice(0, 5));
  const [consult, order] = totals(drop.map((i) => adRows[i])).slice(3);
  const [allConsult, allOrder] = totals(adRows.filter(north)).slice(3);
  expect(consult - order).toBe(allConsult - allOrder);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(dropButton).toBeFocused();

  // The conversion matrix: 百度's visits, opened with Space.
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await page.getByLabel('Break down by').selectOption('渠道');
  const cell = page
    .locator('table[data-breakdown="渠道"] tr[data-segment="百度"] td[data-stage="访问量"]')
    .getByRole('button');
  await expect(cell).toHaveAccessibleName(/open 百度’s rows behind “访问量”/);
  const shownText = (await cell.innerText()).trim();
  expect((await cell.getAttribute('aria-label'))!.startsWith(shownText)).toBe(true);
  await cell.focus();
  await page.keyboard.press(' ');
  const lines = linesWhere((r) => north(r) && r['渠道'] === '百度' && Number(r['访问量']) !== 0);
  await expect(dialog(page).getByRole('heading')).toContainText('Rows of 百度 behind “访问量”');
  await expect(dialog(page)).toContainText('地区: 华北; 渠道: 百度');
  expect(await dialogCount(page)).toBe(lines.length);
  const first = await cellsOf(page, lines[0]);
  expect(first.get('渠道')).toBe('百度');
  expect(first.get('日期')).toBe(adRows[lines[0]]['日期']);
  expect(Number(first.get('访问量'))).toBe(Number(adRows[lines[0]]['访问量']));

  // Sorted by date from the keyboard, newest first.
  const byDate = dialog(page).getByRole('button', { name: 'Sort by 日期' });
  await byDate.focus();
  await page.keyboard.press('Enter');
  await expect(byDate.locator('xpath=..')).toHaveAttribute('aria-sort', 'descending');
  const newest = lines
    .map((i) => adRows[i]['日期'])
    .sort()
    .at(-1);
  expect(adRows[(await shownRows(page))[0]]['日期']).toBe(newest);

  const path = await downloadCsv(page);
  await page.keyboard.press('Escape');
  await expect(cell).toBeFocused();
  const again = await reimport(page, path);
  const visits = totals(adRows.filter((r) => north(r) && r['渠道'] === '百度'))[2];
  expect(again).toEqual(totals(lines.map((i) => adRows[i])));
  expect(again[2]).toBe(visits);
});

// --- a CRM export with a date per stage (tests/fixtures/crm-stage-dates-zh.csv) ---
const [crmHeader, ...crmAll] = readFixture('../crm-stage-dates-zh.csv');
const crm = crmAll.filter((r) => r.length === crmHeader.length);
const at = (name: string) => crmHeader.indexOf(name);
const stageCols = ['创建日期', '需求确认日期', '方案日期', '报价日期', '谈判日期', '赢单日期'];
const labels = ['线索', '需求确认', '方案', '报价', '谈判', '赢单'];
const dayOf = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
const top = (r: string[]) => Math.max(...stageCols.map((c, k) => (r[at(c)] !== '' ? k : -1)));
const reached = (rows: string[][]) =>
  stageCols.map((c) => rows.filter((r) => r[at(c)] !== '').length);

async function importCrm(page: Page) {
  await page.goto('./');
  await fileInput(page).setInputFiles('tests/fixtures/crm-stage-dates-zh.csv');
  await expect(funnelTable(page)).toBeVisible();
  const shown = funnelTable(page).locator('tr[data-stage]');
  await expect
    .poll(() => shown.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-stage'))))
    .toEqual(labels);
}

test('record data: who reached a stage and how long each stayed; who was lost there, by keyboard from the pipeline panel; the download re-imports', async ({
  page,
}) => {
  await importCrm(page);

  // Reached 方案 (stage 2): records with its date; days to the next stage they reached.
  await funnelTable(page)
    .getByRole('button', { name: /open the rows behind “方案”/ })
    .click();
  const atProposal = crm.filter((r) => r[at('方案日期')] !== '');
  await expect(dialog(page).getByRole('heading')).toContainText('Records that reached “方案”');
  expect(await dialogCount(page)).toBe(atProposal.length);
  const moved = atProposal.find((r) => r[at('报价日期')] !== '')!;
  const movedRow = crm.indexOf(moved);
  const movedCells = await cellsOf(page, movedRow);
  expect(movedCells.get('商机编号')).toBe(moved[at('商机编号')]);
  expect(Number(movedCells.get('Days in stage'))).toBe(
    dayOf(moved[at('报价日期')]) - dayOf(moved[at('方案日期')]),
  );
  const path = await downloadCsv(page);
  await page.keyboard.press('Escape');

  // Lost at 方案: opened by keyboard from the pipeline panel.
  const lost = crm.filter((r) => r[at('状态')] === '输单' && top(r) === 2);
  expect(lost.length).toBeGreaterThan(0);
  const panel = page.locator('table[data-pipeline="stages"]');
  const lostButton = panel.getByRole('button', {
    name: `${lost.length}: open the records behind “Lost here” at “方案”`,
  });
  await lostButton.focus();
  await page.keyboard.press('Enter');
  await expect(dialog(page).getByRole('heading')).toHaveText(
    `Records lost at “方案”: ${lost.length} record${lost.length === 1 ? '' : 's'}`,
  );
  const ids = await dialog(page)
    .locator('tr[data-row]')
    .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-row'))));
  expect(ids.map((i) => crm[i][at('商机编号')]).sort()).toEqual(
    lost.map((r) => r[at('商机编号')]).sort(),
  );
  // Lost in the stage: from entering it to closing.
  for (const r of lost) {
    const cells = await cellsOf(page, crm.indexOf(r));
    expect(Number(cells.get('Days in stage'))).toBe(
      dayOf(r[at('关闭日期')]) - dayOf(r[at('方案日期')]),
    );
  }
  const byDays = dialog(page).getByRole('button', { name: 'Sort by Days in stage' });
  await byDays.focus();
  await page.keyboard.press('Enter');
  await expect(byDays.locator('xpath=..')).toHaveAttribute('aria-sort', 'descending');
  const longest = Math.max(...lost.map((r) => dayOf(r[at('关闭日期')]) - dayOf(r[at('方案日期')])));
  expect(Number((await cellsOf(page, (await shownRows(page))[0])).get('Days in stage'))).toBe(
    longest,
  );
  await page.keyboard.press('Escape');
  await expect(lostButton).toBeFocused();

  // Won, lost and open over every stage.
  for (const [name, status] of [
    ['Won', '赢单'],
    ['Lost', '输单'],
  ] as const) {
    const count = crm.filter((r) => r[at('状态')] === status).length;
    await page
      .getByRole('button', { name: `${name} ${count}: open the records behind it` })
      .click();
    expect(await dialogCount(page)).toBe(count);
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    await expect(dialog(page)).toBeHidden();
  }

  // Stalled: open records in their stage longer than that stage's 90th percentile of days to
  // the next stage reached (over records that moved on; five at least), counted to the last day.
  const p90 = (xs: number[]) => {
    const v = [...xs].sort((a, b) => a - b);
    const h = (v.length - 1) * 0.9;
    const lo = Math.floor(h);
    return lo + 1 < v.length ? v[lo] + (h - lo) * (v[lo + 1] - v[lo]) : v[lo];
  };
  const lines = stageCols.map((c, k) => {
    const spans = crm.flatMap((r) => {
      if (r[at(c)] === '') return [];
      const next = stageCols.slice(k + 1).find((n) => r[at(n)] !== '');
      return next ? [dayOf(r[at(next)]) - dayOf(r[at(c)])] : [];
    });
    return spans.length >= 5 ? p90(spans) : null;
  });
  const lastDay = Math.max(
    ...crm.flatMap((r) => [
      ...stageCols.filter((c) => r[at(c)] !== '').map((c) => dayOf(r[at(c)])),
      ...(r[at('状态')] !== '进行中' && r[at('关闭日期')] ? [dayOf(r[at('关闭日期')])] : []),
    ]),
  );
  const stalled = crm.filter((r) => {
    const line = lines[top(r)];
    return (
      r[at('状态')] === '进行中' &&
      line !== null &&
      lastDay - dayOf(r[at(stageCols[top(r)])]) > line
    );
  });
  expect(stalled.length).toBeGreaterThan(0);
  await page
    .getByRole('button', { name: `Stalled ${stalled.length}: open the records behind it` })
    .click();
  expect(await dialogCount(page)).toBe(stalled.length);
  const stalledIds = await dialog(page)
    .locator('tr[data-row]')
    .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-row'))));
  expect(stalledIds).toEqual(stalled.map((r) => crm.indexOf(r)));
  await page.keyboard.press('Escape');

  // The records that reached 方案, re-imported: the same funnel over them, the same win rate.
  const again = await reimport(page, path);
  expect(again).toEqual(reached(atProposal));
  const won = atProposal.filter((r) => r[at('状态')] === '赢单').length;
  const closed = atProposal.filter((r) => r[at('状态')] !== '进行中').length;
  const rate = Number(await page.locator('[data-metric="win-rate"]').getAttribute('data-value'));
  expect(rate).toBeCloseTo(won / closed, 12);
});

test('the rows dialog in Chinese: title, slice and controls in Chinese', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('fw.locale', 'zh'));
  await page.goto('./');
  await page
    .getByRole('button', { name: /打开示例/ })
    .first()
    .click();
  await funnelTable(page)
    .getByRole('button', { name: /查看“订单量”背后的行/ })
    .click();
  const orders = linesWhere((r) => Number(r['订单量']) !== 0);
  await expect(dialog(page).getByRole('heading')).toHaveText(
    `“订单量”背后的行：${orders.length.toLocaleString('en')} 行`,
  );
  await expect(dialog(page)).toContainText('当前范围：全部数据');
  await expect(dialog(page).getByRole('button', { name: '按点击量排序' })).toBeVisible();
  await expect(dialog(page).getByRole('button', { name: '下载 CSV' })).toBeVisible();
  // axe, its experimental rules too (a name that contains the visible text), finds nothing
  // serious in the dialog.
  const experimental = Object.fromEntries(
    axe.getRules(['experimental']).map((r) => [r.ruleId, { enabled: true }]),
  );
  const found = await new AxeBuilder({ page })
    .include('.rows-dialog')
    .options({ rules: experimental })
    .analyze();
  expect(
    found.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
  ).toEqual([]);
  await dialog(page).getByRole('button', { name: '关闭' }).click();
  await expect(dialog(page)).toBeHidden();
});

test('event data: the people who stopped after a step are the drop-off list’s, one row each', async ({
  page,
}) => {
  await page.goto('./');
  await fileInput(page).setInputFiles('tests/fixtures/events/shop-events-zh.csv');
  await expect(funnelTable(page).locator('tr[data-event]').first()).toBeVisible();
  const rows = funnelTable(page).locator('tr[data-stage]');
  const stageNames = await rows.evaluateAll((trs) =>
    trs.map((tr) => tr.getAttribute('data-stage')!),
  );
  const counts = (
    await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-count')))
  ).map(Number);
  const stopped = counts[0] - counts[1];
  expect(stopped).toBeGreaterThan(0);

  await funnelTable(page)
    .getByRole('button', {
      name: new RegExp(`open the rows behind the drop to “${stageNames[1]}”`),
    })
    .click();
  await expect(dialog(page).getByRole('heading')).toContainText(
    `People who stopped after “${stageNames[0]}”`,
  );
  expect(await dialogCount(page)).toBe(stopped);
  const ours = readFileSync(await downloadCsv(page), 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  const idAt = ours[0].split(',').indexOf('用户ID');
  const people = ours
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => l.split(',')[idAt]);
  expect(new Set(people).size).toBe(stopped);
  await page.keyboard.press('Escape');

  // The drop-off list's own download: the same people.
  const [list] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByRole('button', {
        name: `Download the ids of the ${stopped} people who stopped after ${stageNames[0]}`,
      })
      .click(),
  ]);
  const path = test.info().outputPath('dropoff.csv');
  await list.saveAs(path);
  const theirs = readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(1)
    .filter((l) => l !== '');
  expect([...people].sort()).toEqual([...theirs].sort());
});
