#!/usr/bin/env node
// Query speed on a 1,000,000-row search-ads table, in the production build, in headless
// Chromium: funnel recompute after a filter or granularity change, time until the screen is
// painted, a breakdown over 5,000 keywords, and the same queries in arquero in the same page.
// Writes tests/bench/results/query.json. Not a timed test: a report of figures and targets.
//
//   node tests/bench/query.bench.mjs            (or `npm run bench`, which runs every bench)
//   BENCH_RUNS=41 BENCH_PORT=4403 node tests/bench/query.bench.mjs
import { chromium } from '@playwright/test';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const rootDir = join(here, '..', '..');
const pageDir = join(here, 'query-page');
const outDir = join(rootDir, 'dist-bench-query');
const port = Number(process.env.BENCH_PORT ?? 4403);
const runs = Number(process.env.BENCH_RUNS ?? 31);

const TARGETS = { recomputeMs: 15, screenMs: 100, breakdownMs: 100, arqueroRatio: 5 };

const config = {
  configFile: false,
  root: pageDir,
  base: './',
  logLevel: 'warn',
  plugins: [svelte({ configFile: join(rootDir, 'svelte.config.js') })],
  build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
  preview: { port, strictPort: true },
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const p90 = (xs) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];
const round = (v) => Math.round(v * 100) / 100;
const summary = (xs) => ({ medianMs: round(median(xs)), p90Ms: round(p90(xs)), runs: xs.length });

const loadAtStart = loadavg();
await build(config);
const server = await preview(config);
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://localhost:${port}/`);
  await page.waitForFunction(() => window.fwBench !== undefined, null, { timeout: 120_000 });
  await page.evaluate(() => window.fwBench.settle());
  const info = await page.evaluate(() => window.fwBench.info());
  const { ours: oursRuns, theirs: theirRuns } = await page.evaluate(
    (n) => window.fwBench.compare(n),
    runs,
  );
  const agree = await page.evaluate(() => window.fwBench.agree());
  const screen = await page.evaluate((n) => window.fwBench.screen(n), Math.min(runs, 21));
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  const chromiumVersion = browser.version();

  const ours = Object.fromEntries(Object.entries(oursRuns).map(([k, v]) => [k, summary(v)]));
  const theirs = Object.fromEntries(Object.entries(theirRuns).map(([k, v]) => [k, summary(v)]));
  const ratios = Object.fromEntries(
    Object.keys(ours).map((k) => [k, round(theirs[k].medianMs / Math.max(ours[k].medianMs, 0.01))]),
  );
  const screens = Object.fromEntries(Object.entries(screen).map(([k, v]) => [k, summary(v)]));
  const checks = {
    'filter change recomputes the funnel < 15 ms (median)':
      ours.filter.medianMs < TARGETS.recomputeMs,
    'filter change, 3 clauses, recomputes < 15 ms (median)':
      ours.filter3.medianMs < TARGETS.recomputeMs,
    'granularity change recomputes the trend < 15 ms (median)':
      ours.granularity.medianMs < TARGETS.recomputeMs,
    'screen painted < 100 ms after a filter click (median)':
      screens.funnelAfterFilter.medianMs < TARGETS.screenMs,
    'screen painted < 100 ms after a granularity change (median)':
      screens.trendAfterGranularity.medianMs < TARGETS.screenMs,
    'breakdown over 5,000 keywords < 100 ms (median)':
      ours.breakdownAfterFilter.medianMs < TARGETS.breakdownMs,
    'ours ≥ 5× faster than arquero on every query': Object.values(ratios).every(
      (r) => r >= TARGETS.arqueroRatio,
    ),
    'arquero and ours give the same totals and breakdown': agree,
  };
  const result = {
    bench: 'query',
    date: new Date().toISOString().slice(0, 10),
    // The machine is shared: a high load average inflates every figure, ours and arquero's alike.
    machine: {
      loadAverageAtStart: loadAtStart.map((v) => round(v)),
      loadAverageAtEnd: loadavg().map((v) => round(v)),
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? '',
      node: process.version,
      chromium: chromiumVersion,
    },
    data: info,
    targets: TARGETS,
    ours,
    arquero: theirs,
    arqueroOverOurs: ratios,
    screen: screens,
    checks,
    pass: Object.values(checks).every(Boolean),
  };
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'query.json'), JSON.stringify(result, null, 2) + '\n');

  const rows = Object.keys(ours).map((k) => ({
    query: k,
    'ours median ms': ours[k].medianMs,
    'ours p90 ms': ours[k].p90Ms,
    'arquero median ms': theirs[k].medianMs,
    'arquero ÷ ours': ratios[k],
  }));
  console.log(
    `query bench: ${info.rows.toLocaleString('en-US')} rows, ${info.keywords} keywords, ${runs} runs`,
  );
  console.table(rows);
  console.table(
    Object.entries(screens).map(([k, v]) => ({
      screen: k,
      'median ms': v.medianMs,
      'p90 ms': v.p90Ms,
    })),
  );
  for (const [check, ok] of Object.entries(checks))
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${check}`);
  process.exitCode = result.pass ? 0 : 1;
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
