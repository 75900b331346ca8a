/**
 * Record data (one row per lead or opportunity) as flat per-row arrays: the highest stage each
 * row reached, its outcome (open / won / lost), and when known the day it entered each stage,
 * its amount and its win probability. Both the funnel compiler and the pipeline metrics
 * (pipeline.ts) read this model; it is built once per spec, never per view.
 */
import type { FunnelSpec } from '../spec/spec';
import { column, numberColumn, type NumberColumn, type Table, isNull } from '../table/table';

export const OPEN = 0;
export const WON = 1;
export const LOST = 2;

export interface RecordModel {
  stageCount: number;
  /** Highest stage index each row reached; -1 when none. */
  level: Int16Array;
  /** OPEN, WON or LOST per row. */
  outcome: Uint8Array;
  /** True when the data can say a record was lost (a status column or lost stage values). */
  knowsLost: boolean;
  /** Dates mode: per stage, 1 where the row reached it (its column is filled in); else null. */
  flags: Uint8Array[] | null;
  /**
   * Dates mode: per stage, the day each row entered it (NaN = never), or null for a stage bound
   * to a non-date column (a 0/1 flag says reached, not when). Null in stage-column mode.
   */
  entered: (Float64Array | null)[] | null;
  /** Amount per row (empty = 0), the table's own array (not a copy); null when no amount column. */
  amount: Float64Array | Int32Array | null;
  /** Win probability per row as a fraction; NaN where unknown. */
  probability: Float64Array;
  created: Float64Array | null;
  closed: Float64Array | null;
}

export type RecordModelResult = { ok: true; model: RecordModel } | { ok: false; error: string };

/** Compare stage and status values the way people read them: trimmed, any case. */
export function key(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase();
}

/**
 * For each dictionary code of a stage column, the index of the stage whose value it is (-1 for
 * none), comparing values with `key`.
 *
 * @example
 * levelsByValue(['', '展现', '点击', '其他'], ['展现', '点击']) // Int16Array [-1, 0, 1, -1]
 */
export function levelsByValue(dict: readonly string[], values: readonly string[]): Int16Array {
  const index = new Map<string, number>();
  values.forEach((v, j) => {
    if (!index.has(key(v))) index.set(key(v), j);
  });
  return Int16Array.from(dict, (v) => (v === '' ? -1 : (index.get(key(v)) ?? -1)));
}

/**
 * How to turn a probability column into fractions: percent-typed columns already are; a header
 * with `%` or any value above 1 means percents (Salesforce's `Probability (%)` holds 0–100).
 *
 * @example
 * probabilityScale(numberColumn(fromArrays({ 'Probability (%)': [10, 90] }), 'Probability (%)')) // 0.01
 */
export function probabilityScale(col: NumberColumn): number {
  if (col.type === 'percent') return 1;
  if (col.name.includes('%')) return 0.01;
  for (let i = 0; i < col.values.length; i++) if (col.values[i] > 1) return 0.01;
  return 1;
}

function dayArray(table: Table, name: string | null): Float64Array | null {
  if (!name) return null;
  const c = column(table, name);
  return c?.kind === 'date' ? c.days : null;
}

function amountArray(table: Table, name: string | null): Float64Array | Int32Array | null {
  const c = name ? numberColumn(table, name) : undefined;
  return c ? c.values : null;
}

/** Per-row 0/1 "entered this stage" plus the entry day, for a stage bound to a column. */
function entryOf(table: Table, name: string): { flags: Uint8Array; days: Float64Array | null } {
  const c = column(table, name);
  const n = table.rowCount;
  const flags = new Uint8Array(n);
  if (!c) return { flags, days: null };
  if (c.kind === 'date') {
    for (let i = 0; i < n; i++) flags[i] = Number.isNaN(c.days[i]) ? 0 : 1;
    return { flags, days: c.days };
  }
  if (c.kind === 'number') {
    for (let i = 0; i < n; i++) flags[i] = c.values[i] > 0 && !isNull(c, i) ? 1 : 0;
  } else {
    for (let i = 0; i < n; i++) flags[i] = c.codes[i] !== 0 && c.dict[c.codes[i]].trim() ? 1 : 0;
  }
  return { flags, days: null };
}

/**
 * A lost-stage column (丢单阶段, Lost stage) says where each lost deal was lost: such a row
 * reached that stage and went no further, whatever its stage column says (often 丢单 itself, or
 * the stage it was parked at). Rows whose value names no stage keep their level. Dates mode does
 * not read it: there the stage dates already say how far a lost deal got.
 */
function lostAtStage(table: Table, spec: FunnelSpec, outcome: Uint8Array, level: Int16Array): void {
  const col = spec.lostStage ? column(table, spec.lostStage) : undefined;
  if (col?.kind !== 'text') return;
  const levelOf = levelsByValue(
    col.dict,
    spec.stages.map((s) => (s.source.kind === 'value' ? s.source.value : '')),
  );
  for (let i = 0; i < level.length; i++) {
    const l = levelOf[col.codes[i]];
    if (outcome[i] === LOST && l >= 0) level[i] = l;
  }
}

/**
 * Build the record model of a records-shaped spec.
 *
 * Stage-column mode (stages are values of `stageColumn`): a row reached stage k when its value
 * is stage k; a lost row (status in `lostValues`) keeps the stage it was lost at; a won row
 * reached the won stage; a row whose *stage* value is itself a lost value (Salesforce's
 * `Closed Lost`) does not say where it was lost and counts at the first stage only, unless a
 * lost-stage column (`lostStage`) names the stage.
 * Dates mode (stages are columns): a row reached stage k when that column is filled in.
 *
 * @example
 * // 阶段 ['方案','谈判','方案'], 状态 ['进行中','赢单','输单'], stages 线索/方案/谈判/赢单
 * recordModel(table, spec).model.level // Int16Array [1, 3, 1]
 */
export function recordModel(table: Table, spec: FunnelSpec): RecordModelResult {
  const n = table.rowCount;
  const k = spec.stages.length;
  const level = new Int16Array(n).fill(-1);
  const outcome = new Uint8Array(n);
  const lost = new Set(spec.lostValues.map(key));
  const won = new Set(spec.wonValues.map(key));
  const status = spec.statusColumn ? column(table, spec.statusColumn) : undefined;
  const statusOf = new Uint8Array(status?.kind === 'text' ? status.dict.length : 0);
  if (status?.kind === 'text') {
    status.dict.forEach((v, code) => {
      statusOf[code] = won.has(key(v)) ? WON : lost.has(key(v)) ? LOST : OPEN;
    });
    for (let i = 0; i < n; i++) outcome[i] = statusOf[status.codes[i]];
  }
  const knowsLost = status?.kind === 'text' && lost.size > 0;
  let entered: (Float64Array | null)[] | null = null;
  let flagsOf: Uint8Array[] | null = null;

  const byValue = spec.stages.every((s) => s.source.kind === 'value');
  if (k > 0 && byValue) {
    const stageCol = spec.stageColumn ? column(table, spec.stageColumn) : undefined;
    if (stageCol?.kind !== 'text') return { ok: false, error: 'no-stage-column' };
    const levelOf = levelsByValue(
      stageCol.dict,
      spec.stages.map((s) => (s.source.kind === 'value' ? s.source.value : '')),
    );
    const wonStage = spec.stages.findIndex(
      (s) => s.source.kind === 'value' && won.has(key(s.source.value)),
    );
    const sameColumn = spec.statusColumn === spec.stageColumn;
    stageCol.dict.forEach((v, code) => {
      if (levelOf[code] >= 0 || v === '') return;
      if (sameColumn && lost.has(key(v))) levelOf[code] = 0;
      else if (sameColumn && won.has(key(v))) levelOf[code] = wonStage >= 0 ? wonStage : k - 1;
    });
    for (let i = 0; i < n; i++) {
      level[i] = levelOf[stageCol.codes[i]];
      if (outcome[i] === WON && wonStage >= 0) level[i] = wonStage;
    }
    lostAtStage(table, spec, outcome, level);
  } else if (k > 0) {
    entered = [];
    flagsOf = [];
    for (let j = 0; j < k; j++) {
      const s = spec.stages[j].source;
      if (s.kind !== 'column') return { ok: false, error: 'mixed-sources' };
      const { flags, days } = entryOf(table, s.column);
      entered.push(days);
      flagsOf.push(flags);
      for (let i = 0; i < n; i++) if (flags[i]) level[i] = j;
    }
    // Without a status, reaching the last stage is the only sign of a win.
    if (!status) for (let i = 0; i < n; i++) if (level[i] === k - 1) outcome[i] = WON;
  }

  // Per-row probabilities from the column when there is one; the stage's otherwise.
  const byStage = Float64Array.from(spec.stages, (s) => s.probability ?? NaN);
  const probability = new Float64Array(n);
  const probCol = spec.probability ? numberColumn(table, spec.probability) : undefined;
  const scale = probCol ? probabilityScale(probCol) : 1;
  for (let i = 0; i < n; i++) {
    const l = level[i];
    probability[i] = l >= 0 ? byStage[l] : NaN;
  }
  if (probCol) {
    const v = probCol.values;
    for (let i = 0; i < n; i++) if (!isNull(probCol, i)) probability[i] = v[i] * scale;
  }

  return {
    ok: true,
    model: {
      stageCount: k,
      level,
      outcome,
      knowsLost,
      flags: flagsOf,
      entered,
      amount: amountArray(table, spec.amount),
      probability,
      created: dayArray(table, spec.created),
      closed: dayArray(table, spec.closed),
    },
  };
}

/** The day a record started: its created date, else the day it entered the first stage (NaN: unknown). */
export function startDay(model: RecordModel, i: number): number {
  const created = model.created ? model.created[i] : NaN;
  if (!Number.isNaN(created)) return created;
  const first = model.entered?.[0];
  return first ? first[i] : NaN;
}

/** The day a record entered its highest stage (NaN without stage dates). */
export function stageDay(model: RecordModel, i: number): number {
  const l = model.level[i];
  const days = l >= 0 ? model.entered?.[l] : null;
  return days ? days[i] : NaN;
}

/**
 * The day a closed record closed: its close date, else for a won record the day it entered its
 * highest stage (the won stage's date). NaN for an open record and for a lost one with no close
 * date (nothing says when it was lost).
 */
export function closeDay(model: RecordModel, i: number): number {
  const o = model.outcome[i];
  if (o === OPEN) return NaN;
  const closed = model.closed ? model.closed[i] : NaN;
  if (!Number.isNaN(closed)) return closed;
  return o === WON ? stageDay(model, i) : NaN;
}

/**
 * The data's last day: the latest stage entry, creation or close of a closed record. An open
 * record's close date is a forecast (Salesforce's Close Date), not something that happened, so it
 * is left out. Null when the data has no dates.
 *
 * @example
 * // stage dates 2025-03-01 … 2025-06-30, one open deal expected to close 2025-09-30
 * lastDay(model) // the day number of 2025-06-30
 */
export function lastDay(model: RecordModel): number | null {
  let last = -Infinity;
  const take = (days: Float64Array | null | undefined, i: number) => {
    const d = days ? days[i] : NaN;
    if (d > last) last = d;
  };
  for (let i = 0; i < model.level.length; i++) {
    take(model.created, i);
    if (model.outcome[i] !== OPEN) take(model.closed, i);
    if (model.entered) for (const days of model.entered) take(days, i);
  }
  return Number.isFinite(last) ? last : null;
}
