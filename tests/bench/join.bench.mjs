#!/usr/bin/env node
// Joining four exports of one search-ads funnel (issue 13): an ad report and an analytics report
// of 1,000,000 rows each, 300,000 chats and 100,000 orders, on date × plan × keyword, in a module
// worker of the production build in headless Chromium, as the app's import worker does it. Timed:
// `joinFiles` alone (the files already read into columns), median of BENCH_RUNS. Checked: every
// joined total equals the inputs' own sum. Target: under 2 s.
// Writes tests/bench/results/join.json. Not a timed test: a report of figures and a target.
//
//   node tests/bench/join.bench.mjs            (or `npm run bench -- join`)
//   BENCH_RUNS=9 node tests/bench/join.bench.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launch, serve } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const rootDir = join(here, '..', '..');
const pageDir = join(here, 'join-page');
const outDir = join(rootDir, 'dist-bench-join');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 2000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (v) => Math.round(v * 10) / 10;

const loadAtStart = loadavg();
await build({
  configFile: false,
  root: pageDir,
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: { outDir, emptyOutDir: true, target: 'es2022' },
});
const { server, url } = await serve(rootDir, outDir);
const browser = await launch();
let result;
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => typeof window.joinBench === 'function');
  const r = await page.evaluate((n) => window.joinBench(n), runs);
  if (errors.length) throw new Error(errors.join('\n'));
  const mismatched = Object.entries(r.check).filter(
    ([, [got, want]]) => Math.abs(got - want) > 1e-6 * Math.max(1, Math.abs(want)),
  );
  if (mismatched.length) throw new Error(`joined totals differ: ${JSON.stringify(mismatched)}`);
  const joinMs = median(r.times);
  result = {
    bench: 'join',
    date: new Date().toISOString().slice(0, 10),
    machine: {
      loadAverageAtStart: loadAtStart.map((x) => Math.round(x * 100) / 100),
      loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? '',
      node: process.version,
      chromium: browser.version(),
    },
    data: {
      rowsIn: r.rowsIn,
      rowsOut: r.rowsOut,
      keys: ['date', ...r.keys],
      grain: r.grain,
      shapes: r.shapes,
      makeTablesMs: round(r.makeMs),
      unmatchedKeys: r.unmatched,
    },
    target: { joinMs: TARGET_MS },
    results: {
      joinMs: { medianMs: round(joinMs), maxMs: round(Math.max(...r.times)), runs: r.times.length },
      withinTarget: joinMs < TARGET_MS,
    },
    totalsChecked: Object.keys(r.check),
  };
} finally {
  await browser.close();
  server.close();
}
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'join.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result.results), 'rows out', result.data.rowsOut);
if (!result.results.withinTarget) process.exitCode = 1;
