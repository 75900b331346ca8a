#!/usr/bin/env node
// Parquet in against CSV in, on a million rows, in the production build, in headless Chromium.
//
// 1. The import bench's seeded 1,000,000-row search-ads CSV (tests/bench/data, made once), and
//    the same table written as Parquet by DuckDB at bench time (Snappy, DuckDB's row groups),
//    next to it: neither is committed.
// 2. Builds the app into dist-bench and serves it from a small static server.
// 3. By turns (CSV first in odd runs, Parquet first in even ones, so both see the same machine),
//    in a fresh browser context each: picks the file in the page's file input and times the
//    moment of choosing it to the first frame with the funnel table on screen; counts main-thread
//    tasks over 50 ms in between; reads the imported table's memory; checks the funnel against
//    the generator's sums.
// 4. Limits: with BENCH_LIMITS=1, each format at 2, 4, 8 and 16 million rows, once each, until it
//    takes more than 10 s or fails (slow: minutes, and gigabytes of data files).
// Results go to tests/bench/results/parquet.json. Target: Parquet faster than CSV (median of the
// per-run ratios above 1).
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateSearchAds } from './search-ads-data.mjs';
import { appPage, build, funnelShown, launch, serve } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const outDir = process.env.BENCH_OUT ?? 'dist-bench';
const STAGES = ['展现量', '点击量', '访问量', '咨询量', '订单量'];
const FILE_LABEL = 'Choose a file (CSV, TSV, TXT or Excel .xlsx)';

/** The generator's CSV of `rows` rows and the same table as Parquet, with the CSV's sums. */
async function files(rows) {
  const csv = join(here, 'data', `search-ads-${rows}.csv`);
  const sums = await generateSearchAds(rows, csv, STAGES);
  const parquet = csv.replace(/\.csv$/, '.parquet');
  if (!existsSync(parquet)) {
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    await con.run(
      `COPY (SELECT * FROM read_csv('${csv}', header = true)) TO '${parquet}' (FORMAT PARQUET)`,
    );
    con.closeSync();
  }
  return { csv, parquet, sums };
}

/** One import in a fresh context: ms from choosing the file to the funnel on screen, and more. */
async function measure(browser, url, path, sums, timeoutMs = 120_000) {
  const { context, page } = await appPage(browser, url, FILE_LABEL, () => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const shown = funnelShown(page, timeoutMs);
  await page.getByLabel(FILE_LABEL).setInputFiles(path);
  let shownAt;
  try {
    shownAt = await shown;
  } catch {
    const error = await page
      .locator('[data-import-error]')
      .getAttribute('data-import-error')
      .catch(() => null);
    await context.close();
    return { failed: error ?? 'timeout' };
  }
  const m = await page.evaluate((shownAt) => {
    const chosen = window.__chosenAt;
    const done = performance.getEntriesByName('import:done').at(-1);
    const long = window.__longTasks.filter(
      (t) => t.start + t.duration >= chosen && t.start <= shownAt,
    );
    const counts = [
      ...document.querySelectorAll('table[data-funnel="current"] tr[data-stage]'),
    ].map((tr) => [tr.getAttribute('data-stage'), Number(tr.getAttribute('data-count'))]);
    return {
      ms: shownAt - chosen,
      longTasks: long.length,
      // Where each fell: ms after the file was chosen, and how long it took.
      longTasksAt: long.map((t) => ({
        atMs: Math.round(t.start - chosen),
        ms: Math.round(t.duration),
      })),
      longestTaskMs: Math.max(0, ...long.map((t) => t.duration)),
      rows: done?.detail.rows,
      tableBytes: done?.detail.tableBytes,
      counts,
    };
  }, shownAt);
  await context.close();
  for (const [stage, value] of m.counts) {
    if (value !== sums[stage])
      throw new Error(`${path}: ${stage} = ${value}, file sums to ${sums[stage]}`);
  }
  return m;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const main = await files(ROWS);
build(root, outDir);
const { server, url } = await serve(root, outDir);
const browser = await launch();
const runs = [];
const limits = [];
const loads = [];
try {
  for (let r = 0; r < RUNS; r++) {
    const order = r % 2 === 0 ? ['csv', 'parquet'] : ['parquet', 'csv'];
    const run = {};
    for (const kind of order) {
      run[kind] = await measure(browser, url, main[kind], main.sums);
      if (run[kind].failed) throw new Error(`${kind}: ${run[kind].failed}`);
    }
    loads.push(loadavg()[0]);
    runs.push(run);
    console.log(
      `run ${r + 1}: CSV ${run.csv.ms.toFixed(0)} ms (${run.csv.longTasks} long tasks), Parquet ${run.parquet.ms.toFixed(0)} ms (${run.parquet.longTasks} long tasks), load ${loads.at(-1).toFixed(1)}`,
    );
  }
  if (process.env.BENCH_LIMITS) {
    // Beyond 10 s a format is not tried at a larger size.
    const within = { csv: true, parquet: true };
    for (const rows of [2_000_000, 4_000_000, 8_000_000, 16_000_000]) {
      if (!within.csv && !within.parquet) break;
      const f = await files(rows);
      const entry = {
        rows,
        csvBytes: statSync(f.csv).size,
        parquetBytes: statSync(f.parquet).size,
      };
      for (const kind of ['csv', 'parquet']) {
        if (!within[kind]) continue;
        const m = await measure(browser, url, f[kind], f.sums, 30_000);
        entry[kind] = m.failed
          ? { failed: m.failed }
          : { ms: Math.round(m.ms), tableBytes: m.tableBytes };
        if (m.failed || m.ms > 10_000) within[kind] = false;
      }
      entry.loadAverage = Number(loadavg()[0].toFixed(2));
      limits.push(entry);
      console.log(JSON.stringify(entry));
    }
  }
} finally {
  await browser.close();
  server.close();
}

const csvMs = median(runs.map((r) => r.csv.ms));
const parquetMs = median(runs.map((r) => r.parquet.ms));
const result = {
  date: new Date().toISOString().slice(0, 10),
  // Other processes share the CPUs: the one-minute load average after each run says how busy.
  loadAverages: loads.map((l) => Number(l.toFixed(2))),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  },
  rows: runs[0].csv.rows,
  csvBytes: statSync(main.csv).size,
  parquetBytes: statSync(main.parquet).size,
  runs: runs.length,
  csvToFunnelMs: Math.round(csvMs),
  parquetToFunnelMs: Math.round(parquetMs),
  csvToFunnelMsRuns: runs.map((r) => Math.round(r.csv.ms)),
  parquetToFunnelMsRuns: runs.map((r) => Math.round(r.parquet.ms)),
  // Paired per run (both formats share the run's load), then the median of those ratios.
  speedup: Number(median(runs.map((r) => r.csv.ms / r.parquet.ms)).toFixed(2)),
  longTasksDuringImport: {
    csv: Math.max(...runs.map((r) => r.csv.longTasks)),
    parquet: Math.max(...runs.map((r) => r.parquet.longTasks)),
  },
  longTasksRuns: runs.map((r) => ({ csv: r.csv.longTasksAt, parquet: r.parquet.longTasksAt })),
  longestTaskDuringImportMs: {
    csv: Math.round(Math.max(...runs.map((r) => r.csv.longestTaskMs))),
    parquet: Math.round(Math.max(...runs.map((r) => r.parquet.longestTaskMs))),
  },
  tableBytes: { csv: runs[0].csv.tableBytes, parquet: runs[0].parquet.tableBytes },
  ...(limits.length ? { limits } : {}),
  target: 'Parquet imports to the funnel faster than the same table as CSV (speedup > 1)',
};
result.met = result.speedup > 1;
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'parquet.json'), JSON.stringify(result, null, 2) + '\n');
console.log(`
Import of ${result.rows.toLocaleString('en-US')} rows, median of ${runs.length} runs by turns, load averages ${result.loadAverages.join(', ')} on ${result.machine.cpus} CPUs:
  CSV (${(result.csvBytes / 1e6).toFixed(1)} MB)      file chosen → funnel on screen  ${result.csvToFunnelMs} ms
  Parquet (${(result.parquetBytes / 1e6).toFixed(1)} MB)  file chosen → funnel on screen  ${result.parquetToFunnelMs} ms
  speed-up (median of per-run ratios)  ${result.speedup}×   (target > 1)   ${result.met ? 'met' : 'MISSED'}
  long tasks during import: CSV ${result.longTasksDuringImport.csv}, Parquet ${result.longTasksDuringImport.parquet}
Written to tests/bench/results/parquet.json`);
