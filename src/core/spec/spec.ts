/**
 * The funnel spec: a plain, serialisable, versioned description of how a table becomes a
 * funnel. It is data, not code: the mapping editor edits it, IndexedDB stores it, share links
 * carry it, and `compileSpec` turns it into the arrays the engine sums.
 */

export const SPEC_VERSION = 1;

/** Wide: one count column per stage. Records: one row per lead/opportunity. Long: (…, stage, count). */
export type FunnelShape = 'wide' | 'records' | 'long';

export type StageSource =
  /** wide: a count column; records: a date column (reached when filled in) */
  | { kind: 'column'; column: string }
  /** wide: an arithmetic expression over column names, e.g. `访客数 - 跳失人数` */
  | { kind: 'formula'; expr: string }
  /** records / long: a value of the stage column */
  | { kind: 'value'; value: string };

export interface StageSpec {
  /** Stable id, used as key in views, targets and scenarios (survives a rename). */
  id: string;
  /** What the user calls the stage; shown everywhere. */
  label: string;
  source: StageSource;
  /** Win probability (0..1) for weighting an open pipeline; records only. */
  probability?: number | null;
}

export interface FunnelSpec {
  version: typeof SPEC_VERSION;
  shape: FunnelShape;
  /** Which recognised template produced it ('search-ads', 'shop', 'pipeline', 'aida', 'custom'). */
  template: string;
  stages: StageSpec[];
  /** Money columns summed alongside the stages. */
  cost: string | null;
  revenue: string | null;
  /** The date column periods and date ranges use. */
  date: string | null;
  /** Text columns offered as slicers and breakdowns, in display order. */
  dimensions: string[];
  /** Organisation levels from top to bottom (分公司 → 团队 → 负责人). */
  hierarchy: string[];
  /** records: current-stage column; long: the stage-name column. */
  stageColumn: string | null;
  /** records: a status column (won / lost / open) and the values that mean lost and won. */
  statusColumn: string | null;
  lostValues: string[];
  wonValues: string[];
  /** records: deal amount, probability column, created and close dates. */
  amount: string | null;
  probability: string | null;
  created: string | null;
  closed: string | null;
  /** long: the count column. */
  countColumn: string | null;
}

/** An empty spec of a given shape; every optional binding null. */
export function emptySpec(shape: FunnelShape = 'wide'): FunnelSpec {
  return {
    version: SPEC_VERSION,
    shape,
    template: 'custom',
    stages: [],
    cost: null,
    revenue: null,
    date: null,
    dimensions: [],
    hierarchy: [],
    stageColumn: null,
    statusColumn: null,
    lostValues: [],
    wonValues: [],
    amount: null,
    probability: null,
    created: null,
    closed: null,
    countColumn: null,
  };
}
