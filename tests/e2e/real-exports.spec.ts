// Every real export in ../shared/real-exports gives its funnel with no click (issue 14): picked in
// the file input, its stages and counts (and cost) are on screen as the exports' README lists
// them. The expected numbers are worked out here from the file itself, with a plain reader for
// delimited text (UTF-8 or UTF-16LE, quotes) and for workbooks (zip + sheet XML), never by the app.
// The files are not copied into the repository: REAL_EXPORTS, else <repo>/../shared/real-exports,
// else /work/shared/real-exports.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { parseDelimited } from './helpers/fixture';

// The picker's label begins the same in every wording it has had (one file, or several to join).
const FILE_LABEL = /^Choose a file/;

const DIR =
  process.env.REAL_EXPORTS ??
  [resolve('..', 'shared', 'real-exports'), '/work/shared/real-exports'].find((d) =>
    existsSync(d),
  ) ??
  '/work/shared/real-exports';

test.beforeEach(async ({ context }) => {
  await context.route('**/sw.js', (route) => route.abort());
});

function readText(bytes: Buffer): string[][] {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  const text = new TextDecoder(utf16 ? 'utf-16le' : 'utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const firstLines = text.slice(0, 4000);
  return parseDelimited(text, firstLines.includes('\t') ? '\t' : ',');
}

/** The files of a zip, by name (stored or deflated), from its central directory. */
function unzip(bytes: Buffer): Map<string, string> {
  let end = bytes.length - 22;
  while (bytes.readUInt32LE(end) !== 0x06054b50) end--;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let k = 0; k < count; k++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    out.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The first sheet of a workbook as records of cell texts (shared and inline strings, numbers). */
function readWorkbook(bytes: Buffer): string[][] {
  const files = unzip(bytes);
  const shared = [
    ...(files.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g),
  ].map((m) =>
    unescapeXml([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const sheet = files.get('xl/worksheets/sheet1.xml')!;
  const records: string[][] = [];
  for (const row of sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const c of row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      let col = 0;
      for (const ch of c[1]) col = col * 26 + ch.charCodeAt(0) - 64;
      const type = /t="(\w+)"/.exec(c[2])?.[1];
      const body = c[3] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '';
      const text =
        type === 's'
          ? shared[Number(v)]
          : type === 'inlineStr'
            ? unescapeXml(/<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1] ?? '')
            : unescapeXml(v);
      while (cells.length < col - 1) cells.push('');
      cells[col - 1] = text;
    }
    records.push(cells);
  }
  return records;
}

/** "1,234", "$1,234.50", " --", "" → a number (placeholders and blanks are 0). */
function value(cell: string | undefined): number {
  const s = (cell ?? '').trim().replace(/[",$]/g, '');
  if (s === '' || s === '--' || s === '-') return 0;
  const v = Number(s);
  if (!Number.isFinite(v)) throw new Error(`not a number: ${cell}`);
  return v;
}

/**
 * A report's header (the first record holding every stage name) and its data rows: as wide as
 * any filled record after it that is not a preamble line (#) nor one of the report's own
 * totals (a "Total" or "Total: …" label in its first three cells).
 */
function reportRows(records: string[][], stages: string[]) {
  const h = records.findIndex((r) => stages.every((s) => r.some((c) => c.trim() === s)));
  if (h < 0) throw new Error(`no header with ${stages.join(', ')}`);
  const header = records[h].map((c) => c.trim());
  const rows = records
    .slice(h + 1)
    .filter((r) => r.some((c) => c.trim() !== '') && !r[0].startsWith('#'))
    // "Total: Search", "Total" — not a search term that starts with the word ("total solar cost").
    .filter((r) => !r.slice(0, 3).some((c) => /^total(?::|$)/i.test(c.trim())));
  const sum = (name: string) => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`no column ${name}`);
    return rows.reduce((s, r) => s + value(r[at]), 0);
  };
  return { header, rows, sum };
}

interface Case {
  file: string;
  stages: string[];
  cost?: string;
}

/** The README's table: the stages each export gives, in funnel order, and its cost column. */
const REPORTS: Case[] = [
  {
    file: 'google_ads_ad_group_report_utf16.csv',
    stages: ['Impr.', 'Clicks', 'Conversions'],
    cost: 'Cost',
  },
  {
    file: 'google_ads_search_keyword_report_utf16.csv',
    stages: ['Impr.', 'Clicks', 'Conversions'],
    cost: 'Cost',
  },
  {
    file: 'google_ads_campaign_report_all_time.csv',
    stages: ['Impr.', 'Clicks', 'Conversions'],
    cost: 'Cost',
  },
  {
    file: 'google_ads_search_terms_report_large.csv',
    stages: ['Impr.', 'Clicks', 'Conversions'],
    cost: 'Cost',
  },
  {
    file: 'google_ads_search_keyword_report.xlsx',
    stages: ['Impr.', 'Clicks', 'Conversions'],
    cost: 'Cost',
  },
  {
    file: 'amazon_sponsored_products_search_term_report.xlsx',
    stages: ['Impressions', 'Clicks', '7 Day Total Orders (#)'],
    cost: 'Spend',
  },
  {
    file: 'meta_ads_ad_level_export.csv',
    stages: ['Impressions', 'Purchases'],
    cost: 'Amount spent (USD)',
  },
  {
    file: 'shopify_customer_behavior_weekly.csv',
    stages: [
      'Sessions with cart additions',
      'Sessions that reached checkout',
      'Sessions that completed checkout',
    ],
  },
  {
    file: 'ga4_traffic_acquisition_weekly.csv',
    stages: ['Sessions', 'Engaged sessions', 'Key events'],
  },
  {
    file: 'facebook_ads_kag_conversion_data.csv',
    stages: ['Impressions', 'Clicks', 'Total_Conversion', 'Approved_Conversion'],
    cost: 'Spent',
  },
];

const CRM = 'crm_sales_pipeline_opportunities.csv';

async function importFile(page: Page, file: string) {
  await page.goto('./');
  await page.getByLabel(FILE_LABEL).setInputFiles(`${DIR}/${file}`);
  await expect(page.locator('table[data-funnel="current"]')).toBeVisible({ timeout: 30_000 });
}

async function shown(page: Page) {
  const rows = page.locator('table[data-funnel="current"] tr[data-stage]');
  const read = (a: string) =>
    rows.evaluateAll((trs, name) => trs.map((tr) => tr.getAttribute(name as string) ?? ''), a);
  return { stages: await read('data-stage'), counts: (await read('data-count')).map(Number) };
}

async function metric(page: Page, name: string): Promise<number> {
  return Number(await page.locator(`[data-metric="${name}"]`).first().getAttribute('data-value'));
}

test('every real export in the folder is covered here', () => {
  const files = readdirSync(DIR).filter((f) => f !== 'README.md');
  expect(files.sort()).toEqual([...REPORTS.map((r) => r.file), CRM].sort());
});

for (const r of REPORTS) {
  test(`${r.file}: ${r.stages.join(' → ')}, counts and cost from the file, no click`, async ({
    page,
  }) => {
    const bytes = readFileSync(`${DIR}/${r.file}`);
    const records = r.file.endsWith('.xlsx') ? readWorkbook(bytes) : readText(bytes);
    const report = reportRows(records, r.stages);
    const expected = r.stages.map(report.sum);
    expect(expected.every((n) => n > 0)).toBe(true);

    await importFile(page, r.file);
    const got = await shown(page);
    expect(got.stages).toEqual(r.stages);
    got.counts.forEach((n, i) => expect(n).toBeCloseTo(expected[i], 6));
    if (r.cost) expect(await metric(page, 'cost')).toBeCloseTo(report.sum(r.cost), 4);
  });
}

test(`${CRM}: Prospecting → Engaging → Won from the deal stage, lost deals at the first stage`, async ({
  page,
}) => {
  const { header, rows } = reportRows(readText(readFileSync(`${DIR}/${CRM}`)), ['deal_stage']);
  const stage = rows.map((r) => r[header.indexOf('deal_stage')]);
  const count = (...values: string[]) => stage.filter((v) => values.includes(v)).length;
  // A deal counts at its own stage and every earlier one; a lost deal at the first stage only.
  const expected = [stage.length, count('Engaging', 'Won'), count('Won')];
  const winRate = count('Won') / (count('Won') + count('Lost'));

  await importFile(page, CRM);
  const got = await shown(page);
  expect(got.stages).toEqual(['Prospecting', 'Engaging', 'Won']);
  expect(got.counts).toEqual(expected);
  expect(await metric(page, 'win-rate')).toBeCloseTo(winRate, 12);

  // The Mapping tab says which reading it used and which rule ordered the stages.
  await page.getByRole('tab', { name: 'Mapping' }).click();
  const reasons = page.locator('#map-reasons + ul.reasons li');
  await expect(reasons.filter({ hasText: '“Lost” in “deal_stage”' }).first()).toBeVisible();
  await expect(
    page.locator('#map-reasons + ul.reasons li[data-rule="vocabulary"]').first(),
  ).toBeVisible();
});
