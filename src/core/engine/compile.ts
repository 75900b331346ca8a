/**
 * Compile a funnel spec against a table into the flat arrays the engine sums.
 *
 * Two modes cover every shape (events are `levels` on each person's entry row, events-compile.ts):
 * - `sums`: each stage is a per-row contribution (a count column, a formula materialised once,
 *   or a 0/1 flag "date filled in"); a stage total is the sum over the selected rows.
 * - `levels`: each row has one stage index (the current stage of an opportunity, or the stage
 *   of a long-format row) and an optional weight. Totals are a histogram over levels; with
 *   `cumulative`, a row counts for its stage and every stage above (reached stage k when the
 *   current stage is k or later).
 */
import { evaluateFormula } from '../spec/formula';
import { compileEvents, type EventFunnel } from './events-compile';
import { knownSum, type AllRowSums } from './aggregate';
import { levelsByValue, recordModel, type RecordModel } from './records';
import type { FunnelSpec } from '../spec/spec';
import { numberColumn, textColumn, type Table } from '../table/table';
import { validateSpec, type Problem } from '../spec/validate';

export interface CompiledFunnel {
  ids: string[];
  labels: string[];
  mode: 'sums' | 'levels';
  /** sums: one per-row array per stage. */
  stageValues: ArrayLike<number>[];
  /** levels: stage index per row, -1 when the row reaches no stage. */
  level: Int16Array | null;
  /** levels: weight per row (long format's count column); null means 1 per row. */
  weight: ArrayLike<number> | null;
  cumulative: boolean;
  cost: ArrayLike<number> | null;
  revenue: ArrayLike<number> | null;
  /** Totals over all rows its columns already carry (`stats.sum`): no pass for the first funnel. */
  allRowSums?: AllRowSums;
  /** Record data: the per-row model pipeline metrics read (records.ts, pipeline.ts). */
  records?: RecordModel | null;
  /** What validation found that did not stop the funnel (shown in the mapping editor). */
  warnings?: Problem[];
  /** Event data: the index, the rule and its run, whose levels sit on entry rows (events-compile.ts). */
  events?: EventFunnel | null;
}

export type CompileResult =
  { ok: true; funnel: CompiledFunnel } | { ok: false; error: string; problems?: Problem[] };

/** A technical one-line summary of the first error (the editor lists every problem, translated). */
function describe(p: Problem): string {
  const what = [
    p.stage && `stage "${p.stage}"`,
    p.column && `column "${p.column}"`,
    p.formula?.code,
  ]
    .filter(Boolean)
    .join(', ');
  return what ? `${p.code}: ${what}` : p.code;
}

/**
 * Compile a spec of any shape:
 * - wide: count columns as they are, formulas materialised once into a Float64Array (`sums`);
 * - records with a current-stage column: one level per row, cumulative (`levels`), lost rows
 *   at the stage they were lost at;
 * - records with a date column per stage: 0/1 "date filled in" flags (`sums`);
 * - long: the level of each row's stage value, weighted by the count column (`levels`).
 * A spec with errors does not compile; the problems come back for the editor to list.
 *
 * @example
 * compileSpec(fromArrays({ 展现量: [10, 20], 点击量: [1, 2] }), spec) // stageValues = [[10,20],[1,2]]
 * // long: 阶段 ['展现','点击','展现'], 数量 [100, 5, 50] → level [0,1,0], weight [100,5,50]
 */
export function compileSpec(table: Table, spec: FunnelSpec): CompileResult {
  const problems = validateSpec(table, spec);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) return { ok: false, error: describe(errors[0]), problems };
  const warnings = problems.filter((p) => p.severity === 'warning');
  const costColumn = spec.cost ? numberColumn(table, spec.cost) : undefined;
  const revenueColumn = spec.revenue ? numberColumn(table, spec.revenue) : undefined;
  const base = {
    ids: spec.stages.map((s) => s.id),
    labels: spec.stages.map((s) => s.label),
    stageValues: [] as ArrayLike<number>[],
    level: null,
    weight: null,
    cumulative: false,
    cost: costColumn?.values ?? null,
    revenue: revenueColumn?.values ?? null,
    allRowSums: { stages: [], cost: knownSum(costColumn), revenue: knownSum(revenueColumn) },
    records: null,
    warnings,
  };

  if (spec.shape === 'events') return compileEvents(table, spec, base);

  if (spec.shape === 'records') {
    const built = recordModel(table, spec);
    if (!built.ok) return { ok: false, error: built.error, problems };
    const m = built.model;
    if (m.flags)
      return { ok: true, funnel: { ...base, mode: 'sums', stageValues: m.flags, records: m } };
    return {
      ok: true,
      funnel: { ...base, mode: 'levels', level: m.level, cumulative: true, records: m },
    };
  }

  if (spec.shape === 'long') {
    const col = textColumn(table, spec.stageColumn ?? '');
    if (!col) return { ok: false, error: 'no-stage-column', problems };
    const values = spec.stages.map((s) => (s.source.kind === 'value' ? s.source.value : ''));
    const byCode = levelsByValue(col.dict, values);
    const level = new Int16Array(table.rowCount);
    for (let i = 0; i < level.length; i++) level[i] = byCode[col.codes[i]];
    const weight = spec.countColumn
      ? (numberColumn(table, spec.countColumn)?.values ?? null)
      : null;
    return { ok: true, funnel: { ...base, mode: 'levels', level, weight } };
  }

  const stageValues: ArrayLike<number>[] = [];
  const stageSums: (number | null)[] = [];
  for (const stage of spec.stages) {
    const src = stage.source;
    if (src.kind === 'formula') {
      const r = evaluateFormula(table, src.expr);
      if (!r.ok) return { ok: false, error: `formula: ${r.error.code}`, problems };
      stageValues.push(r.values);
      stageSums.push(null);
    } else {
      const col = src.kind === 'column' ? numberColumn(table, src.column) : undefined;
      if (!col) return { ok: false, error: `no numeric column for "${stage.label}"`, problems };
      stageValues.push(col.values);
      stageSums.push(knownSum(col));
    }
  }
  const allRowSums = { ...base.allRowSums, stages: stageSums };
  return { ok: true, funnel: { ...base, mode: 'sums', stageValues, allRowSums } };
}
