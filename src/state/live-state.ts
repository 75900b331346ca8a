/**
 * The state a workspace revision keeps, read off the screen's three owners (the workspace's
 * datasets, the explore view, the decide plans) and put back onto them.
 */
import type { LiveState } from '../persist/repo';
import type { Table } from '../core/table/table';
import type { Plans } from './plans.svelte';
import type { View } from './view.svelte';
import { DEFAULT_VIEW, decodeView, encodeView } from './view-hash';
import type { Workspace } from './workspace.svelte';

/** The three owners of what a revision keeps. */
export interface Owners {
  readonly workspace: Workspace;
  readonly view: View;
  readonly plans: Plans;
}

/** A stable token per table object: tables never change in place, so identity is content. */
const tokens = new WeakMap<Table, number>();
let nextToken = 1;
function tokenOf(table: Table): number {
  let k = tokens.get(table);
  if (k === undefined) tokens.set(table, (k = nextToken++));
  return k;
}

/** The explore view as kept: its bookmark text, or null when it is the default view. */
function viewValue(view: View): string | null {
  const snap = view.snapshot;
  return JSON.stringify(snap) === JSON.stringify(DEFAULT_VIEW) ? null : encodeView(snap);
}

/** What is on screen now, as one revision would keep it. */
export function liveState({ workspace, view, plans }: Owners): LiveState {
  return {
    datasets: workspace.datasets,
    activeId: workspace.active?.id ?? null,
    view: viewValue(view),
    plans: plans.toJSON(),
  };
}

/** Cheap identity of a state: tables by token, everything else by value. */
export function fingerprint(s: LiveState): string {
  const ds = s.datasets.map((d) => [
    d.id,
    d.name,
    d.importedAt,
    tokenOf(d.table),
    d.spec,
    d.report,
  ]);
  return JSON.stringify([ds, s.activeId, s.view, s.plans]);
}

/**
 * Put a kept state on screen. The view is left alone when `keepView` (a reload whose address
 * bar holds the view: that is what was on screen, or a bookmark). Returns why the plans could
 * not be restored, or null.
 */
export function showState(
  { workspace, view, plans }: Owners,
  state: LiveState,
  keepView: boolean,
): string | null {
  workspace.replaceAll(state.datasets, state.activeId);
  if (!keepView) {
    const decoded = typeof state.view === 'string' ? decodeView(state.view) : null;
    view.restore(decoded?.ok ? decoded.state : DEFAULT_VIEW);
  }
  const restored = plans.restore(state.plans);
  return restored.ok ? null : restored.reason;
}
