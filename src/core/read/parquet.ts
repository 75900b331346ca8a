/**
 * Parquet → table, with hyparquet (pure JavaScript) and its compressors: what BigQuery,
 * ClickHouse, DuckDB, Spark and pandas export. No text round trip: numbers (INT32, INT64, FLOAT,
 * DOUBLE, DECIMAL) become number columns, DATE and TIMESTAMP become day numbers, strings become
 * dictionary codes (see parquet-columns.ts). The footer says how many rows and of what type, so a
 * file too large for this tab's memory is refused before a byte of data is read; then row groups
 * are read one at a time, a column at a time, each straight into the table's arrays.
 *
 * The columns then get the same judgement a CSV's do: an integer column named like an id is an
 * id, a text column whose values are all numbers or dates becomes one, so recognition, mapping
 * and explore see the table a CSV export of it would give.
 */
import {
  parquetMetadataAsync,
  parquetSchema,
  type AsyncBuffer,
  type FileMetaData,
  type SchemaElement,
} from 'hyparquet';
import type { Column, Table } from '../table/table';
import { MAX_COLUMNS, MAX_ROWS } from '../table/limits';
import { dedupeHeaders, headerWarnings, planColumn } from './infer';
import { ImportError } from './import-error';
import { retypeColumn } from './retype';
import { columnSink, type SinkKind } from './parquet-columns';
import { columnDecoder, readChunk, Scratch } from './parquet-pages';
import type { ImportedTable } from './delimited';
import type { ImportReport } from './report';

type Warning = ImportReport['warnings'][number];

/** Values looked at to judge a column as a CSV's first rows are judged. */
const SAMPLE = 1000;

/** A Blob (a picked File) as hyparquet reads it: slices on demand, never the whole file. */
export function blobBuffer(blob: Blob): AsyncBuffer {
  return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

/**
 * What a flat column becomes, or null when the app has no place for it (nested lists and
 * structs, intervals, times of day, geometry).
 *
 * @example
 * kindOf({ name: 'd', type: 'INT32', converted_type: 'DATE' })     // 'date'
 * kindOf({ name: 'v', type: 'INT64', converted_type: 'DECIMAL' })  // 'number'
 * kindOf({ name: 's', type: 'BYTE_ARRAY', converted_type: 'UTF8' }) // 'text'
 */
export function kindOf(el: SchemaElement): SinkKind | null {
  const c = el.converted_type;
  const l = el.logical_type?.type;
  if (el.num_children) return null;
  if (c === 'DATE' || l === 'DATE' || c === 'TIMESTAMP_MILLIS' || c === 'TIMESTAMP_MICROS') {
    return 'date';
  }
  if (l === 'TIMESTAMP' || (el.type === 'INT96' && !c)) return 'date';
  if (c === 'DECIMAL' || l === 'DECIMAL' || l === 'FLOAT16') return 'number';
  if (c === 'INTERVAL' || c === 'BSON' || c === 'TIME_MILLIS' || c === 'TIME_MICROS') return null;
  if (l === 'TIME' || l === 'GEOMETRY' || l === 'GEOGRAPHY' || l === 'VARIANT') return null;
  if (el.type === 'INT32' || el.type === 'INT64' || el.type === 'FLOAT' || el.type === 'DOUBLE') {
    return 'number';
  }
  if (el.type === 'BYTE_ARRAY' || el.type === 'FIXED_LEN_BYTE_ARRAY' || el.type === 'BOOLEAN') {
    return 'text';
  }
  return null;
}

/** Bytes a row of each kind takes while its column is built (values, bitmap, codes). */
const BYTES_PER_ROW: Record<SinkKind, number> = { number: 12.125, date: 8, text: 5 };

interface Planned {
  /** The column's name in the file (what hyparquet is asked for). */
  source: string;
  /** Its name in the table (cleaned, repeats renamed). */
  name: string;
  kind: SinkKind;
}

/**
 * Bytes this tab will hold while the table is read: its arrays, its text columns' dictionaries
 * (at most about twice their uncompressed bytes) and the largest column chunk being decoded.
 * Worked out from the footer alone.
 *
 * @example
 * // 1,000,000 rows of one DOUBLE column of 8 MB per row group
 * memoryNeeded(metadata, [{ kind: 'number', … }]) // ≈ 12 MB + 3 × 8 MB
 */
export function memoryNeeded(metadata: FileMetaData, columns: readonly Planned[]): number {
  const rows = Number(metadata.num_rows);
  const text = new Set(columns.filter((c) => c.kind === 'text').map((c) => c.source));
  let bytes = 0;
  for (const c of columns) bytes += rows * BYTES_PER_ROW[c.kind];
  let largestChunk = 0;
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (!meta) continue;
      const size = Number(meta.total_uncompressed_size);
      if (size > largestChunk) largestChunk = size;
      if (meta.path_in_schema.length === 1 && text.has(meta.path_in_schema[0])) bytes += size * 2;
    }
  }
  // The chunk's bytes, its decompressed pages and the decoded values (boxed, 8 bytes or more).
  return bytes + largestChunk * 3 + (rows > 0 ? 16 * Number(metadata.row_groups[0].num_rows) : 0);
}

export interface ParquetSource {
  fileName: string;
  /** Bytes this tab may use for the table (see `maxImportBytes`); refused beyond it. */
  memoryLimit: number;
  /** Called after each row group with bytes and rows read so far; resolve false to stop. */
  onChunk?: (done: number, rows: number) => boolean | Promise<boolean>;
}

/**
 * Read a Parquet file into a table, one row group at a time.
 *
 * @throws ImportError 'parquetTooLarge' (before reading any data) when the table would not fit
 *   `memoryLimit`; 'tooManyRows' / 'tooManyColumns' beyond a dataset's limits; 'parquetNoColumns'
 *   when no column is flat; 'empty' for no rows; 'cancelled' when `onChunk` says stop
 *
 * @example
 * const { table, report } = await importParquet(blobBuffer(file), { fileName: 'ads.parquet',
 *   memoryLimit: 2 ** 30 });
 * report.encoding // 'parquet'
 */
export async function importParquet(
  file: AsyncBuffer,
  source: ParquetSource,
): Promise<ImportedTable> {
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw new ImportError('failed', { reason: e instanceof Error ? e.message : String(e) });
  }
  const rows = Number(metadata.num_rows);
  const top = parquetSchema(metadata).children.map((c) => c.element);
  const readable = top.filter((el) => kindOf(el) !== null);
  const skipped = top.filter((el) => kindOf(el) === null).map((el) => el.name);
  if (readable.length === 0) {
    throw new ImportError('parquetNoColumns', { columns: skipped.slice(0, 20).join(', ') });
  }
  if (readable.length > MAX_COLUMNS) {
    throw new ImportError('tooManyColumns', { count: readable.length, limit: MAX_COLUMNS });
  }
  if (rows > MAX_ROWS)
    throw new ImportError('tooManyRows', { limit: MAX_ROWS, line: MAX_ROWS + 1 });
  if (rows === 0) throw new ImportError('empty');

  const { names, renamed, cut } = dedupeHeaders(readable.map((el) => el.name));
  const planned: Planned[] = readable.map((el, j) => ({
    source: el.name,
    name: names[j],
    kind: kindOf(el)!,
  }));
  const need = memoryNeeded(metadata, planned);
  if (need > source.memoryLimit) {
    throw new ImportError('parquetTooLarge', { rows, size: need, limit: source.memoryLimit });
  }

  const sinks = planned.map((p) => columnSink(p.name, p.kind, rows));
  const scratch = new Scratch();
  let groupStart = 0;
  let bytesDone = 0;
  for (const group of metadata.row_groups) {
    const groupRows = Number(group.num_rows);
    for (let j = 0; j < planned.length; j++) {
      const chunk = group.columns.find(
        (c) =>
          c.meta_data?.path_in_schema.length === 1 &&
          c.meta_data.path_in_schema[0] === planned[j].source,
      );
      if (!chunk) continue;
      const decoder = columnDecoder(metadata, planned[j].source, chunk, sinks[j]);
      await readChunk(file, chunk, decoder, sinks[j], groupStart, groupRows, scratch);
    }
    groupStart += groupRows;
    for (const chunk of group.columns)
      bytesDone += Number(chunk.meta_data?.total_compressed_size ?? 0);
    const more = await source.onChunk?.(Math.min(bytesDone, file.byteLength), groupStart);
    if (more === false) throw new ImportError('cancelled');
  }

  // Warnings in the order a CSV's come: names first, then what the columns met.
  const warnings: Warning[] = headerWarnings({ renamed, cut });
  const columns = sinks.map((sink) => judged(sink.finish(warnings)));
  if (skipped.length > 0) {
    warnings.push({
      key: 'import.warn.parquetSkipped',
      params: { count: skipped.length, columns: skipped.slice(0, 20).join(', ') },
    });
  }
  const table: Table = { rowCount: rows, columns };
  return {
    table,
    report: {
      fileName: source.fileName,
      encoding: 'parquet',
      delimiter: '',
      headerLine: 0,
      rowsRead: rows,
      droppedTotals: [],
      droppedBlank: 0,
      raggedRows: 0,
      raggedLines: [],
      renamedHeaders: renamed,
      warnings,
      currency: '',
      dateOrders: [],
    },
  };
}

/**
 * A column as a CSV's would be judged: numbers named like ids (`客户ID`, `user_id`) are ids,
 * whole numbers under a date header are Excel serial days, text whose values are all numbers or
 * dates is read as such (nothing is lost, or it stays text).
 */
function judged(col: Column): Column {
  if (col.kind === 'number') {
    const sample: string[] = [];
    for (let i = 0; i < col.values.length && sample.length < SAMPLE; i++) {
      if (!(col.nulls && col.nulls[i >> 3] & (1 << (i & 7)))) sample.push(String(col.values[i]));
    }
    // An empty column stays numbers: a stage with no value yet still adds up (to 0).
    if (sample.length === 0) return col;
    const plan = planColumn(col.name, sample);
    if (plan.kind === 'text') return retypeColumn(col, 'id').column;
    if (plan.kind === 'date' && plan.serial) {
      const r = retypeColumn(col, 'date');
      return r.lost === 0 ? r.column : col;
    }
    return col;
  }
  if (col.kind === 'text' && col.dict.length > 1) {
    const plan = planColumn(col.name, col.dict.slice(1, SAMPLE + 1));
    if (plan.kind === 'text') return col;
    const r = retypeColumn(col, plan.kind === 'date' ? 'date' : 'number');
    return r.lost === 0 ? r.column : col;
  }
  return col;
}
