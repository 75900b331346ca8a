/**
 * Sharing, both ways. Out: the snapshot of what the view shows now (aggregates only). In: a
 * snapshot from a link's `#s=` (or from a share file), shown read-only until the reader chooses
 * "Save to my workspaces"; a damaged or hostile link gives a message and changes nothing.
 */
import { groupBy } from '../core/engine/groupby';
import { editsOf } from '../core/decide/scenario';
import { targetKey } from '../core/decide/targets';
import { PLANS_VERSION, type PlansData, type SavedScenario } from '../persist/plans-schema';
import {
  decodeShare,
  encodeShare,
  MAX_LINK_CHARS,
  shareParam,
  shareUrl,
  withoutShare,
  SHARE_VERSION,
  type ShareProblem,
  type ShareSnapshot,
} from '../persist/share';
import { shareFile } from '../persist/file';
import { snapshotDataset } from '../persist/share-table';
import type { FunnelTotals } from '../core/engine/aggregate';
import type { Aggregates } from '../persist/share';
import type { Dataset } from '../core/spec/dataset';
import type { Owners } from './live-state';
import { fileNameFor, type Workspaces } from './workspaces.svelte';
import { newId } from './workspace.svelte';

export type { ShareSnapshot } from '../persist/share';
export { MAX_LINK_CHARS } from '../persist/share';

/** A link made for the view, or its length when it is too long for a link (then: a file). */
export type ShareLink = { ok: true; link: string } | { ok: false; length: number };

const aggregates = (x: FunnelTotals): Aggregates => ({
  counts: [...x.counts],
  cost: x.cost,
  revenue: x.revenue,
  rows: x.rows,
});

/** A snapshot as a dataset of its own, whose funnel sums to exactly the shared totals. */
export function datasetOf(snap: ShareSnapshot): Dataset {
  const { table, spec } = snapshotDataset(snap);
  return {
    id: newId('ds'),
    name: snap.title,
    importedAt: snap.createdAt,
    table,
    spec,
    report: null,
  };
}

/** The plans a saved share starts with: its target for the whole (shared) slice, its scenarios. */
export function plansOf(snap: ShareSnapshot, datasetId: string): PlansData {
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

export class Shared {
  readonly #owners: Owners;
  readonly #workspaces: Pick<Workspaces, 'startNew'>;
  /** Shares what `owners` show; a shared view kept by the reader starts one of `workspaces`. */
  constructor(owners: Owners, workspaces: Pick<Workspaces, 'startNew'>) {
    this.#owners = owners;
    this.#workspaces = workspaces;
  }

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

  /** The view's breakdown, when it has one whose aggregates could go along. */
  get breakdownField(): string | null {
    const view = this.#owners.view;
    const f = view.breakdown;
    return f && view.column(f) ? f : null;
  }

  /**
   * The snapshot of what is on screen: spec, totals of the selection, optionally one total per
   * breakdown segment, the target for this slice and the named scenarios; `slice` is the view's
   * filters and period in the sharer's words. Null without a funnel.
   */
  snapshotOf(withBreakdown: boolean, slice: string[]): ShareSnapshot | null {
    const { view, plans } = this.#owners;
    const ds = view.dataset;
    const totals = view.totals;
    const funnel = view.funnel;
    if (!ds || !totals || !funnel) return null;
    const field = withBreakdown ? this.breakdownField : null;
    const col = field ? view.column(field) : null;
    const mine = plans.of(ds.id);
    return {
      v: SHARE_VERSION,
      title: ds.name,
      createdAt: Date.now(),
      currency: ds.report?.currency ?? '',
      spec: ds.spec,
      slice,
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

  /** A link to the view as it is now, for a page at `where` (the app's own address). */
  async link(withBreakdown: boolean, slice: string[], where: Location): Promise<ShareLink | null> {
    const snap = this.snapshotOf(withBreakdown, slice);
    if (!snap) return null;
    const encoded = await encodeShare(snap);
    return encoded.length > MAX_LINK_CHARS
      ? { ok: false, length: encoded.length }
      : { ok: true, link: shareUrl(where, encoded) };
  }

  /** The view as a share file (for views too large for a link). */
  file(withBreakdown: boolean, slice: string[]): { name: string; blob: Blob } | null {
    const snap = this.snapshotOf(withBreakdown, slice);
    if (!snap) return null;
    const blob = new Blob([shareFile(snap, Date.now())], { type: 'application/json' });
    return { name: fileNameFor(snap.title, 'share.json'), blob };
  }

  /** Keep the shared view as a workspace of the reader's own (called `name`), and open it. */
  async save(name: string): Promise<void> {
    const snap = this.#snapshot;
    if (!snap) return;
    const dataset = datasetOf(snap);
    const id = dataset.id;
    this.close();
    await this.#workspaces.startNew(name, {
      datasets: [dataset],
      activeId: id,
      view: null,
      plans: plansOf(snap, id),
    });
  }
}
