import { describe, expect, test } from 'vitest';
import {
  MAX_FORMULA_DEPTH,
  MAX_FORMULA_LENGTH,
  checkFormula,
  evaluateFormula,
  formulaColumns,
  parseFormula,
  quoteColumn,
} from '../../../src/core/spec/formula';
import { fromArrays } from '../../../src/core/table/table';

const shop = fromArrays({
  访客数: [100, 80, 50],
  跳失人数: [40, 30, 0],
  'Conv. value': [10, 20, 30],
  'Sessions (GA4)': [5, 6, 7],
  渠道: ['搜索', '直播', '搜索'],
  constructor: [1, 2, 3],
});

function values(expr: string): number[] {
  const r = evaluateFormula(shop, expr);
  if (!r.ok) throw new Error(`${expr}: ${r.error.code}`);
  return Array.from(r.values);
}

describe('parseFormula and evaluateFormula', () => {
  test.each([
    ['访客数 - 跳失人数', [60, 50, 50]],
    ['访客数 − 跳失人数', [60, 50, 50]],
    ['(访客数 - 跳失人数) × 2', [120, 100, 100]],
    ['访客数 ÷ 10 + 1', [11, 9, 6]],
    ['访客数 - 跳失人数 * 2', [20, 20, 50]],
    ['-跳失人数 + 访客数', [60, 50, 50]],
    ['`Conv. value` / 10', [1, 2, 3]],
    ['"Sessions (GA4)" * 1.5', [7.5, 9, 10.5]],
    ['（访客数－跳失人数）／２', [30, 25, 25]],
    ['2 * (3 + 4) - 1e1', [4, 4, 4]],
    ['constructor + 1', [2, 3, 4]],
  ])('%s', (expr, expected) => {
    expect(values(expr)).toEqual(expected);
  });

  test('a row that divides by zero contributes 0, never NaN or Infinity', () => {
    // 跳失人数 is 0 on row 3
    expect(values('访客数 / 跳失人数')).toEqual([2.5, 80 / 30, 0]);
  });

  test('column names it refers to, once each, in order', () => {
    const p = parseFormula('(访客数 - 跳失人数) / 访客数');
    expect(p.ok && formulaColumns(p.node)).toEqual(['访客数', '跳失人数']);
  });

  test('quoteColumn writes names with spaces or symbols in backticks', () => {
    expect(quoteColumn('访客数')).toBe('访客数');
    expect(quoteColumn('Conv. value')).toBe('`Conv. value`');
    expect(quoteColumn('Sessions (GA4)')).toBe('`Sessions (GA4)`');
    expect(values(`${quoteColumn('Conv. value')} + 0`)).toEqual([10, 20, 30]);
  });
});

describe('hostile and broken input is a typed error, never code', () => {
  test.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['a;alert(1)', 'unexpected-char'],
    ['访客数; fetch("//x")', 'unexpected-char'],
    ['访客数 = 1', 'unexpected-char'],
    ['访客数 [0]', 'unexpected-char'],
    ['访客数 - ', 'unexpected-end'],
    ['(访客数 - 跳失人数', 'unexpected-end'],
    ['访客数 跳失人数', 'unexpected-token'],
    ['访客数 - 跳失人数)', 'unexpected-token'],
    ['* 访客数', 'unexpected-token'],
    ['`访客数', 'unclosed-quote'],
    ['"访客数', 'unclosed-quote'],
    ['x'.repeat(MAX_FORMULA_LENGTH + 1), 'too-long'],
    ['('.repeat(MAX_FORMULA_DEPTH + 5) + '1' + ')'.repeat(MAX_FORMULA_DEPTH + 5), 'too-deep'],
    ['-'.repeat(MAX_FORMULA_DEPTH + 5) + '1', 'too-deep'],
  ])('%j → %s', (expr, code) => {
    const r = parseFormula(expr);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  test('the error says where: the position of the offending character', () => {
    const r = parseFormula('a;alert(1)');
    expect(r).toEqual({ ok: false, error: { code: 'unexpected-char', at: 1, text: ';' } });
  });

  test('names are looked up among columns, never as object properties', () => {
    for (const name of ['__proto__', 'toString', 'hasOwnProperty', 'prototype', 'valueOf']) {
      expect(checkFormula(shop, `${name} + 1`)).toEqual({
        code: 'unknown-column',
        at: -1,
        text: name,
      });
    }
    // A real column called "constructor" is just a column.
    expect(checkFormula(shop, 'constructor * 2')).toBeNull();
  });

  test('a text column in a formula is named as not numeric', () => {
    expect(checkFormula(shop, '访客数 - 渠道')).toEqual({
      code: 'not-numeric',
      at: -1,
      text: '渠道',
    });
  });

  test('a long but legal chain is evaluated iteratively, not by deep recursion', () => {
    const expr = Array.from({ length: 150 }, () => '访客数').join(' + ');
    expect(expr.length).toBeLessThan(MAX_FORMULA_LENGTH);
    expect(values(expr)).toEqual([15000, 12000, 7500]);
  });

  test('non-string input is refused, not thrown on', () => {
    expect(parseFormula(undefined as unknown as string).ok).toBe(false);
  });

  test('evaluation does not touch the table', () => {
    const before = Array.from((shop.columns[0] as { values: Int32Array }).values);
    values('访客数 * 2');
    expect(Array.from((shop.columns[0] as { values: Int32Array }).values)).toEqual(before);
  });
});
