import { describe, expect, it } from 'vitest';
import { codeIndex, rowsOfCodes } from '../../../src/core/engine/code-index';
import { select, type Clause } from '../../../src/core/engine/slice';
import { fromArrays } from '../../../src/core/table/table';

describe('codeIndex', () => {
  it('lists the rows of each code, ascending', () => {
    const index = codeIndex(Uint8Array.of(1, 2, 1, 3, 0, 2), 4);
    expect(Array.from(index.offsets)).toEqual([0, 1, 3, 5, 6]);
    expect(Array.from(index.rows)).toEqual([4, 0, 2, 1, 5, 3]);
  });

  it('is built once per code array', () => {
    const codes = Uint16Array.of(1, 1, 2);
    expect(codeIndex(codes, 3)).toBe(codeIndex(codes, 3));
  });
});

describe('rowsOfCodes', () => {
  const index = codeIndex(Uint8Array.of(1, 2, 1, 3, 0, 2, 3, 1), 4);
  const rows = (codes: number[]) => {
    const out = new Uint32Array(9);
    return Array.from(out.subarray(0, rowsOfCodes(index, codes, out)));
  };
  it('merges the lists of several codes into one ascending list', () => {
    expect(rows([1])).toEqual([0, 2, 7]);
    expect(rows([3, 1])).toEqual([0, 2, 3, 6, 7]);
    expect(rows([0, 1, 2, 3])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(rows([])).toEqual([]);
  });
});

describe('select, index and scan agree', () => {
  // 8 values: up to 4 chosen are merged from the index, more are scanned.
  const values = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const column = Array.from({ length: 200 }, (_, i) => values[(i * 7 + (i >> 3)) % 8]);
  const table = fromArrays({ v: column });
  const pick = (chosen: string[]): Clause => ({
    source: 'filter',
    field: 'v',
    predicate: { kind: 'values', values: chosen },
  });
  const expected = (chosen: string[]) => column.flatMap((v, i) => (chosen.includes(v) ? [i] : []));
  it.each([[['c']], [['a', 'h']], [['b', 'd', 'f', 'g']], [['a', 'b', 'c', 'd', 'e']], [values]])(
    'choosing %j',
    (chosen) => {
      expect(Array.from(select(table, [pick(chosen)])!)).toEqual(expected(chosen));
    },
  );
});
