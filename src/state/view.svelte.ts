/**
 * The explore view: how the open dataset is being cut. Filters, date range, granularity,
 * breakdown, organisation drill path, comparison and the active screen, and from them the
 * selected rows and the funnel totals every screen shows.
 *
 * Recomputation is synchronous and lazy ($derived): a change marks the selection stale, and it
 * is rebuilt once, on the next read, from the newest state only; nothing queues. The state
 * lives in the URL fragment (`#v=`), so a view can be bookmarked and survives a reload.
 */
import { untrack } from 'svelte';
import { aggregate, type FunnelTotals } from '../core/engine/aggregate';
import type { CompiledFunnel } from '../core/engine/compile';
import { eventFunnelFor } from '../core/engine/events-compile';
import { eventSegments, eventTotals } from '../core/engine/events-people';
import { funnelMetrics, type FunnelMetrics } from '../core/engine/funnel';
import {
  dayText,
  defaultPeriod,
  fittedGranularity,
  parseDay,
  previousRange,
  sameRangeLastYear,
  type DayRange,
  type Granularity,
  type Step,
} from '../core/engine/period';
import { recordMetrics, type RecordMetrics } from '../core/engine/pipeline';
import { dayExtent, select, valueCounts, type Clause } from '../core/engine/slice';
import {
  dailyTotals,
  dayKeys,
  rollUp,
  splitDaily,
  trendOf,
  type DayKeys,
  type FittedSplit,
  type PeriodTotals,
  type Trend,
} from '../core/engine/trend';
import { groupBy, type SegmentTotals } from '../core/engine/groupby';
import { conversionMatrix, type MatrixRow } from '../core/engine/matrix';
import { dateColumn, textColumn, type Table, type TextColumn } from '../core/table/table';
import type { Dataset } from '../core/spec/dataset';
import { DEFAULT_VIEW, type CompareMode, type ViewState } from './view-hash';
import type { DatasetSource } from './workspace.svelte';
import { EventView } from './event-view.svelte';

export type { CompareMode } from './view-hash';
export type { FunnelTotals } from '../core/engine/aggregate';

/** A side of a period comparison: its days and the slice's totals over them. */
export interface PeriodSide {
  range: DayRange;
  totals: FunnelTotals;
}
export interface PeriodPair {
  current: PeriodSide;
  base: PeriodSide;
}

/** The trend split by a dimension: one series of periods per value. */
export interface SplitTrend {
  field: string;
  step: Step;
  series: { value: string; periods: PeriodTotals[] }[];
  /** Values with rows that were not split (past what one pass can hold). */
  left: number;
}

/** One clause of the view, ready to be put in words. */
export type SlicePart =
  { field: string; values: readonly string[] } | { field: string; from: number; to: number };

/** Which kinds of clause a derived selection leaves out. */
export type Without = { field?: string; source?: string };

export class View {
  /** A view over `source`: the session's workspace, or a read-only snapshot of a shared link. */
  constructor(private readonly source: DatasetSource) {
    source.onSwitch?.((from, to) => this.#switch(from, to));
  }

  /**
   * Each dataset's view as the user left it, by dataset id: a filter or date range belongs to
   * the data it was set on (another file's dates would show zero rows), and comes back with it.
   */
  // Read only when switching, never by a template: a plain Map, not a reactive one.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #kept = new Map<string, ViewState>();

  #filters = $state.raw<ViewState['filters']>([]);
  #range = $state.raw<DayRange | null>(null);
  /** The granularity chosen by hand or by bookmark; null: fitted to the data's span. */
  #granularity = $state<Granularity | null>(DEFAULT_VIEW.granularity);
  #breakdown = $state<string | null>(null);
  #drill = $state.raw<string[]>([]);
  #compare = $state<CompareMode>(DEFAULT_VIEW.compare);
  #pair = $state.raw<ViewState['pair']>(null);
  #tab = $state(DEFAULT_VIEW.tab);
  /** Why the last bookmark could not be restored (an i18n key's parameter), or null. */
  #hashProblem = $state<string | null>(null);

  // --- what the view is looking at ---

  readonly dataset: Dataset | null = $derived.by(() => this.source.active);
  readonly table: Table | null = $derived(this.dataset?.table ?? null);
  readonly spec = $derived(this.dataset?.spec ?? null);
  /** The open dataset's funnel, compiled, with its problems. */
  readonly compiled = $derived.by(() => this.source.compiled);
  /**
   * The funnel every screen sums. Event data runs its rule over the events the filters keep
   * (not the date range: a range chooses people by their entry, see `rows`), so a new date
   * range or period re-sums entries and never re-runs the rule.
   */
  readonly funnel: CompiledFunnel | null = $derived.by(() => {
    const f = this.compiled.funnel;
    return f?.events ? eventFunnelFor(f, this.#eventRows) : f;
  });
  /** Event data's own figures (time to convert, skipped steps, drop-off, maturity). */
  readonly events = new EventView(this);
  /** The data's currency symbol ('¥', '$' or ''). */
  readonly currency: string = $derived(this.dataset?.report?.currency ?? '');

  /** The date column periods use, when the dataset has one. */
  readonly dateField: string | null = $derived.by(() => {
    const name = this.spec?.date;
    return name && this.table && dateColumn(this.table, name) ? name : null;
  });

  /** Organisation levels (分公司 → 团队 → 负责人) present in the table. */
  readonly hierarchy: string[] = $derived.by(() => {
    const table = this.table;
    return table ? (this.spec?.hierarchy ?? []).filter((f) => textColumn(table, f)) : [];
  });

  /** Text columns offered as filters and breakdowns: the organisation levels first. */
  readonly dimensions: string[] = $derived.by(() => {
    const table = this.table;
    if (!table) return [];
    const names = [...this.hierarchy, ...(this.spec?.dimensions ?? [])];
    return names.filter((f, i) => names.indexOf(f) === i && textColumn(table, f));
  });

  /** First and last day of the whole dataset: presets count back from its end. */
  readonly dataExtent: DayRange | null = $derived.by(() => {
    const col = this.table && this.dateField ? dateColumn(this.table, this.dateField) : undefined;
    return col ? dayExtent(col, null) : null;
  });

  /** Each row's day as a small key, once per table: the trend sums per day from it. */
  readonly dayKeys: DayKeys | null = $derived.by(() => {
    const col = this.table && this.dateField ? dateColumn(this.table, this.dateField) : undefined;
    return col ? dayKeys(col) : null;
  });

  // --- state, read ---

  get filters(): ViewState['filters'] {
    return this.#filters;
  }
  get range(): DayRange | null {
    return this.#range;
  }
  /** The granularity of every time axis: the one chosen, else the one the data's span suits. */
  get granularity(): Granularity {
    return this.#granularity ?? this.fittedGranularity;
  }
  set granularity(g: Granularity) {
    this.#granularity = g;
  }
  /** Days up to about two months of data, weeks up to about six, then months. */
  readonly fittedGranularity: Granularity = $derived(
    this.dataExtent ? fittedGranularity(this.dataExtent) : 'month',
  );
  get drill(): string[] {
    return this.#drill;
  }
  get compare(): CompareMode {
    return this.#compare;
  }
  set compare(mode: CompareMode) {
    this.#compare = mode;
  }
  get pair(): ViewState['pair'] {
    return this.#pair;
  }
  set pair(p: ViewState['pair']) {
    this.#pair = p;
  }
  get tab(): string {
    return this.#tab;
  }
  set tab(id: string) {
    this.#tab = id;
  }
  get hashProblem(): string | null {
    return this.#hashProblem;
  }
  dismissHashProblem(): void {
    this.#hashProblem = null;
  }

  /** The breakdown dimension: the chosen one, else the next organisation level, else the first. */
  #breakdownField: string | null = $derived.by(() => {
    const chosen = this.#breakdown;
    if (chosen && this.dimensions.includes(chosen)) return chosen;
    const h = this.hierarchy;
    return h[this.#drill.length] ?? h.at(-1) ?? this.dimensions[0] ?? null;
  });
  get breakdown(): string | null {
    return this.#breakdownField;
  }
  set breakdown(field: string | null) {
    this.#breakdown = field;
  }

  // --- filters ---

  /** The values chosen for a field ([] = no filter on it). */
  chosen(field: string): string[] {
    return this.#filters.find((f) => f.field === field)?.values ?? [];
  }

  /** Set a field's chosen values; an empty list removes the filter. */
  setValues(field: string, values: string[]): void {
    const rest = this.#filters.filter((f) => f.field !== field);
    this.#filters = values.length ? [...rest, { field, values: [...values] }] : rest;
  }

  toggle(field: string, value: string): void {
    const now = this.chosen(field);
    this.setValues(field, now.includes(value) ? now.filter((v) => v !== value) : [...now, value]);
  }

  only(field: string, value: string): void {
    this.setValues(field, [value]);
  }

  clear(field: string): void {
    this.setValues(field, []);
  }

  clearAll(): void {
    this.#filters = [];
    this.#range = null;
    this.#drill = [];
  }

  setRange(range: DayRange | null): void {
    if (range && range.from > range.to) range = { from: range.to, to: range.from };
    this.#range = range ? { from: Math.floor(range.from), to: Math.floor(range.to) } : null;
  }

  // --- organisation drill-down ---

  /** True when clicking a segment of `field` drills into it. */
  canDrill(field: string): boolean {
    const k = this.hierarchy.indexOf(field);
    return k >= 0 && k === this.#drill.length && k < this.hierarchy.length - 1;
  }

  /** Drill into one value of the current organisation level: filter to it, break down by the next. */
  drillInto(value: string): void {
    const k = this.#drill.length;
    if (k >= this.hierarchy.length - 1) return;
    this.#drill = [...this.#drill, value];
    this.#breakdown = this.hierarchy[k + 1];
  }

  /** Back up the breadcrumb to level `k` (0 = everything). */
  drillTo(k: number): void {
    this.#drill = this.#drill.slice(0, k);
    this.#breakdown = this.hierarchy[k] ?? this.#breakdown;
  }

  // --- the selection ---

  /** Every clause of the view, for the open table. */
  readonly clauses: Clause[] = $derived.by(() => {
    const out: Clause[] = this.#filters.map((f) => ({
      source: 'filter',
      field: f.field,
      predicate: { kind: 'values', values: f.values },
    }));
    this.#drill.forEach((value, k) => {
      const field = this.hierarchy[k];
      if (field)
        out.push({ source: 'drill', field, predicate: { kind: 'values', values: [value] } });
    });
    if (this.#range && this.dateField) {
      out.push({
        source: 'date',
        field: this.dateField,
        predicate: { kind: 'range', ...this.#range },
      });
    }
    return out;
  });

  /** The clauses an event funnel's rule sees, as text: equal text, equal rule run. */
  #eventClauses: string = $derived(JSON.stringify(this.clauses.filter((c) => c.source !== 'date')));
  /** The rows the event funnel's rule runs over: every clause but the date range. */
  #eventRows: Uint32Array | null = $derived.by(() => {
    void this.#eventClauses;
    return untrack(() => this.rowsWith({ source: 'date' }));
  });

  /** The selected rows of the open table (ascending), or null for all rows. */
  readonly rows: Uint32Array | null = $derived(
    this.table ? select(this.table, this.clauses) : null,
  );

  /** Funnel totals over the selection. */
  readonly totals: FunnelTotals | null = $derived.by(() => {
    const funnel = this.funnel;
    if (!funnel) return null;
    // Event data without a date range: every person the rule counted, no pass over the rows.
    const ev = funnel.events;
    if (ev && this.rows === ev.selection)
      return eventTotals(ev.run, this.rows ? this.rows.length : ev.index.rowCount);
    return aggregate(funnel, this.rows);
  });

  /** Rates, drop-offs and costs of the selection's funnel. */
  readonly metrics: FunnelMetrics | null = $derived(this.#metricsOf(this.totals));

  /** The metrics of totals of this funnel. */
  #metricsOf(totals: FunnelTotals | null): FunnelMetrics | null {
    const funnel = this.funnel;
    if (!totals || !funnel) return null;
    return funnelMetrics(
      funnel.labels.map((label, k) => ({ label, count: totals.counts[k] })),
      totals.cost,
      totals.revenue,
    );
  }

  /** Record data's reach, win rate, pipeline and days in stage over the selection. */
  readonly records: RecordMetrics | null = $derived(
    this.funnel?.records ? recordMetrics(this.funnel.records, this.rows) : null,
  );

  /**
   * Record data's entries and exits within the date range (whenever a record was created), so
   * every clause of the view but the date range; null without record data.
   */
  readonly flows: RecordMetrics | null = $derived(
    this.funnel?.records
      ? recordMetrics(
          this.funnel.records,
          this.rowsWith({ source: 'date' }),
          this.#range ? { start: this.#range.from, end: this.#range.to + 1 } : null,
        )
      : null,
  );

  /**
   * The current period, one definition for Compare, Diagnose, Plan and the headline: the chosen
   * date range, else the latest period of the granularity whose previous period is also inside
   * the data (a 14-day export: its last 7 days, against the 7 before).
   */
  readonly period: DayRange | null = $derived.by(() => {
    const extent = this.dataExtent;
    if (!extent || !this.dateField) return null;
    return this.#range ?? defaultPeriod(extent, this.granularity);
  });

  /** The current slice (every clause but the date range) over another range of days. */
  totalsOver(range: DayRange): FunnelTotals | null {
    const funnel = this.funnel;
    const field = this.dateField;
    if (!funnel || !field) return null;
    const clause: Clause = { source: 'compare', field, predicate: { kind: 'range', ...range } };
    return aggregate(funnel, this.rowsWith({ source: 'date' }, [clause]));
  }

  /**
   * The current period and its baseline (the period before it, of equal length, or the same
   * days a year earlier), each with the slice's totals over it.
   */
  periodBaseline(mode: 'previous' | 'lastYear'): PeriodPair | null {
    const current = this.period;
    if (!current) return null;
    const base = mode === 'lastYear' ? sameRangeLastYear(current) : previousRange(current);
    const a = this.totalsOver(current);
    const b = this.totalsOver(base);
    return a && b
      ? { current: { range: current, totals: a }, base: { range: base, totals: b } }
      : null;
  }

  /**
   * The headline's change: the current period against the one before it, as metrics (cost per
   * order, ROI…), with the two ranges; null without dates.
   */
  readonly periodChange: {
    pair: PeriodPair;
    current: FunnelMetrics;
    base: FunnelMetrics;
  } | null = $derived.by(() => {
    const pair = this.periodBaseline('previous');
    const current = this.#metricsOf(pair?.current.totals ?? null);
    const base = this.#metricsOf(pair?.base.totals ?? null);
    return pair && current && base ? { pair, current, base } : null;
  });

  /** Every segment of `field` under every other clause (its own filter left out). */
  segmentsOf(field: string): SegmentTotals[] {
    const col = this.column(field);
    if (col && this.funnel?.events) return this.#eventSegmentsOf(col, field);
    return this.funnel && col ? groupBy(this.funnel, col, this.rowsWith({ field })) : [];
  }

  /** Every segment of `field` within the selection itself. */
  segmentsWithin(field: string): SegmentTotals[] {
    const col = this.column(field);
    return this.funnel && col ? this.#groupBy(this.funnel, col, this.rows) : [];
  }

  /**
   * Group-by of any funnel; an event funnel attributes each counted person by first or last
   * touch (its `touch` setting) rather than summing every event row.
   */
  #groupBy(funnel: CompiledFunnel, col: TextColumn, rows: Uint32Array | null): SegmentTotals[] {
    const ev = funnel.events;
    return ev ? eventSegments(ev.run, col, rows, ev.touch) : groupBy(funnel, col, rows);
  }

  /** Event data's segments of `field` under every other clause: the rule re-run without it. */
  #eventSegmentsOf(col: TextColumn, field: string): SegmentTotals[] {
    const own = this.clauses.some((c) => c.field === field);
    const compiled = this.compiled.funnel;
    if (!own || !compiled) return this.funnel ? this.#groupBy(this.funnel, col, this.rows) : [];
    const funnel = eventFunnelFor(compiled, this.rowsWith({ field, source: 'date' }));
    return this.#groupBy(funnel, col, this.rowsWith({ field }));
  }

  /** One segment of `field` under every other clause. */
  segmentTotals(field: string, value: string): FunnelTotals | null {
    if (!this.funnel) return null;
    const col = this.column(field);
    if (this.funnel.events && col) {
      const seg = this.#eventSegmentsOf(col, field).find((s) => s.value === value);
      return seg ?? { counts: this.funnel.labels.map(() => 0), cost: null, revenue: null, rows: 0 };
    }
    const clause: Clause = {
      source: 'compare',
      field,
      predicate: { kind: 'values', values: [value] },
    };
    return aggregate(this.funnel, this.rowsWith({ field }, [clause]));
  }

  /**
   * How many rows hold each value of `field` (by dictionary code) as its filter list shows them:
   * under every other clause, so choosing a value never hides the others.
   */
  valueCounts(field: string): Float64Array | null {
    const col = this.column(field);
    if (!col) return null;
    const own = this.clauses.some((c) => c.field === field);
    return valueCounts(col, own ? this.rowsWith({ field }) : this.rows);
  }

  /** The selection's complete weeks within the date range (or the whole data), for forecasts. */
  readonly weeks: PeriodTotals[] = $derived.by(() => {
    const covered = this.#range ?? this.dataExtent;
    if (!this.dayKeys || !this.funnel || !covered) return [];
    return rollUp(dailyTotals(this.funnel, this.dayKeys, this.rows), 'week', covered).filter(
      (w) => !w.incomplete,
    );
  });

  /**
   * The view's filters and period as parts to put in words (the reader's language and
   * punctuation are the screen's: see ui/controls/slice-words).
   */
  readonly sliceParts: SlicePart[] = $derived(
    this.clauses.map((c): SlicePart =>
      c.predicate.kind === 'values'
        ? { field: c.field, values: c.predicate.values }
        : { field: c.field, from: c.predicate.from, to: c.predicate.to },
    ),
  );

  /**
   * The selection without some clauses, plus extra ones: "every clause but its own" for a
   * control's choice counts, the trend (which shows all dates), and comparisons.
   */
  rowsWith(without: Without, extra: Clause[] = []): Uint32Array | null {
    if (!this.table) return null;
    const kept = this.clauses.filter(
      (c) =>
        !(without.field !== undefined && c.field === without.field) &&
        !(without.source !== undefined && c.source === without.source),
    );
    // Nothing left out and nothing added: the selection already made.
    if (kept.length === this.clauses.length && extra.length === 0) return this.rows;
    return select(this.table, [...kept, ...extra]);
  }

  /** The trend's rows: every clause but the date range (its own control). */
  #trendRows: Uint32Array | null = $derived(this.rowsWith({ source: 'date' }));
  /**
   * The trend's periods at the chosen granularity. Days are summed once per selection; a new
   * granularity only re-buckets them. The date range is the trend's own control (its brush),
   * so the trend leaves it out and shows the whole history around it.
   */
  #daily = $derived(
    this.funnel && this.dayKeys ? dailyTotals(this.funnel, this.dayKeys, this.#trendRows) : null,
  );
  /**
   * The trend as it can be drawn: at the chosen granularity, or coarser when that would make
   * more periods than a chart can show (a stray far-future date), with the step it took.
   */
  readonly trend: Trend | null = $derived(
    this.#daily && this.dataExtent ? trendOf(this.#daily, this.granularity, this.dataExtent) : null,
  );
  readonly periods: PeriodTotals[] = $derived(this.trend?.periods ?? []);

  /** The dimension the trend is split by (month × branch …); null: not split. */
  #splitBy = $state<string | null>(null);
  get splitBy(): string | null {
    return this.#splitBy;
  }
  set splitBy(field: string | null) {
    this.#splitBy = field;
  }
  /**
   * Days summed per value of the split dimension over the trend's rows, in one pass for every
   * value (not a selection and a sum per value), once per selection: a new granularity only
   * re-buckets. Event data is not split: its people are attributed by touch, not by row.
   */
  #splitDaily: FittedSplit | null = $derived.by(() => {
    const col = this.#splitBy ? this.column(this.#splitBy) : null;
    const funnel = this.funnel;
    if (!col || !funnel || funnel.events || !this.dayKeys) return null;
    return splitDaily(funnel, this.dayKeys, col, this.#trendRows);
  });
  /**
   * The trend split by `splitBy`: each value's periods at the trend's own step (so they line up
   * with it), with how many values did not fit (`left`, see splitDaily).
   */
  readonly splitTrend: SplitTrend | null = $derived.by(() => {
    const split = this.#splitDaily;
    const trend = this.trend;
    const covered = this.dataExtent;
    if (!split || !trend || !covered || !this.#splitBy) return null;
    return {
      field: this.#splitBy,
      step: trend.step,
      left: split.left,
      series: split.series.map((s) => ({
        value: s.value,
        periods: rollUp(s.daily, trend.step, covered),
      })),
    };
  });

  /** One conversion-matrix row per segment of the breakdown dimension, over the selection. */
  readonly segments: MatrixRow[] = $derived.by(() => {
    const col = this.breakdown ? this.column(this.breakdown) : null;
    return this.funnel && col ? conversionMatrix(this.#groupBy(this.funnel, col, this.rows)) : [];
  });

  /** The text column of a dimension in the open table. */
  column(field: string): TextColumn | null {
    return (this.table && textColumn(this.table, field)) ?? null;
  }

  // --- the URL fragment ---

  /** The state to bookmark. */
  get snapshot(): ViewState {
    return {
      filters: this.#filters,
      range: this.#range ? { from: dayText(this.#range.from), to: dayText(this.#range.to) } : null,
      granularity: this.#granularity,
      breakdown: this.#breakdown,
      drill: this.#drill,
      compare: this.#compare,
      pair: this.#pair,
      tab: this.#tab,
      ...(this.#splitBy === null ? {} : { split: this.#splitBy }),
    };
  }

  /**
   * Another dataset opened: keep this one's view with it, and show the other's as it was left,
   * or (never seen) with no filters and everything fitted to its data. The screen stays.
   * The first dataset of a session takes the view on screen (a bookmark opened before it).
   */
  #switch(from: string | null, to: string | null): void {
    if (from === null) return;
    this.#kept.set(from, this.snapshot);
    const kept = to === null ? undefined : this.#kept.get(to);
    this.restore({ ...(kept ?? DEFAULT_VIEW), tab: this.#tab });
  }

  /** Replace the whole state (a bookmark being restored). */
  restore(state: ViewState): void {
    this.#filters = state.filters;
    this.#range =
      state.range === null
        ? null
        : { from: parseDay(state.range.from)!, to: parseDay(state.range.to)! };
    this.#granularity = state.granularity;
    this.#breakdown = state.breakdown;
    this.#drill = state.drill;
    this.#compare = state.compare;
    this.#pair = state.pair;
    this.#tab = state.tab;
    this.#splitBy = state.split ?? null;
  }

  /** Say why a bookmark could not be restored (null: all well). */
  reportHashProblem(reason: string | null): void {
    this.#hashProblem = reason;
  }
}
