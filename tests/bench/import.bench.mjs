#!/usr/bin/env node
// Import speed and memory on a million rows, in the production build, in headless Chromium,
// against the other ways to load the same file in a browser (issue 18).
//
// 1. Generates (seeded, once) a 1,000,000-row search-ads CSV of about 100 MB in tests/bench/data.
// 2. Builds the app into dist-bench, and the contenders (import-page/) into its contenders/
//    folder, and serves them from one small static server.
// 3. Each round, in one fresh page, by turns: picks the file in the page's file input and
//    measures the time from choosing the file to the funnel table on screen, main-thread long
//    tasks (> 50 ms) in between and until the page says the table is saved, and the table's
//    memory against the file size; then, in the same page and on the same File, DuckDB-WASM's
//    read_csv into a table (engine started before the clock), uDSV streamed into typed columns,
//    papaparse the naive way (header + dynamicTyping into row objects on the main thread), and
//    the floor (File.stream() + TextDecoder), every one ending with the stage totals, which are
//    checked against the file's own sums; then reloads the page and times the saved workspace's
//    funnel from the page's start (reopen).
// Medians of BENCH_RUNS rounds (default 5) and the median of each round's ratios go to
// tests/bench/results/import.json. Targets: ours ≤ 0.8× DuckDB-WASM, ≥ 4× faster than naive
// papaparse, ≤ 3× the floor; reopen < 1 s; no long task; table < 0.5× the file.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { generateSearchAds } from './search-ads-data.mjs';
import { build, launch, serve } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const dataFile = join(here, 'data', `search-ads-${ROWS}.csv`);
// BENCH_OUT lets parallel runs build into their own folders.
const outDir = process.env.BENCH_OUT ?? 'dist-bench';
// The import's file input (its label names the formats, which other issues add to).
const FILE_LABEL = /^Choose a file.*CSV/;
const STAGES = ['展现量', '点击量', '访问量', '咨询量', '订单量'];

// ---------------------------------------------------------------------------------------------
// 2. Build and serve: serve.mjs.

// ---------------------------------------------------------------------------------------------
// 3 + 4. Measure in the browser.

async function measure(browser, url, sums, contenders) {
  // bypassCSP only so the contenders can be injected as a script after our import is measured.
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    bypassCSP: true,
  });
  await context.route('**/sw.js', (route) => route.abort());
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // Save states as the page shows them, with times: the autosave that follows an import
    // writes the table, and that is part of the import too.
    window.__saveStates = [];
    new MutationObserver(() => {
      const state = document.querySelector('[data-save-state]')?.getAttribute('data-save-state');
      if (state && state !== window.__saveStates.at(-1)?.state)
        window.__saveStates.push({ state, at: performance.now() });
    }).observe(document, { subtree: true, childList: true, attributes: true });
    // The first frame with the funnel table on screen, from the page's start (for the reopen).
    new MutationObserver((_, obs) => {
      if (!document.querySelector('table[data-funnel="current"] tr[data-stage]')) return;
      obs.disconnect();
      requestAnimationFrame(() => (window.__funnelAt = performance.now()));
    }).observe(document, { childList: true, subtree: true });
    // The moment the person chooses the file.
    document.addEventListener(
      'change',
      (e) => {
        if (e.target instanceof HTMLInputElement && e.target.type === 'file') {
          window.__chosenAt = performance.now();
          window.__chosenFile = e.target.files[0];
        }
      },
      true,
    );
  });
  await page.goto(url);
  await page.getByLabel(FILE_LABEL).waitFor();
  // A person looks at the page before choosing a file: let its idle-time preparations (the
  // import worker, number formats) run first, as they would.
  await page.evaluate(
    () => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 500))),
  );
  // Watch for the funnel table and note the first frame after it appears.
  const shown = page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = () => document.querySelector('table[data-funnel="current"] tr[data-stage]');
        const done = () => requestAnimationFrame(() => resolve(performance.now()));
        if (seen()) return done();
        new MutationObserver((_, obs) => {
          if (seen()) {
            obs.disconnect();
            done();
          }
        }).observe(document.body, { childList: true, subtree: true });
      }),
  );
  await page.getByLabel(FILE_LABEL).setInputFiles(dataFile);
  const shownAt = await shown;
  // Then until the page says the imported table is saved.
  await page.waitForFunction(
    (chosen) =>
      window.__saveStates.some(
        (s, k) =>
          s.state === 'saved' &&
          k > 0 &&
          s.at > chosen &&
          window.__saveStates[k - 1].state === 'saving',
      ),
    await page.evaluate(() => window.__chosenAt),
    { timeout: 120_000, polling: 100 },
  );
  const ours = await page.evaluate(
    ({ shownAt }) => {
      const chosen = window.__chosenAt;
      const savedAt = window.__saveStates.findLast((s) => s.state === 'saved').at;
      const done = performance.getEntriesByName('import:done').at(-1);
      const long = window.__longTasks.filter(
        (t) => t.start + t.duration >= chosen && t.start <= shownAt,
      );
      const saving = window.__longTasks.filter((t) => t.start > shownAt && t.start <= savedAt);
      const counts = [
        ...document.querySelectorAll('table[data-funnel="current"] tr[data-stage]'),
      ].map((tr) => [tr.getAttribute('data-stage'), Number(tr.getAttribute('data-count'))]);
      return {
        ms: shownAt - chosen,
        longTasks: long.length,
        longestTaskMs: Math.max(0, ...long.map((t) => t.duration)),
        // Where each long task fell, in ms after the funnel showed (negative: before it).
        longTasksAt: [...long, ...saving].map((t) => ({
          atMs: Math.round(t.start - shownAt),
          ms: Math.round(t.duration),
        })),
        savedMs: savedAt - shownAt,
        savingLongTasks: saving.length,
        savingLongestTaskMs: Math.max(0, ...saving.map((t) => t.duration)),
        rows: done?.detail.rows,
        tableBytes: done?.detail.tableBytes,
        counts,
      };
    },
    { shownAt },
  );
  for (const [stage, value] of ours.counts) {
    if (value !== sums[stage])
      throw new Error(`funnel shows ${stage} = ${value}, file sums to ${sums[stage]}`);
  }

  // The contenders, same page, same File, by turns.
  await page.addScriptTag({ url: contenders, type: 'module' });
  await page.waitForFunction(() => window.fwContenders !== undefined);
  await page.evaluate(() => window.fwContenders.ready());
  const others = {};
  for (const name of ['duck', 'udsv', 'naive', 'floor']) {
    // A moment between contenders, so one's garbage is not collected on the next one's clock.
    await page.waitForTimeout(500);
    const m = await page.evaluate(
      async ([name, stages]) => {
        const before = window.__longTasks.length;
        const r = await window.fwContenders[name](window.__chosenFile, stages);
        await new Promise((resolve) => setTimeout(resolve, 100));
        const long = window.__longTasks.slice(before);
        return { ...r, longestTaskMs: Math.max(0, ...long.map((t) => t.duration)) };
      },
      [name, STAGES],
    );
    if (name === 'floor') {
      if (!(m.chars > fileBytes / 4)) throw new Error(`floor decoded only ${m.chars} characters`);
    } else {
      STAGES.forEach((s, k) => {
        if (m.totals[k] !== sums[s])
          throw new Error(`${name} ${s} = ${m.totals[k]}, expected ${sums[s]}`);
      });
    }
    others[name] = m;
  }
  // Reopen: the page loaded again shows the saved workspace's funnel, timed from its start.
  await page.reload();
  await page.waitForFunction(() => window.__funnelAt !== undefined, null, { timeout: 60_000 });
  const reopen = await page.evaluate(() => {
    const counts = [
      ...document.querySelectorAll('table[data-funnel="current"] tr[data-stage]'),
    ].map((tr) => [tr.getAttribute('data-stage'), Number(tr.getAttribute('data-count'))]);
    return { ms: window.__funnelAt, counts };
  });
  for (const [stage, value] of reopen.counts) {
    if (value !== sums[stage])
      throw new Error(`reopened funnel shows ${stage} = ${value}, file sums to ${sums[stage]}`);
  }
  await context.close();
  return { ours, ...others, reopen };
}

const sums = await generateSearchAds(ROWS, dataFile, STAGES);
const fileBytes = statSync(dataFile).size;
build(root, outDir);
// The contenders' page, built into the app's folder so it loads from the same origin.
const contendersDir = join(resolve(root, outDir), 'contenders');
await viteBuild({
  configFile: false,
  root: join(here, 'import-page'),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: contendersDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
  },
  worker: { format: 'es' },
});
const entry = /<script type="module"[^>]*src="\.\/([^"]+)"/.exec(
  readFileSync(join(contendersDir, 'index.html'), 'utf8'),
)[1];
const { server, url } = await serve(root, outDir);
const browser = await launch(['--js-flags=--max-old-space-size=8192']);
const runs = [];
const loadAtStart = loadavg()[0];
try {
  for (let r = 0; r < RUNS; r++) {
    const m = await measure(browser, url, sums, `${url}contenders/${entry}`);
    runs.push(m);
    console.log(
      `round ${r + 1}: ours ${m.ours.ms.toFixed(0)} ms (${m.ours.longTasks} long tasks, longest ${m.ours.longestTaskMs.toFixed(0)} ms; saved ${m.ours.savedMs.toFixed(0)} ms later, ${m.ours.savingLongTasks} long tasks meanwhile${m.ours.longTasksAt.length ? ': ' + m.ours.longTasksAt.map((t) => `${t.ms} ms at ${t.atMs}`).join(', ') : ''}), DuckDB ${m.duck.ms.toFixed(0)} ms, uDSV ${m.udsv.ms.toFixed(0)} ms, naive ${m.naive.ms.toFixed(0)} ms, floor ${m.floor.ms.toFixed(0)} ms; reopen ${m.reopen.ms.toFixed(0)} ms`,
    );
  }
} finally {
  await browser.close();
  server.close();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (key) => Math.round(median(runs.map((r) => r[key].ms)));
/** The median of each round's ratio (both sides of a ratio share the round's load). */
const ratio = (f) => Number(median(runs.map(f)).toFixed(2));
const tableBytes = runs[0].ours.tableBytes;
const result = {
  date: new Date().toISOString().slice(0, 10),
  // Other processes share the CPUs; the one-minute load average before and after says how busy.
  loadAverage: { start: Number(loadAtStart.toFixed(2)), end: Number(loadavg()[0].toFixed(2)) },
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  },
  rows: runs[0].ours.rows,
  fileBytes,
  runs: runs.length,
  importToFunnelMs: ms('ours'),
  importToFunnelMsRuns: runs.map((r) => Math.round(r.ours.ms)),
  longTasksDuringImport: Math.max(...runs.map((r) => r.ours.longTasks)),
  longestTaskDuringImportMs: Math.round(Math.max(...runs.map((r) => r.ours.longestTaskMs))),
  // From the funnel on screen until the page says the table is saved (autosave's write).
  funnelToSavedMs: Math.round(median(runs.map((r) => r.ours.savedMs))),
  longTasksWhileSaving: Math.max(...runs.map((r) => r.ours.savingLongTasks)),
  longestTaskWhileSavingMs: Math.round(Math.max(...runs.map((r) => r.ours.savingLongestTaskMs))),
  // Each run's long tasks: duration and start in ms after the funnel showed (negative: before).
  longTasksRuns: runs.map((r) => r.ours.longTasksAt),
  tableBytes,
  tableToFileRatio: Number((tableBytes / fileBytes).toFixed(3)),
  // The saved workspace's funnel on screen, from the start of the page's load.
  reopenMs: ms('reopen'),
  reopenMsRuns: runs.map((r) => Math.round(r.reopen.ms)),
  duckdbMs: ms('duck'),
  duckdbMsRuns: runs.map((r) => Math.round(r.duck.ms)),
  udsvMs: ms('udsv'),
  udsvMsRuns: runs.map((r) => Math.round(r.udsv.ms)),
  naiveMs: ms('naive'),
  naiveMsRuns: runs.map((r) => Math.round(r.naive.ms)),
  naiveLongestTaskMs: Math.round(Math.max(...runs.map((r) => r.naive.longestTaskMs))),
  floorMs: ms('floor'),
  floorMsRuns: runs.map((r) => Math.round(r.floor.ms)),
  ratios: {
    oursToDuckdb: ratio((r) => r.ours.ms / r.duck.ms),
    oursToUdsv: ratio((r) => r.ours.ms / r.udsv.ms),
    naiveToOurs: ratio((r) => r.naive.ms / r.ours.ms),
    oursToFloor: ratio((r) => r.ours.ms / r.floor.ms),
  },
  targets: {
    oursToDuckdb: 0.8,
    naiveToOurs: 4,
    oursToFloor: 3,
    reopenMs: 1000,
    longTasksDuringImport: 0,
    longTasksWhileSaving: 0,
    tableToFileRatio: 0.5,
  },
};
result.met = {
  fasterThanDuckdb: result.ratios.oursToDuckdb <= 0.8,
  fasterThanNaive: result.ratios.naiveToOurs >= 4,
  nearFloor: result.ratios.oursToFloor <= 3,
  reopen: result.reopenMs < 1000,
  noLongTasks: result.longTasksDuringImport === 0 && result.longTasksWhileSaving === 0,
  memory: result.tableToFileRatio < 0.5,
};
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'import.json'), JSON.stringify(result, null, 2) + '\n');
const mark = (ok) => (ok ? 'met' : 'MISSED');
console.log(`
Import of ${result.rows.toLocaleString('en-US')} rows (${(fileBytes / 1e6).toFixed(1)} MB), median of ${runs.length} rounds, load average ${result.loadAverage.start} → ${result.loadAverage.end} on ${result.machine.cpus} CPUs:
  ours: file chosen → funnel on screen  ${result.importToFunnelMs} ms
  DuckDB-WASM read_csv into a table     ${result.duckdbMs} ms   ours ÷ DuckDB ${result.ratios.oursToDuckdb}  (target ≤ 0.8)  ${mark(result.met.fasterThanDuckdb)}
  uDSV streamed into typed columns      ${result.udsvMs} ms   ours ÷ uDSV ${result.ratios.oursToUdsv}
  papaparse naive (main thread)         ${result.naiveMs} ms   naive ÷ ours ${result.ratios.naiveToOurs}  (target ≥ 4)  ${mark(result.met.fasterThanNaive)}
  floor: File.stream() + TextDecoder    ${result.floorMs} ms   ours ÷ floor ${result.ratios.oursToFloor}  (target ≤ 3)  ${mark(result.met.nearFloor)}
  reopen: page load → saved funnel      ${result.reopenMs} ms   (target < 1000)  ${mark(result.met.reopen)}
  long tasks during import              ${result.longTasksDuringImport} (longest ${result.longestTaskDuringImportMs} ms); while saving ${result.longTasksWhileSaving} (longest ${result.longestTaskWhileSavingMs} ms; saved ${result.funnelToSavedMs} ms after the funnel)  (target 0)  ${mark(result.met.noLongTasks)}
  table memory                          ${(tableBytes / 1e6).toFixed(1)} MB = ${result.tableToFileRatio}× file  (target < 0.5×)  ${mark(result.met.memory)}
Written to tests/bench/results/import.json`);
