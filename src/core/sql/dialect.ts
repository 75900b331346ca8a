/**
 * What differs between the four SQL dialects the funnel is written in: how a name and a text are
 * quoted, how a day is written, truncated to its period and read from a time stamp or a text,
 * how a value becomes a double, and which names a result column may take. Everything else in the
 * query (CASE, SUM, COALESCE, IN, subqueries in FROM) is the same in DuckDB, ClickHouse,
 * BigQuery Standard SQL and PostgreSQL.
 */
import type { Granularity } from '../engine/period';

export type Dialect = 'duckdb' | 'clickhouse' | 'bigquery' | 'postgres';
export const DIALECTS: readonly Dialect[] = ['duckdb', 'clickhouse', 'bigquery', 'postgres'];

/**
 * How the warehouse stores the date (or event time) column: a DATE, a time stamp, ISO text
 * (2025-01-05 13:45…), or a number of seconds, milliseconds or microseconds since 1970 (GA4's
 * `event_timestamp`).
 */
export type DateColumnType = 'date' | 'timestamp' | 'text' | 'epoch-s' | 'epoch-ms' | 'epoch-us';
export const DATE_COLUMN_TYPES: readonly DateColumnType[] = [
  'date',
  'timestamp',
  'text',
  'epoch-s',
  'epoch-ms',
  'epoch-us',
];
const EPOCH_FACTOR: Partial<Record<DateColumnType, number>> = {
  'epoch-s': 1_000_000,
  'epoch-ms': 1_000,
  'epoch-us': 1,
};

/**
 * A name as an identifier: always quoted, so Chinese, spaces, capitals (PostgreSQL folds bare
 * names to lower case) and reserved words come through as written.
 *
 * @example
 * quoteName('点击"量', 'duckdb')     // "点击""量"
 * quoteName('a`b', 'clickhouse')     // `a\`b`
 * quoteName('Conv. value', 'bigquery') // `Conv. value`
 */
export function quoteName(name: string, dialect: Dialect): string {
  if (dialect === 'duckdb' || dialect === 'postgres') return `"${name.replaceAll('"', '""')}"`;
  // ClickHouse and BigQuery read backslash escapes inside backticks.
  return '`' + name.replaceAll('\\', '\\\\').replaceAll('`', '\\`') + '`';
}

/**
 * A relation name: `project.dataset.table` or `schema.table` is split at the dots and each
 * part quoted (BigQuery takes the whole path in one pair of backticks).
 *
 * @example
 * quoteRelation('analytics.funnel_source', 'postgres') // "analytics"."funnel_source"
 * quoteRelation('proj.ds.events', 'bigquery')         // `proj.ds.events`
 */
export function quoteRelation(name: string, dialect: Dialect): string {
  const trimmed = name.trim() || 'funnel_source';
  if (dialect === 'bigquery') return quoteName(trimmed, dialect);
  return trimmed
    .split('.')
    .map((part) => quoteName(part, dialect))
    .join('.');
}

/**
 * A text literal. DuckDB and PostgreSQL double the quote; ClickHouse and BigQuery read
 * backslash escapes, so backslashes and line breaks are escaped too.
 *
 * @example
 * quoteText("O'Brien", 'postgres')  // 'O''Brien'
 * quoteText('a\\b', 'bigquery')      // 'a\\b'
 */
export function quoteText(text: string, dialect: Dialect): string {
  if (dialect === 'duckdb' || dialect === 'postgres') return `'${text.replaceAll("'", "''")}'`;
  const escaped = text
    .replaceAll('\\', '\\\\')
    .replaceAll("'", "\\'")
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r');
  return `'${escaped}'`;
}

/** A number literal; PostgreSQL gets a decimal point so `1 / 2` is not integer division. */
export function numberLiteral(value: number, dialect: Dialect): string {
  const text = String(value);
  return dialect === 'postgres' && /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/**
 * A day as a literal, `day` being an ISO date text.
 *
 * @example
 * dayLiteral('2025-05-01', 'clickhouse') // toDate('2025-05-01')
 */
export function dayLiteral(day: string, dialect: Dialect): string {
  return dialect === 'clickhouse' ? `toDate('${day}')` : `DATE '${day}'`;
}

/**
 * The day of a date column's value, whatever the warehouse stores: DATE as it is, a time stamp
 * cut to its day, text read from its first ten characters (YYYY-MM-DD; other text is empty,
 * except in PostgreSQL, which has no forgiving cast and stops on it).
 */
export function dayOfColumn(column: string, type: DateColumnType, dialect: Dialect): string {
  if (type === 'date') return column;
  if (EPOCH_FACTOR[type]) return dayOfMicros(microsOf(column, type, dialect), dialect);
  if (type === 'timestamp') {
    if (dialect === 'clickhouse') return `toDate(${column})`;
    if (dialect === 'bigquery') return `DATE(${column})`;
    return `CAST(${column} AS DATE)`;
  }
  if (dialect === 'clickhouse') return `toDateOrNull(substring(${column}, 1, 10))`;
  if (dialect === 'bigquery') return `SAFE_CAST(SUBSTR(${column}, 1, 10) AS DATE)`;
  if (dialect === 'duckdb') return `TRY_CAST(SUBSTR(${column}, 1, 10) AS DATE)`;
  return `CAST(NULLIF(SUBSTR(${column}, 1, 10), '') AS DATE)`;
}

/**
 * A time as whole microseconds since 1970 (UTC), the event funnel's clock, whatever the column
 * holds; text is read as a time stamp (empty when it is not one, except in PostgreSQL).
 *
 * @example
 * microsOf('t', 'timestamp', 'bigquery') // UNIX_MICROS(TIMESTAMP(t))
 * microsOf('t', 'epoch-ms', 'duckdb')    // CAST(t AS BIGINT) * 1000
 */
export function microsOf(column: string, type: DateColumnType, dialect: Dialect): string {
  const factor = EPOCH_FACTOR[type];
  if (factor) {
    const whole =
      dialect === 'clickhouse'
        ? `toInt64(${column})`
        : `CAST(${column} AS ${dialect === 'bigquery' ? 'INT64' : 'BIGINT'})`;
    return factor === 1 ? whole : `${whole} * ${factor}`;
  }
  if (dialect === 'clickhouse') {
    const time =
      type === 'text'
        ? `parseDateTimeBestEffortOrNull(${column}, 'UTC')`
        : type === 'date'
          ? `toDateTime(${column}, 'UTC')`
          : column;
    return `toInt64(toUnixTimestamp(${time})) * 1000000`;
  }
  if (dialect === 'bigquery') {
    return type === 'text'
      ? `UNIX_MICROS(SAFE_CAST(${column} AS TIMESTAMP))`
      : `UNIX_MICROS(TIMESTAMP(${column}))`;
  }
  if (dialect === 'duckdb') {
    const cast = type === 'text' ? 'TRY_CAST' : 'CAST';
    return `epoch_us(${cast}(${column} AS TIMESTAMP))`;
  }
  const time = type === 'text' ? `NULLIF(${column}, '')` : column;
  return `CAST(EXTRACT(EPOCH FROM CAST(${time} AS TIMESTAMP)) * 1000000 AS BIGINT)`;
}

/** The day (UTC) of a number of microseconds since 1970, as a DATE. */
export function dayOfMicros(micros: string, dialect: Dialect): string {
  if (dialect === 'clickhouse') return `toDate(toDateTime(intDiv(${micros}, 1000000), 'UTC'))`;
  if (dialect === 'bigquery') return `DATE(TIMESTAMP_MICROS(${micros}))`;
  if (dialect === 'duckdb') return `CAST(make_timestamp(${micros}) AS DATE)`;
  // Whole days since 1970 added to its first day: the UTC day, whatever the session's zone.
  return `DATE '1970-01-01' + CAST(FLOOR(${micros} / 86400000000.0) AS INTEGER)`;
}

/**
 * The first day of the period holding `day` (an expression of type DATE): weeks start on
 * Monday (ISO), as the app's do.
 *
 * @example
 * periodOf('d', 'month', 'postgres')  // CAST(DATE_TRUNC('MONTH', d) AS DATE)
 * periodOf('d', 'week', 'bigquery')   // DATE_TRUNC(d, ISOWEEK)
 */
export function periodOf(day: string, g: Granularity, dialect: Dialect): string {
  if (g === 'day') return day;
  if (dialect === 'clickhouse') {
    const fn = { week: 'toMonday', month: 'toStartOfMonth', quarter: 'toStartOfQuarter' };
    return `${g === 'year' ? 'toStartOfYear' : fn[g]}(${day})`;
  }
  if (dialect === 'bigquery') {
    return `DATE_TRUNC(${day}, ${g === 'week' ? 'ISOWEEK' : g.toUpperCase()})`;
  }
  return `CAST(DATE_TRUNC('${g.toUpperCase()}', ${day}) AS DATE)`;
}

/** A value as a double (empty stays empty), for formula arithmetic. */
export function asDouble(value: string, dialect: Dialect): string {
  if (dialect === 'clickhouse') return `toFloat64(${value})`;
  const type = { duckdb: 'DOUBLE', bigquery: 'FLOAT64', postgres: 'DOUBLE PRECISION' }[dialect];
  return `CAST(${value} AS ${type})`;
}

/**
 * ClickHouse's trim: a regular expression, which every version has (trimBoth came in 2019 and
 * trims spaces only; `\s` is any ASCII white space, as CSV cells are trimmed).
 */
const CLICKHOUSE_TRIM = "'^\\\\s+|\\\\s+$'";

/** `TRIM(x)` for a test of "filled in". */
export function trimmed(value: string, dialect: Dialect): string {
  return dialect === 'clickhouse'
    ? `replaceRegexpAll(${value}, ${CLICKHOUSE_TRIM}, '')`
    : `TRIM(${value})`;
}

/** `LOWER(TRIM(x))`: stage and status values compared as the app compares them. */
export function comparable(value: string, dialect: Dialect): string {
  const t = trimmed(value, dialect);
  return dialect === 'clickhouse' ? `lowerUTF8(${t})` : `LOWER(${t})`;
}

/** `NULLIF(x, 0)`: a division by zero gives empty, as the app's formulas give 0 for the row. */
export function nullIfZero(value: string, dialect: Dialect): string {
  return dialect === 'clickhouse' ? `nullIf(${value}, 0)` : `NULLIF(${value}, 0)`;
}

/** Characters a BigQuery column name may not hold (its "flexible column names" allow the rest). */
const BIGQUERY_NOT_IN_NAMES = /[!"$()*,./;?@[\\\]^`{}~]|\p{Cc}/gu;

/** Bytes in a PostgreSQL name; longer ones are cut, and two cut alike would clash. */
const POSTGRES_NAME_BYTES = 63;

/**
 * The name a result column can take in `dialect`: the stage's label as it is, except where the
 * dialect refuses it (BigQuery: some punctuation, replaced by `_`; 300 characters at most).
 *
 * @example
 * resultName('Proposal/Price Quote', 'bigquery') // 'Proposal_Price Quote'
 * resultName('Proposal/Price Quote', 'duckdb')   // 'Proposal/Price Quote'
 */
export function resultName(label: string, dialect: Dialect): string {
  if (dialect !== 'bigquery') return label;
  const name = label.replace(BIGQUERY_NOT_IN_NAMES, '_').slice(0, 300);
  return name.trim() === '' ? '_' : name;
}

/** True when PostgreSQL would cut the name (more than 63 bytes of UTF-8). */
export function tooLongForPostgres(name: string): boolean {
  return new TextEncoder().encode(name).length > POSTGRES_NAME_BYTES;
}
