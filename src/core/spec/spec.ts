/**
 * The funnel spec: a plain, serialisable, versioned description of how a table becomes a
 * funnel. It is data, not code: the mapping editor edits it, IndexedDB stores it, share links
 * carry it, and `compileSpec` turns it into the arrays the engine sums.
 */

export const SPEC_VERSION = 1;

/**
 * Wide: one count column per stage. Records: one row per lead/opportunity. Long: (…, stage, count).
 * Events: one row per event (person, event name, time, properties).
 */
export type FunnelShape = 'wide' | 'records' | 'long' | 'events';

export type StageSource =
  /** wide: a count column; records: a date column (reached when filled in) */
  | { kind: 'column'; column: string }
  /** wide: an arithmetic expression over column names, e.g. `访客数 - 跳失人数` */
  | { kind: 'formula'; expr: string }
  /** records / long: a value of the stage column */
  | { kind: 'value'; value: string }
  /** events: any of these values of the event column (one value for most steps) */
  | { kind: 'events'; values: string[] };

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
  /**
   * records: a column naming the stage each lost deal was lost at (丢单阶段, Lost stage). A lost
   * deal counts as reaching that stage and as lost there. Optional, and absent until a column is
   * found or picked: saves and links made before it lack it, and specs without one are written
   * byte for byte as before.
   */
  lostStage?: string | null;
  /** records: deal amount, probability column, created and close dates. */
  amount: string | null;
  probability: string | null;
  created: string | null;
  closed: string | null;
  /** long: the count column. */
  countColumn: string | null;
  /** events: the columns and the rule (absent for the other shapes). */
  events?: EventSettings;
}

/** How an event funnel orders its steps (events-funnel.ts states the rule). */
export type EventOrderMode = 'sequential' | 'strict' | 'any';
export type WindowUnit = 'minutes' | 'hours' | 'days';

export interface EventSettings {
  /** The columns holding who (text ids), what (event names) and when (date-time or epoch). */
  person: string;
  event: string;
  time: string;
  /** The conversion window (转化窗口期), counted from step 1. */
  window: { value: number; unit: WindowUnit };
  order: EventOrderMode;
  /** A person who does one of `values` between step `after` and the next (0-based) stops there. */
  exclusions: { values: string[]; after: number }[];
  /** Breakdowns attribute a person by their entry event (first) or their last step's event. */
  touch: 'first' | 'last';
}

/** The settings a new event funnel starts with: a 7-day window, steps in order, first touch. */
export function defaultEventSettings(person: string, event: string, time: string): EventSettings {
  return {
    person,
    event,
    time,
    window: { value: 7, unit: 'days' },
    order: 'sequential',
    exclusions: [],
    touch: 'first',
  };
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
