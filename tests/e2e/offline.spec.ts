// The hosted page works offline after the first visit, from the root or any sub-path, and its
// service worker keeps nothing but the app shell: a user's file never lands in the cache.
import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { readCsv, sum } from './helpers/csv';

test.use({ serviceWorkers: 'allow' });

const outDir = process.env.E2E_OUT ?? 'dist';
const impressions = sum(readCsv('public/samples/search-ads.csv'), '展现量');

/** Every file of the build, as paths relative to its root (the test's own listing). */
function builtFiles(): Set<string> {
  const out = new Set<string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.add(relative(outDir, p).split('\\').join('/'));
    }
  };
  walk(outDir);
  return out;
}

/** Wait until the service worker controls the page (it claims clients on activation). */
async function controlled(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r));
    }
    return reg.scope;
  });
}

/** Every URL held in the page's caches. */
async function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) urls.push(req.url);
    }
    return urls.sort();
  });
}

async function openSampleOffline(page: Page) {
  await page.reload();
  await page
    .getByRole('button', { name: /Open the sample/ })
    .first()
    .click();
  const first = page.locator('table[data-funnel="current"] tr[data-stage]').first();
  await expect(first).toHaveAttribute('data-count', String(impressions));
}

test('after one visit the page and the samples work with the network off', async ({
  page,
  context,
  baseURL,
}) => {
  await page.goto('./');
  const scope = await controlled(page);
  expect(scope).toBe(baseURL);

  // Only shell files of this origin are cached, and the whole shell is.
  const files = builtFiles();
  const cached = await cachedUrls(page);
  for (const url of cached) {
    expect(new URL(url).origin).toBe(new URL(baseURL!).origin);
    const path = url.slice(scope.length);
    expect(path === '' || files.has(path), url).toBe(true);
  }
  for (const must of ['index.html', 'samples/search-ads.csv', 'manifest.webmanifest']) {
    expect(cached).toContain(scope + must);
  }
  for (const asset of [...files].filter((f) => f.startsWith('assets/'))) {
    expect(cached).toContain(scope + asset);
  }

  await context.setOffline(true);
  await openSampleOffline(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // A file of the user's own, imported offline, is not cached.
  await page.reload();
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles({
      name: 'my-report.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('日期,展现量,点击量\n2025-01-01,100,7\n'),
    });
  await expect(page.locator('table[data-funnel="current"] tr[data-stage]').first()).toHaveAttribute(
    'data-count',
    '100',
  );
  expect(await cachedUrls(page)).toEqual(cached);
});

test('the page is installable: a manifest with relative start URL and PNG icons', async ({
  page,
  request,
}) => {
  await page.goto('./');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('./manifest.webmanifest');
  const manifest = await (await request.get(href!)).json();
  expect(manifest.start_url).toBe('./');
  expect(manifest.scope).toBe('./');
  expect(manifest.display).toBe('standalone');
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) {
    const res = await request.get(icon.src);
    expect(res.status(), icon.src).toBe(200);
  }
});

test.describe('under a sub-path', () => {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.csv': 'text/csv',
    '.webmanifest': 'application/manifest+json',
  };
  const prefix = '/team/tools/funnel/';
  let server: Server;
  let origin = '';

  // A plain static host that serves the build only below a sub-path.
  test.beforeAll(async () => {
    server = createServer((req, res) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
      if (!path.startsWith(prefix)) {
        res.writeHead(404).end();
        return;
      }
      const rel = path.slice(prefix.length) || 'index.html';
      const file = join(outDir, rel);
      if (rel.includes('..') || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  test.afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('the worker is scoped to the sub-path and serves it offline', async ({ page, context }) => {
    await page.goto(origin + prefix);
    expect(await controlled(page)).toBe(origin + prefix);
    await context.setOffline(true);
    await openSampleOffline(page);
  });
});
