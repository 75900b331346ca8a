/**
 * The mapping editor's changes as pure functions: each takes a spec and returns a new one,
 * never touching the old (the workspace keeps it, undo and comparisons may still read it).
 */
import { quoteColumn } from './formula';
import { usedValues } from './shape';
import type { FunnelSpec, StageSource, StageSpec } from './spec';
import { column, type Table } from '../table/table';
import { isRateOrAverage } from './templates';
import { MAX_NAME_LENGTH, MAX_STAGES } from '../table/limits';

/** Stage ids are made from names: short, so a 1,000-character header still makes a savable id. */
const ID_BASE_LENGTH = 100;

export type StageKind = StageSource['kind'];

/** The kinds of stage source a shape allows, in the order the editor offers them. */
export function stageKinds(spec: FunnelSpec): StageKind[] {
  if (spec.shape === 'events') return ['events'];
  if (spec.shape === 'wide') return ['column', 'formula'];
  if (spec.shape === 'long') return ['value'];
  return spec.stageColumn ? ['value', 'column'] : ['column'];
}

function withStages(spec: FunnelSpec, stages: StageSpec[]): FunnelSpec {
  return { ...spec, stages };
}

/**
 * Move stage `index` by `delta` places (−1 up, +1 down); out-of-range moves change nothing.
 *
 * @example
 * moveStage(spec, 2, -1).stages.map((s) => s.label) // ['展现', '访问', '点击'] from 展现/点击/访问
 */
export function moveStage(spec: FunnelSpec, index: number, delta: number): FunnelSpec {
  const to = index + delta;
  if (index < 0 || index >= spec.stages.length || to < 0 || to >= spec.stages.length) return spec;
  const stages = spec.stages.slice();
  const [moved] = stages.splice(index, 1);
  stages.splice(to, 0, moved);
  return withStages(spec, stages);
}

export function removeStage(spec: FunnelSpec, index: number): FunnelSpec {
  return withStages(
    spec,
    spec.stages.filter((_, i) => i !== index),
  );
}

/** Change some fields of stage `index`. */
export function updateStage(
  spec: FunnelSpec,
  index: number,
  patch: Partial<Omit<StageSpec, 'id'>>,
): FunnelSpec {
  return withStages(
    spec,
    spec.stages.map((s, i) =>
      i === index
        ? {
            ...s,
            ...patch,
            ...(patch.label !== undefined && { label: patch.label.slice(0, MAX_NAME_LENGTH) }),
          }
        : s,
    ),
  );
}

/** A stage id not yet used in the spec. */
export function freshStageId(spec: FunnelSpec, base: string): string {
  const clean = base.trim().slice(0, ID_BASE_LENGTH) || 'stage';
  let id = clean;
  for (let n = 2; spec.stages.some((s) => s.id === id); n++) id = `${clean}-${n}`;
  return id;
}

/**
 * A sensible source of a given kind for a new or changed stage: the first column or stage
 * value no stage uses yet (rates and averages skipped); for a formula, the stage's current
 * column as a start.
 */
export function defaultSource(
  table: Table,
  spec: FunnelSpec,
  kind: StageKind,
  current?: StageSource,
): StageSource {
  if (kind === 'formula') {
    const start = current?.kind === 'column' ? quoteColumn(current.column) : '';
    return { kind: 'formula', expr: start };
  }
  if (kind === 'events') {
    const col = spec.events ? column(table, spec.events.event) : undefined;
    const taken = new Set(
      spec.stages.flatMap((s) => (s.source.kind === 'events' ? s.source.values : [])),
    );
    const values = col?.kind === 'text' ? usedValues(col) : [];
    const pick = values.find((v) => !taken.has(v)) ?? values[0];
    return { kind: 'events', values: pick === undefined ? [] : [pick] };
  }
  if (kind === 'value') {
    const col = spec.stageColumn ? column(table, spec.stageColumn) : undefined;
    const taken = new Set(
      spec.stages.flatMap((s) => (s.source.kind === 'value' ? [s.source.value] : [])),
    );
    const values = col?.kind === 'text' ? usedValues(col) : [];
    // Lost is an outcome, not a step; won often is the last step, so it stays offered.
    const skip = new Set(spec.lostValues);
    return {
      kind: 'value',
      value: values.find((v) => !taken.has(v) && !skip.has(v)) ?? values[0] ?? '',
    };
  }
  const taken = new Set(
    spec.stages.flatMap((s) => (s.source.kind === 'column' ? [s.source.column] : [])),
  );
  const wanted = spec.shape === 'wide' ? 'number' : 'date';
  const fits = table.columns.filter(
    (c) =>
      c.kind === wanted &&
      !(wanted === 'number' && (c.type === 'percent' || isRateOrAverage(c.name))),
  );
  const pick = fits.find((c) => !taken.has(c.name)) ?? fits[0] ?? table.columns[0];
  return { kind: 'column', column: pick?.name ?? '' };
}

/**
 * Append a stage with a default source; its label is the column or value, else `fallbackLabel`.
 *
 * @example
 * addStage(table, spec, '新阶段').stages.at(-1) // { id: '订单量', label: '订单量', source: column 订单量 }
 */
export function addStage(table: Table, spec: FunnelSpec, fallbackLabel: string): FunnelSpec {
  // A spec holds at most MAX_STAGES stages: the loader refuses more, so the editor never adds one.
  if (spec.stages.length >= MAX_STAGES) return spec;
  const kind = stageKinds(spec)[0];
  const source = defaultSource(table, spec, kind);
  const named =
    source.kind === 'column'
      ? source.column
      : source.kind === 'value'
        ? source.value
        : source.kind === 'events'
          ? (source.values[0] ?? '')
          : '';
  const clash = spec.stages.some((s) => s.label === named);
  const label = named && !clash ? named : fallbackLabel;
  const stage: StageSpec = { id: freshStageId(spec, label), label, source };
  if (spec.shape === 'records') stage.probability = null;
  return withStages(spec, [...spec.stages, stage]);
}

/** Set a single-column field ('cost', 'date', 'stageColumn', …); '' clears it. */
export function setField(
  spec: FunnelSpec,
  field:
    | 'cost'
    | 'revenue'
    | 'date'
    | 'stageColumn'
    | 'statusColumn'
    | 'amount'
    | 'probability'
    | 'created'
    | 'closed'
    | 'countColumn',
  value: string,
): FunnelSpec {
  const next = { ...spec, [field]: value === '' ? null : value };
  if (field === 'statusColumn' && value !== spec.statusColumn) {
    next.lostValues = [];
    next.wonValues = [];
  }
  return next;
}

/** Say what a value of the status column means: 'open', 'won' or 'lost'. */
export function setOutcome(
  spec: FunnelSpec,
  value: string,
  outcome: 'open' | 'won' | 'lost',
): FunnelSpec {
  const lostValues = spec.lostValues.filter((v) => v !== value);
  const wonValues = spec.wonValues.filter((v) => v !== value);
  if (outcome === 'lost') lostValues.push(value);
  if (outcome === 'won') wonValues.push(value);
  return { ...spec, lostValues, wonValues };
}

/** Turn a slicer column on or off (kept in table order). */
export function toggleDimension(
  table: Table,
  spec: FunnelSpec,
  name: string,
  on: boolean,
): FunnelSpec {
  const set = new Set(spec.dimensions);
  if (on) set.add(name);
  else set.delete(name);
  const order = [...spec.dimensions, ...table.columns.map((c) => c.name)];
  return { ...spec, dimensions: [...new Set(order)].filter((n) => set.has(n)) };
}

/** Add, move or remove an organisation level. */
export function editHierarchy(
  spec: FunnelSpec,
  op: { add: string } | { move: number; delta: number } | { remove: number },
): FunnelSpec {
  const levels = spec.hierarchy.slice();
  if ('add' in op) {
    if (!levels.includes(op.add)) levels.push(op.add);
  } else if ('remove' in op) {
    levels.splice(op.remove, 1);
  } else {
    const to = op.move + op.delta;
    if (to < 0 || to >= levels.length) return spec;
    const [m] = levels.splice(op.move, 1);
    levels.splice(to, 0, m);
  }
  return { ...spec, hierarchy: levels };
}
