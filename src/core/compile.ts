/**
 * Compile a funnel spec against a table into the flat arrays the engine sums.
 *
 * Two modes cover every shape:
 * - `sums`: each stage is a per-row contribution (a count column, a formula materialised once,
 *   or a 0/1 flag "date filled in"); a stage total is the sum over the selected rows.
 * - `levels`: each row has one stage index (the current stage of an opportunity, or the stage
 *   of a long-format row) and an optional weight. Totals are a histogram over levels; with
 *   `cumulative`, a row counts for its stage and every stage above (reached stage k when the
 *   current stage is k or later).
 */
import type { FunnelSpec } from './spec';
import { numberColumn, type Table } from './table';

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
}

export type CompileResult = { ok: true; funnel: CompiledFunnel } | { ok: false; error: string };

/**
 * Compile the stages of a wide spec whose stages are count columns.
 *
 * @example
 * compileSpec(fromArrays({ 展现量: [10, 20], 点击量: [1, 2] }), spec) // stageValues = [[10,20],[1,2]]
 */
export function compileSpec(table: Table, spec: FunnelSpec): CompileResult {
  const stageValues: ArrayLike<number>[] = [];
  for (const stage of spec.stages) {
    if (stage.source.kind !== 'column') {
      return { ok: false, error: `stage "${stage.label}" is not a column` };
    }
    const col = numberColumn(table, stage.source.column);
    if (!col) return { ok: false, error: `no numeric column "${stage.source.column}"` };
    stageValues.push(col.values);
  }
  return {
    ok: true,
    funnel: {
      ids: spec.stages.map((s) => s.id),
      labels: spec.stages.map((s) => s.label),
      mode: 'sums',
      stageValues,
      level: null,
      weight: null,
      cumulative: false,
      cost: spec.cost ? (numberColumn(table, spec.cost)?.values ?? null) : null,
      revenue: spec.revenue ? (numberColumn(table, spec.revenue)?.values ?? null) : null,
    },
  };
}
