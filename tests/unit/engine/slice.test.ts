import { describe, expect, it } from 'vitest';
import {
  appliesTo,
  dayExtent,
  notFrom,
  onField,
  select,
  valueCounts,
  valueLookup,
  type Clause,
} from '../../../src/core/engine/slice';
import { fromArrays, textColumn, dateColumn, type Table } from '../../../src/core/table/table';

// Six rows, dates 2025-01-01 .. 2025-01-06 (day 20089 .. 20094).
const table: Table = fromArrays(
  {
    日期: ['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '', '2025-01-06'],
    地区: ['华北', '华东', '华北', '华南', '华东', ''],
    渠道: ['百度', '百度', '360', '百度', '360', '百度'],
    点击量: [1, 2, 3, 4, 5, 6],
  },
  { 日期: 'date' },
);
const day = (s: string) => Date.parse(s) / 86_400_000;
const region = (...values: string[]): Clause => ({
  source: 'filter',
  field: '地区',
  predicate: { kind: 'values', values },
});
const dates = (from: string, to: string): Clause => ({
  source: 'date',
  field: '日期',
  predicate: { kind: 'range', from: day(from), to: day(to) },
});

describe('select', () => {
  it('returns null (all rows) when there is no clause', () => {
    expect(select(table, [])).toBeNull();
  });

  it('keeps the rows whose value is in the set, ascending', () => {
    expect(Array.from(select(table, [region('华北')])!)).toEqual([0, 2]);
    expect(Array.from(select(table, [region('华东', '华南')])!)).toEqual([1, 3, 4]);
  });

  it("selects empty cells with '' and nothing for an unknown value", () => {
    expect(Array.from(select(table, [region('')])!)).toEqual([5]);
    expect(Array.from(select(table, [region('西北')])!)).toEqual([]);
    expect(Array.from(select(table, [region()])!)).toEqual([]);
  });

  it('takes a date range inclusive at both ends and leaves out empty dates', () => {
    expect(Array.from(select(table, [dates('2025-01-02', '2025-01-05')])!)).toEqual([1, 2, 3]);
    expect(Array.from(select(table, [dates('2024-01-01', '2026-01-01')])!)).toEqual([
      0, 1, 2, 3, 5,
    ]);
  });

  it('keeps the whole last day when dates carry a time of day', () => {
    const timed = fromArrays({ t: [0.25, 1.75, 2.0] }, { t: 'date' });
    const c: Clause = { source: 'date', field: 't', predicate: { kind: 'range', from: 0, to: 1 } };
    expect(Array.from(select(timed, [c])!)).toEqual([0, 1]);
  });

  it('ands clauses together', () => {
    const channel: Clause = {
      source: 'filter',
      field: '渠道',
      predicate: { kind: 'values', values: ['百度'] },
    };
    expect(Array.from(select(table, [region('华北', '华东'), channel])!)).toEqual([0, 1]);
    expect(
      Array.from(
        select(table, [region('华北', '华东'), channel, dates('2025-01-02', '2025-01-31')])!,
      ),
    ).toEqual([1]);
  });

  it('filters by every clause but its own', () => {
    const clauses = [region('华北'), dates('2025-01-01', '2025-01-03')];
    expect(Array.from(select(table, clauses, notFrom('filter'))!)).toEqual([0, 1, 2]);
    expect(Array.from(select(table, clauses, onField('日期'))!)).toEqual([0, 2]);
    expect(select(table, clauses, () => true)).toBeNull();
  });

  it('ignores a clause whose column is missing or of another kind', () => {
    const missing: Clause = {
      source: 'filter',
      field: '城市',
      predicate: { kind: 'values', values: ['x'] },
    };
    const wrongKind: Clause = {
      source: 'filter',
      field: '日期',
      predicate: { kind: 'values', values: ['x'] },
    };
    expect(appliesTo(table, missing)).toBe(false);
    expect(appliesTo(table, wrongKind)).toBe(false);
    expect(appliesTo(table, region('华北'))).toBe(true);
    expect(select(table, [missing, wrongKind])).toBeNull();
    expect(Array.from(select(table, [missing, region('华南')])!)).toEqual([3]);
  });

  it('gives each selection its own memory', () => {
    const a = select(table, [region('华北')])!;
    const b = select(table, [region('华东')])!;
    expect(Array.from(a)).toEqual([0, 2]);
    expect(Array.from(b)).toEqual([1, 4]);
    expect(a.buffer).not.toBe(b.buffer);
  });

  it('keeps every row when every row matches', () => {
    const all = region('华北', '华东', '华南', '');
    expect(Array.from(select(table, [all])!)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('does not mutate the table or the clauses', () => {
    const col = textColumn(table, '地区')!;
    const codesBefore = Array.from(col.codes);
    const dictBefore = [...col.dict];
    const clauses = [region('华北'), dates('2025-01-01', '2025-01-03')];
    const clausesBefore = JSON.stringify(clauses);
    select(table, clauses);
    expect(Array.from(col.codes)).toEqual(codesBefore);
    expect(col.dict).toEqual(dictBefore);
    expect(JSON.stringify(clauses)).toBe(clausesBefore);
  });
});

describe('valueLookup and valueCounts', () => {
  const col = textColumn(table, '地区')!;
  it('marks the codes of the chosen values', () => {
    // dict is ['', 华北, 华东, 华南] in order of first appearance
    expect(col.dict).toEqual(['', '华北', '华东', '华南']);
    expect(Array.from(valueLookup(col, ['华东', '西北']))).toEqual([0, 0, 1, 0]);
  });
  it('counts rows per code, over all rows or a selection', () => {
    expect(Array.from(valueCounts(col, null))).toEqual([1, 2, 2, 1]);
    expect(Array.from(valueCounts(col, Uint32Array.of(0, 1, 3)))).toEqual([0, 1, 1, 1]);
  });
});

describe('dayExtent', () => {
  it('finds first and last day, skipping empty dates', () => {
    const col = dateColumn(table, '日期')!;
    expect(dayExtent(col, null)).toEqual({ from: day('2025-01-01'), to: day('2025-01-06') });
    expect(dayExtent(col, Uint32Array.of(2, 4))).toEqual({
      from: day('2025-01-03'),
      to: day('2025-01-03'),
    });
    expect(dayExtent(col, Uint32Array.of(4))).toBeNull();
  });
});
