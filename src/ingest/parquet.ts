/**
 * Parquet in the import worker: the file is read in slices (its footer, then one column chunk at
 * a time), never whole, within the memory this device can spare. Loaded only when a Parquet file
 * arrives, so CSV imports start without the reader.
 */
import type { ImportedTable } from '../core/read/delimited';
import { maxImportBytes } from '../core/read/import-error';
import { blobBuffer, importParquet } from '../core/read/parquet';

/**
 * Import a Parquet file, reporting progress after each row group; `stillWanted` false stops it.
 *
 * @example
 * await importParquetFile(file, 'ads.parquet', (bytes, total, rows) => {}, async () => true)
 */
export function importParquetFile(
  file: Blob,
  name: string,
  progress: (bytes: number, totalBytes: number, rows: number) => void,
  stillWanted: () => Promise<boolean>,
): Promise<ImportedTable> {
  // Workers see the device's memory as pages do (Chromium); elsewhere the cap applies.
  const memory = (globalThis as { navigator?: { deviceMemory?: number } }).navigator?.deviceMemory;
  progress(0, file.size, 0);
  return importParquet(blobBuffer(file), {
    fileName: name,
    memoryLimit: maxImportBytes(memory),
    onChunk: (done, rows) => {
      progress(done, file.size, rows);
      return stillWanted();
    },
  });
}
