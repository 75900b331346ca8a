/**
 * The query bench page: the real app, built for production, over a seeded 1,000,000-row
 * search-ads table, with the same queries run through arquero in the same page.
 *
 * This page is built only for the bench (tests/bench/query.bench.mjs); the app's own build has
 * no hook. It exposes one typed object on window; nothing here runs code from strings.
 */
import { mount } from 'svelte';
import { op, table as aqTable, type ColumnTable } from 'arquero';
import App from '../../../src/App.svelte';
import '../../../src/app.css';
import { emptySpec } from '../../../src/core/spec';
import { textColumn, type NumberColumn, type Table } from '../../../src/core/table';
import { keeper } from '../../../src/state/autosave.svelte';
import { view } from '../../../src/state/view.svelte';
import { workspace } from '../../../src/state/workspace.svelte';
import { DAYS, KEYWORDS, makeSearchAds } from './make-table';

const ROWS = 1_000_000;
const STAGES = ['展现量', '点击量', '访问量', '咨询量', '订单量'];

export interface QueryBench {
  info(): { rows: number; keywords: number; days: number; buildMs: number; arqueroBuildMs: number };
  /** Our engine: milliseconds per run for each query, through the live view state. */
  engine(runs: number): Record<string, number[]>;
  /** The same queries in arquero, and whether its totals agree with ours. */
  arquero(runs: number): { times: Record<string, number[]>; agree: boolean };
  /** Let the app finish its start-up work (restoring, the first autosave) before timing. */
  settle(): Promise<void>;
  /** From a click to the next painted frame, for each screen. */
  screen(runs: number): Promise<Record<string, number[]>>;
}
declare global {
  interface Window {
    fwBench?: QueryBench;
  }
}

let t0 = performance.now();
const table: Table = makeSearchAds(ROWS, 20250501);
const buildMs = performance.now() - t0;

const spec = emptySpec('wide');
spec.template = 'search-ads';
spec.stages = STAGES.map((label, k) => ({
  id: `s${k}`,
  label,
  source: { kind: 'column', column: label },
}));
spec.cost = '消费';
spec.revenue = '销售额';
spec.date = '日期';
spec.hierarchy = ['分公司', '团队'];
spec.dimensions = ['地区', '渠道', '推广计划', '关键词'];
workspace.add({ id: 'bench', name: 'bench 1M', importedAt: 0, table, spec, report: null });
mount(App, { target: document.getElementById('app')! });

const regions = textColumn(table, '地区')!.dict.slice(1);
const values = (name: string) =>
  (table.columns.find((c) => c.name === name) as NumberColumn).values;
const lastDay = () => view.dataExtent!.to;

/** Time `fn` once per run after a few unmeasured warm-ups; `prepare` runs outside the timer. */
function timeRuns(
  runs: number,
  fn: (i: number) => unknown,
  prepare?: (i: number) => void,
): number[] {
  const out: number[] = [];
  let sink = 0;
  for (let i = -3; i < runs; i++) {
    prepare?.(i + 3);
    const start = performance.now();
    const result = fn(i + 3);
    const ms = performance.now() - start;
    sink += result ? 1 : 0;
    if (i >= 0) out.push(ms);
  }
  if (sink < 0) console.log(sink);
  return out;
}

function resetView() {
  view.clearAll();
  view.breakdown = null;
  view.granularity = 'month';
}

function engine(runs: number): Record<string, number[]> {
  resetView();
  const region = (i: number) => [regions[i % regions.length]];
  const result: Record<string, number[]> = {};
  result.filter = timeRuns(runs, (i) => {
    view.setValues('地区', region(i));
    return view.totals;
  });
  view.setValues('渠道', ['百度', '360']);
  view.setRange({ from: lastDay() - 89, to: lastDay() });
  result.filter3 = timeRuns(runs, (i) => {
    view.setValues('地区', region(i));
    return view.totals;
  });
  resetView();
  view.setValues('地区', region(0));
  const grains = ['day', 'week', 'month', 'quarter', 'year'] as const;
  void view.periods;
  result.granularity = timeRuns(runs, (i) => {
    view.granularity = grains[i % grains.length];
    return view.periods;
  });
  result.trendAfterFilter = timeRuns(runs, (i) => {
    view.setValues('地区', region(i));
    return view.periods;
  });
  view.breakdown = '关键词';
  result.breakdownAfterFilter = timeRuns(runs, (i) => {
    view.setValues('地区', region(i));
    return view.segments;
  });
  view.clear('地区');
  result.breakdownAll = timeRuns(
    runs,
    () => {
      view.breakdown = '关键词';
      return view.segments;
    },
    () => {
      view.breakdown = '渠道';
      void view.segments;
    },
  );
  resetView();
  return result;
}

// --- arquero: the same data (numbers shared, text as strings, its usual input) ---
t0 = performance.now();
const strings = (name: string) => {
  const col = textColumn(table, name)!;
  return Array.from(col.codes, (c) => col.dict[c]);
};
const aq: ColumnTable = aqTable({
  day: table.columns[0].kind === 'date' ? table.columns[0].days : [],
  region: strings('地区'),
  channel: strings('渠道'),
  keyword: strings('关键词'),
  imp: values('展现量'),
  clk: values('点击量'),
  vis: values('访问量'),
  con: values('咨询量'),
  ord: values('订单量'),
  cost: values('消费'),
  rev: values('销售额'),
});
const arqueroBuildMs = performance.now() - t0;
const sums = {
  imp: op.sum('imp'),
  clk: op.sum('clk'),
  vis: op.sum('vis'),
  con: op.sum('con'),
  ord: op.sum('ord'),
  cost: op.sum('cost'),
  rev: op.sum('rev'),
};

function arquero(runs: number): { times: Record<string, number[]>; agree: boolean } {
  const r = (i: number) => regions[i % regions.length];
  const times: Record<string, number[]> = {};
  const byRegion = (i: number) =>
    aq.params({ r: r(i) }).filter((d: { region: string }, $: { r: string }) => d.region === $.r);
  times.filter = timeRuns(runs, (i) => byRegion(i).rollup(sums).objects());
  const from = lastDay() - 89;
  times.filter3 = timeRuns(runs, (i) =>
    aq
      .params({ r: r(i), from, to: lastDay() })
      .filter(
        (
          d: { region: string; channel: string; day: number },
          $: { r: string; from: number; to: number },
        ) =>
          d.region === $.r &&
          (d.channel === '百度' || d.channel === '360') &&
          d.day >= $.from &&
          d.day <= $.to,
      )
      .rollup(sums)
      .objects(),
  );
  // Arquero keeps no per-day cache: a new granularity is a new group-by over the rows.
  times.granularity = timeRuns(runs, (i) =>
    byRegion(i)
      .derive({
        p: (d: { day: number }) =>
          op.utcyear(d.day * 86_400_000) * 100 + op.utcmonth(d.day * 86_400_000),
      })
      .groupby('p')
      .rollup(sums)
      .objects(),
  );
  times.trendAfterFilter = times.granularity;
  times.breakdownAfterFilter = timeRuns(runs, (i) =>
    byRegion(i).groupby('keyword').rollup(sums).objects(),
  );
  times.breakdownAll = timeRuns(runs, () => aq.groupby('keyword').rollup(sums).objects());

  // Same answers, or the comparison means nothing.
  resetView();
  view.setValues('地区', [r(1)]);
  const ours = view.totals!;
  const theirs = byRegion(1).rollup(sums).object() as Record<string, number>;
  const agree = ours.counts[0] === theirs.imp && ours.counts[4] === theirs.ord && ours.rows > 0;
  resetView();
  return { times, agree };
}

/** Wait until the browser has painted the frame after the current update. */
const painted = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function onlyButton(value: string): HTMLButtonElement {
  const b = document.querySelector<HTMLButtonElement>(`button[aria-label="Only ${value}"]`);
  if (!b) throw new Error(`no "Only ${value}" button`);
  return b;
}

async function timeClicks(runs: number, act: (i: number) => void, check: () => void) {
  const out: number[] = [];
  for (let i = -2; i < runs; i++) {
    await painted();
    const start = performance.now();
    act(i + 2);
    await painted();
    const ms = performance.now() - start;
    check();
    if (i >= 0) out.push(ms);
  }
  return out;
}

async function screen(runs: number): Promise<Record<string, number[]>> {
  resetView();
  const result: Record<string, number[]> = {};
  view.tab = 'funnel';
  await painted();
  result.funnelAfterFilter = await timeClicks(
    runs,
    (i) => onlyButton(regions[i % regions.length]).click(),
    () => {
      const shown = document
        .querySelector('table[data-funnel="current"] tr[data-stage]')
        ?.getAttribute('data-count');
      if (Number(shown) !== view.totals!.counts[0]) throw new Error('funnel not updated');
    },
  );
  view.tab = 'trend';
  await painted();
  const grains = ['week', 'month', 'quarter', 'day', 'year'];
  result.trendAfterGranularity = await timeClicks(
    runs,
    (i) => {
      const select = [...document.querySelectorAll('select')].find((s) =>
        [...s.options].some((o) => o.value === 'quarter'),
      )!;
      select.value = grains[i % grains.length];
      select.dispatchEvent(new Event('change', { bubbles: true }));
    },
    () => {
      if (!document.querySelector(`table[data-trend="${view.granularity}"]`))
        throw new Error('trend not updated');
    },
  );
  view.tab = 'breakdown';
  view.breakdown = '关键词';
  await painted();
  result.breakdownAfterFilter = await timeClicks(
    runs,
    (i) => onlyButton(regions[i % regions.length]).click(),
    () => {
      const rows = document.querySelectorAll('table[data-breakdown="关键词"] tr[data-segment]');
      if (rows.length === 0) throw new Error('breakdown not shown');
    },
  );
  resetView();
  view.tab = 'funnel';
  return result;
}

window.fwBench = {
  info: () => ({ rows: ROWS, keywords: KEYWORDS, days: DAYS, buildMs, arqueroBuildMs }),
  settle: async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await keeper.flush();
  },
  engine,
  arquero,
  screen,
};
