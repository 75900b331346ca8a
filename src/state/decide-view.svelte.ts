/**
 * What the decide screens (Diagnose, What-if, Plan) all start from: the open dataset, the totals
 * of the current view, its stage ids and labels, the paid stage, and the target funnel kept for
 * this slice and period, resolved against today's funnel (a blank top takes today's top count,
 * a blank step rate keeps today's rate).
 */
import type { FunnelTotals } from '../core/engine/aggregate';
import { paidStageOf, stepRates } from '../core/decide/scenario';
import { resolveTarget, type ResolvedTarget } from '../core/decide/targets';
import { plans, targetKey } from './plans.svelte';
import { view } from './view.svelte';
import { workspace, type Dataset } from './workspace.svelte';

class DecideView {
  readonly dataset: Dataset | null = $derived(workspace.active);
  readonly totals: FunnelTotals | null = $derived(view.totals);
  readonly ids: string[] = $derived(view.funnel?.ids ?? []);
  readonly labels: string[] = $derived(view.funnel?.labels ?? []);
  readonly currency: string = $derived(this.dataset?.report?.currency ?? '');
  readonly paidStage: number = $derived(paidStageOf(this.ids));
  /** Where this view's target funnel is kept. */
  readonly targetKey: string = $derived(targetKey(view.clauses));

  readonly target: ResolvedTarget | null = $derived.by(() => {
    const ds = this.dataset;
    const totals = this.totals;
    const input = ds ? plans.target(ds.id, this.targetKey) : null;
    return input && totals
      ? resolveTarget(input, this.ids, totals.counts[0] ?? null, stepRates(totals.counts))
      : null;
  });

  /** Why there is nothing to decide on (an i18n key), or null when there is a funnel. */
  readonly problem: string | null = $derived(
    !this.dataset || !this.totals || !view.funnel
      ? 'decide.noFunnel'
      : this.ids.length < 2
        ? 'decide.needTwoStages'
        : null,
  );
}

export const decideView = new DecideView();
