/**
 * Event times as whole microseconds since 1970 (UTC), the one clock the event funnel runs on.
 * Whole numbers keep the window's edge exact: 7 days after 12:00:00.123456 is exactly 7 days,
 * never 7 days and a rounding error, and every time up to the year 2255 fits a double exactly.
 *
 * Times arrive two ways: as date-time text the reader already turned into day numbers (a date
 * column with a time of day), or as epoch numbers such as GA4's `event_timestamp`
 * (microseconds), a tracker's milliseconds or a log's seconds, told apart by their size.
 */
import { isNull, type DateColumn, type NumberColumn, type TextColumn } from '../table/table';

export type EpochUnit = 'seconds' | 'milliseconds' | 'microseconds';

export const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;
const MICROS_PER: Record<EpochUnit, number> = {
  seconds: 1_000_000,
  milliseconds: 1_000,
  microseconds: 1,
};

/**
 * The unit of an epoch number by its size: 1e9–1e10 are seconds, 1e12–1e13 milliseconds and
 * 1e15–1e16 microseconds (each band spans 2001–2286); null for anything else.
 *
 * @example
 * unitOfEpoch(1736380800)       // 'seconds'
 * unitOfEpoch(1736380800123)    // 'milliseconds'
 * unitOfEpoch(1736380800123456) // 'microseconds'
 * unitOfEpoch(45662)            // null
 */
export function unitOfEpoch(v: number): EpochUnit | null {
  if (v >= 1e9 && v < 1e10) return 'seconds';
  if (v >= 1e12 && v < 1e13) return 'milliseconds';
  if (v >= 1e15 && v < 1e16) return 'microseconds';
  return null;
}

/**
 * The epoch unit of a number column when every filled cell is an epoch of one unit; else null.
 * A count column of page views (12, 40, 7) is never a time.
 *
 * @example
 * epochUnitOf(numberColumn(fromArrays({ event_timestamp: [1736380800123456, null] }), 'event_timestamp'))
 * // 'microseconds'
 */
export function epochUnitOf(col: NumberColumn): EpochUnit | null {
  let unit: EpochUnit | null = null;
  let filled = 0;
  for (let i = 0; i < col.values.length; i++) {
    if (isNull(col, i)) continue;
    const u = unitOfEpoch(col.values[i]);
    if (u === null || (unit !== null && u !== unit)) return null;
    unit = u;
    filled++;
  }
  return filled > 0 ? unit : null;
}

/**
 * The epoch unit of a text column of digits when every value is an epoch of one unit; else null.
 * The reader keeps 16-digit numbers (GA4's microseconds) as text, since a double cannot hold
 * every such number; an epoch up to 2286 it holds exactly.
 *
 * @example
 * epochUnitOfText({ dict: ['', '1744952208205076', '1744934884049572'], … }) // 'microseconds'
 */
export function epochUnitOfText(col: TextColumn): EpochUnit | null {
  let unit: EpochUnit | null = null;
  for (let code = 1; code < col.dict.length; code++) {
    const v = col.dict[code].trim();
    if (v === '') continue;
    const u = /^\d{10,16}$/.test(v) ? unitOfEpoch(Number(v)) : null;
    if (u === null || (unit !== null && u !== unit)) return null;
    unit = u;
  }
  return unit;
}

/**
 * Each row's time in whole microseconds (NaN when empty), from a date column with times or an
 * epoch column (numbers, or digits kept as text); null for any other column.
 *
 * @example
 * timeMicros({ kind: 'date', days: Float64Array.of(20097.5) }) // Float64Array [1736424000000000]
 */
export function timeMicros(col: DateColumn | NumberColumn | TextColumn): Float64Array | null {
  if (col.kind === 'text') {
    const unit = epochUnitOfText(col);
    if (!unit) return null;
    const byCode = Float64Array.from(col.dict, (v) =>
      v.trim() === '' ? NaN : Number(v) * MICROS_PER[unit],
    );
    return Float64Array.from(col.codes, (code) => byCode[code]);
  }
  const n = col.kind === 'date' ? col.days.length : col.values.length;
  const out = new Float64Array(n);
  if (col.kind === 'date') {
    // Day fractions carry rounding noise below a microsecond: round it away.
    for (let i = 0; i < n; i++) out[i] = Math.round(col.days[i] * MICROS_PER_DAY);
    return out;
  }
  const unit = epochUnitOf(col);
  if (!unit) return null;
  const scale = MICROS_PER[unit];
  for (let i = 0; i < n; i++) out[i] = isNull(col, i) ? NaN : Math.round(col.values[i] * scale);
  return out;
}

/**
 * An epoch column (numbers, or digits kept as text) as a date column with times (days since 1970
 * with the time of day as the fraction), so periods, date ranges and the trend read it like any
 * date; null when the column holds no epochs.
 *
 * @example
 * epochAsDates(numberColumn(table, 'event_timestamp')).days // Float64Array [20097.5, …]
 */
export function epochAsDates(col: NumberColumn | TextColumn): DateColumn | null {
  const micros = timeMicros(col);
  if (!micros) return null;
  const days = new Float64Array(micros.length);
  for (let i = 0; i < days.length; i++) days[i] = micros[i] / MICROS_PER_DAY;
  return { kind: 'date', name: col.name, type: 'date', days, hasTime: true };
}

/**
 * A numeric id column as text, each value written the shortest way (1234567.89 stays
 * `1234567.89`): person ids are names, never quantities. Empty cells stay empty (code 0).
 *
 * @example
 * numbersAsText(numberColumn(fromArrays({ uid: [1234567.89, null, 1234567.89] }), 'uid'))
 * // codes [1, 0, 1], dict ['', '1234567.89']
 */
export function numbersAsText(col: NumberColumn): {
  codes: Int32Array;
  dict: string[];
} {
  const dict = [''];
  const index = new Map<number, number>();
  const codes = new Int32Array(col.values.length);
  for (let i = 0; i < codes.length; i++) {
    if (isNull(col, i)) continue;
    const v = col.values[i];
    let code = index.get(v);
    if (code === undefined) {
      code = dict.length;
      dict.push(String(v));
      index.set(v, code);
    }
    codes[i] = code;
  }
  return { codes, dict };
}

/** Day number (with fraction) of a time in microseconds. */
export function dayOfMicros(t: number): number {
  return t / MICROS_PER_DAY;
}

/** The window in microseconds. */
export function windowMicros(window: {
  value: number;
  unit: 'minutes' | 'hours' | 'days';
}): number {
  const seconds = window.unit === 'minutes' ? 60 : window.unit === 'hours' ? 3_600 : 86_400;
  return Math.round(window.value * seconds * MICROS_PER_SECOND);
}
