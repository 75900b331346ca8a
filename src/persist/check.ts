/**
 * Strict validators for everything that comes back from storage, a file or a link.
 *
 * A check takes an unknown value and returns a fresh, typed copy or throws a `SchemaError`
 * naming the path and the problem. Objects must be plain; unknown keys are refused, and so are
 * `__proto__`, `constructor` and `prototype` anywhere (JSON.parse makes `__proto__` an own key,
 * and a later spread or Object.assign of such an object would rewrite a prototype).
 */
import { MAX_DAY, MIN_DAY } from '../core/table/limits';

export class SchemaError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path || '(root)'}: ${problem}`);
  }
}

export type Check<T> = (v: unknown, path: string) => T;

/** Keys that must never be copied into an object we build. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

function fail(path: string, problem: string): never {
  throw new SchemaError(path, problem);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * A string of at most `max` UTF-16 units.
 *
 * @example
 * str(3)('abc', 'name') // 'abc'; str(3)('abcd', 'name') throws "name: longer than 3"
 */
export const str =
  (max = 10_000): Check<string> =>
  (v, path) => {
    if (typeof v !== 'string') fail(path, 'not text');
    if (v.length > max) fail(path, `longer than ${max}`);
    return v;
  };

/** A finite number (NaN and ±Infinity are refused: JSON cannot carry them anyway). */
export const num: Check<number> = (v, path) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'not a finite number');
  return v;
};

/** A whole number in [min, max]. */
export const int =
  (min = 0, max = Number.MAX_SAFE_INTEGER): Check<number> =>
  (v, path) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      fail(path, `not a whole number in ${min}…${max}`);
    }
    return v;
  };

/** The last millisecond of 2200: no record, file or link was made later than that. */
const LAST_MS = (MAX_DAY + 1) * 86_400_000 - 1;

/**
 * Whether `day` (a day number, with a time of day as its fraction) falls within 1900–2200.
 * Outside those years a date is a slip or damage, and a trend over it would draw thousands of
 * periods.
 *
 * @example
 * isDayNumber(20093.5) // true (2025-01-05 12:00); isDayNumber(1e12) // false
 */
export function isDayNumber(day: number): boolean {
  return day >= MIN_DAY && day < MAX_DAY + 1;
}

/** A day number within 1900-01-01 … 2200-12-31 (see `isDayNumber`). */
export const dayNumber: Check<number> = (v, path) => {
  if (typeof v !== 'number' || !isDayNumber(v)) fail(path, 'not a date between 1900 and 2200');
  return v;
};

/**
 * A moment in epoch milliseconds from 1970 to the end of 2200 (when something was made, saved
 * or imported). A time past that is damage, and formatting it throws in the browser.
 *
 * @example
 * epochMs(1_750_000_000_000, 'createdAt') // 1750000000000; epochMs(1e16, 'createdAt') throws
 */
export const epochMs: Check<number> = (v, path) => {
  if (typeof v !== 'number' || !(v >= 0 && v <= LAST_MS))
    fail(path, 'not a time between 1970 and 2200');
  return v;
};

export const bool: Check<boolean> = (v, path) => {
  if (typeof v !== 'boolean') fail(path, 'not true/false');
  return v;
};

/** One of the given literal values. */
export function oneOf<const T extends string | number>(...values: T[]): Check<T> {
  return (v, path) => {
    if (!values.includes(v as T)) fail(path, `not one of ${values.join(', ')}`);
    return v as T;
  };
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (v, path) => (v === null ? null : check(v, path));
}

/** An array of at most `max` items, each checked. */
export function arr<T>(item: Check<T>, max = 10_000): Check<T[]> {
  return (v, path) => {
    if (!Array.isArray(v)) fail(path, 'not a list');
    if (v.length > max) fail(path, `more than ${max} items`);
    return v.map((x, i) => item(x, `${path}[${i}]`));
  };
}

/**
 * A list checked by `list` in which no two items have the same `key` (an id, a name, a value):
 * the screens key their lists by these, and a repeat would make every load fail the same way.
 *
 * @example
 * unique(arr(str()))(['a', 'b', 'a'], 'ids') // throws "ids[2]: repeats ids[0]"
 * unique(arr(obj({ id: str() })), (x) => x.id)([{ id: 'a' }, { id: 'b' }], 'stages') // fine
 */
export function unique<T>(
  list: Check<T[]>,
  key: (item: T) => unknown = (item) => item,
): Check<T[]> {
  return (v, path) => {
    const items = list(v, path);
    const seen = new Map<unknown, number>();
    items.forEach((item, i) => {
      const k = key(item);
      const first = seen.get(k);
      if (first !== undefined) fail(`${path}[${i}]`, `repeats ${path}[${first}]`);
      seen.set(k, i);
    });
    return items;
  };
}

function ownKeys(v: unknown, path: string): string[] {
  if (!isPlainObject(v)) fail(path, 'not an object');
  const keys = Object.keys(v);
  for (const k of keys) if (FORBIDDEN_KEYS.has(k)) fail(`${path}.${k}`, 'forbidden key');
  return keys;
}

type Shape = Record<string, Check<unknown>>;
type Out<S extends Shape> = { [K in keyof S]: S[K] extends Check<infer T> ? T : never };

/**
 * An object with exactly these keys (those listed in `optional` may be absent; an absent
 * optional key is left out of the result). Any other key is refused.
 *
 * @example
 * obj({ a: num })({ a: 1 }, 'x') // { a: 1 }
 * obj({ a: num })({ a: 1, b: 2 }, 'x') // throws "x.b: unknown key"
 */
export function obj<S extends Shape>(shape: S, optional: (keyof S)[] = []): Check<Out<S>> {
  return (v, path) => {
    const keys = ownKeys(v, path);
    for (const k of keys) if (!Object.hasOwn(shape, k)) fail(`${path}.${k}`, 'unknown key');
    const src = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(shape)) {
      if (!Object.hasOwn(src, k)) {
        if (optional.includes(k)) continue;
        fail(`${path}.${k}`, 'missing');
      }
      out[k] = shape[k](src[k], `${path}.${k}`);
    }
    return out as Out<S>;
  };
}

/**
 * A map from arbitrary string keys (names from data: a segment called `constructor` or even
 * `__proto__` is just a key) to checked values, returned as a record with no prototype.
 */
export function dict<T>(
  value: Check<T>,
  maxKeys = 1_000,
  maxKeyLength = 500,
): Check<Record<string, T>> {
  return (v, path) => {
    if (!isPlainObject(v)) fail(path, 'not an object');
    const keys = Object.keys(v as object);
    if (keys.length > maxKeys) fail(path, `more than ${maxKeys} keys`);
    const out = Object.create(null) as Record<string, T>;
    for (const k of keys) {
      if (k.length > maxKeyLength) fail(path, 'key too long');
      const checked = value((v as Record<string, unknown>)[k], `${path}.${k}`);
      Object.defineProperty(out, k, {
        value: checked,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
}

/**
 * Plain JSON-like data (objects, arrays, strings, finite numbers, booleans, null) with a bound
 * on depth and size and no forbidden keys. For state owned by another part of the app that
 * checks its own fields when it restores them.
 */
export function plainData(maxDepth = 12, maxNodes = 50_000): Check<unknown> {
  return (v, path) => {
    let nodes = 0;
    const walk = (x: unknown, p: string, depth: number): unknown => {
      if (++nodes > maxNodes) fail(path, 'too large');
      if (depth > maxDepth) fail(p, 'nested too deeply');
      if (x === null || typeof x === 'string' || typeof x === 'boolean') return x;
      if (typeof x === 'number') return num(x, p);
      if (Array.isArray(x)) return x.map((y, i) => walk(y, `${p}[${i}]`, depth + 1));
      const out: Record<string, unknown> = {};
      for (const k of ownKeys(x, p))
        out[k] = walk((x as Record<string, unknown>)[k], `${p}.${k}`, depth + 1);
      return out;
    };
    return walk(v, path, 0);
  };
}

/** Apply a check and return a result instead of throwing. */
export function validate<T>(
  check: Check<T>,
  v: unknown,
): { ok: true; value: T } | { ok: false; error: SchemaError } {
  try {
    return { ok: true, value: check(v, '') };
  } catch (e) {
    if (e instanceof SchemaError) return { ok: false, error: e };
    throw e;
  }
}
