/**
 * Carry a saved mapping over to a newer export of the same report: matched by column name,
 * so next month's file opens with last month's stages, formulas and slicers. Columns that
 * disappeared are dropped from the mapping and reported; columns that appeared are reported.
 */
import { formulaColumns, parseFormula } from './formula';
import { recogniseSpec } from './recognise';
import type { FunnelSpec, StageSpec } from './spec';
import type { Table } from '../table/table';

export interface Reconciled {
  spec: FunnelSpec;
  /** Columns the previous data (or, without its column list, the mapping) had and this lacks. */
  missing: string[];
  /** Columns this table has that the previous data did not (empty without its column list). */
  added: string[];
  /** True when nothing of the old mapping was usable and the table was recognised afresh. */
  recognised: boolean;
  /**
   * The lost-at-stage column the mapping had and this export lacks, else null: its loss changes
   * the counts (lost deals no longer sit at the stage they were lost at), so it is said apart.
   */
  lostStageGone?: string | null;
}

const SINGLE_FIELDS = [
  'cost',
  'revenue',
  'date',
  'stageColumn',
  'statusColumn',
  'amount',
  'probability',
  'created',
  'closed',
  'countColumn',
  'lostStage',
] as const;

/** The columns an event funnel cannot run without (who, what, when). */
function eventColumns(spec: FunnelSpec): string[] {
  return spec.events ? [spec.events.person, spec.events.event, spec.events.time] : [];
}

/** Columns a stage reads. */
function stageColumns(stage: StageSpec): string[] {
  const src = stage.source;
  if (src.kind === 'column') return [src.column];
  if (src.kind === 'formula') {
    const parsed = parseFormula(src.expr);
    return parsed.ok ? formulaColumns(parsed.node) : [];
  }
  return [];
}

/**
 * Every column a spec refers to, each once.
 *
 * @example
 * specColumns({ ...emptySpec(), stages: [{ id: 'e', label: '有效入店', source: { kind: 'formula',
 *   expr: '访客数 - 跳失人数' } }], revenue: '支付金额' }) // ['访客数', '跳失人数', '支付金额']
 */
export function specColumns(spec: FunnelSpec): string[] {
  const all = [
    ...spec.stages.flatMap(stageColumns),
    ...SINGLE_FIELDS.map((f) => spec[f]),
    ...spec.dimensions,
    ...spec.hierarchy,
    ...eventColumns(spec),
  ];
  return [...new Set(all.filter((c): c is string => typeof c === 'string' && c !== ''))];
}

/**
 * The previous mapping applied to a new table of the same report.
 *
 * @example
 * // last month's spec had stages 访客数, 有效入店 (访客数 − 跳失人数), 支付人数 and slicer 店铺;
 * // this month's file has no 店铺 column but a new 直播间 column:
 * reconcileSpec(saved, table, ['日期', '店铺', '访客数', '跳失人数', '支付人数'])
 * // { spec: same stages, dimensions without 店铺, missing: ['店铺'], added: ['直播间'], recognised: false }
 */
export function reconcileSpec(
  previous: FunnelSpec,
  table: Table,
  previousColumns?: readonly string[],
): Reconciled {
  const present = new Set(table.columns.map((c) => c.name));
  const has = (name: string | null | undefined): boolean => !name || present.has(name);
  const spec: FunnelSpec = JSON.parse(JSON.stringify(previous));
  const valueStagesLost = spec.stageColumn !== null && !present.has(spec.stageColumn);
  // Steps of an event funnel are event names: without its person, event or time column none
  // of them can be counted, so the file is read afresh rather than half-mapped.
  const eventsLost = eventColumns(spec).some((c) => !present.has(c));
  spec.stages = spec.stages.filter(
    (s) =>
      stageColumns(s).every((c) => present.has(c)) &&
      !(s.source.kind === 'value' && valueStagesLost) &&
      !(s.source.kind === 'events' && eventsLost),
  );
  for (const f of SINGLE_FIELDS) if (!has(spec[f])) spec[f] = null;
  if (spec.statusColumn === null) {
    spec.lostValues = [];
    spec.wonValues = [];
  }
  spec.dimensions = spec.dimensions.filter((c) => present.has(c));
  spec.hierarchy = spec.hierarchy.filter((c) => present.has(c));

  const missing = (previousColumns ?? specColumns(previous)).filter((c) => !present.has(c));
  const before = new Set(previousColumns ?? []);
  const added = previousColumns
    ? table.columns.map((c) => c.name).filter((c) => !before.has(c))
    : [];
  const lostStageGone =
    previous.lostStage && !present.has(previous.lostStage) ? previous.lostStage : null;
  if (spec.stages.length === 0) {
    return { spec: recogniseSpec(table).spec, missing, added, recognised: true };
  }
  return { spec, missing, added, recognised: false, lostStageGone };
}

/**
 * The dataset a new import is a newer export of: the same name, else the same set of columns.
 *
 * @example
 * previousExport(workspace.datasets, '推广报表-6月.csv', table) // the May dataset with equal columns
 */
export function previousExport<T extends { name: string; table: Table }>(
  datasets: readonly T[],
  name: string,
  table: Table,
): T | null {
  const sameName = datasets.filter((d) => d.name === name).at(-1);
  if (sameName) return sameName;
  const cols = table.columns.map((c) => c.name).sort();
  const key = JSON.stringify(cols);
  return (
    datasets
      .filter((d) => JSON.stringify(d.table.columns.map((c) => c.name).sort()) === key)
      .at(-1) ?? null
  );
}

/**
 * What to tell the user after a reconciled import, as message keys for the import report.
 *
 * @example
 * reconcileNotes('五月.csv', { missing: ['店铺'], added: [], recognised: false, spec })
 * // [{ key: 'map.reconcile.kept', params: { name: '五月.csv' } },
 * //  { key: 'map.reconcile.missing', params: { columns: '店铺' } }]
 */
export function reconcileNotes(
  previousName: string,
  r: Reconciled,
): { key: string; params: Record<string, string> }[] {
  const out: { key: string; params: Record<string, string> }[] = [];
  if (!r.recognised) out.push({ key: 'map.reconcile.kept', params: { name: previousName } });
  if (r.missing.length)
    out.push({ key: 'map.reconcile.missing', params: { columns: r.missing.join(', ') } });
  if (r.added.length)
    out.push({ key: 'map.reconcile.added', params: { columns: r.added.join(', ') } });
  if (r.lostStageGone)
    out.push({ key: 'map.reconcile.lostStageGone', params: { column: r.lostStageGone } });
  return out;
}
