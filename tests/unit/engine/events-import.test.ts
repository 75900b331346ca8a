// An event export made ready at import: epoch times read by their size, numeric ids made text,
// rows put in event order by a counting sort over person codes (time order within a person).
import { describe, expect, test } from 'vitest';
import { eventOrder, isEventOrder } from '../../../src/core/engine/events-order';
import { prepareEvents } from '../../../src/core/engine/events-import';
import { epochUnitOf, timeMicros, unitOfEpoch } from '../../../src/core/engine/events-time';
import { fromArrays, numberColumn, textAt, textColumn } from '../../../src/core/table/table';

describe('epoch times', () => {
  test('seconds, milliseconds and microseconds by their size; anything else is no time', () => {
    expect(unitOfEpoch(1736380800)).toBe('seconds');
    expect(unitOfEpoch(1736380800123)).toBe('milliseconds');
    expect(unitOfEpoch(1736380800123456)).toBe('microseconds');
    expect(unitOfEpoch(45662)).toBeNull();
    expect(unitOfEpoch(20250105)).toBeNull();
  });

  test('a column is an epoch column only when every filled cell is one of one unit', () => {
    const t = fromArrays({
      a: [1736380800123456, null],
      b: [1736380800, 1736380800123],
      c: [3, 7],
    });
    expect(epochUnitOf(numberColumn(t, 'a')!)).toBe('microseconds');
    expect(epochUnitOf(numberColumn(t, 'b')!)).toBeNull();
    expect(epochUnitOf(numberColumn(t, 'c')!)).toBeNull();
  });

  test('whole microseconds from either kind of time column', () => {
    const t = fromArrays({ ms: [1736380800123], at: ['2025-01-09T00:00:00.123Z'] }, { at: 'date' });
    expect(Array.from(timeMicros(numberColumn(t, 'ms')!)!)).toEqual([1736380800123000]);
    const at = t.columns[1];
    expect(at.kind === 'date' && Array.from(timeMicros(at)!)).toEqual([1736380800123000]);
  });
});

describe('event order', () => {
  test('a stable counting sort by person, then time within each person', () => {
    const person = Uint8Array.of(2, 1, 2, 1, 2);
    const time = Float64Array.of(9, 7, 3, 8, 3);
    // person 1: rows 1 (7), 3 (8); person 2: rows 2 (3), 4 (3, a tie kept in file order), 0 (9).
    expect(Array.from(eventOrder(person, 3, time))).toEqual([1, 3, 2, 4, 0]);
    expect(isEventOrder(person, time)).toBe(false);
    expect(isEventOrder(Uint8Array.of(0, 1, 1, 2), Float64Array.of(5, 1, NaN, 0))).toBe(true);
  });

  test('a long range out of order is merged into order, stable, empty times last', () => {
    const n = 100;
    const person = new Uint8Array(n).fill(1);
    const time = Float64Array.from({ length: n }, (_, i) => (i === 50 ? NaN : (i * 37) % 10));
    const order = eventOrder(person, 2, time);
    const sorted = Array.from(order, (r) => time[r]);
    expect(sorted.slice(0, n - 1)).toEqual([...sorted.slice(0, n - 1)].sort((a, b) => a - b));
    expect(sorted[n - 1]).toBeNaN();
    // Ties keep file order.
    const zeros = Array.from(order).filter((r) => time[r] === 0);
    expect(zeros).toEqual([...zeros].sort((a, b) => a - b));
  });
});

describe('prepareEvents', () => {
  test('epoch times become dates, numeric ids text, rows event order; others untouched', () => {
    const table = fromArrays({
      user_pseudo_id: [1234567.89, 42, 1234567.89],
      event_name: ['purchase', 'session_start', 'session_start'],
      event_timestamp: [1736380900000000, 1736380800000000, 1736380800000000],
      value: [10, 0, 0],
    });
    const ready = prepareEvents(table);
    const id = textColumn(ready, 'user_pseudo_id')!;
    expect([0, 1, 2].map((i) => textAt(id, i))).toEqual(['1234567.89', '1234567.89', '42']);
    const name = textColumn(ready, 'event_name')!;
    expect([0, 1, 2].map((i) => textAt(name, i))).toEqual([
      'session_start',
      'purchase',
      'session_start',
    ]);
    const ts = ready.columns[2];
    expect(ts.kind === 'date' && ts.hasTime).toBe(true);
    expect(ts.kind === 'date' && ts.days[1] * 86_400).toBeCloseTo(1736380900, 3);
    expect(Array.from(numberColumn(ready, 'value')!.values)).toEqual([0, 10, 0]);
    // The input is not changed.
    expect(table.columns[0].kind).toBe('number');
  });

  test('a table that is no event export comes back as it is', () => {
    const table = fromArrays({ 日期: ['2025-01-05'], 展现量: [100] }, { 日期: 'date' });
    expect(prepareEvents(table)).toBe(table);
  });
});
