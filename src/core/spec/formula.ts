/**
 * A small, safe arithmetic language for derived stages, e.g. `访客数 - 跳失人数`.
 *
 * Grammar: numbers, column names, `+ - * /` (also `− × ÷`), unary minus and parentheses.
 * A column name is either bare (letters, digits, `_`, `.`, starting with a letter or `_`) or
 * quoted with backticks or double quotes when it holds spaces or symbols: `` `Conv. value` ``,
 * `"Sessions (GA4)"`. Nothing here calls `eval` or `Function`; names are looked up in the
 * table's column list, never as object properties, so `constructor` or `__proto__` are just
 * names that are usually not columns. Every failure is a typed `FormulaError`.
 */
import type { Table } from '../table/table';

export type FormulaErrorCode =
  | 'empty'
  | 'too-long'
  | 'too-deep'
  | 'unexpected-char'
  | 'unexpected-token'
  | 'unexpected-end'
  | 'unclosed-quote'
  | 'unknown-column'
  | 'not-numeric';

export interface FormulaError {
  code: FormulaErrorCode;
  /** 0-based character position in the expression (or -1 when not about a place). */
  at: number;
  /** The offending character, token or column name. */
  text: string;
}

export type FormulaNode =
  | { type: 'num'; value: number }
  | { type: 'col'; name: string }
  | { type: 'neg'; arg: FormulaNode }
  | { type: 'bin'; op: '+' | '-' | '*' | '/'; left: FormulaNode; right: FormulaNode };

export type ParseResult = { ok: true; node: FormulaNode } | { ok: false; error: FormulaError };

/** Longer input is refused outright: a stage formula is a line, not a program. */
export const MAX_FORMULA_LENGTH = 1000;
/** Parentheses and unary minus nest at most this deep, so recursion cannot blow the stack. */
export const MAX_FORMULA_DEPTH = 32;

type Token =
  | { t: 'num'; value: number; at: number }
  | { t: 'name'; name: string; at: number }
  | { t: 'op'; op: '+' | '-' | '*' | '/'; at: number }
  | { t: '('; at: number }
  | { t: ')'; at: number };

const OPS: Record<string, '+' | '-' | '*' | '/'> = {
  '+': '+',
  '-': '-',
  '−': '-',
  '－': '-',
  '＋': '+',
  '*': '*',
  '×': '*',
  '＊': '*',
  '/': '/',
  '÷': '/',
  '／': '/',
};
const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}_.]/u;

class Fail {
  constructor(readonly error: FormulaError) {}
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === '（') {
      out.push({ t: '(', at: i++ });
    } else if (c === ')' || c === '）') {
      out.push({ t: ')', at: i++ });
    } else if (Object.hasOwn(OPS, c)) {
      out.push({ t: 'op', op: OPS[c], at: i++ });
    } else if (/[0-9.０-９．]/.test(c)) {
      // Full-width digits (２, ．５) are typed by Chinese input methods; read them as digits.
      const run = /^[0-9.０-９．]+(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i, i + 64))![0];
      const text = run.normalize('NFKC');
      if (!/^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text))
        throw new Fail({ code: 'unexpected-token', at: i, text: run });
      out.push({ t: 'num', value: Number(text), at: i });
      i += run.length;
    } else if (c === '`' || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new Fail({ code: 'unclosed-quote', at: i, text: c });
      out.push({ t: 'name', name: src.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (NAME_START.test(c)) {
      const start = i;
      while (i < src.length && NAME_PART.test(src[i])) i++;
      out.push({ t: 'name', name: src.slice(start, i), at: start });
    } else {
      throw new Fail({ code: 'unexpected-char', at: i, text: c });
    }
  }
  return out;
}

class Parser {
  #pos = 0;
  constructor(
    readonly tokens: Token[],
    readonly length: number,
  ) {}

  parseAll(): FormulaNode {
    const node = this.sum(0);
    const extra = this.tokens[this.#pos];
    if (extra) throw new Fail({ code: 'unexpected-token', at: extra.at, text: describe(extra) });
    return node;
  }

  sum(depth: number): FormulaNode {
    let left = this.product(depth);
    for (let tok = this.peek(); tok?.t === 'op' && (tok.op === '+' || tok.op === '-');) {
      this.#pos++;
      left = { type: 'bin', op: tok.op, left, right: this.product(depth) };
      tok = this.peek();
    }
    return left;
  }

  product(depth: number): FormulaNode {
    let left = this.unary(depth);
    for (let tok = this.peek(); tok?.t === 'op' && (tok.op === '*' || tok.op === '/');) {
      this.#pos++;
      left = { type: 'bin', op: tok.op, left, right: this.unary(depth) };
      tok = this.peek();
    }
    return left;
  }

  unary(depth: number): FormulaNode {
    const tok = this.peek();
    if (!tok) throw new Fail({ code: 'unexpected-end', at: this.length, text: '' });
    if (depth > MAX_FORMULA_DEPTH) throw new Fail({ code: 'too-deep', at: tok.at, text: '' });
    if (tok.t === 'op' && (tok.op === '-' || tok.op === '+')) {
      this.#pos++;
      const arg = this.unary(depth + 1);
      return tok.op === '-' ? { type: 'neg', arg } : arg;
    }
    this.#pos++;
    if (tok.t === 'num') return { type: 'num', value: tok.value };
    if (tok.t === 'name') return { type: 'col', name: tok.name };
    if (tok.t === '(') {
      const inner = this.sum(depth + 1);
      const close = this.peek();
      if (!close) throw new Fail({ code: 'unexpected-end', at: this.length, text: ')' });
      if (close.t !== ')')
        throw new Fail({ code: 'unexpected-token', at: close.at, text: describe(close) });
      this.#pos++;
      return inner;
    }
    throw new Fail({ code: 'unexpected-token', at: tok.at, text: describe(tok) });
  }

  peek(): Token | undefined {
    return this.tokens[this.#pos];
  }
}

function describe(tok: Token): string {
  if (tok.t === 'num') return String(tok.value);
  if (tok.t === 'name') return tok.name;
  if (tok.t === 'op') return tok.op;
  return tok.t;
}

/**
 * Parse a formula into a tree, or a typed error saying what and where.
 *
 * @example
 * parseFormula('访客数 - 跳失人数')
 * // { ok: true, node: { type: 'bin', op: '-', left: {col 访客数}, right: {col 跳失人数} } }
 * parseFormula('a;alert(1)') // { ok: false, error: { code: 'unexpected-char', at: 1, text: ';' } }
 */
export function parseFormula(expr: string): ParseResult {
  if (typeof expr !== 'string' || expr.trim() === '')
    return { ok: false, error: { code: 'empty', at: -1, text: '' } };
  if (expr.length > MAX_FORMULA_LENGTH)
    return { ok: false, error: { code: 'too-long', at: MAX_FORMULA_LENGTH, text: '' } };
  try {
    const tokens = tokenize(expr);
    return { ok: true, node: new Parser(tokens, expr.length).parseAll() };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.error };
    throw e;
  }
}

/** Column names a formula refers to, each once, in order of appearance. */
export function formulaColumns(node: FormulaNode): string[] {
  const out: string[] = [];
  const walk = (n: FormulaNode): void => {
    if (n.type === 'col') {
      if (!out.includes(n.name)) out.push(n.name);
    } else if (n.type === 'neg') walk(n.arg);
    else if (n.type === 'bin') {
      walk(n.left);
      walk(n.right);
    }
  };
  walk(node);
  return out;
}

/** A column name as it must be written in a formula: bare when it can be, else in backticks. */
export function quoteColumn(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : '`' + name + '`';
}

export type EvalResult = { ok: true; values: Float64Array } | { ok: false; error: FormulaError };

/**
 * Check a formula against a table without evaluating it: it parses, and every name is a numeric
 * column. Null when it is fine.
 *
 * @example
 * checkFormula(table, '访客数 - 跳出') // { code: 'unknown-column', at: -1, text: '跳出' }
 */
export function checkFormula(table: Table, expr: string): FormulaError | null {
  const parsed = parseFormula(expr);
  if (!parsed.ok) return parsed.error;
  for (const name of formulaColumns(parsed.node)) {
    const col = table.columns.find((c) => c.name === name);
    if (!col) return { code: 'unknown-column', at: -1, text: name };
    if (col.kind !== 'number') return { code: 'not-numeric', at: -1, text: name };
  }
  return null;
}

/**
 * Evaluate a formula over every row of a table, once, into a Float64Array.
 * Empty cells count as 0; a row whose result is not finite (x ÷ 0) contributes 0, so one bad
 * row never turns a stage total into NaN.
 *
 * @example
 * evaluateFormula(fromArrays({ 访客数: [100, 80], 跳失人数: [40, 30] }), '访客数 - 跳失人数')
 * // { ok: true, values: Float64Array [60, 50] }
 */
export function evaluateFormula(table: Table, expr: string): EvalResult {
  const error = checkFormula(table, expr);
  if (error) return { ok: false, error };
  const parsed = parseFormula(expr);
  if (!parsed.ok) return parsed;
  const n = table.rowCount;
  const run = (node: FormulaNode): Float64Array => {
    const out = new Float64Array(n);
    if (node.type === 'num') out.fill(node.value);
    else if (node.type === 'col') {
      const col = table.columns.find((c) => c.name === node.name);
      if (col?.kind === 'number') out.set(col.values);
    } else if (node.type === 'neg') {
      const a = run(node.arg);
      for (let i = 0; i < n; i++) out[i] = -a[i];
    } else {
      const a = run(node.left);
      const b = run(node.right);
      if (node.op === '+') for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
      else if (node.op === '-') for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
      else if (node.op === '*') for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
      else for (let i = 0; i < n; i++) out[i] = a[i] / b[i];
    }
    return out;
  };
  const values = run(parsed.node);
  for (let i = 0; i < n; i++) if (!Number.isFinite(values[i])) values[i] = 0;
  return { ok: true, values };
}
