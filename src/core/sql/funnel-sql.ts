/**
 * The funnel as one SQL query for the warehouse: for the current spec, filters, date range and
 * granularity, the table the funnel needs, one row per period (and group) with one column per
 * stage, named by the stage's label. Imported back (CSV or Parquet), it opens as wide data and
 * gives the funnel the app shows for the same view.
 *
 * Per shape, the per-row values mirror what `compileSpec` makes: wide data sums its stage
 * columns and formulas; record data reaches stage k when its current stage is k or later (a won
 * status lifts it to the won stage), or counts the rows whose stage column is filled in; long
 * data sums its count column per stage value. Event funnels have their own query (events-sql.ts).
 */
import { key } from '../engine/records';
import { column } from '../table/table';
import {
  comparable,
  dayOfColumn,
  periodOf,
  quoteName,
  quoteRelation,
  quoteText,
  trimmed,
  type Dialect,
} from './dialect';
import { eventsSql } from './events-sql';
import { formulaSql } from './formula-sql';
import {
  frame,
  INDENT,
  selectText,
  sum,
  whereTests,
  type FunnelQuery,
  type FunnelSql,
  type Measure,
  type Output,
  type SqlNote,
} from './sql-parts';

export type { FunnelQuery, FunnelSql, SqlNote } from './sql-parts';

/** The per-row values a shape needs (`expr AS fw_…`) and each stage's sum over them. */
interface ShapeParts {
  rows: string[];
  sums: string[];
}

/** A CASE giving each row its stage index (-1 for none) from a stage-value column. */
function levelCase(whens: string[]): string {
  return ['CASE', ...whens.map((w) => `${INDENT}${w}`), 'ELSE -1 END'].join(
    `\n${INDENT.repeat(3)}`,
  );
}

function wideParts(q: FunnelQuery, d: Dialect): ShapeParts | null {
  const rows: string[] = [];
  const sums: string[] = [];
  for (const [k, stage] of q.spec.stages.entries()) {
    const src = stage.source;
    let value: string | null = null;
    if (src.kind === 'column') value = quoteName(src.column, d);
    else if (src.kind === 'formula') value = formulaSql(src.expr, d);
    if (value === null) return null;
    rows.push(`${value} AS fw_s${k}`);
    sums.push(sum(`fw_s${k}`, d));
  }
  return { rows, sums };
}

/** Record data whose stages are columns: a stage counts the rows where its column is filled in. */
function filledParts(q: FunnelQuery, d: Dialect): ShapeParts | null {
  const rows: string[] = [];
  const sums: string[] = [];
  for (const [k, stage] of q.spec.stages.entries()) {
    if (stage.source.kind !== 'column') return null;
    const name = quoteName(stage.source.column, d);
    const col = column(q.table, stage.source.column);
    // As the app reads them: a date when present, a number when above 0, text when not blank.
    const filled =
      col?.kind === 'number'
        ? `${name} > 0`
        : col?.kind === 'date' && q.dateType !== 'text'
          ? `${name} IS NOT NULL`
          : `${trimmed(name, d)} <> ''`;
    rows.push(`CASE WHEN ${filled} THEN 1 ELSE 0 END AS fw_s${k}`);
    sums.push(sum(`fw_s${k}`, d));
  }
  return { rows, sums };
}

/** Record data with a current-stage column: reach is cumulative (stage k or later). */
function levelParts(q: FunnelQuery, d: Dialect): ShapeParts | null {
  const spec = q.spec;
  if (!spec.stageColumn) return null;
  const stage = comparable(quoteName(spec.stageColumn, d), d);
  const k = spec.stages.length;
  const won = spec.wonValues.map(key).filter((v) => v !== '');
  const lost = spec.lostValues.map(key).filter((v) => v !== '');
  const list = (values: string[]) => values.map((v) => quoteText(v, d)).join(', ');
  const values = spec.stages.map((s) => (s.source.kind === 'value' ? key(s.source.value) : ''));
  const wonStage = values.findIndex((v) => won.includes(v));
  const whens: string[] = [];
  const status = spec.statusColumn ? column(q.table, spec.statusColumn) : undefined;
  // A won status lifts the row to the won stage, whatever its stage column says.
  if (status?.kind === 'text' && won.length && wonStage >= 0) {
    const statusValue = comparable(quoteName(status.name, d), d);
    whens.push(`WHEN ${statusValue} IN (${list(won)}) THEN ${wonStage}`);
  }
  // A lost status with a lost-stage column (丢单阶段) that names a stage: lost there, as
  // records.ts reads it, before the stage column is asked.
  const lostStage = spec.lostStage ? column(q.table, spec.lostStage) : undefined;
  if (status?.kind === 'text' && lost.length && lostStage?.kind === 'text') {
    const statusValue = comparable(quoteName(status.name, d), d);
    const lostAt = comparable(quoteName(lostStage.name, d), d);
    values.forEach((v, j) => {
      if (v !== '')
        whens.push(
          `WHEN ${statusValue} IN (${list(lost)}) AND ${lostAt} = ${quoteText(v, d)} THEN ${j}`,
        );
    });
  }
  values.forEach((v, j) => {
    if (v !== '') whens.push(`WHEN ${stage} = ${quoteText(v, d)} THEN ${j}`);
  });
  // Stage and status in one column: a lost value says not where, so the first stage only.
  if (spec.statusColumn === spec.stageColumn) {
    if (lost.length) whens.push(`WHEN ${stage} IN (${list(lost)}) THEN 0`);
    if (won.length)
      whens.push(`WHEN ${stage} IN (${list(won)}) THEN ${wonStage >= 0 ? wonStage : k - 1}`);
  }
  return {
    rows: [`${levelCase(whens)} AS fw_level`],
    sums: spec.stages.map((_, j) => sum(`CASE WHEN fw_level >= ${j} THEN 1 ELSE 0 END`, d)),
  };
}

/** Long data: each row's count goes to the stage its stage value names. */
function longParts(q: FunnelQuery, d: Dialect): ShapeParts | null {
  const spec = q.spec;
  if (!spec.stageColumn) return null;
  const stage = comparable(quoteName(spec.stageColumn, d), d);
  const whens: string[] = [];
  spec.stages.forEach((s, j) => {
    const v = s.source.kind === 'value' ? key(s.source.value) : '';
    if (v !== '') whens.push(`WHEN ${stage} = ${quoteText(v, d)} THEN ${j}`);
  });
  const count = spec.countColumn ? column(q.table, spec.countColumn) : undefined;
  const weight = count?.kind === 'number' ? `COALESCE(${quoteName(count.name, d)}, 0)` : '1';
  return {
    rows: [`${levelCase(whens)} AS fw_level`, `${weight} AS fw_weight`],
    sums: spec.stages.map((_, j) => sum(`CASE WHEN fw_level = ${j} THEN fw_weight ELSE 0 END`, d)),
  };
}

function shapeParts(q: FunnelQuery, d: Dialect): ShapeParts | null {
  const spec = q.spec;
  if (spec.shape === 'wide') return wideParts(q, d);
  if (spec.shape === 'long') return longParts(q, d);
  if (spec.shape === 'records') {
    const byValue = spec.stages.every((s) => s.source.kind === 'value');
    return byValue ? levelParts(q, d) : filledParts(q, d);
  }
  return null;
}

/**
 * The query computing the funnel's table for `q` in `dialect`.
 *
 * @example
 * funnelSql({ table, spec, clauses: [regionIsNorth], granularity: 'month', groupBy: [],
 *   source: 'funnel_source', dateType: 'date' }, 'duckdb').sql
 * // SELECT fw_period AS "日期", fw_s0 AS "展现量", … FROM (SELECT fw_period, COALESCE(SUM(fw_s0), 0)
 * //   AS fw_s0, … FROM (SELECT CAST(DATE_TRUNC('MONTH', "日期") AS DATE) AS fw_period, "展现量"
 * //   AS fw_s0, … FROM "funnel_source" WHERE "地区" IN ('华北')) AS fw_rows GROUP BY fw_period)
 * //   AS fw_funnel ORDER BY fw_period
 */
export function funnelSql(q: FunnelQuery, d: Dialect): FunnelSql {
  const spec = q.spec;
  const notes: SqlNote[] = [];
  if (spec.stages.length === 0) return { ok: false, reason: 'no-stages', notes };
  if (spec.shape === 'events') return eventsSql(q, d);
  if (spec.shape !== 'wide' && spec.shape !== 'records' && spec.shape !== 'long') {
    return { ok: false, reason: 'unsupported-shape', notes };
  }
  const parts = shapeParts(q, d);
  if (!parts) return { ok: false, reason: 'formula', notes };

  // The row's columns under neutral names, then what each output column is.
  const keys: (Output & { row: string })[] = [];
  const date = spec.date && column(q.table, spec.date)?.kind === 'date' ? spec.date : null;
  if (q.granularity && date) {
    const day = dayOfColumn(quoteName(date, d), q.dateType, d);
    keys.push({ inner: 'fw_period', row: periodOf(day, q.granularity, d), name: date });
  }
  q.groupBy
    .filter((g) => column(q.table, g)?.kind === 'text')
    .forEach((g, j) => keys.push({ inner: `fw_g${j}`, row: quoteName(g, d), name: g }));
  const measures: (Measure & { row?: string })[] = spec.stages.map((s, k) => ({
    inner: `fw_s${k}`,
    total: parts.sums[k],
    name: s.label,
  }));
  for (const [inner, money] of [
    ['fw_cost', spec.cost],
    ['fw_revenue', spec.revenue],
  ] as const) {
    if (money && column(q.table, money)?.kind === 'number') {
      measures.push({ inner, row: quoteName(money, d), total: sum(inner, d), name: money });
    }
  }
  if (q.dateType === 'text' && date) {
    notes.push({ key: 'sql.note.textDates', params: { column: date } });
  }
  const rowColumns = [
    ...keys.map((c) => `${c.row} AS ${c.inner}`),
    ...parts.rows,
    ...measures.filter((m) => m.row).map((m) => `${m.row} AS ${m.inner}`),
  ];
  const where = whereTests(q, d, (c) => dayOfColumn(c, q.dateType, d));
  const rows = selectText(rowColumns, quoteRelation(q.source, d), where, 2);
  const { sql, columns } = frame({ keys, measures, rows }, d, notes);
  return { ok: true, sql, columns, notes };
}
