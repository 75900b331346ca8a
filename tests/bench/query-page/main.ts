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
import { emptySpec } from '../../../src/core/spec/spec';
import { textColumn, type NumberColumn, type Table } from '../../../src/core/table/table';
import { Session } from '../../../src/state/session.svelte';
import { DAYS, KEYWORDS, makeSearchAds } from './make-table';

const ROWS = 1_000_000;
const STAGES = ['展现量', '点击量', '访问量', '咨询量', '订单量'];

export interface QueryBench {
  info(): { rows: number; keywords: number; days: number; buildMs: number; arqueroBuildMs: number };
  /** Milliseconds per run of each query, ours and arquero's, run by turns. */
  compare(runs: number): { ours: Record<string, number[]>; theirs: Record<string, number[]> };
  /** Whether arquero's totals and breakdown agree with ours. */
  agree(): boolean;
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
const session = new Session();
const { keeper, view, workspace } = session;
workspace.add({ id: 'bench', name: 'bench 1M', importedAt: 0, table, spec, report: null });
mount(App, { target: document.getElementById('app')!, props: { session } });

const regions = textColumn(table, '地区')!.dict.slice(1);
const values = (name: string) =>
  (table.columns.find((c) => c.name === name) as NumberColumn).values;
const lastDay = () => view.dataExtent!.to;

function resetView() {
  view.clearAll();
  view.breakdown = null;
  view.splitBy = null;
  view.granularity = 'month';
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
  branch: strings('分公司'),
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
const region = (i: number) => regions[i % regions.length];
const byRegion = (i: number) =>
  aq.params({ r: region(i) }).filter((d: { region: string }, $: { r: string }) => d.region === $.r);
const byMonth = (t: ColumnTable) =>
  t
    .derive({
      p: (d: { day: number }) =>
        op.utcyear(d.day * 86_400_000) * 100 + op.utcmonth(d.day * 86_400_000),
    })
    .groupby('p')
    .rollup(sums)
    .objects();

/** Month × branch sums, as the split trend shows them. */
const byMonthAndBranch = (t: ColumnTable) =>
  t
    .derive({
      p: (d: { day: number }) =>
        op.utcyear(d.day * 86_400_000) * 100 + op.utcmonth(d.day * 86_400_000),
    })
    .groupby('branch', 'p')
    .rollup(sums)
    .objects();

/**
 * One query both ways. `ours` goes through the live view state exactly as a screen does (a
 * change, then reading the derived result); `theirs` is the same question asked of arquero.
 */
interface Query {
  name: string;
  setup: () => void;
  ours: (i: number) => unknown;
  /** Work before each of our runs that is not part of the question (e.g. a different breakdown). */
  prepare?: (i: number) => void;
  theirs: (i: number) => unknown;
}
const grains = ['day', 'week', 'month', 'quarter', 'year'] as const;
const queries: Query[] = [
  {
    name: 'filter',
    setup: resetView,
    ours: (i) => {
      view.setValues('地区', [region(i)]);
      return view.totals;
    },
    theirs: (i) => byRegion(i).rollup(sums).objects(),
  },
  {
    name: 'filter3',
    setup: () => {
      resetView();
      view.setValues('渠道', ['百度', '360']);
      view.setRange({ from: lastDay() - 89, to: lastDay() });
    },
    ours: (i) => {
      view.setValues('地区', [region(i)]);
      return view.totals;
    },
    theirs: (i) =>
      aq
        .params({ r: region(i), from: lastDay() - 89, to: lastDay() })
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
  },
  {
    // Ours re-buckets the cached daily sums; arquero keeps no such cache, so a new granularity
    // is a new group-by over the filtered rows.
    name: 'granularity',
    setup: () => {
      resetView();
      view.setValues('地区', [region(0)]);
      void view.periods;
    },
    ours: (i) => {
      view.granularity = grains[i % grains.length];
      return view.periods;
    },
    theirs: () => byMonth(byRegion(0)),
  },
  {
    name: 'trendAfterFilter',
    setup: resetView,
    ours: (i) => {
      view.setValues('地区', [region(i)]);
      return view.periods;
    },
    theirs: (i) => byMonth(byRegion(i)),
  },
  {
    // The trend split by branch, by month: ours sums every branch's days in one pass over the
    // region's rows (dailyTotalsBy), then rolls each up; arquero groups by branch and month.
    name: 'trendSplitAfterFilter',
    setup: () => {
      resetView();
      view.splitBy = '分公司';
    },
    ours: (i) => {
      view.setValues('地区', [region(i)]);
      return view.splitTrend;
    },
    theirs: (i) => byMonthAndBranch(byRegion(i)),
  },
  {
    name: 'breakdownAfterFilter',
    setup: () => {
      resetView();
      view.breakdown = '关键词';
    },
    ours: (i) => {
      view.setValues('地区', [region(i)]);
      return view.segments;
    },
    theirs: (i) => byRegion(i).groupby('keyword').rollup(sums).objects(),
  },
  {
    name: 'breakdownAll',
    setup: resetView,
    prepare: () => {
      view.breakdown = '渠道';
      void view.segments;
    },
    ours: () => {
      view.breakdown = '关键词';
      return view.segments;
    },
    theirs: () => aq.groupby('keyword').rollup(sums).objects(),
  },
];

/**
 * Both engines, run by turns (ours, theirs, ours, …) after a few unmeasured warm-ups, so that
 * both see the same machine: on a shared machine the load moves from one second to the next.
 */
function compare(runs: number): {
  ours: Record<string, number[]>;
  theirs: Record<string, number[]>;
} {
  const ours: Record<string, number[]> = {};
  const theirs: Record<string, number[]> = {};
  let sink = 0;
  const timed = (fn: () => unknown) => {
    const start = performance.now();
    sink += fn() ? 1 : 0;
    return performance.now() - start;
  };
  for (const q of queries) {
    q.setup();
    ours[q.name] = [];
    theirs[q.name] = [];
    for (let i = -3; i < runs; i++) {
      q.prepare?.(i + 3);
      const a = timed(() => q.ours(i + 3));
      const b = timed(() => q.theirs(i + 3));
      if (i >= 0) {
        ours[q.name].push(a);
        theirs[q.name].push(b);
      }
    }
  }
  resetView();
  if (sink < 0) console.log(sink);
  return { ours, theirs };
}

/** Same answers, or the comparison means nothing. */
function agree(): boolean {
  resetView();
  view.setValues('地区', [region(1)]);
  const ours = view.totals!;
  const theirs = byRegion(1).rollup(sums).object() as Record<string, number>;
  view.breakdown = '关键词';
  const segments = view.segments;
  const grouped = byRegion(1).groupby('keyword').rollup(sums).objects() as {
    keyword: string;
    ord: number;
  }[];
  const orders = new Map(segments.map((s) => [s.value, s.counts[4]]));
  // The split trend: every branch's month of orders as arquero sums it.
  view.splitBy = '分公司';
  const split = new Map<string, number>();
  for (const s of view.splitTrend!.series)
    for (const p of s.periods) {
      const d = new Date(p.start * 86_400_000);
      if (p.rows > 0)
        split.set(`${s.value} ${d.getUTCFullYear() * 100 + d.getUTCMonth()}`, p.counts[4]);
    }
  const months = byMonthAndBranch(byRegion(1)) as { branch: string; p: number; ord: number }[];
  const same =
    ours.rows > 0 &&
    ours.counts[0] === theirs.imp &&
    ours.counts[4] === theirs.ord &&
    Math.abs((ours.cost ?? 0) - theirs.cost) < 1e-6 * theirs.cost &&
    grouped.length === segments.length &&
    grouped.every((g) => orders.get(g.keyword) === g.ord) &&
    months.length === split.size &&
    months.every((m) => split.get(`${m.branch} ${m.p}`) === m.ord);
  resetView();
  return same;
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
  // The trend screen opens in stages, its table last: time changes to a screen fully drawn.
  while (!document.querySelector('table[data-trend]')) await painted();
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
      // The step drawn: days over two years are more than a chart holds, so they show by week.
      if (!document.querySelector(`table[data-trend="${view.trend!.step}"]`))
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
  compare,
  agree,
  screen,
};
