/**
 * Decompressors for Parquet pages, all plain JavaScript. hyparquet-compressors' ready-made map
 * compiles WebAssembly for Snappy as soon as it loads, which the app's Content-Security-Policy
 * refuses (no 'wasm-unsafe-eval'), so that map is not used: Snappy is hyparquet's own JavaScript
 * reader (its default when a codec has no decompressor here), gzip, Brotli and LZ4 come from the
 * same package's JavaScript files, and zstd from fzstd, the package it uses for zstd.
 */
import type { Compressors } from 'hyparquet';
import { decompress as zstd } from 'fzstd';
import { decompressBrotli } from 'hyparquet-compressors/src/brotli.js';
import { gunzip } from 'hyparquet-compressors/src/gzip.js';
import { decompressLz4, decompressLz4Raw } from 'hyparquet-compressors/src/lz4.js';

/** Every codec writers use but Snappy (built into hyparquet); LZO is not read. */
export const codecs: Compressors = {
  GZIP: (input, length) => gunzip(input, new Uint8Array(length)),
  BROTLI: decompressBrotli,
  ZSTD: (input, length) => zstd(input, new Uint8Array(length)),
  LZ4: decompressLz4,
  LZ4_RAW: decompressLz4Raw,
};
