/**
 * The explore view as a URL fragment: `#v=<base64url of JSON>`. The fragment is never sent to a
 * server, so a bookmark keeps the view without the data leaving the browser.
 *
 * The fragment may also carry other keys (`s=` share snapshots belong to src/persist): this
 * module reads and writes the `v` part only, leaving every other part byte for byte.
 * What comes in from a URL is untrusted: it is size-capped, decoded, and validated strictly
 * (known keys only, right types, real dates between 1900 and 2200, each filter field once and
 * each of its values once); anything else is rejected with a reason.
 *
 * Since version 2 the value is `<base64url of JSON>.<base64url of its CRC-32>`: a filter value or
 * a date carries numbers, and one changed character could otherwise restore a different valid
 * view without a word. Version 1 values (bookmarks and saved workspaces from before the check)
 * have no dot and still open; a version 2 value without its check is refused.
 */
import { GRANULARITIES, parseDay, type Granularity } from '../core/engine/period';
import { crc32, fromBase64, toBase64 } from '../persist/bytes';
import { dayNumber, SchemaError } from '../persist/check';

export type CompareMode = 'previous' | 'lastYear' | 'segments' | 'target';
export const COMPARE_MODES: readonly CompareMode[] = ['previous', 'lastYear', 'segments', 'target'];

/** Everything a bookmark restores. Dates as ISO text so a hash stays readable when decoded. */
export interface ViewState {
  filters: { field: string; values: string[] }[];
  range: { from: string; to: string } | null;
  /** null: fitted to the data's span (days, weeks or months); a value: chosen by the user. */
  granularity: Granularity | null;
  breakdown: string | null;
  drill: string[];
  compare: CompareMode;
  pair: { field: string; a: string; b: string } | null;
  tab: string;
  /** The dimension the trend is split by; absent when not split (links made before it stay
   * the same text). */
  split?: string;
}

export const DEFAULT_VIEW: ViewState = {
  filters: [],
  range: null,
  granularity: null,
  breakdown: null,
  drill: [],
  compare: 'previous',
  pair: null,
  tab: 'funnel',
};

/** Longest `v` value accepted; a real view is a few hundred characters. */
export const MAX_HASH = 16_000;
const MAX_TEXT = 500;
const MAX_ITEMS = 5_000;

/** The version written now; 1 is the unchecked one before it. */
const VERSION = 2;

/** Why a value was refused: too long to be ours, damaged (unreadable, wrong check), or invalid. */
export type ViewProblem = 'too-long' | 'damaged' | 'invalid';

type Result = { ok: true; state: ViewState } | { ok: false; problem: ViewProblem; reason: string };

/** The check of a base64url text: the CRC-32 of its characters, itself in base64url. */
function checkOf(text: string): string {
  const crc = new Uint8Array(4);
  new DataView(crc.buffer).setUint32(0, crc32(new TextEncoder().encode(text)));
  return toBase64(crc, true);
}

/**
 * The `v` value for a view state.
 *
 * @example
 * decodeView(encodeView(DEFAULT_VIEW)) // { ok: true, state: DEFAULT_VIEW }
 */
export function encodeView(state: ViewState): string {
  const data = toBase64(new TextEncoder().encode(JSON.stringify({ n: VERSION, ...state })), true);
  return `${data}.${checkOf(data)}`;
}

// --- strict validation: every check names what was wrong ---

class Invalid extends Error {}

function plainObject(
  v: unknown,
  what: string,
  keys: readonly string[],
  optional: readonly string[] = [],
): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new Invalid(`${what}: not an object`);
  if (Object.getPrototypeOf(v) !== Object.prototype)
    throw new Invalid(`${what}: not a plain object`);
  for (const k of Object.keys(v)) {
    if (!keys.includes(k) && !optional.includes(k))
      throw new Invalid(`${what}: unknown key "${k.slice(0, 40)}"`);
  }
  for (const k of keys) if (!(k in v)) throw new Invalid(`${what}: missing "${k}"`);
  return v as Record<string, unknown>;
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length > MAX_TEXT) throw new Invalid(`${what}: not a short text`);
  return v;
}

function texts(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || v.length > MAX_ITEMS) throw new Invalid(`${what}: not a list`);
  return v.map((x, i) => text(x, `${what}[${i}]`));
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], what: string): T {
  if (!allowed.includes(v as T)) throw new Invalid(`${what}: not one of ${allowed.join(', ')}`);
  return v as T;
}

function isoDay(v: unknown, what: string): string {
  const day = typeof v === 'string' ? parseDay(v) : null;
  if (day === null) throw new Invalid(`${what}: not a date`);
  try {
    dayNumber(day, what);
  } catch (e) {
    if (e instanceof SchemaError) throw new Invalid(e.message);
    throw e;
  }
  return v as string;
}

/** Refuse a second item with the same key: the filter chips are keyed by field and value. */
function once<T>(items: T[], key: (item: T) => string, what: string): T[] {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) throw new Invalid(`${what}[${i}]: repeated`);
    seen.add(k);
  });
  return items;
}

const KEYS = [
  'n',
  'filters',
  'range',
  'granularity',
  'breakdown',
  'drill',
  'compare',
  'pair',
  'tab',
];

function validate(raw: unknown, checked: boolean): ViewState {
  const o = plainObject(raw, 'view', KEYS, ['split']);
  if (o.n !== 1 && o.n !== VERSION) throw new Invalid('view: unknown version');
  if ((o.n === VERSION) !== checked)
    throw new Invalid(checked ? 'view: a check on an unchecked version' : 'view: no check');
  if (!Array.isArray(o.filters) || o.filters.length > 100) throw new Invalid('filters: not a list');
  const filters = once(
    o.filters.map((f, i) => {
      const fo = plainObject(f, `filters[${i}]`, ['field', 'values']);
      const values = texts(fo.values, `filters[${i}].values`);
      return {
        field: text(fo.field, `filters[${i}].field`),
        values: once(values, (v) => v, `filters[${i}].values`),
      };
    }),
    (f) => f.field,
    'filters',
  );
  let range: ViewState['range'] = null;
  if (o.range !== null) {
    const r = plainObject(o.range, 'range', ['from', 'to']);
    range = { from: isoDay(r.from, 'range.from'), to: isoDay(r.to, 'range.to') };
    if (range.from > range.to) throw new Invalid('range: starts after it ends');
  }
  let pair: ViewState['pair'] = null;
  if (o.pair !== null) {
    const p = plainObject(o.pair, 'pair', ['field', 'a', 'b']);
    pair = { field: text(p.field, 'pair.field'), a: text(p.a, 'pair.a'), b: text(p.b, 'pair.b') };
  }
  const tab = text(o.tab, 'tab');
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(tab)) throw new Invalid('tab: not a tab name');
  return {
    filters,
    range,
    granularity: o.granularity === null ? null : oneOf(o.granularity, GRANULARITIES, 'granularity'),
    breakdown: o.breakdown === null ? null : text(o.breakdown, 'breakdown'),
    drill: texts(o.drill, 'drill').slice(0, 10),
    compare: oneOf(o.compare, COMPARE_MODES, 'compare'),
    pair,
    tab,
    ...(o.split === undefined ? {} : { split: text(o.split, 'split') }),
  };
}

/**
 * Read a `v` value from a URL; never throws.
 *
 * @example
 * decodeView('not-a-view') // { ok: false, reason: 'not readable' }
 */
export function decodeView(value: string): Result {
  if (value.length > MAX_HASH) return { ok: false, problem: 'too-long', reason: 'too long' };
  const dot = value.indexOf('.');
  const data = dot < 0 ? value : value.slice(0, dot);
  if (dot >= 0 && value.slice(dot + 1) !== checkOf(data))
    return { ok: false, problem: 'damaged', reason: 'check does not match' };
  const bytes = fromBase64(data, 'url');
  let raw: unknown;
  try {
    if (!bytes) throw new Invalid('not base64url');
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, problem: 'damaged', reason: 'not readable' };
  }
  try {
    return { ok: true, state: validate(raw, dot >= 0) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, problem: 'invalid', reason: e.message };
    throw e;
  }
}

/**
 * The value of `key` in a fragment like `#v=abc&s=xyz`; null when absent.
 *
 * @example
 * hashPart('#v=abc&s=xyz', 'v') // 'abc'
 */
export function hashPart(hash: string, key: string): string | null {
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (part.startsWith(key + '=')) return part.slice(key.length + 1);
  }
  return null;
}

/**
 * The fragment with `key` set to `value` (or removed when null), other parts untouched.
 *
 * @example
 * withHashPart('#s=xyz', 'v', 'abc') // '#s=xyz&v=abc'
 * withHashPart('#v=abc&s=xyz', 'v', null) // '#s=xyz'
 */
export function withHashPart(hash: string, key: string, value: string | null): string {
  const parts = hash
    .replace(/^#/, '')
    .split('&')
    .filter((p) => p !== '' && !p.startsWith(key + '='));
  if (value !== null) parts.push(`${key}=${value}`);
  return parts.length ? '#' + parts.join('&') : '';
}
