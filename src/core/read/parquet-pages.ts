/**
 * One flat column chunk of a Parquet row group, page by page, into a column sink.
 *
 * hyparquet's own reader hands back each page as a JavaScript array of values, assembled row by
 * row even when a page has no empty value (every optional column, which is how DuckDB, Spark
 * and BigQuery write them): most of its time at a million rows. The table needs none of that,
 * so this reads pages with hyparquet's building blocks (page headers, decompression, the plain
 * and run-length decoders, the type conversions) and hands the sink typed arrays: definition
 * levels and dictionary indices in typed arrays reused from page to page. Encodings this does
 * not decode itself (delta, byte-stream-split, ALP) go through hyparquet's page reader.
 */
import type { AsyncBuffer, ColumnChunk, FileMetaData } from 'hyparquet';
import type { ColumnDecoder, DataReader } from 'hyparquet/src/types.js';
import { codecs } from './parquet-codecs';
import { parquetHeader } from 'hyparquet/src/column.js';
import { DEFAULT_PARSERS, convert } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { getMaxDefinitionLevel, getSchemaPath } from 'hyparquet/src/schema.js';
import type { ColumnSink, Levels } from './parquet-columns';

/** Typed arrays reused across pages (a page holds at most a few hundred thousand values). */
class Scratch {
  #levels = new Uint8Array(0);
  #indices = new Int32Array(0);

  levels(n: number): Uint8Array {
    if (this.#levels.length < n) this.#levels = new Uint8Array(n);
    return this.#levels.subarray(0, n);
  }

  indices(n: number): Int32Array {
    if (this.#indices.length < n) this.#indices = new Int32Array(n);
    return this.#indices.subarray(0, n);
  }
}

/** How to decode one column of a file: hyparquet's decoder, with the sink's parsers. */
export function columnDecoder(
  metadata: FileMetaData,
  name: string,
  chunk: ColumnChunk,
  sink: ColumnSink,
): ColumnDecoder {
  const schemaPath = getSchemaPath(metadata.schema, [name]);
  const meta = chunk.meta_data!;
  return {
    pathInSchema: meta.path_in_schema,
    type: meta.type,
    element: schemaPath[schemaPath.length - 1].element,
    schemaPath,
    codec: meta.codec,
    compressors: codecs,
    parsers: { ...DEFAULT_PARSERS, ...sink.parsers },
    utf8: true,
  };
}

/**
 * Parquet's run-length / bit-packed hybrid (definition levels, dictionary indices) from
 * `bytes[pos..end)` into `out`, for bit widths up to 24; returns where it stopped. hyparquet's
 * own decoder reads a byte at a time through a DataView into any array; this one reads the
 * bytes directly and fills runs with `fill`, several times faster on a million rows.
 *
 * @example
 * // one run of five 1s (header 5 << 1, value 1), then 8 bit-packed 2-bit values 0,1,2,3,0,1,2,3
 * decodeHybrid(Uint8Array.of(10, 1, 3, 0xe4, 0xe4), 0, 5, 2, new Uint8Array(13)) // 5
 */
export function decodeHybrid(
  bytes: Uint8Array,
  pos: number,
  end: number,
  width: number,
  out: Uint8Array | Int32Array,
): number {
  const n = out.length;
  const mask = (1 << width) - 1;
  const valueBytes = (width + 7) >> 3;
  const at = { pos };
  let seen = 0;
  while (seen < n && at.pos < end) {
    const header = varint(bytes, at);
    pos = at.pos;
    if (header % 2 === 1) {
      const groups = Math.floor(header / 2);
      const take = Math.min(groups * 8, n - seen);
      if (width === 0) out.fill(0, seen, seen + take);
      else {
        const base = pos * 8;
        for (let i = 0; i < take; i++) {
          const bit = base + i * width;
          let byte = bit >> 3;
          const off = bit & 7;
          let v = bytes[byte] >>> off;
          for (let got = 8 - off; got < width; got += 8) v |= bytes[++byte] << got;
          out[seen + i] = v & mask;
        }
      }
      seen += take;
      at.pos = pos + groups * width;
    } else {
      const count = Math.floor(header / 2);
      let v = 0;
      for (let i = 0; i < valueBytes; i++) v |= bytes[pos + i] << (8 * i);
      const take = Math.min(count, n - seen);
      out.fill(v, seen, seen + take);
      seen += take;
      at.pos = pos + valueBytes;
    }
  }
  return at.pos;
}

/** An unsigned LEB128 number at `at.pos` (a run's header), moving `at.pos` past it. */
function varint(bytes: Uint8Array, at: { pos: number }): number {
  let value = 0;
  let shift = 0;
  let b: number;
  do {
    b = bytes[at.pos++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80 && shift < 35);
  return value;
}

/** True when the levels at `pos` are one run-length run of `n` or more 1s. */
function oneRunOfValues(bytes: Uint8Array, pos: number, n: number): boolean {
  const at = { pos };
  const header = varint(bytes, at);
  return header % 2 === 0 && Math.floor(header / 2) >= n && bytes[at.pos] === 1;
}

/** How many rows of a page have a value (level 1). */
function countFilled(levels: Uint8Array): number {
  let filled = 0;
  for (let j = 0; j < levels.length; j++) filled += levels[j];
  return filled;
}

/** Levels of a page with empty rows; null when every row has a value. */
function levelsOrNull(levels: ArrayLike<number> | undefined): Levels {
  if (!levels || levels.length === 0) return null;
  for (let j = 0; j < levels.length; j++) if (levels[j] === 0) return levels;
  return null;
}

/**
 * Read the column chunk `chunk` (a flat column) of a row group whose first row is `rowStart`
 * into `sink`. Only this chunk's bytes are read from the file.
 *
 * @example
 * const group = metadata.row_groups[0];
 * await readChunk(file, group.columns[3], columnDecoder(metadata, '点击量', group.columns[3], sink),
 *   sink, 0, Number(group.num_rows));
 */
export async function readChunk(
  file: AsyncBuffer,
  chunk: ColumnChunk,
  decoder: ColumnDecoder,
  sink: ColumnSink,
  rowStart: number,
  rows: number,
  scratch = new Scratch(),
): Promise<void> {
  const meta = chunk.meta_data!;
  // Some writers (polars) leave the dictionary's offset out: it then starts the data.
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  const buffer = await file.slice(start, start + Number(meta.total_compressed_size));
  const reader: DataReader = { view: new DataView(buffer), offset: 0 };
  const maxLevel = getMaxDefinitionLevel(decoder.schemaPath);
  const end = rowStart + rows;
  let row = rowStart;
  while (row < end && reader.offset < reader.view.byteLength - 1) {
    const header = parquetHeader(reader);
    const bytes = new Uint8Array(buffer, reader.offset, header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    const size = Number(header.uncompressed_page_size);
    if (header.type === 'DICTIONARY_PAGE') {
      const page = decompressPage(bytes, size, decoder.codec, decoder.compressors);
      const count = header.dictionary_page_header!.num_values;
      const view = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
      const entries = readPlain(view, decoder.type, count, decoder.element.type_length);
      sink.dictionary(convert(entries, decoder));
    } else if (header.type === 'DATA_PAGE') {
      const daph = header.data_page_header!;
      const page = decompressPage(bytes, size, decoder.codec, decoder.compressors);
      const count = Math.min(daph.num_values, end - row);
      const encoding = daph.encoding;
      const dictionary = encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY';
      if (dictionary || encoding === 'PLAIN') {
        const pr: DataReader = {
          view: new DataView(page.buffer, page.byteOffset, page.byteLength),
          offset: 0,
        };
        let levels: Levels = null;
        let filled = daph.num_values;
        if (maxLevel > 0) {
          // Flat columns: level 1 = a value, 0 = empty, one bit each, after a 4-byte length.
          const length = pr.view.getUint32(0, true);
          pr.offset = 4 + length;
          // Usually one run of 1s (no empty row): nothing to decode.
          if (!oneRunOfValues(page, 4, daph.num_values)) {
            const raw = scratch.levels(daph.num_values);
            decodeHybrid(page, 4, 4 + length, 1, raw);
            filled = countFilled(raw);
            if (filled < raw.length) levels = raw;
          }
        }
        if (dictionary) {
          const width = page[pr.offset++];
          const indices = scratch.indices(filled);
          if (width === 0) indices.fill(0);
          else if (width <= 24) decodeHybrid(page, pr.offset, page.length, width, indices);
          else readRleBitPackedHybrid(pr, width, indices, pr.view.byteLength - pr.offset);
          sink.indexed(indices, levels, row, count);
        } else {
          const values = readPlain(pr, decoder.type, filled, decoder.element.type_length);
          sink.values(convert(values, decoder), levels, row, count);
        }
      } else {
        const { definitionLevels, dataPage } = readDataPage(page, daph, decoder);
        sink.values(convert(dataPage, decoder), levelsOrNull(definitionLevels), row, count);
      }
      row += daph.num_values;
    } else if (header.type === 'DATA_PAGE_V2') {
      const daph2 = header.data_page_header_v2!;
      const { definitionLevels, dataPage } = readDataPageV2(bytes, header, decoder);
      const count = Math.min(daph2.num_rows, end - row);
      const levels = levelsOrNull(definitionLevels);
      if (daph2.encoding === 'PLAIN_DICTIONARY' || daph2.encoding === 'RLE_DICTIONARY') {
        sink.indexed(dataPage as ArrayLike<number>, levels, row, count);
      } else sink.values(convert(dataPage, decoder), levels, row, count);
      row += daph2.num_rows;
    }
    // Index pages carry nothing the table needs.
  }
}

export { Scratch };
