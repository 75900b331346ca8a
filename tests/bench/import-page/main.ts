/**
 * The import bench's other contenders, loaded into the app's own page after its import has been
 * timed, so every contender reads the same File in the same page: DuckDB-WASM's read_csv into a
 * table (the engine started before the clock), uDSV streamed into typed columns, papaparse the
 * naive way, and the floor (reading and decoding the file, nothing else). Each ends with the
 * stage totals, which the bench checks against the file's own sums.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import Papa from 'papaparse';
import { inferSchema, initParser } from 'udsv';

interface Timed {
  ms: number;
  totals: number[];
}

let conn: duckdb.AsyncDuckDBConnection | null = null;
let db: duckdb.AsyncDuckDB | null = null;
let round = 0;

/** Start DuckDB (before any clock: a user would have it warm). */
async function ready(): Promise<void> {
  if (conn) return;
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
    eh: { mainModule: ehWasm, mainWorker: ehWorker },
  });
  db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(bundle.mainWorker!));
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  conn = await db.connect();
  await conn.query('SELECT 1');
}

/** DuckDB-WASM: the File registered, read_csv into a table, then the stage sums. */
async function duck(file: File, stages: string[]): Promise<Timed> {
  await ready();
  const name = `import-${++round}.csv`;
  const start = performance.now();
  await db!.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  await conn!.query(`CREATE OR REPLACE TABLE ads AS SELECT * FROM read_csv('${name}')`);
  const sums = stages.map((s) => `sum("${s}")::DOUBLE AS "${s}"`).join(', ');
  const row = (await conn!.query(`SELECT ${sums} FROM ads`)).toArray()[0].toJSON();
  const ms = performance.now() - start;
  await conn!.query('DROP TABLE ads');
  await db!.dropFile(name);
  return { ms, totals: stages.map((s) => Number(row[s])) };
}

/** uDSV: the file's text stream parsed chunk by chunk into typed columns, then summed. */
async function udsv(file: File, stages: string[]): Promise<Timed> {
  const start = performance.now();
  const text = file.stream().pipeThrough(new TextDecoderStream());
  let parser: ReturnType<typeof initParser> | null = null;
  for await (const chunk of text as unknown as AsyncIterable<string>) {
    parser ??= initParser(inferSchema(chunk));
    // uDSV's types do not accept its own column parser here; its README streams with it.
    parser.chunk<unknown[]>(chunk, parser.typedCols as never);
  }
  const cols = parser!.end() as unknown as number[][];
  const names = parser!.schema.cols.map((c) => c.name);
  const totals = stages.map((s) => {
    const col = cols[names.indexOf(s)];
    let sum = 0;
    for (let i = 0; i < col.length; i++) sum += col[i] || 0;
    return sum;
  });
  return { ms: performance.now() - start, totals };
}

/** papaparse as a tutorial has it: the whole text, header and dynamicTyping, on the main thread. */
async function naive(file: File, stages: string[]): Promise<Timed> {
  const start = performance.now();
  const parsed = Papa.parse<Record<string, number>>(await file.text(), {
    header: true,
    dynamicTyping: true,
    skipEmptyLines: true,
  });
  const totals = stages.map((s) => parsed.data.reduce((a, row) => a + (row[s] || 0), 0));
  return { ms: performance.now() - start, totals };
}

/** The floor: read the file and decode it, nothing more (characters counted so it is not skipped). */
async function floor(file: File): Promise<{ ms: number; chars: number }> {
  const start = performance.now();
  const decoder = new TextDecoder();
  let chars = 0;
  for await (const bytes of file.stream() as unknown as AsyncIterable<Uint8Array>) {
    chars += decoder.decode(bytes, { stream: true }).length;
  }
  chars += decoder.decode().length;
  return { ms: performance.now() - start, chars };
}

(window as unknown as Record<string, unknown>).fwContenders = { ready, duck, udsv, naive, floor };
