/**
 * The explore view as a URL fragment: `#v=<base64url of JSON>`. The fragment is never sent to a
 * server, so a bookmark keeps the view without the data leaving the browser.
 *
 * The fragment may also carry other keys (`s=` share snapshots belong to src/persist): this
 * module reads and writes the `v` part only, leaving every other part byte for byte.
 * What comes in from a URL is untrusted: it is size-capped, decoded, and validated strictly
 * (known keys only, right types, real dates); anything else is rejected with a reason.
 */
import { GRANULARITIES, parseDay, type Granularity } from '../core/engine/period';

export type CompareMode = 'previous' | 'lastYear' | 'segments' | 'target';
export const COMPARE_MODES: readonly CompareMode[] = ['previous', 'lastYear', 'segments', 'target'];

/** Everything a bookmark restores. Dates as ISO text so a hash stays readable when decoded. */
export interface ViewState {
  filters: { field: string; values: string[] }[];
  range: { from: string; to: string } | null;
  granularity: Granularity;
  breakdown: string | null;
  drill: string[];
  compare: CompareMode;
  pair: { field: string; a: string; b: string } | null;
  tab: string;
}

export const DEFAULT_VIEW: ViewState = {
  filters: [],
  range: null,
  granularity: 'month',
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

type Result = { ok: true; state: ViewState } | { ok: false; reason: string };

function utf8ToBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlToUtf8(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * The `v` value for a view state.
 *
 * @example
 * decodeView(encodeView(DEFAULT_VIEW)) // { ok: true, state: DEFAULT_VIEW }
 */
export function encodeView(state: ViewState): string {
  return utf8ToBase64Url(JSON.stringify({ n: 1, ...state }));
}

// --- strict validation: every check names what was wrong ---

class Invalid extends Error {}

function plainObject(v: unknown, what: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new Invalid(`${what}: not an object`);
  if (Object.getPrototypeOf(v) !== Object.prototype)
    throw new Invalid(`${what}: not a plain object`);
  for (const k of Object.keys(v)) {
    if (!keys.includes(k)) throw new Invalid(`${what}: unknown key "${k.slice(0, 40)}"`);
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
  if (typeof v !== 'string' || parseDay(v) === null) throw new Invalid(`${what}: not a date`);
  return v;
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

function validate(raw: unknown): ViewState {
  const o = plainObject(raw, 'view', KEYS);
  if (o.n !== 1) throw new Invalid('view: unknown version');
  if (!Array.isArray(o.filters) || o.filters.length > 100) throw new Invalid('filters: not a list');
  const filters = o.filters.map((f, i) => {
    const fo = plainObject(f, `filters[${i}]`, ['field', 'values']);
    return {
      field: text(fo.field, `filters[${i}].field`),
      values: texts(fo.values, `filters[${i}].values`),
    };
  });
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
    granularity: oneOf(o.granularity, GRANULARITIES, 'granularity'),
    breakdown: o.breakdown === null ? null : text(o.breakdown, 'breakdown'),
    drill: texts(o.drill, 'drill').slice(0, 10),
    compare: oneOf(o.compare, COMPARE_MODES, 'compare'),
    pair,
    tab,
  };
}

/**
 * Read a `v` value from a URL; never throws.
 *
 * @example
 * decodeView('not-a-view') // { ok: false, reason: 'not readable' }
 */
export function decodeView(value: string): Result {
  if (value.length > MAX_HASH) return { ok: false, reason: 'too long' };
  let raw: unknown;
  try {
    raw = JSON.parse(base64UrlToUtf8(value));
  } catch {
    return { ok: false, reason: 'not readable' };
  }
  try {
    return { ok: true, state: validate(raw) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, reason: e.message };
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
