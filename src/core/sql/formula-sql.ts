/**
 * A stage formula (`访客数 - 跳失人数`) as a SQL expression with the app's meaning: an empty
 * cell counts as 0, arithmetic is in doubles (no integer division), and a row whose result is
 * not a number (x ÷ 0) adds 0 to the stage: a division by zero gives NULL, which spreads to the
 * row's result, which COALESCE turns into 0, where the app's row gives ±Infinity or NaN. (Only a
 * formula that divides by a division by zero differs: 1 ÷ (1 ÷ 0) is 0 in the app, here too, but
 * 2 + 1 ÷ (1 ÷ 0) is 2 in the app and 0 here.)
 */
import { parseFormula, type FormulaNode } from '../spec/formula';
import { asDouble, nullIfZero, numberLiteral, quoteName, type Dialect } from './dialect';

/**
 * The per-row value of a formula; null when it does not parse (the app refuses it too).
 *
 * @example
 * formulaSql('访客数 - 跳失人数', 'duckdb')
 * // (COALESCE(CAST("访客数" AS DOUBLE), 0) - COALESCE(CAST("跳失人数" AS DOUBLE), 0))
 * formulaSql('a / b', 'postgres')
 * // (COALESCE(CAST("a" AS DOUBLE PRECISION), 0) / NULLIF(COALESCE(CAST("b" …), 0), 0))
 */
export function formulaSql(expr: string, dialect: Dialect): string | null {
  const parsed = parseFormula(expr);
  if (!parsed.ok) return null;
  const write = (node: FormulaNode): string => {
    if (node.type === 'num') return numberLiteral(node.value, dialect);
    if (node.type === 'col')
      return `COALESCE(${asDouble(quoteName(node.name, dialect), dialect)}, 0)`;
    if (node.type === 'neg') return `(-${write(node.arg)})`;
    const right = node.op === '/' ? nullIfZero(write(node.right), dialect) : write(node.right);
    return `(${write(node.left)} ${node.op} ${right})`;
  };
  return write(parsed.node);
}
