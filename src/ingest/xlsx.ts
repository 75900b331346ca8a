/**
 * Excel workbooks (.xlsx) through read-excel-file's web-worker build (it spawns no workers of
 * its own, and it has no known advisories, unlike the npm `xlsx` 0.18.5). Cells become the text
 * they show, so a sheet goes through the same header, total-row and type detection as a CSV.
 */
import readXlsxFile from 'read-excel-file/web-worker';
import { importRecords, type ImportedTable } from '../core/read/delimited';
import { ImportError } from '../core/read/import-error';

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    const iso = v.toISOString();
    // Dates without a time of day stay plain dates.
    return iso.endsWith('T00:00:00.000Z')
      ? iso.slice(0, 10)
      : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  return String(v);
}

/**
 * Read one sheet (the first unless named) of a workbook into a table; the report lists every
 * sheet so the user can pick another.
 */
export async function importWorkbook(
  bytes: ArrayBuffer,
  fileName: string,
  sheet?: string,
): Promise<ImportedTable> {
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await readXlsxFile(bytes);
  } catch (e) {
    throw new ImportError('xlsxUnreadable', { reason: e instanceof Error ? e.message : String(e) });
  }
  if (sheets.length === 0) throw new ImportError('empty');
  const chosen = sheets.find((s) => s.sheet === sheet) ?? sheets[0];
  const records = chosen.data.map((row) => row.map(cellText));
  const result = importRecords(records, { fileName, encoding: 'xlsx', delimiter: '' });
  result.report.sheets = sheets.map((s) => s.sheet);
  result.report.sheet = chosen.sheet;
  return result;
}
