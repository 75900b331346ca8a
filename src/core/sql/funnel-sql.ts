/**
 * The funnel as one SQL query for the warehouse: for the current spec, filters, date range and
 * granularity, the table the funnel needs, one row per period (and group) with one column per
 * stage, named by the stage's label. Imported back (CSV or Parquet), it opens as wide data and
 * gives the funnel the app shows for the same view.
 *
 * Every query has the same three layers, so that no dialect's alias rules can bite (ClickHouse
 * lets an alias shadow a column of the same name; PostgreSQL groups by an input column before
 * an output alias): the rows, filtered, each with its period, groups and per-stage value (or its
 * stage level) under neutral names `fw_…`; their sums per period and group; and the same sums
 * renamed to the labels.
 *
 * Per shape, the per-row values mirror what `compileSpec` makes: wide data sums its stage
 * columns and formulas; record data reaches stage k when its current stage is k or later (a won
 * status lifts it to the won stage), or counts the rows whose stage column is filled in; long
 * data sums its count column per stage value. Event funnels are not written yet: their rule (a
 * window counted from step 1, ClickHouse's `windowFunnel`, window functions elsewhere) is the
 * next shape to add here.
 */
import { dayText, type Granularity } from '../engine/period';
import { key } from '../engine/records';
import { appliesTo, type Clause } from '../engine/slice';
import type { FunnelSpec } from '../spec/spec';
import { column, type Table } from '../table/table';
import {
  comparable,
  dayLiteral,
  dayOfColumn,
  periodOf,
  quoteName,
  quoteRelation,
  quoteText,
  resultName,
  tooLongForPostgres,
  trimmed,
  type DateColumnType,
  type Dialect,
} from './dialect';
import { formulaSql } from './formula-sql';

export interface FunnelQuery {
  /** The open table: which clauses apply and how each stage column is read (its kind). */
  table: Table;
  spec: FunnelSpec;
  /** The view's clauses (filters, drill-down, date range). */
  clauses: readonly Clause[];
  /** One row per period of this granularity (of the spec's date column); null: no period. */
  granularity: Granularity | null;
  /** Text columns: one row per combination of their values. */
  groupBy: readonly string[];
  /** The relation to read: a table or view name, `schema.table` or `project.dataset.table`. */
  source: string;
  /** How the warehouse stores the date column. */
  dateType: DateColumnType;
}

/** Something the user should know about a query (an i18n key and its parameters). */
export interface SqlNote {
  key: string;
  params: Record<string, string | number>;
}

export type FunnelSql =
  | { ok: true; sql: string; columns: string[]; notes: SqlNote[] }
  | { ok: false; reason: 'no-stages' | 'unsupported-shape' | 'formula'; notes: SqlNote[] };

/** The per-row values a shape needs (`expr AS fw_…`) and each stage's sum over them. */
interface ShapeParts {
  rows: string[];
  sums: string[];
}

const INDENT = '  ';

/** SUM and COALESCE as each dialect spells them (ClickHouse's own names are lower case). */
function sum(x: string, d: Dialect): string {
  return d === 'clickhouse' ? `coalesce(sum(${x}), 0)` : `COALESCE(SUM(${x}), 0)`;
}

/** `x IN (…)`, with '' also meaning empty (NULL), as a filter on '' selects empty cells. */
function inValues(x: string, values: readonly string[], d: Dialect): string {
  const filled = values.filter((v) => v !== '');
  const tests: string[] = [];
  if (filled.length) tests.push(`${x} IN (${filled.map((v) => quoteText(v, d)).join(', ')})`);
  if (filled.length < values.length) tests.push(`${x} IS NULL`, `${x} = ''`);
  if (tests.length === 0) return '1 = 0';
  return tests.length === 1 ? tests[0] : `(${tests.join(' OR ')})`;
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

/** The WHERE tests of the clauses that apply to the table (the others the app ignores too). */
function whereTests(q: FunnelQuery, d: Dialect): string[] {
  const tests: string[] = [];
  for (const clause of q.clauses) {
    if (!appliesTo(q.table, clause)) continue;
    const name = quoteName(clause.field, d);
    const p = clause.predicate;
    if (p.kind === 'values') tests.push(inValues(name, p.values, d));
    else {
      const day = dayOfColumn(name, q.dateType, d);
      const from = dayLiteral(dayText(p.from), d);
      const to = dayLiteral(dayText(p.to), d);
      tests.push(`${day} >= ${from} AND ${day} <= ${to}`);
    }
  }
  return tests;
}

/** Names made unique in order: a repeat gets " (2)", " (3)"… */
function uniqueNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; used.has(candidate); n++) candidate = `${name} (${n})`;
    used.add(candidate);
    return candidate;
  });
}

/**
 * The query computing the funnel's table for `q` in `dialect`.
 *
 * @example
 * funnelSql({ table, spec, clauses: [regionIsNorth], granularity: 'month', groupBy: [],
 *   source: 'funnel_source', dateType: 'date' }, 'duckdb').sql
 * // SELECT fw_period AS "日期", fw_s0 AS "展现量", … FROM (SELECT fw_period, COALESCE(SUM(fw_s0), 0)
 * //   AS fw_s0, … FROM (SELECT CAST(DATE_TRUNC('month', "日期") AS DATE) AS fw_period, "展现量"
 * //   AS fw_s0, … FROM "funnel_source" WHERE "地区" IN ('华北')) AS fw_rows GROUP BY fw_period)
 * //   AS fw_funnel ORDER BY fw_period
 */
export function funnelSql(q: FunnelQuery, d: Dialect): FunnelSql {
  const spec = q.spec;
  const notes: SqlNote[] = [];
  if (spec.stages.length === 0) return { ok: false, reason: 'no-stages', notes };
  if (spec.shape !== 'wide' && spec.shape !== 'records' && spec.shape !== 'long') {
    return { ok: false, reason: 'unsupported-shape', notes };
  }
  const parts = shapeParts(q, d);
  if (!parts) return { ok: false, reason: 'formula', notes };

  // The row's columns under neutral names, then what each output column is.
  const keys: { inner: string; row: string; total: string; name: string }[] = [];
  const date = spec.date && column(q.table, spec.date)?.kind === 'date' ? spec.date : null;
  if (q.granularity && date) {
    const day = dayOfColumn(quoteName(date, d), q.dateType, d);
    keys.push({ inner: 'fw_period', row: periodOf(day, q.granularity, d), total: '', name: date });
  }
  q.groupBy
    .filter((g) => column(q.table, g)?.kind === 'text')
    .forEach((g, j) => keys.push({ inner: `fw_g${j}`, row: quoteName(g, d), total: '', name: g }));
  const measures: { inner: string; row: string | null; total: string; name: string }[] =
    spec.stages.map((s, k) => ({
      inner: `fw_s${k}`,
      row: null,
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

  const wanted = uniqueNames([...keys, ...measures].map((c) => c.name));
  const names = wanted.map((n) => resultName(n, d));
  wanted.forEach((n, i) => {
    if (names[i] !== n) notes.push({ key: 'sql.note.renamed', params: { from: n, to: names[i] } });
    if (d === 'postgres' && tooLongForPostgres(n)) {
      notes.push({ key: 'sql.note.longName', params: { name: n } });
    }
  });
  if (q.dateType === 'text' && date)
    notes.push({ key: 'sql.note.textDates', params: { column: date } });

  const rowColumns = [
    ...keys.map((c) => `${c.row} AS ${c.inner}`),
    ...parts.rows,
    ...measures.filter((m) => m.row !== null).map((m) => `${m.row} AS ${m.inner}`),
  ];
  const where = whereTests(q, d);
  const rowsQuery = [
    `${INDENT.repeat(2)}SELECT`,
    rowColumns.map((c) => `${INDENT.repeat(3)}${c}`).join(',\n'),
    `${INDENT.repeat(2)}FROM ${quoteRelation(q.source, d)}`,
    ...(where.length
      ? [`${INDENT.repeat(2)}WHERE ${where.join(`\n${INDENT.repeat(3)}AND `)}`]
      : []),
  ].join('\n');
  const group = keys.map((c) => c.inner).join(', ');
  const totals = [...keys.map((c) => c.inner), ...measures.map((m) => `${m.total} AS ${m.inner}`)];
  const sql = [
    'SELECT',
    [...keys, ...measures]
      .map((c, i) => `${INDENT}${c.inner} AS ${quoteName(names[i], d)}`)
      .join(',\n'),
    'FROM (',
    `${INDENT}SELECT`,
    totals.map((c) => `${INDENT.repeat(2)}${c}`).join(',\n'),
    `${INDENT}FROM (`,
    rowsQuery,
    `${INDENT}) AS fw_rows`,
    ...(group ? [`${INDENT}GROUP BY ${group}`] : []),
    ') AS fw_funnel',
    ...(group ? [`ORDER BY ${group}`] : []),
  ].join('\n');
  return { ok: true, sql, columns: names, notes };
}
