/**
 * An event export made ready at import, once, in the worker: its epoch times become a date
 * column with times (so periods, ranges and the trend read them), numeric person ids become
 * text, and the rows are put in event order (by person, then time), so every later funnel walks
 * each person's events as one contiguous range and no view ever sorts again.
 */
import { findEventColumns } from '../spec/events-shape';
import {
  codeArray,
  column,
  newBitmap,
  setBit,
  withoutStats,
  type Column,
  type Table,
  type TextColumn,
} from '../table/table';
import { eventOrder, isEventOrder } from './events-order';
import { epochAsDates, numbersAsText, timeMicros } from './events-time';

/** A numeric person column as a text column of ids. */
function personAsText(col: Column): Column {
  if (col.kind !== 'number') return col;
  const { codes: wide, dict } = numbersAsText(col);
  const codes = codeArray(wide.length, dict.length);
  codes.set(wide);
  return { kind: 'text', name: col.name, type: 'id', codes, dict } satisfies TextColumn;
}

// One loop per array type: a loop fed Uint8Array, Int32Array and Float64Array in turn runs
// several times slower on five million rows (see aggregate's sumOver).
function pickU8(src: Uint8Array, order: Uint32Array): Uint8Array {
  const out = new Uint8Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]];
  return out;
}
function pickU16(src: Uint16Array, order: Uint32Array): Uint16Array {
  const out = new Uint16Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]];
  return out;
}
function pickI32(src: Int32Array, order: Uint32Array): Int32Array {
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]];
  return out;
}
function pickF64(src: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]];
  return out;
}

/** A column's rows in the given order (new arrays; the dictionary is shared). */
function permute(col: Column, order: Uint32Array): Column {
  if (col.kind === 'date') return { ...withoutStats(col), days: pickF64(col.days, order) };
  if (col.kind === 'text') {
    const c = col.codes;
    const codes =
      c instanceof Uint8Array
        ? pickU8(c, order)
        : c instanceof Uint16Array
          ? pickU16(c, order)
          : pickI32(c, order);
    return { ...withoutStats(col), codes };
  }
  const values =
    col.values instanceof Int32Array ? pickI32(col.values, order) : pickF64(col.values, order);
  let nulls: Uint8Array | null = null;
  if (col.nulls) {
    const from = col.nulls;
    nulls = newBitmap(order.length);
    for (let i = 0; i < order.length; i++)
      if (from[order[i] >> 3] & (1 << (order[i] & 7))) setBit(nulls, i);
  }
  return { ...withoutStats(col), values, nulls };
}

/**
 * The table ready for event funnels when it is an event export (see `findEventColumns`);
 * any other table comes back as it is.
 *
 * @example
 * // 用户ID ['b', 'a', 'b'], 事件 ['访问', '访问', '下单'], 时间 [10:05, 10:00, 10:01]
 * prepareEvents(table) // rows b 10:01 下单, b 10:05 访问, a 10:00 访问 (b was seen first)
 */
export function prepareEvents(table: Table): Table {
  const found = findEventColumns(table);
  if (!found) return table;
  let columns = table.columns.map((c) => {
    if (c.name === found.person) return personAsText(c);
    if (c.name === found.time && c.kind !== 'date') return epochAsDates(c) ?? c;
    return c;
  });
  const ready = { ...table, columns };
  const person = column(ready, found.person);
  const time = column(ready, found.time);
  if (person?.kind !== 'text' || time?.kind !== 'date') return ready;
  const micros = timeMicros(time)!;
  if (isEventOrder(person.codes, micros)) return ready;
  const order = eventOrder(person.codes, person.dict.length, micros);
  columns = columns.map((c) => permute(c, order));
  return { ...table, columns };
}
