/**
 * What every funnel query shares, whatever its shape: the query's inputs, the WHERE tests of the
 * view's clauses, and the frame around the rows. The frame has three layers, so that no
 * dialect's alias rules can bite (ClickHouse lets an alias shadow a column of the same name;
 * PostgreSQL groups by an input column before an output alias): the rows, each with its period,
 * groups and per-row values under neutral names `fw_…`; their sums per period and group; and the
 * same sums renamed to the stage labels.
 */
import { dayText, type Granularity } from '../engine/period';
import { appliesTo, type Clause } from '../engine/slice';
import type { FunnelSpec } from '../spec/spec';
import type { Table } from '../table/table';
import {
  dayLiteral,
  quoteName,
  quoteText,
  resultName,
  tooLongForPostgres,
  type DateColumnType,
  type Dialect,
} from './dialect';

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
  /** How the warehouse stores the date (or event time) column. */
  dateType: DateColumnType;
}

/** Something the user should know about a query (an i18n key and its parameters). */
export interface SqlNote {
  key: string;
  params: Record<string, string | number>;
}

export type FunnelSql =
  | { ok: true; sql: string; columns: string[]; notes: SqlNote[] }
  | {
      ok: false;
      reason: 'no-stages' | 'unsupported-shape' | 'formula' | 'events-rule';
      notes: SqlNote[];
    };

export const INDENT = '  ';

/** SUM and COALESCE as each dialect spells them (ClickHouse's own names are lower case). */
export function sum(x: string, d: Dialect): string {
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

/**
 * The WHERE tests of the clauses that apply to the table (the others the app ignores too): value
 * filters on their columns, date ranges on `dayOf(the range's column)`. `ranges: false` leaves
 * the date ranges out (an event funnel applies them to entries, not events).
 */
export function whereTests(
  q: FunnelQuery,
  d: Dialect,
  dayOf: (column: string) => string,
  ranges = true,
): string[] {
  const tests: string[] = [];
  for (const clause of q.clauses) {
    if (!appliesTo(q.table, clause)) continue;
    const p = clause.predicate;
    if (p.kind === 'values') tests.push(inValues(quoteName(clause.field, d), p.values, d));
    else if (ranges) tests.push(rangeTest(dayOf(quoteName(clause.field, d)), p, d));
  }
  return tests;
}

/** `day` within a range of whole days, both ends included. */
export function rangeTest(day: string, range: { from: number; to: number }, d: Dialect): string {
  const from = dayLiteral(dayText(range.from), d);
  return `${day} >= ${from} AND ${day} <= ${dayLiteral(dayText(range.to), d)}`;
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

/** An output column: its neutral name inside the query, and the name it is given. */
export interface Output {
  inner: string;
  name: string;
}

/** A measure also says how the rows are summed into it. */
export interface Measure extends Output {
  total: string;
}

/**
 * The three layers around `rows` (the rows layer's SELECT, at two indents), with `keys` grouped
 * and ordered by and `measures` summed; `prefix` goes first (a WITH clause). Output names that
 * the dialect refuses or cuts are noted.
 */
export function frame(
  parts: { keys: Output[]; measures: Measure[]; rows: string; prefix?: string },
  d: Dialect,
  notes: SqlNote[],
): { sql: string; columns: string[] } {
  const { keys, measures } = parts;
  const wanted = uniqueNames([...keys, ...measures].map((c) => c.name));
  const names = wanted.map((n) => resultName(n, d));
  wanted.forEach((n, i) => {
    if (names[i] !== n) notes.push({ key: 'sql.note.renamed', params: { from: n, to: names[i] } });
    if (d === 'postgres' && tooLongForPostgres(n)) {
      notes.push({ key: 'sql.note.longName', params: { name: n } });
    }
  });
  const group = keys.map((c) => c.inner).join(', ');
  const totals = [...keys.map((c) => c.inner), ...measures.map((m) => `${m.total} AS ${m.inner}`)];
  const sql = [
    ...(parts.prefix ? [parts.prefix] : []),
    'SELECT',
    [...keys, ...measures]
      .map((c, i) => `${INDENT}${c.inner} AS ${quoteName(names[i], d)}`)
      .join(',\n'),
    'FROM (',
    `${INDENT}SELECT`,
    totals.map((c) => `${INDENT.repeat(2)}${c}`).join(',\n'),
    `${INDENT}FROM (`,
    parts.rows,
    `${INDENT}) AS fw_rows`,
    ...(group ? [`${INDENT}GROUP BY ${group}`] : []),
    ') AS fw_funnel',
    ...(group ? [`ORDER BY ${group}`] : []),
  ].join('\n');
  return { sql, columns: names };
}

/** A SELECT of `columns` from `from` with `where` tests, at `depth` indents. */
export function selectText(
  columns: string[],
  from: string,
  where: string[],
  depth: number,
  groupBy?: string,
): string {
  const at = INDENT.repeat(depth);
  return [
    `${at}SELECT`,
    columns.map((c) => `${at}${INDENT}${c}`).join(',\n'),
    `${at}FROM ${from}`,
    ...(where.length ? [`${at}WHERE ${where.join(`\n${at}${INDENT}AND `)}`] : []),
    ...(groupBy ? [`${at}GROUP BY ${groupBy}`] : []),
  ].join('\n');
}
