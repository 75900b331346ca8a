/**
 * Records keyed by names that come from data (stage ids made from column names, segment values,
 * target keys). An ordinary object answers `rec['constructor']` with Object's own function and
 * treats `__proto__` as its prototype; these helpers make such a name just another key.
 */

/**
 * A record with no prototype, optionally filled from entries.
 *
 * @example
 * const r = dataRecord([['constructor', 3]]); r.constructor // 3
 */
export function dataRecord<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [k, v] of entries)
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/**
 * The value a record itself holds under `key`, never one inherited from Object.prototype.
 *
 * @example
 * own({}, 'toString') // undefined
 */
export function own<T>(rec: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(rec, key) ? rec[key] : undefined;
}

/** A copy of `rec` as a record with no prototype (plain objects from storage or a spread). */
export function dataCopy<T>(rec: Readonly<Record<string, T>>): Record<string, T> {
  return dataRecord(Object.entries(rec));
}
