/**
 * What the decide screens (Diagnose, What-if, Plan) all start from: the open dataset, the totals
 * of the current view, its stage ids, labels and shown names, the paid stage, and the target
 * funnel kept for this slice and period, resolved against today's funnel (a blank top takes
 * today's top count, a blank step rate keeps today's rate).
 */
import type { FunnelTotals } from '../core/engine/aggregate';
import { paidStageOf, stepRates } from '../core/decide/scenario';
import { resolveTarget, targetKey, type ResolvedTarget } from '../core/decide/targets';
import type { Dataset } from '../core/spec/dataset';
import { stageNames } from '../core/spec/stage-names';
import { i18n } from '../i18n/i18n.svelte';
import type { Plans } from './plans.svelte';
import { Review } from './review.svelte';
import type { View } from './view.svelte';

export class DecideView {
  /** The manager's review of people, stalled deals, forecast and cohorts (review.svelte.ts). */
  readonly review: Review;

  /** The decide screens' common ground over `view`, with the targets kept in `plans`. */
  constructor(
    private readonly view: View,
    private readonly plans: Plans,
  ) {
    this.review = new Review(view, plans);
  }

  readonly dataset: Dataset | null = $derived.by(() => this.view.dataset);
  readonly totals: FunnelTotals | null = $derived.by(() => this.view.totals);
  readonly ids: string[] = $derived.by(() => this.view.funnel?.ids ?? []);
  /** The file's stage labels: what `data-stage` attributes and the data itself name stages by. */
  readonly labels: string[] = $derived.by(() => this.view.funnel?.labels ?? []);
  /**
   * The stages as the reader reads them, one per label: a template's stage in the reader's
   * language (Impressions / 展现量), any other as labelled. Every sentence, caption and chart
   * label of the decide screens uses these, so an English reader of a Chinese export reads
   * "Impressions volume", not "展现量 volume".
   */
  readonly names: string[] = $derived.by(() => {
    const shown = stageNames(this.view.spec, i18n.locale);
    return shown.length === this.labels.length ? shown : this.labels;
  });
  readonly currency: string = $derived(this.dataset?.report?.currency ?? '');
  readonly paidStage: number = $derived(paidStageOf(this.ids));
  /** Where this view's target funnel is kept. */
  readonly targetKey: string = $derived.by(() => targetKey(this.view.clauses));

  readonly target: ResolvedTarget | null = $derived.by(() => {
    const ds = this.dataset;
    const totals = this.totals;
    const input = ds ? this.plans.target(ds.id, this.targetKey) : null;
    return input && totals
      ? resolveTarget(input, this.ids, totals.counts[0] ?? null, stepRates(totals.counts))
      : null;
  });

  /** Why there is nothing to decide on (an i18n key), or null when there is a funnel. */
  readonly problem: string | null = $derived.by(() =>
    !this.dataset || !this.totals || !this.view.funnel
      ? 'decide.noFunnel'
      : this.ids.length < 2
        ? 'decide.needTwoStages'
        : null,
  );
}
