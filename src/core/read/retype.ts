/**
 * Change a column's type after import: the user overrides what inference chose ("this 'number'
 * is really an id", "read these codes as counts"). Text columns re-parse their dictionary (one
 * parse per distinct value, not per row); numbers and dates become text through their written
 * form. Values that do not fit the new type (or dates outside 1900–2200) become empty and are
 * counted, never invented.
 */
import {
  isNull,
  newBitmap,
  setBit,
  type Column,
  type ColumnType,
  type DateColumn,
  type NumericType,
  type TextColumn,
  type TextType,
  withoutStats,
} from '../table/table';
import { TextBuilder, formatDayTime } from './columns';
import { MAX_DAY, MIN_DAY } from '../table/limits';
import { numericType } from './infer';
import { lastNumber, parseNumber } from './values';
import { excelSerialToDay, isExcelSerial, parseDate, swapDayMonth, type DateOrder } from './dates';

const NUMERIC: ColumnType[] = ['count', 'number', 'percent', 'money'];

export interface Retyped {
  column: Column;
  /** Filled cells that could not be read as the new type and are now empty. */
  lost: number;
}

/**
 * A new column of `type` with the same name and rows; the input column is not changed. A new
 * column carries no all-row figures: they belong to the column they were worked out for. (A date
 * column asked to be a date comes back as it is.)
 *
 * @example
 * const codes = fromArrays({ 渠道ID: ['01', '02', '01'] }).columns[0];
 * retypeColumn(codes, 'count').column // NumberColumn [1, 2, 1]
 * retypeColumn(numberCol, 'id').column // TextColumn of the numbers as written
 */
export function retypeColumn(col: Column, type: ColumnType, order?: DateOrder): Retyped {
  if (NUMERIC.includes(type)) {
    if (col.kind === 'number') {
      return { column: { ...withoutStats(col), type: type as NumericType }, lost: 0 };
    }
    return toNumber(asText(col), type as NumericType | 'number');
  }
  if (type === 'date') {
    if (col.kind === 'date') return { column: col, lost: 0 };
    if (col.kind === 'number') return numberToDate(col.name, col.values, (i) => isNull(col, i));
    return textToDate(col, order);
  }
  return { column: { ...withoutStats(asText(col)), type: type as TextType }, lost: 0 };
}

/**
 * A date column read the other way round (day-first instead of month-first, or back): every date
 * whose day and month are both ≤ 12 has them swapped. A new column, without the input's figures.
 *
 * @example
 * withDayMonthSwapped(dates).days // 2025-01-05 → 2025-05-01; 2025-01-13 stays
 */
export function withDayMonthSwapped(col: DateColumn): DateColumn {
  return { ...withoutStats(col), days: swapDayMonth(col.days) };
}

/** Any column as text, as it would have been written. */
function asText(col: Column): TextColumn {
  if (col.kind === 'text') return col;
  const b = new TextBuilder(col.name, col.kind === 'number' ? col.values.length : col.days.length);
  if (col.kind === 'number') {
    for (let i = 0; i < col.values.length; i++) b.push(isNull(col, i) ? '' : String(col.values[i]));
  } else {
    for (let i = 0; i < col.days.length; i++) b.push(formatDayTime(col.days[i], col.hasTime));
  }
  return b.finish();
}

function toNumber(col: TextColumn, requested: NumericType | 'number'): Retyped {
  const parsed = new Float64Array(col.dict.length);
  let percent = 0;
  let currency = '';
  let whole = true;
  let negative = false;
  for (let k = 1; k < col.dict.length; k++) {
    const v = parseNumber(col.dict[k]);
    parsed[k] = v;
    if (v !== v) continue;
    if (lastNumber.percent) percent++;
    if (lastNumber.currency) currency ||= lastNumber.currency;
    if (!Number.isInteger(v) || Math.abs(v) >= 2 ** 31) whole = false;
    if (v < 0) negative = true;
  }
  parsed[0] = NaN;
  const n = col.codes.length;
  const values = whole ? new Int32Array(n) : new Float64Array(n);
  let nulls: Uint8Array | null = null;
  let lost = 0;
  for (let i = 0; i < n; i++) {
    const code = col.codes[i];
    const v = parsed[code];
    if (v === v) values[i] = v;
    else {
      nulls ??= newBitmap(n);
      setBit(nulls, i);
      if (code !== 0) lost++;
    }
  }
  const stats = { percent, currency, whole, negative, values: col.dict.length - 1 };
  const type = requested === 'number' ? numericType(col.name, stats) : requested;
  return { column: { kind: 'number', name: col.name, type, values, nulls }, lost };
}

function textToDate(col: TextColumn, order: DateOrder | undefined): Retyped {
  const parsed = new Float64Array(col.dict.length);
  let hasTime = false;
  for (let k = 1; k < col.dict.length; k++) {
    const s = col.dict[k];
    let v = parseDate(s, order);
    if (v !== v) {
      const n = parseNumber(s);
      if (Number.isInteger(n) && isExcelSerial(n)) v = excelSerialToDay(n);
    } else if (v % 1 !== 0) hasTime = true;
    parsed[k] = inRange(v);
  }
  parsed[0] = NaN;
  const days = new Float64Array(col.codes.length);
  let lost = 0;
  for (let i = 0; i < days.length; i++) {
    const v = parsed[col.codes[i]];
    days[i] = v;
    if (v !== v && col.codes[i] !== 0) lost++;
  }
  return { column: { kind: 'date', name: col.name, type: 'date', days, hasTime }, lost };
}

function numberToDate(
  name: string,
  values: ArrayLike<number>,
  empty: (i: number) => boolean,
): Retyped {
  const days = new Float64Array(values.length);
  let lost = 0;
  for (let i = 0; i < values.length; i++) {
    if (empty(i)) {
      days[i] = NaN;
      continue;
    }
    const v = values[i];
    // Whole numbers read as Excel serials, or as yyyymmdd (20250105).
    const d = inRange(isExcelSerial(v) ? excelSerialToDay(v) : parseDate(String(v)));
    days[i] = d;
    if (d !== d) lost++;
  }
  return { column: { kind: 'date', name, type: 'date', days, hasTime: false }, lost };
}

/** A day number within MIN_DAY…MAX_DAY (1900–2200), else NaN: the same range the importer keeps. */
function inRange(day: number): number {
  return day >= MIN_DAY && day < MAX_DAY + 1 ? day : NaN;
}
