/**
 * The sales manager's review over the view (DOMAIN.md §9): the level a view stands on and its
 * peers, the scorecard of a level's members against their targets, stalled deals, the forecast of
 * open deals (expected close, categories, a range from history) and creation-cohort maturity.
 *
 * What deals usually do (how long they sit in a stage, how long they take to a win, how long to
 * close) is measured over the whole dataset: one norm for every slice, so a person is not held to
 * his own slow habits. The scorecard covers every member of its level under the view's other
 * clauses; the stalled list and the forecast cover the view's selection.
 */
import { categoryForecast, type CategoryForecast } from '../core/decide/forecast-categories';
import { expectedClose, remainingDays, type ExpectedClose } from '../core/decide/forecast-close';
import { pipelineForecast, type PipelineForecast } from '../core/decide/forecast';
import { winForecast, type WinForecast } from '../core/decide/forecast-wins';
import { creationCohorts, typicalWinDays, type Cohort } from '../core/decide/cohorts';
import { peerLevel, peopleField, type PeerLevel } from '../core/decide/peers';
import { stepRates } from '../core/decide/scenario';
import {
  parseQuotaCsv,
  scorecard,
  splitTargets,
  type QuotaProblem,
  type ScoreRow,
} from '../core/decide/scorecard';
import {
  asOfDay,
  recordIdColumn,
  stallLines,
  stalledBy,
  stalledDeals,
  type StallLine,
  type StalledDeal,
} from '../core/decide/stalled';
import { resolveTarget, targetKey } from '../core/decide/targets';
import { lastDay, type RecordModel } from '../core/engine/records';
import type { Clause } from '../core/engine/slice';
import type { Plans } from './plans.svelte';
import type { View } from './view.svelte';

/** What importing targets per member did: how many were kept and which names are not members. */
export type QuotaImport =
  { ok: true; kept: number; unknown: string[] } | { ok: false; problems: QuotaProblem[] };

/** Today as a day number (days since 1970-01-01, UTC). */
const today = (): number => Math.floor(Date.now() / 86_400_000);

export class Review {
  constructor(
    private readonly view: View,
    private readonly plans: Plans,
  ) {}

  /** The one member of one level this view is narrowed to, if any (its peers are its siblings). */
  readonly peerLevel: PeerLevel | null = $derived.by(() =>
    peerLevel(
      this.view.hierarchy,
      this.view.clauses.flatMap((c) =>
        c.predicate.kind === 'values' ? [{ field: c.field, values: c.predicate.values }] : [],
      ),
    ),
  );

  /** The people level (负责人, Owner …): the scorecard's first level and the deals' owner. */
  readonly people: string | null = $derived.by(() =>
    peopleField(this.view.hierarchy, this.view.dimensions),
  );

  #level = $state<string | null>(null);
  /** The scorecard's level: the one chosen, else the people level, else the first dimension. */
  get level(): string | null {
    const chosen = this.#level;
    const dims = this.view.dimensions;
    if (chosen && dims.includes(chosen)) return chosen;
    return this.people ?? dims[0] ?? null;
  }
  set level(field: string | null) {
    this.#level = field;
  }

  /** Record data (one row per deal), or null for other funnels. */
  readonly model: RecordModel | null = $derived.by(() => this.view.funnel?.records ?? null);

  /** The day stall days are counted to: the data's last day, or today when the data is current. */
  readonly asOf: number | null = $derived.by(() => {
    const last = this.model ? lastDay(this.model) : null;
    return last === null ? null : asOfDay(last, today());
  });

  /** Each stage's stall line, over the whole dataset. */
  readonly stallLines: StallLine[] = $derived(this.model ? stallLines(this.model, null) : []);

  /** The column naming each deal (商机编号 …), or null: deals are then named by file line. */
  readonly idColumn: string | null = $derived.by(() =>
    this.view.table ? recordIdColumn(this.view.table) : null,
  );

  /** Stalled open deals of the view's selection, longest over first. */
  readonly stalled: StalledDeal[] = $derived.by(() => {
    const model = this.model;
    const asOf = this.asOf;
    return model && asOf !== null ? stalledDeals(model, this.view.rows, this.stallLines, asOf) : [];
  });

  /** Stalled open deals of every member of the level (the scorecard's rows), longest over first. */
  readonly scopeStalled: StalledDeal[] = $derived.by(() => {
    const model = this.model;
    const asOf = this.asOf;
    const field = this.level;
    if (!model || asOf === null || !field) return [];
    return stalledDeals(model, this.view.rowsWith({ field }), this.stallLines, asOf);
  });

  /** The view's clauses without the level's own: every member of the level under the rest. */
  #scope(field: string): Clause[] {
    return this.view.clauses.filter((c) => c.field !== field);
  }

  /** The stage targets are set at: the split's stage when the level's target is split, else the last. */
  readonly targetStage: number = $derived.by(() => {
    const ids = this.view.funnel?.ids ?? [];
    const ds = this.view.dataset;
    const split = ds ? this.plans.of(ds.id).split : null;
    const k = split && split.field === this.level ? ids.indexOf(split.stage) : -1;
    return k >= 0 ? k : ids.length - 1;
  });

  /** The scorecard of the level, in rank order. */
  readonly scorecard: ScoreRow[] = $derived.by(() => {
    const field = this.level;
    const ds = this.view.dataset;
    const funnel = this.view.funnel;
    if (!field || !ds || !funnel || funnel.ids.length < 2) return [];
    const members = this.view.segmentsOf(field);
    const at = this.targetStage;
    const col = this.view.column(field);
    const stalled = col ? stalledBy(this.scopeStalled, col) : null;
    const plans = this.plans.of(ds.id);
    const split = plans.split && plans.split.field === field ? plans.split : null;
    const fromSplit = split
      ? splitTargets(
          split,
          members.map((m) => [m.value, m.counts[at]] as const),
        )
      : null;
    const scope = this.#scope(field);
    return scorecard(
      members.map((m) => {
        // A target kept for this member's own slice (set on Diagnose) comes first.
        const own = this.plans.target(
          ds.id,
          targetKey([
            ...scope,
            { source: 'filter', field, predicate: { kind: 'values', values: [m.value] } },
          ]),
        );
        const resolved = own
          ? resolveTarget(own, funnel.ids, m.counts[0], stepRates(m.counts)).counts[at]
          : null;
        return {
          member: m.value,
          counts: m.counts,
          target: resolved ?? fromSplit?.get(m.value) ?? null,
          stalled: stalled?.get(m.value) ?? 0,
        };
      }),
      at,
    );
  });

  /**
   * Keep targets per member from a "member, target" CSV, at the last stage, as the level's target
   * split by weights: the Plan screen's split then shows the same quotas, and they are saved with
   * the plans. Names that are not members here are kept too (a filter may hide them) and named.
   */
  importQuotas(text: string): QuotaImport {
    const ds = this.view.dataset;
    const field = this.level;
    const stage = this.view.funnel?.ids.at(-1);
    const parsed = parseQuotaCsv(text);
    if (!parsed.ok) return parsed;
    if (!ds || !field || stage === undefined)
      return { ok: false, problems: [{ key: 'review.noLevel', params: {} }] };
    const members = this.view.segmentsOf(field).map((s) => s.value);
    const unknown = parsed.quotas.filter(([m]) => !members.includes(m)).map(([m]) => m);
    this.plans.setSplit(ds.id, {
      field,
      stage,
      method: 'weights',
      weights: Object.fromEntries(parsed.quotas),
      total: parsed.quotas.reduce((sum, [, q]) => sum + q, 0),
    });
    return { ok: true, kept: parsed.quotas.length - unknown.length, unknown };
  }

  // --- the forecast of open deals ---

  /** Median days from entering each stage to the win, over the whole dataset. */
  readonly remaining: (number | null)[] = $derived(
    this.model ? remainingDays(this.model, null) : [],
  );

  /** Each open deal's expected close day (the close-date column, else the estimate). */
  readonly close: ExpectedClose | null = $derived.by(() => {
    const model = this.model;
    const asOf = this.asOf;
    return model && asOf !== null
      ? expectedClose(model, this.view.rows, asOf, this.remaining)
      : null;
  });

  /** Open deals weighted by win probability, by expected close month. */
  readonly byMonth: PipelineForecast | null = $derived.by(() =>
    this.model && this.close ? pipelineForecast(this.model, this.view.rows, this.close.days) : null,
  );

  /** Open deals by forecast category (commit, best case, pipeline). */
  readonly categories: CategoryForecast | null = $derived.by(() =>
    this.model && this.close && this.asOf !== null
      ? categoryForecast(this.model, this.view.rows, this.close.days, this.asOf)
      : null,
  );

  /** Wins to expect from the history of stage-to-win rates, with its range. */
  readonly wins: WinForecast | null = $derived.by(() =>
    this.model && this.asOf !== null ? winForecast(this.model, this.view.rows, this.asOf) : null,
  );

  // --- cohort maturity ---

  /** The typical time to a win (median days from creation, over won deals). */
  readonly typicalWin: number | null = $derived.by(() =>
    this.model ? typicalWinDays(this.model, null) : null,
  );

  /** Creation cohorts of the selection over all dates, oldest first, marked mature or not. */
  readonly cohorts: Cohort[] = $derived.by(() => {
    const model = this.model;
    const asOf = this.asOf;
    if (!model || asOf === null) return [];
    return creationCohorts(model, this.view.rowsWith({ source: 'date' }), asOf, this.typicalWin);
  });
}
