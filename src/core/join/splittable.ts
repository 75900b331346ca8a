/**
 * Breakdowns of a joined dataset by a key some sources lack. Their stages sit under the key's
 * empty value (visits per day × plan have no keyword), so a breakdown by keyword would show them
 * as zeros everywhere. These helpers name such stages and leave them out of the breakdown.
 */
import { conversionMatrix, type MatrixRow } from '../engine/matrix';
import { formulaColumns, parseFormula } from '../spec/formula';
import type { FunnelSpec, StageSource } from '../spec/spec';
import { notSplittableBy, sourceOf, type JoinInfo } from './join-info';

function columnsOf(src: StageSource): string[] {
  if (src.kind === 'column') return [src.column];
  if (src.kind !== 'formula') return [];
  const parsed = parseFormula(src.expr);
  return parsed.ok ? formulaColumns(parsed.node) : [];
}

function unsplittable(info: JoinInfo, columns: readonly string[], field: string): boolean {
  return columns.some((c) => notSplittableBy(info, c).includes(field));
}

export interface Unsplittable {
  /** Indices of the stages that cannot be split by the field. */
  stages: number[];
  /** The files they come from. */
  files: string[];
  cost: boolean;
  revenue: boolean;
}

/**
 * What of the funnel a breakdown by `field` cannot show: the stages (and cost, revenue) whose
 * source has no such key column.
 *
 * @example
 * // 访问量 from an analytics file keyed by date × 推广计划 only
 * unsplittableBy(spec, info, '关键词') // { stages: [2], files: ['百度统计.csv'], cost: false, revenue: true }
 */
export function unsplittableBy(spec: FunnelSpec, info: JoinInfo, field: string): Unsplittable {
  const stages: number[] = [];
  const files = new Set<string>();
  spec.stages.forEach((s, i) => {
    const cols = columnsOf(s.source);
    if (!unsplittable(info, cols, field)) return;
    stages.push(i);
    for (const c of cols) {
      const src = sourceOf(info, c);
      if (src && notSplittableBy(info, c).includes(field)) files.add(src.name);
    }
  });
  const money = (c: string | null) => c !== null && unsplittable(info, [c], field);
  return { stages, files: [...files], cost: money(spec.cost), revenue: money(spec.revenue) };
}

/**
 * The breakdown's rows without the stages (and money) that cannot be split, rates recomputed
 * over the stages left, and without segments that then hold nothing.
 *
 * @example
 * splittableRows(rows, { stages: [2], files: [], cost: false, revenue: true })
 * // each row's counts without index 2, revenue null; the '' segment of visits only is gone
 */
export function splittableRows(rows: readonly MatrixRow[], drop: Unsplittable): MatrixRow[] {
  const gone = new Set(drop.stages);
  const kept = rows
    .map((r) => ({
      value: r.value,
      code: 0,
      rows: 0,
      counts: r.counts.filter((_, k) => !gone.has(k)),
      cost: drop.cost ? null : r.cost,
      revenue: drop.revenue ? null : r.revenue,
    }))
    .filter((r) => r.counts.some((c) => c !== 0) || (r.cost ?? 0) !== 0 || (r.revenue ?? 0) !== 0);
  return conversionMatrix(kept);
}
