/**
 * The event funnel bench page: 5,000,000 seeded events (tests/bench/events-data.mjs) made ready
 * as an import makes them (prepareEvents), opened in a real Session, and the view's figures
 * timed after the changes a person makes: the window, a step, the order mode, a filter; time
 * to convert. The same funnel runs as SQL in DuckDB-WASM in this page and the counts are
 * cross-checked. Built only for the bench (tests/bench/events.bench.mjs).
 */
import { prepareEvents } from '../../../src/core/engine/events-import';
import { setEventSettings, setStepEvents } from '../../../src/core/spec/events-edit';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { textColumn, type Column, type Table } from '../../../src/core/table/table';
import { Session } from '../../../src/state/session.svelte';
import { EVENT_NAMES, PROPERTIES, makeEvents, personId } from '../events-data.mjs';
import { loadDuck, type DuckFunnel } from './duck';

const COUNT = Number(new URLSearchParams(location.search).get('events') ?? 5_000_000);

export interface EventsBench {
  info(): Record<string, number>;
  /** Milliseconds per run of each change, read through the view as a screen reads it. */
  ours(runs: number): Record<string, number[]>;
  /** DuckDB's milliseconds for the same funnel, all rows and one channel, and its counts. */
  duck(runs: number): Promise<{ ms: Record<string, number[]>; agree: boolean; counts: number[][] }>;
}
declare global {
  interface Window {
    fwEvents?: EventsBench;
  }
}

const status = (s: string) => (document.getElementById('status')!.textContent = s);

let t0 = performance.now();
const data = makeEvents(COUNT);
const generateMs = performance.now() - t0;

const text = (name: string, values: readonly string[], codes: ArrayLike<number>): Column => ({
  kind: 'text',
  name,
  type: 'category',
  dict: ['', ...values],
  codes: Int32Array.from(codes, (c) => c + 1),
});
const ids = Array.from({ length: data.people }, (_, p) => personId(p));
const raw: Table = {
  rowCount: COUNT,
  columns: [
    { ...text('用户ID', ids, data.person), type: 'id' } as Column,
    text('事件', EVENT_NAMES, data.event),
    {
      kind: 'date',
      name: '时间',
      type: 'date',
      hasTime: true,
      days: Float64Array.from(data.time as Float64Array, (s) => s / 86_400),
    },
    ...Object.entries(PROPERTIES).map(([name, values], j) => text(name, values, data.props[j])),
  ],
};
t0 = performance.now();
const table = prepareEvents(raw);
const prepareMs = performance.now() - t0;
t0 = performance.now();
const spec = recogniseSpec(table).spec;
const recogniseMs = performance.now() - t0;

const session = new Session();
const { view, workspace } = session;
workspace.add({ id: 'bench', name: 'events 5M', importedAt: 0, table, spec, report: null });
t0 = performance.now();
void view.totals;
const firstFunnelMs = performance.now() - t0;
status(`ready: ${COUNT} events`);

const channels = PROPERTIES['渠道'];
const base = () => workspace.active!.spec;
const setSpec = (s: typeof spec) => workspace.setSpec('bench', s);

/** Each change, then the figure a screen reads after it. */
const changes: Record<string, { setup: () => void; run: (i: number) => unknown }> = {
  window: {
    setup: () => setSpec(spec),
    run: (i) => {
      setSpec(setEventSettings(base(), { window: { value: i % 2 ? 3 : 7, unit: 'days' } }));
      return view.totals;
    },
  },
  step: {
    setup: () => setSpec(spec),
    run: (i) => {
      setSpec(setStepEvents(base(), 2, i % 2 ? ['加购', '收藏'] : ['加购']));
      return view.totals;
    },
  },
  // From one order mode to another, between the two slower ones: strictly in order, any order.
  order: {
    setup: () => setSpec(spec),
    run: (i) => {
      setSpec(setEventSettings(base(), { order: i % 2 ? 'any' : 'strict' }));
      return view.totals;
    },
  },
  filter: {
    setup: () => setSpec(spec),
    run: (i) => {
      view.setValues('渠道', [channels[i % channels.length]]);
      return view.totals;
    },
  },
  timeToConvert: {
    setup: () => setSpec(spec),
    run: (i) => {
      view.setValues('渠道', [channels[i % channels.length]]);
      return view.events.timing;
    },
  },
};

let duck: DuckFunnel | null = null;
let duckLoadMs = 0;

window.fwEvents = {
  info: () => ({
    events: COUNT,
    people: workspace.compiled.funnel?.events?.index.people ?? 0,
    eventNames: EVENT_NAMES.length,
    properties: Object.keys(PROPERTIES).length,
    generateMs,
    prepareMs,
    recogniseMs,
    firstFunnelMs,
    duckLoadMs,
  }),
  ours(runs) {
    const out: Record<string, number[]> = {};
    let sink = 0;
    for (const [name, c] of Object.entries(changes)) {
      view.clearAll();
      c.setup();
      void view.totals;
      // Two unmeasured warm-ups, then the runs.
      for (let i = -2; i < runs; i++) {
        const start = performance.now();
        sink += c.run(i + 2) ? 1 : 0;
        if (i >= 0) (out[name] ??= []).push(performance.now() - start);
      }
    }
    // The machine's own speed at the same moment: one pass summing 5,000,000 doubles (a few
    // milliseconds on an idle laptop), so figures taken on a busy machine can be read against it.
    const doubles = new Float64Array(5_000_000).fill(1);
    for (let i = -2; i < runs; i++) {
      const start = performance.now();
      let s = 0;
      for (let j = 0; j < doubles.length; j++) s += doubles[j];
      sink += s;
      if (i >= 0) (out.reference ??= []).push(performance.now() - start);
    }
    view.clearAll();
    setSpec(spec);
    if (sink < 0) console.log(sink);
    return out;
  },
  async duck(runs) {
    if (!duck) {
      const start = performance.now();
      const codes = (name: string) => Int32Array.from(textColumn(table, name)!.codes);
      // The same rows, in event order, as integer codes and seconds.
      const time = table.columns.find((c) => c.name === '时间');
      duck = await loadDuck({
        person: codes('用户ID'),
        event: codes('事件'),
        time:
          time?.kind === 'date' ? time.days.map((d) => Math.round(d * 86_400)) : new Float64Array(),
        channel: codes('渠道'),
      });
      duckLoadMs = performance.now() - start;
    }
    const ms: Record<string, number[]> = { all: [], channel: [] };
    const counts: number[][] = [];
    let agree = true;
    const channelCode = textColumn(table, '渠道')!.dict.indexOf(channels[0]);
    for (let i = 0; i < runs; i++) {
      for (const [key, only] of [
        ['all', null],
        ['channel', channelCode],
      ] as const) {
        const r = await duck.run(7 * 86_400, only);
        ms[key].push(r.ms);
        view.clearAll();
        if (only !== null) view.setValues('渠道', [channels[0]]);
        const ours = view.totals!.counts;
        if (i === 0) counts.push(r.counts, ours);
        agree &&= r.counts.every((v, k) => v === ours[k]);
      }
    }
    view.clearAll();
    return { ms, agree, counts };
  },
};
