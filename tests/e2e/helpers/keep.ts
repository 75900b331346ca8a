// Helpers for the keep-and-share browser tests: read the funnel the page shows, wait until the
// page says its work is saved, and read what IndexedDB holds (to prove a bad link or a full
// disk changed nothing stored).
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { relative } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { FIXTURES, readFixture } from './fixture';

export interface Shown {
  stages: string[];
  counts: number[];
  cost: number | null;
  revenue: number | null;
}

/** The current funnel as the page shows it (contract attributes, raw numbers). */
export async function shownFunnel(page: Page): Promise<Shown> {
  const table = page.locator('table[data-funnel="current"]');
  await expect(table).toBeVisible();
  // The funnel screen draws its table first and its headline a paint or two later: a figure
  // missing from a drawn headline is missing, one not drawn yet is not.
  await expect(page.locator('dl.headline')).toBeAttached();
  const rows = await table
    .locator('tr[data-stage]')
    .evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-stage') ?? '', tr.getAttribute('data-count') ?? '']),
    );
  const figure = async (metric: string) => {
    const el = page.locator(`[data-metric="${metric}"]`).first();
    if ((await el.count()) === 0) return null;
    const v = await el.getAttribute('data-value');
    return v === null || v === '' ? null : Number(v);
  };
  return {
    stages: rows.map((r) => r[0]),
    counts: rows.map((r) => Number(r[1])),
    cost: await figure('cost'),
    revenue: await figure('revenue'),
  };
}

/** Wait until the page says everything is saved. */
export async function saved(page: Page): Promise<void> {
  await expect(page.locator('[data-save-state]')).toHaveAttribute('data-save-state', 'saved');
}

/** Everything in the app's three IndexedDB stores, as JSON-safe text (typed arrays summarised). */
export async function storedState(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dump = (name: string) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const open = indexedDB.open(`funnel-workbench-${name}`);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const out: Record<string, unknown> = {};
          if (!db.objectStoreNames.contains(name)) return resolve(out);
          const store = db.transaction(name).objectStore(name);
          const req = store.openCursor();
          req.onsuccess = () => {
            const c = req.result;
            if (!c) {
              db.close();
              return resolve(out);
            }
            out[String(c.key)] = JSON.parse(
              JSON.stringify(c.value, (_k, v) =>
                ArrayBuffer.isView(v) ? `${v.constructor.name}(${(v as Uint8Array).length})` : v,
              ),
            );
            c.continue();
          };
        };
      });
    const [index, workspaces, tables] = await Promise.all(
      ['index', 'workspaces', 'tables'].map(dump),
    );
    return JSON.stringify({
      index,
      workspaces: Object.keys(workspaces).sort(),
      tables: Object.keys(tables).sort(),
    });
  });
}

/** A share value (the part after `#s=`) decoded in Node, independently of the app. */
export function decodeLink(value: string): Record<string, unknown> {
  const bytes = Buffer.from(value, 'base64url');
  // a checked link: a mark byte (0x0e) and the CRC-32 before the deflated JSON
  const packed = bytes[0] === 0x0e ? bytes.subarray(5) : bytes;
  return JSON.parse(inflateRawSync(packed).toString('utf8'));
}

/** JSON text packed the way links are (raw deflate, base64url), by Node. */
export function packLink(json: string): string {
  return deflateRawSync(Buffer.from(json, 'utf8'))
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Read a CSV file into records, with the import tests' plain RFC 4180 reader. */
export function parseCsvFile(path: string): string[][] {
  return readFixture(relative(FIXTURES, path));
}

/** Column sums of a parsed CSV, by header name, over rows that pass `keep`. */
export function sums(
  records: string[][],
  names: string[],
  keep: (row: Record<string, string>) => boolean = () => true,
): number[] {
  const [header, ...rows] = records;
  return names.map((name) => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`no column ${name}`);
    let s = 0;
    for (const r of rows) {
      const obj = Object.fromEntries(header.map((h, i) => [h, r[i]]));
      if (keep(obj)) s += Number(r[at]);
    }
    return s;
  });
}

const FILE_LABEL = 'Choose a file (CSV, TSV, TXT or Excel .xlsx)';

/** Pick a file in the import file input: on the start screen, or behind "Import" in the header. */
export async function pickFile(page: Page, path: string): Promise<void> {
  const menu = page.locator('header details');
  if ((await menu.count()) > 0 && !(await menu.getAttribute('open'))) {
    await page.locator('header summary', { hasText: 'Import' }).click();
  }
  await page.getByLabel(FILE_LABEL).setInputFiles(path);
}

/** Open a workspace or share file through the Workspaces panel, as the person would. */
export async function openKeptFile(page: Page, path: string, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Workspaces' }).click();
  await page.getByLabel('Open a workspace or share file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: readFileSync(path),
  });
}

/** Every dialog the page tries to open (alert, confirm…), dismissed; the test expects none. */
export function collectDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}
