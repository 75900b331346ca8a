/**
 * Sharing, both ways. Out: the snapshot of what the view shows now (aggregates only). In: a
 * snapshot from a link's `#s=` (or from a share file), shown read-only until the reader chooses
 * "Save to my workspaces"; a damaged or hostile link gives a message and changes nothing.
 */
import { groupBy } from '../core/engine/groupby';
import { dayText } from '../core/engine/period';
import {
  editsOf,
  plans,
  PLANS_VERSION,
  targetKey,
  type PlansData,
  type SavedScenario,
} from './plans.svelte';
import {
  decodeShare,
  shareParam,
  withoutShare,
  SHARE_VERSION,
  type ShareProblem,
  type ShareSnapshot,
} from '../persist/share';
import { snapshotDataset } from '../persist/share-table';
import type { FunnelTotals } from '../core/engine/aggregate';
import type { Aggregates } from '../persist/share';
import { t } from '../i18n/i18n.svelte';
import { keeper } from './autosave.svelte';
import { view } from './view.svelte';
import { newId, workspace } from './workspace.svelte';

const aggregates = (x: FunnelTotals): Aggregates => ({
  counts: [...x.counts],
  cost: x.cost,
  revenue: x.revenue,
  rows: x.rows,
});

/** The view's filters and period in words, as the reader of a link should see them. */
export function sliceWords(): string[] {
  return view.clauses.map((c) =>
    c.predicate.kind === 'values'
      ? `${c.field}: ${c.predicate.values.join(', ')}`
      : `${c.field}: ${dayText(c.predicate.from)} – ${dayText(c.predicate.to)}`,
  );
}

/** Whether the view has a breakdown whose aggregates could go along. */
export function breakdownField(): string | null {
  const f = view.breakdown;
  return f && view.column(f) ? f : null;
}

/**
 * The snapshot of what is on screen: spec, totals of the selection, optionally one total per
 * breakdown segment, the target for this slice and the named scenarios. Null without a funnel.
 */
export function currentSnapshot(withBreakdown: boolean): ShareSnapshot | null {
  const ds = workspace.active;
  const totals = view.totals;
  const funnel = view.funnel;
  if (!ds || !totals || !funnel) return null;
  const field = withBreakdown ? breakdownField() : null;
  const col = field ? view.column(field) : null;
  const mine = plans.of(ds.id);
  return {
    v: SHARE_VERSION,
    title: ds.name,
    createdAt: Date.now(),
    currency: ds.report?.currency ?? '',
    spec: ds.spec,
    slice: sliceWords(),
    totals: aggregates(totals),
    breakdown:
      field && col
        ? {
            column: field,
            segments: groupBy(funnel, col, view.rows).map((s) => ({
              value: s.value,
              totals: aggregates(s),
            })),
          }
        : null,
    target: plans.target(ds.id, targetKey(view.clauses)),
    scenarios: mine.scenarios.map((s) => ({ name: s.name, edits: editsOf(s, funnel.ids) })),
  };
}

/** The plans a saved share starts with: its target for the whole (shared) slice, its scenarios. */
function plansOf(snap: ShareSnapshot, datasetId: string): PlansData {
  const ids = snap.spec.stages.map((s) => s.id);
  const scenarios: SavedScenario[] = snap.scenarios.map((s) => ({
    id: newId('scn'),
    name: s.name,
    top: s.edits.top,
    budget: s.edits.budget,
    costPerUnit: s.edits.costPerUnit,
    averageValue: s.edits.averageValue,
    rates: Object.fromEntries(
      s.edits.rates.flatMap((r, k) => (r && k > 0 && k < ids.length ? [[ids[k], r]] : [])),
    ),
  }));
  return {
    version: PLANS_VERSION,
    datasets: {
      [datasetId]: {
        targets: snap.target ? { [targetKey([])]: snap.target } : {},
        draft: null,
        scenarios,
        compare: [],
        goal: null,
        split: null,
        plannedTop: null,
      },
    },
  };
}

class Shared {
  #snapshot = $state.raw<ShareSnapshot | null>(null);
  #problem = $state.raw<{ key: string; detail: string } | null>(null);
  #reading = 0;

  /** The snapshot being shown, or null when the app shows the user's own workspace. */
  get snapshot(): ShareSnapshot | null {
    return this.#snapshot;
  }
  /** Why the last incoming link could not be opened. */
  get problem(): { key: string; detail: string } | null {
    return this.#problem;
  }

  /** Read `#s=` now and whenever the fragment changes (a link pasted into an open tab). */
  connect(): () => void {
    void this.readHash(location.hash);
    const onChange = () => void this.readHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }

  async readHash(hash: string): Promise<void> {
    const text = shareParam(hash);
    if (text === null) return;
    const reading = ++this.#reading;
    const r = await decodeShare(text);
    if (reading !== this.#reading) return;
    if (r.ok) this.show(r.snapshot);
    else this.#fail(r.problem, r.detail);
  }

  #fail(problem: ShareProblem, detail: string): void {
    this.#snapshot = null;
    this.#problem = { key: `share.problem.${problem}`, detail };
    this.#dropFromAddress();
  }

  /** Show a snapshot (from a link or a share file). */
  show(snapshot: ShareSnapshot): void {
    this.#snapshot = snapshot;
    this.#problem = null;
  }

  dismissProblem(): void {
    this.#problem = null;
  }

  /** Back to the user's own workspace; the link leaves the address bar (the explore part stays). */
  close(): void {
    this.#snapshot = null;
    this.#dropFromAddress();
  }

  #dropFromAddress(): void {
    if (shareParam(location.hash) === null) return;
    const rest = withoutShare(location.hash);
    history.replaceState(history.state, '', rest || location.pathname + location.search);
  }

  /** Keep the shared view as a workspace of the reader's own, and open it. */
  async save(): Promise<void> {
    const snap = this.#snapshot;
    if (!snap) return;
    const { table, spec } = snapshotDataset(snap);
    const id = newId('ds');
    const dataset = { id, name: snap.title, importedAt: Date.now(), table, spec, report: null };
    this.close();
    await keeper.startNew(t('share.savedName', { title: snap.title }), {
      datasets: [dataset],
      activeId: id,
      view: null,
      plans: plansOf(snap, id),
    });
  }
}

export const shared = new Shared();
