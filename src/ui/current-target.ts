/**
 * The target funnel of the current view (its slice and period), resolved against today's
 * funnel: a blank top takes today's top count and a blank step rate keeps today's rate.
 * Read inside a $derived, it follows the view and the plans.
 */
import { stepRates } from '../core/scenario';
import { resolveTarget, type ResolvedTarget } from '../core/targets';
import { plans, targetKey } from '../state/plans.svelte';
import { view } from '../state/view.svelte';

export function currentTarget(
  datasetId: string,
  ids: readonly string[],
  counts: readonly number[],
): ResolvedTarget | null {
  const input = plans.target(datasetId, targetKey(view.clauses));
  return input ? resolveTarget(input, ids, counts[0] ?? null, stepRates(counts)) : null;
}
