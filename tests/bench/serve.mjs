// What a bench needs to drive the real app: a production build in its own folder, a small
// static server for it, and headless Chromium (Debian's, or $CHROMIUM_PATH; never a download).
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from '@playwright/test';

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** `vite build` of the app at `root` into `outDir`. */
export function build(root, outDir) {
  const r = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('vite build failed');
}

/** Serve `outDir` (relative to `root`, or absolute) on a free local port; resolves to the server and its URL. */
export function serve(root, outDir) {
  const base = resolve(root, outDir);
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    let file = join(base, path);
    if (!file.startsWith(base)) file = base;
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }),
    ),
  );
}

/** Headless Chromium as the browser tests use it (`args` added, e.g. a larger heap). */
export function launch(args = []) {
  const executablePath =
    process.env.CHROMIUM_PATH ??
    (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', ...args] });
}

/**
 * A fresh page of the app at `url` as a person meets it, ready for a file to be chosen: English,
 * 1280×800, no service worker, `window.__chosenAt` set when a file is chosen (and whatever
 * `init` adds before the app's scripts), its idle-time preparations (the import worker, number
 * formats) run first. Returns the context (close it) and the page.
 */
export async function appPage(browser, url, fileLabel, init) {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
  });
  await context.route('**/sw.js', (route) => route.abort());
  const page = await context.newPage();
  await page.addInitScript(() => {
    document.addEventListener(
      'change',
      (e) => {
        if (e.target instanceof HTMLInputElement && e.target.type === 'file')
          window.__chosenAt = performance.now();
      },
      true,
    );
  });
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await page.getByLabel(fileLabel).waitFor();
  await page.evaluate(
    () => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 500))),
  );
  return { context, page };
}

/**
 * Resolves to the time (the page's performance.now()) of the first frame with the funnel table
 * on screen; rejects after `timeoutMs`. Call before choosing the file.
 */
export function funnelShown(page, timeoutMs = 600_000) {
  return page.evaluate(
    (timeoutMs) =>
      new Promise((resolve, reject) => {
        const seen = () => document.querySelector('table[data-funnel="current"] tr[data-stage]');
        const done = () => requestAnimationFrame(() => resolve(performance.now()));
        setTimeout(() => reject(new Error('no funnel')), timeoutMs);
        if (seen()) return done();
        new MutationObserver((_, obs) => {
          if (!seen()) return;
          obs.disconnect();
          done();
        }).observe(document.body, { childList: true, subtree: true });
      }),
    timeoutMs,
  );
}

/** The funnel table's stages and counts as shown: [[stage, count], …]. */
export function shownCounts(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('table[data-funnel="current"] tr[data-stage]')].map((tr) => [
      tr.getAttribute('data-stage'),
      Number(tr.getAttribute('data-count')),
    ]),
  );
}
