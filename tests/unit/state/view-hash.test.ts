import { crc32 } from 'node:zlib';
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
import { packView } from '../../fixtures/hostile/integrity-codec.mjs';
import { URL_SAFE } from '../../fixtures/hostile/integrity-links.mjs';

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

  it('writes only URL-safe characters: the JSON, a dot and its check', () => {
    expect(encodeView(full)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{6}$/);
    // the same text Node writes for version 2, with Node's own CRC-32
    expect(encodeView(full)).toBe(packView({ n: 2, ...full }));
  });

  it('opens a view saved before the check (version 1, no dot)', () => {
    expect(decodeView(b64(JSON.stringify({ n: 1, ...full })))).toEqual({ ok: true, state: full });
    expect(decodeView(packView({ ...full }, 1))).toEqual({ ok: true, state: full });
  });

  it('refuses every one-character change of a checked view: never a different view', () => {
    const value = encodeView(full);
    let changes = 0;
    for (let at = 0; at < value.length; at++) {
      for (const c of URL_SAFE + '.') {
        if (c === value[at]) continue;
        const r = decodeView(value.slice(0, at) + c + value.slice(at + 1));
        expect(r.ok, `${at}: ${c}`).toBe(false);
        changes++;
      }
    }
    expect(changes).toBe(value.length * 64);
  }, 30_000);

  it('refuses a checked version without its check, and an unchecked one with a check', () => {
    const checked = packView({ ...full });
    expect(decodeView(checked.split('.')[0])).toEqual({
      ok: false,
      problem: 'invalid',
      reason: 'view: no check',
    });
    const old = packView({ ...full }, 1);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.from(old)));
    expect(decodeView(`${old}.${crc.toString('base64url')}`)).toEqual({
      ok: false,
      problem: 'invalid',
      reason: 'view: a check on an unchecked version',
    });
    expect(decodeView(`${old}.${packView({ ...full }).split('.')[1]}`)).toMatchObject({
      ok: false,
      problem: 'damaged',
    });
  });

  it('refuses a filter field twice and a value twice in one filter (the chips are keyed by them)', () => {
    const twice = { ...full, filters: [full.filters[0], { field: '地区', values: ['华南'] }] };
    expect(decodeView(packView(twice))).toEqual({
      ok: false,
      problem: 'invalid',
      reason: 'filters[1]: repeated',
    });
    const value = { ...full, filters: [{ field: '地区', values: ['华北', '华东', '华北'] }] };
    expect(decodeView(packView(value))).toEqual({
      ok: false,
      problem: 'invalid',
      reason: 'filters[0].values[2]: repeated',
    });
  });

  it.each([
    ['1899-12-31', false],
    ['1900-01-01', true],
    ['2200-12-31', true],
    ['2201-01-01', false],
    ['9999-12-31', false],
  ])('reads a range from %s: %s (dates between 1900 and 2200)', (from, ok) => {
    const range = { from, to: from };
    const r = decodeView(packView({ ...full, range }));
    expect(r.ok).toBe(ok);
    if (!ok) expect(r).toMatchObject({ problem: 'invalid', reason: /between 1900 and 2200/ });
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
    ['a future version', b64(JSON.stringify({ ...DEFAULT_VIEW, n: 3 })), 'view: unknown version'],
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
    const problem = reason === 'not readable' ? 'damaged' : 'invalid';
    expect(decodeView(value)).toEqual({ ok: false, problem, reason });
  });

  it('refuses an oversized value before decoding it', () => {
    expect(decodeView('A'.repeat(MAX_HASH + 1))).toEqual({
      ok: false,
      problem: 'too-long',
      reason: 'too long',
    });
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
