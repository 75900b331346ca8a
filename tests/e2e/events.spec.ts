// Event funnels end to end: pick an event export (a shop's own tracking in Chinese, a GA4
// export) with no other click, read every count, median and silent-order figure off the page,
// and check each against the rule computed here from the fixture (helpers/event-funnel.ts),
// never by the app's code. Then change the window and check again, and download a drop-off list.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  countsOf,
  medianToStep,
  micros,
  pathOf,
  peopleOf,
  silentAt,
  utcText,
  type Ev,
} from './helpers/event-funnel';

const DIR = 'tests/fixtures/events';
const DAY = 86_400_000;

test.beforeEach(async ({ context }) => {
  await context.route('**/sw.js', (route) => route.abort());
});

async function pick(page: Page, name: string) {
  await page.goto('./');
  await page.getByLabel(/Choose a file|选择文件/).setInputFiles(`${DIR}/${name}`);
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible();
}

const funnel = (page: Page) => page.locator('table[data-funnel="current"]');

/** The stage rows' attributes, in order. */
async function stageRows(page: Page) {
  return funnel(page)
    .locator('tr[data-stage]')
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        stage: tr.getAttribute('data-stage')!,
        event: tr.getAttribute('data-event')!,
        count: Number(tr.getAttribute('data-count')),
        median: tr.getAttribute('data-median-seconds'),
      })),
    );
}

interface Case {
  file: string;
  columns: { person: string; event: string; time: string };
  timeOf: (cell: string) => number;
  /** The steps a reader expects with no click: the known funnel's names found in the file. */
  steps: string[][];
}

const SHOP: Case = {
  file: 'shop-events-zh.csv',
  columns: { person: '用户ID', event: '事件', time: '时间' },
  timeOf: utcText,
  steps: [['浏览'], ['咨询'], ['加购'], ['提交订单', '下单'], ['支付']],
};

const GA4: Case = {
  file: 'ga4-events.csv',
  columns: { person: 'user_pseudo_id', event: 'event_name', time: 'event_timestamp' },
  timeOf: micros,
  steps: [
    ['first_visit', 'session_start'],
    ['view_item'],
    ['add_to_cart'],
    ['begin_checkout'],
    ['purchase'],
  ],
};

function expected(c: Case, windowMs: number) {
  const byId = peopleOf(`${DIR}/${c.file}`, c.columns, c.timeOf);
  const ids = [...byId.keys()];
  const people: Ev[][] = [...byId.values()];
  const paths = people.map((p) => pathOf(p, c.steps, windowMs));
  return { ids, people, paths, counts: countsOf(paths, c.steps.length) };
}

/** Every count, median and silent figure on the page against the rule worked out here. */
async function checkAll(page: Page, c: Case, windowMs: number) {
  const want = expected(c, windowMs);
  await expect(funnel(page)).toHaveAttribute('data-window-seconds', String(windowMs / 1000));
  await expect.poll(async () => (await stageRows(page)).map((r) => r.count)).toEqual(want.counts);
  const rows = await stageRows(page);
  // A step of several events lists them in the data's order, whichever came first.
  const sorted = (values: string[]) => [...values].sort().join('|');
  expect(rows.map((r) => sorted(r.event.split('|')))).toEqual(c.steps.map(sorted));
  for (let k = 0; k < c.steps.length; k++) {
    const median = medianToStep(want.paths, k);
    if (median === null) expect(rows[k].median).toBe('');
    else expect(Number(rows[k].median)).toBeCloseTo(median, 6);
  }
  const skipped = page.locator('table[data-skipped-steps] tr[data-stage]');
  await expect(skipped).toHaveCount(c.steps.length - 2);
  for (let k = 1; k < c.steps.length - 1; k++) {
    const row = skipped.nth(k - 1);
    const mine = silentAt(want.people, want.paths, c.steps, k, windowMs);
    expect(Number(await row.getAttribute('data-without'))).toBe(mine.without);
    expect(Number(await row.getAttribute('data-silent'))).toBe(mine.silent);
    expect(Number(await row.getAttribute('data-silent-to-last'))).toBe(mine.toLast);
  }
  return want;
}

async function setWindow(page: Page, value: string, unit: string, name = 'Conversion window') {
  const box = page.getByRole('spinbutton', { name }).first();
  await page
    .getByLabel(/Unit of the conversion window|转化窗口期单位/)
    .first()
    .selectOption(unit);
  await box.fill(value);
  await box.press('Enter');
}

/** Download the ids of the people who stopped after a step; the file's ids, in order. */
async function dropOffIds(page: Page, stage: string): Promise<string[]> {
  const button: Locator = page.getByRole('button', {
    name: new RegExp(`Download the ids of the .* people who stopped after ${stage}$`),
  });
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  const lines = text
    .slice(1)
    .split('\r\n')
    .filter((l) => l !== '');
  return lines.slice(1);
}

test('a Chinese event export: recognised with no click, every figure as the rule says', async ({
  page,
}) => {
  await pick(page, SHOP.file);
  const week = await checkAll(page, SHOP, 7 * DAY);
  // The mapping says why: events, the shop funnel, 下单 or 提交订单.
  const labels = await stageRows(page).then((r) => r.map((x) => x.stage));
  expect(labels.filter((_, k) => k !== 3)).toEqual(['浏览', '咨询', '加购', '支付']);
  expect(labels[3].split(' / ').sort()).toEqual(['下单', '提交订单']);

  // One day, then 30 minutes: orders days later drop out, the same people stay at the top.
  await setWindow(page, '1', 'days');
  const day = await checkAll(page, SHOP, DAY);
  expect(day.counts[3]).toBeLessThan(week.counts[3]);
  await setWindow(page, '30', 'minutes');
  await checkAll(page, SHOP, 30 * 60_000);
  await setWindow(page, '7', 'days');
  await checkAll(page, SHOP, 7 * DAY);

  // Those who stopped after 咨询 (reached step 2, not step 3), as a CSV of their ids.
  const stoppedIds = week.ids.filter((_, i) => week.paths[i].reached === 2);
  expect(stoppedIds.length).toBeGreaterThan(0);
  expect(await dropOffIds(page, '咨询')).toEqual(stoppedIds);

  // The rule is said in words beside the window.
  await expect(page.getByText(/A person reaches step k when/)).toBeVisible();
});

test('a GA4 export: 16-digit microsecond times, ids like 1234567.89 kept as text', async ({
  page,
}) => {
  await pick(page, GA4.file);
  const week = await checkAll(page, GA4, 7 * DAY);
  await setWindow(page, '24', 'hours');
  await checkAll(page, GA4, DAY);
  await setWindow(page, '7', 'days');
  await checkAll(page, GA4, 7 * DAY);
  // 1234567.89 entered and stopped at once: its id comes back exactly as written.
  const first = week.ids.filter((_, i) => week.paths[i].reached === 1);
  expect(first).toContain('1234567.89');
  expect(await dropOffIds(page, 'first_visit / session_start')).toEqual(first);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the window is named 转化窗口期 and sets the funnel', async ({ page }) => {
    await pick(page, SHOP.file);
    await checkAll(page, SHOP, 7 * DAY);
    await setWindow(page, '2', 'days', '转化窗口期');
    await checkAll(page, SHOP, 2 * DAY);
  });
});

test('every screen reads the event funnel: breakdown by first and last touch, a filter, periods', async ({
  page,
}) => {
  await pick(page, SHOP.file);
  const week = expected(SHOP, 7 * DAY);
  const counted = week.paths
    .map((p, i) => ({ p, events: week.people[i] }))
    .filter((x) => x.p.reached > 0);

  // Every tab draws without failing.
  const tabs = page.getByRole('tab');
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    await expect(page.getByRole('tabpanel')).toBeVisible();
    await expect(page.locator('[data-screen-failed]')).toHaveCount(0);
  }

  // Breakdown by 渠道: first touch is the entry event's channel.
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  await page.getByLabel('Break down by').selectOption('渠道');
  const channelAt = (events: Ev[], t: number, names: string[]) =>
    events.find((e) => e.t === t && names.includes(e.name))!.props['渠道'];
  const segmentCounts = async () =>
    page
      .locator('tr[data-segment]')
      .evaluateAll((trs) =>
        Object.fromEntries(
          trs.map((tr) => [
            tr.getAttribute('data-segment'),
            [...tr.querySelectorAll('[data-count]')].map((td) =>
              Number(td.getAttribute('data-count')),
            ),
          ]),
        ),
      );
  const byChannel = (
    touch: (x: { p: { reached: number; times: number[] }; events: Ev[] }) => string,
  ) => {
    const out: Record<string, number[]> = {};
    for (const x of counted) {
      const key = touch(x);
      out[key] ??= SHOP.steps.map(() => 0);
      for (let k = 0; k < x.p.reached; k++) out[key][k]++;
    }
    return out;
  };
  const first = byChannel((x) => channelAt(x.events, x.p.times[0], SHOP.steps[0]));
  await expect.poll(segmentCounts).toEqual(first);

  // Last touch: the channel of the last step reached.
  await page.getByRole('tab', { name: 'Funnel' }).click();
  await page.getByLabel('Breakdowns attribute people to').selectOption('last');
  await page.getByRole('tab', { name: 'Breakdown' }).click();
  const last = byChannel((x) =>
    channelAt(x.events, x.p.times[x.p.reached - 1], SHOP.steps[x.p.reached - 1]),
  );
  await expect.poll(segmentCounts).toEqual(last);

  // A filter on a property keeps only those events: the rule runs over 上海's events alone.
  await page.getByRole('tab', { name: 'Funnel' }).click();
  await page.getByRole('checkbox', { name: '上海', exact: true }).check();
  const shanghai = week.people.map((events) => events.filter((e) => e.props['城市'] === '上海'));
  const want = countsOf(
    shanghai.map((events) => pathOf(events, SHOP.steps, 7 * DAY)),
    SHOP.steps.length,
  );
  await expect.poll(async () => (await stageRows(page)).map((r) => r.count)).toEqual(want);
  await page.getByRole('checkbox', { name: '上海', exact: true }).uncheck();

  // Entry days: a day whose people entered less than a window before the last event is young.
  await page.getByLabel('Granularity').selectOption('day');
  const lastEvent = Math.max(...week.people.flat().map((e) => e.t));
  const rows = page.locator('table[data-entry-trend] tr[data-period]');
  await expect(rows.first()).toBeAttached();
  const periods = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      label: tr.getAttribute('data-period')!,
      count: Number(tr.getAttribute('data-count')),
      immature: tr.getAttribute('data-immature') === 'true',
    })),
  );
  expect(periods.reduce((s, p) => s + p.count, 0)).toBe(counted.length);
  for (const p of periods) {
    const end = Date.parse(`${p.label}T00:00:00Z`) + DAY;
    expect(p.immature, p.label).toBe(end > lastEvent - 7 * DAY);
  }
  expect(periods.some((p) => p.immature)).toBe(true);
  expect(periods.some((p) => !p.immature)).toBe(true);
});

test('the mapping editor: a step of any of several events, steps moved and removed, an exclusion', async ({
  page,
}) => {
  await pick(page, SHOP.file);
  const counts = async () => (await stageRows(page)).map((r) => r.count);
  const expectSteps = async (
    steps: string[][],
    exclusions: { events: string[]; after: number }[] = [],
  ) => {
    const people = [...peopleOf(`${DIR}/${SHOP.file}`, SHOP.columns, SHOP.timeOf).values()];
    const want = countsOf(
      people.map((events) => pathOf(events, steps, 7 * DAY, exclusions)),
      steps.length,
    );
    await expect.poll(counts).toEqual(want);
  };

  await page.getByRole('tab', { name: 'Mapping' }).click();
  // 咨询 or 收藏: one step, any of the two events.
  await page.getByRole('button', { name: 'Add another event to step 咨询' }).click();
  await page.getByLabel('Event 2 of step 咨询').selectOption('收藏');
  await page.getByRole('tab', { name: 'Funnel' }).click();
  const anyOf = [['浏览'], ['咨询', '收藏'], ['加购'], ['提交订单', '下单'], ['支付']];
  await expectSteps(anyOf);

  // 加购 before 咨询, then without 支付.
  await page.getByRole('tab', { name: 'Mapping' }).click();
  await page.getByRole('button', { name: 'Move “加购” up' }).click();
  await page.getByRole('button', { name: 'Remove “支付”' }).click();
  await page.getByRole('tab', { name: 'Funnel' }).click();
  await expectSteps([['浏览'], ['加购'], ['咨询', '收藏'], ['提交订单', '下单']]);

  // An exclusion: 分享 between 浏览 and 加购 stops a person at 浏览.
  await page.getByRole('tab', { name: 'Mapping' }).click();
  await page.getByRole('button', { name: 'Add an exclusion' }).click();
  await page.getByLabel('Excluded event 1').selectOption('分享');
  await page.getByLabel('Between which steps (exclusion 1)').selectOption({ index: 0 });
  await page.getByRole('tab', { name: 'Funnel' }).click();
  await expectSteps(
    [['浏览'], ['加购'], ['咨询', '收藏'], ['提交订单', '下单']],
    [{ events: ['分享'], after: 0 }],
  );

  // Any order has no "between": where the mode is chosen, the page says the exclusion is not
  // applied, and the counts are those of the same funnel without it.
  await page.getByLabel('Order').selectOption('any');
  await expect(page.locator('[data-exclusions-unapplied="1"]')).toHaveText(
    /exclusions set in Mapping are not applied in any order/,
  );
  const anyWith = await counts();
  await page.getByRole('tab', { name: 'Mapping' }).click();
  await page.getByRole('button', { name: 'Remove exclusion 1' }).click();
  await page.getByRole('tab', { name: 'Funnel' }).click();
  await expect(page.locator('[data-exclusions-unapplied]')).toHaveCount(0);
  await expect.poll(counts).toEqual(anyWith);
});

/** The Trend tab's day rows, whether each is marked not final, and where its charts' band starts. */
async function trendMarks(page: Page) {
  await page.getByRole('tab', { name: /^(Trend|趋势)$/ }).click();
  const rows = page.locator('table[data-trend] tr[data-period]');
  await expect(rows.first()).toBeAttached();
  return rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      label: tr.getAttribute('data-period')!,
      immature: tr.getAttribute('data-immature') === 'true',
      flag: tr.querySelector('th')!.textContent!,
    })),
  );
}

for (const locale of ['en-US', 'zh-CN']) {
  test.describe(`the Trend tab (${locale})`, () => {
    test.use({ locale });

    test('marks exactly the days whose people entered less than one window before the last event', async ({
      page,
    }) => {
      const zh = locale === 'zh-CN';
      await pick(page, SHOP.file);
      const people = [...peopleOf(`${DIR}/${SHOP.file}`, SHOP.columns, SHOP.timeOf).values()];
      const lastEvent = Math.max(...people.flat().map((e) => e.t));
      await page.getByLabel(/Granularity|时间粒度/).selectOption('day');
      for (const windowDays of [7, 2]) {
        if (windowDays !== 7) {
          await page.getByRole('tab', { name: /^(Funnel|漏斗)$/ }).click();
          await setWindow(
            page,
            String(windowDays),
            'days',
            zh ? '转化窗口期' : 'Conversion window',
          );
        }
        const from = lastEvent - windowDays * DAY;
        // A day [d, d + 1) holds entries after `from` when it ends after it.
        const young = (label: string) => Date.parse(`${label}T00:00:00Z`) + DAY > from;
        await expect
          .poll(
            async () =>
              (await trendMarks(page)).filter((r) => r.immature !== young(r.label)).length,
          )
          .toBe(0);
        const marks = await trendMarks(page);
        expect(marks.some((r) => r.immature)).toBe(true);
        expect(marks.some((r) => !r.immature)).toBe(true);
        const flag = zh ? '（尚未完结）' : '(not final yet)';
        for (const r of marks) expect(r.flag.includes(flag), r.label).toBe(r.immature);
        // The note and every chart name the first day that is not final.
        const first = marks.find((r) => r.immature)!.label;
        const note = page.locator('p[data-immature-from]');
        await expect(note).toHaveAttribute('data-immature-from', first);
        const day = new Date(from);
        const date = zh
          ? `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日`
          : day.toLocaleDateString('en-US', {
              month: 'short',
              day: 'numeric',
              year: 'numeric',
              timeZone: 'UTC',
            });
        await expect(note).toContainText(date);
        await expect(note).toContainText(zh ? `（${windowDays} 天）` : `(${windowDays} d)`);
        const charts = page.locator('.trend svg[role="img"]');
        expect(await charts.count()).toBeGreaterThan(SHOP.steps.length);
        for (const from of await charts.evaluateAll((svgs) =>
          svgs.map((s) => s.getAttribute('data-immature-from')),
        ))
          expect(from).toBe(first);
      }
    });
  });
}

test('a `member` column of ids longer than a double holds: ids that differ in the 17th digit are two people', async ({
  page,
}) => {
  const file = 'member-long-ids.csv';
  await pick(page, file);
  const rows = await stageRows(page);
  const steps = rows.map((r) => r.event.split('|'));
  expect(steps.map((s) => s.join('|'))).toEqual([
    'session_start',
    'view_item',
    'add_to_cart',
    'purchase',
  ]);
  const byId = peopleOf(
    `${DIR}/${file}`,
    { person: 'member', event: 'event', time: 'time' },
    utcText,
  );
  const ids = [...byId.keys()];
  expect(ids).toContain('12345678901234567');
  expect(ids).toContain('12345678901234568');
  const paths = [...byId.values()].map((p) => pathOf(p, steps, 7 * DAY));
  const want = countsOf(paths, steps.length);
  expect(want[0]).toBe(ids.length);
  expect(rows.map((r) => r.count)).toEqual(want);
  // Stopped after the first step: the 17-digit one and the long client id, exactly as written.
  const stopped = ids.filter((_, i) => paths[i].reached === 1);
  expect(stopped).toContain('12345678901234568');
  expect(stopped).toContain('1000000001.1700007778');
  expect(await dropOffIds(page, 'session_start')).toEqual(stopped);
  expect(await dropOffIds(page, 'view_item')).toContain('12345678901234567');
});

test('Compare says a period is not final when its people entered less than one window before the last event', async ({
  page,
}) => {
  await pick(page, SHOP.file);
  const people = [...peopleOf(`${DIR}/${SHOP.file}`, SHOP.columns, SHOP.timeOf).values()];
  const lastEvent = Math.max(...people.flat().map((e) => e.t));
  const youngFrom = lastEvent - 7 * DAY;
  const filters = page.getByRole('complementary', { name: 'Filters' });
  const setRange = async (from: string, to: string) => {
    await filters.getByLabel('From').fill(from);
    await filters.getByLabel('To').fill(to);
    await expect(filters.getByLabel('To')).toHaveValue(to);
  };
  const note = page.locator('p[data-immature-period]');

  // Ten early days: every entry had its full window long before the last event.
  await setRange('2025-03-01', '2025-03-10');
  expect(Date.parse('2025-03-11T00:00:00Z')).toBeLessThanOrEqual(youngFrom);
  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.getByRole('radio', { name: 'Previous period' }).check();
  await expect(page.getByRole('heading', { level: 3 }).first()).toBeVisible();
  await expect(note).toHaveCount(0);

  // The last two weeks end at the last event: the young entries make it not final.
  await setRange('2025-03-18', '2025-03-31');
  expect(Date.parse('2025-04-01T00:00:00Z')).toBeGreaterThan(youngFrom);
  const first = new Date(Math.max(youngFrom, Date.parse('2025-03-18T00:00:00Z')));
  const date = first.toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
  await expect(note).toContainText('Not final yet');
  await expect(note).toContainText(date);
  await expect(note).toContainText('(7 d)');
});
