import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  MAX_HASH,
  decodeView,
  encodeView,
  hashPart,
  withHashPart,
  type ViewState,
} from '../../../src/state/view-hash';

const full: ViewState = {
  filters: [
    { field: '地区', values: ['华北', '华东'] },
    { field: '渠道', values: [''] },
  ],
  range: { from: '2025-09-01', to: '2025-09-30' },
  granularity: 'week',
  breakdown: '分公司',
  drill: ['北京分公司'],
  compare: 'segments',
  pair: { field: '渠道', a: '百度', b: '360' },
  tab: 'breakdown',
};
const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('encodeView / decodeView', () => {
  it('round-trips a view with Chinese values', () => {
    expect(decodeView(encodeView(full))).toEqual({ ok: true, state: full });
    expect(decodeView(encodeView(DEFAULT_VIEW))).toEqual({ ok: true, state: DEFAULT_VIEW });
  });

  it('writes only URL-safe characters', () => {
    expect(encodeView(full)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('does not mutate its input', () => {
    const before = JSON.stringify(full);
    encodeView(full);
    expect(JSON.stringify(full)).toBe(before);
  });

  it.each([
    ['not base64', '%%%', 'not readable'],
    ['not JSON', b64('{oops'), 'not readable'],
    ['not UTF-8', Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url'), 'not readable'],
    ['an array', b64('[]'), 'view: not an object'],
    ['a future version', b64(JSON.stringify({ ...DEFAULT_VIEW, n: 2 })), 'view: unknown version'],
    ['a missing key', b64(JSON.stringify({ n: 1, filters: [] })), 'view: missing "range"'],
    ['__proto__', b64('{"n":1,"__proto__":{"polluted":true}}'), 'view: unknown key "__proto__"'],
    [
      'an unknown key',
      b64(JSON.stringify({ n: 1, ...DEFAULT_VIEW, extra: 1 })),
      'view: unknown key "extra"',
    ],
    [
      'a bad granularity',
      b64(JSON.stringify({ n: 1, ...DEFAULT_VIEW, granularity: 'hour' })),
      'granularity: not one of day, week, month, quarter, year',
    ],
    [
      'an impossible date',
      b64(
        JSON.stringify({ n: 1, ...DEFAULT_VIEW, range: { from: '2025-02-30', to: '2025-03-01' } }),
      ),
      'range.from: not a date',
    ],
    [
      'a reversed range',
      b64(
        JSON.stringify({ n: 1, ...DEFAULT_VIEW, range: { from: '2025-03-02', to: '2025-03-01' } }),
      ),
      'range: starts after it ends',
    ],
    [
      'a number as a value',
      b64(JSON.stringify({ n: 1, ...DEFAULT_VIEW, filters: [{ field: 'a', values: [1] }] })),
      'filters[0].values[0]: not a short text',
    ],
    [
      'a bad tab name',
      b64(JSON.stringify({ n: 1, ...DEFAULT_VIEW, tab: '<script>' })),
      'tab: not a tab name',
    ],
  ])('refuses %s', (_name, value, reason) => {
    expect(decodeView(value)).toEqual({ ok: false, reason });
  });

  it('refuses an oversized value before decoding it', () => {
    expect(decodeView('A'.repeat(MAX_HASH + 1))).toEqual({ ok: false, reason: 'too long' });
  });

  it('does not pollute Object.prototype', () => {
    decodeView(b64('{"n":1,"__proto__":{"polluted":true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('hash parts', () => {
  it('reads one key among others', () => {
    expect(hashPart('#v=abc&s=xyz', 'v')).toBe('abc');
    expect(hashPart('#s=xyz&v=abc', 'v')).toBe('abc');
    expect(hashPart('#s=xyz', 'v')).toBeNull();
    expect(hashPart('', 'v')).toBeNull();
  });

  it('writes its own key and leaves the others byte for byte', () => {
    expect(withHashPart('#s=x%2By+z', 'v', 'abc')).toBe('#s=x%2By+z&v=abc');
    expect(withHashPart('#v=old&s=xyz', 'v', 'new')).toBe('#s=xyz&v=new');
    expect(withHashPart('#v=abc&s=xyz', 'v', null)).toBe('#s=xyz');
    expect(withHashPart('#v=abc', 'v', null)).toBe('');
    expect(withHashPart('', 'v', 'abc')).toBe('#v=abc');
  });
});
