/**
 * One session of the app: the workspace, the explore view over it, the plans, the importer, the
 * keeping (saving and sync), switching between saved workspaces, and shared links. The shell
 * creates one and provides it by context; a test builds its own (with storage in memory), and a
 * shared view is a read-only session over a snapshot dataset, drawn by the same screens.
 */
import { getContext, setContext } from 'svelte';
import type { ImportReport } from '../core/read/report';
import { memoryBackend, type Backend } from '../persist/store';
import { Keeper } from './autosave.svelte';
import { DecideView } from './decide-view.svelte';
import { Importer } from './imports.svelte';
import { Plans } from './plans.svelte';
import { datasetOf, plansOf, Shared, type ShareSnapshot } from './shared.svelte';
import { connectViewHash } from './view-url.svelte';
import { View } from './view.svelte';
import { Workspace } from './workspace.svelte';
import { Workspaces } from './workspaces.svelte';

export interface SessionOptions {
  /** Opens storage: IndexedDB in the app, a memory backend in a test. */
  openBackend?: () => Promise<Backend>;
}

export class Session {
  readonly workspace = new Workspace();
  readonly plans = new Plans();
  readonly view = new View(this.workspace);
  readonly decideView = new DecideView(this.view, this.plans);
  readonly importer = new Importer(this.workspace);
  readonly keeper: Keeper;
  readonly workspaces: Workspaces;
  readonly shared: Shared;
  constructor(options: SessionOptions = {}) {
    this.keeper = new Keeper(this, options.openBackend);
    this.workspaces = new Workspaces(this.keeper, this, (snap) => this.shared.show(snap));
    this.shared = new Shared(this, this.workspaces);
  }

  /**
   * Start the app's session: the view follows the address (#v=), saved work is restored and
   * then kept, and a shared link in the address (#s=) opens. Returns the cleanup.
   */
  connect(): () => void {
    const stopHash = connectViewHash(this.view);
    void this.keeper.start();
    const stopShared = this.shared.connect();
    return () => {
      stopShared();
      stopHash();
    };
  }
}

/**
 * A read-only session over a shared snapshot: one dataset whose funnel sums to exactly the
 * shared totals, with the shared target and scenarios as its plans. Nothing in it is saved.
 */
export function snapshotSession(snap: ShareSnapshot): Session {
  // Never connected, so never saved: its keeper is given memory in case anything asks.
  const session = new Session({ openBackend: async () => memoryBackend('missing') });
  // The snapshot's currency rides on a report of what was read: the shared totals.
  const dataset = { ...datasetOf(snap), report: snapshotReport(snap) };
  session.workspace.replaceAll([dataset], dataset.id);
  session.plans.restore(plansOf(snap, dataset.id));
  return session;
}

const KEY = Symbol('session');

/** Make `session` the one the components below read (call during a component's set-up). */
export function provideSession(session: Session): Session {
  return setContext(KEY, session);
}

/** The session provided by the nearest shell or shared view. */
export function useSession(): Session {
  const session = getContext<Session | undefined>(KEY);
  if (!session) throw new Error('useSession() outside a component tree that provides a session');
  return session;
}

function snapshotReport(snap: ShareSnapshot): ImportReport {
  return {
    fileName: snap.title,
    encoding: 'utf-8',
    delimiter: '',
    headerLine: 0,
    rowsRead: snap.totals.rows,
    droppedTotals: [],
    droppedBlank: 0,
    raggedRows: 0,
    raggedLines: [],
    renamedHeaders: [],
    warnings: [],
    currency: snap.currency,
  };
}
