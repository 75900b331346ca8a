/**
 * How each warehouse writes a query's result to a file the app imports: Parquet where the engine
 * writes it from SQL, else CSV with a header. `{query}` stands for the funnel's query.
 */
import type { Dialect } from './dialect';

const COMMANDS: Record<Dialect, string> = {
  duckdb: "COPY ({query}) TO 'funnel.parquet' (FORMAT PARQUET);",
  clickhouse: "{query}\nINTO OUTFILE 'funnel.parquet' FORMAT Parquet",
  bigquery:
    "EXPORT DATA OPTIONS (uri = 'gs://your-bucket/funnel-*.parquet', format = 'PARQUET') AS\n{query}",
  postgres: "\\copy ({query}) TO 'funnel.csv' WITH (FORMAT csv, HEADER)",
};

/**
 * The statement (or client command) that writes `query`'s result to a file, for `dialect`.
 *
 * @example
 * exportCommand('duckdb', 'SELECT 1') // "COPY (SELECT 1) TO 'funnel.parquet' (FORMAT PARQUET);"
 * exportCommand('duckdb')             // "COPY (…) TO 'funnel.parquet' (FORMAT PARQUET);"
 */
export function exportCommand(dialect: Dialect, query = '…'): string {
  return COMMANDS[dialect].replace('{query}', query);
}
