/**
 * The event funnel as SQL in DuckDB-WASM, over the same rows: a window function gives, for every
 * funnel event, the next time of each step at or after it (peers of equal time included), and
 * joins walk each entry's chain; each person keeps the entry that goes furthest. DuckDB's wasm
 * and worker come from node_modules through this page's own build, never from a CDN.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { tableFromArrays } from 'apache-arrow';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

export interface DuckFunnel {
  /** People reaching each step (cumulative), and how long the query took. */
  run(windowSeconds: number, channel: number | null): Promise<{ counts: number[]; ms: number }>;
}

/** Load the rows (person, event and channel as integer codes, time in seconds) into DuckDB. */
export async function loadDuck(cols: {
  person: Int32Array;
  event: Int32Array;
  time: Float64Array;
  channel: Int32Array;
}): Promise<DuckFunnel> {
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
    eh: { mainModule: ehWasm, mainWorker: ehWorker },
  });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(bundle.mainWorker!));
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  const conn = await db.connect();
  await conn.insertArrowTable(tableFromArrays(cols), { name: 'ev' });
  return {
    async run(windowSeconds, channel) {
      const only = channel === null ? '' : `AND channel = ${Number(channel)}`;
      const w = Number(windowSeconds);
      const start = performance.now();
      await conn.query(`
        CREATE OR REPLACE TEMP TABLE nx AS
        SELECT DISTINCT person, time,
          min(time) FILTER (WHERE event = 2) OVER w AS n2,
          min(time) FILTER (WHERE event = 3) OVER w AS n3,
          min(time) FILTER (WHERE event = 4) OVER w AS n4,
          min(time) FILTER (WHERE event = 5) OVER w AS n5
        FROM ev WHERE event BETWEEN 1 AND 5 ${only}
        WINDOW w AS (PARTITION BY person ORDER BY time
                     RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)`);
      const result = await conn.query(`
        WITH e AS (SELECT DISTINCT person, time AS t1 FROM ev WHERE event = 1 ${only}),
        c AS (
          SELECT e.person, e.t1, a.n2 AS t2, b.n3 AS t3, x.n4 AS t4, d.n5 AS t5
          FROM e
          JOIN nx a ON a.person = e.person AND a.time = e.t1
          LEFT JOIN nx b ON b.person = e.person AND b.time = a.n2
          LEFT JOIN nx x ON x.person = e.person AND x.time = b.n3
          LEFT JOIN nx d ON d.person = e.person AND d.time = x.n4
        ),
        lv AS (
          SELECT person, max(1
            + coalesce((t2 <= t1 + ${w})::INT, 0) + coalesce((t3 <= t1 + ${w})::INT, 0)
            + coalesce((t4 <= t1 + ${w})::INT, 0) + coalesce((t5 <= t1 + ${w})::INT, 0)) AS level
          FROM c GROUP BY person
        )
        SELECT level, count(*)::DOUBLE AS people FROM lv GROUP BY level ORDER BY level`);
      const ms = performance.now() - start;
      const byLevel = new Map<number, number>();
      for (const row of result.toArray()) byLevel.set(Number(row.level), Number(row.people));
      const counts = [1, 2, 3, 4, 5].map((k) =>
        [...byLevel].reduce((s, [level, n]) => s + (level >= k ? n : 0), 0),
      );
      return { counts, ms };
    },
  };
}
