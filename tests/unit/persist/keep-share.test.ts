import { describe, expect, it } from 'vitest';
import { deflate, fromBase64, toBase64 } from '../../../src/persist/bytes';
import {
  decodeShare,
  encodeShare,
  MAX_LINK_CHARS,
  shareParam,
  shareUrl,
  withoutShare,
} from '../../../src/persist/share';
import { snapshotDataset } from '../../../src/persist/share-table';
import { compileSpec } from '../../../src/core/engine/compile';
import { aggregate } from '../../../src/core/engine/aggregate';
import { snapshot } from './kept';

async function pack(value: unknown): Promise<string> {
  return toBase64(await deflate(new TextEncoder().encode(JSON.stringify(value))), true);
}

describe('base64', () => {
  it('round-trips every length, in both alphabets', () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 251) & 255);
      expect(Array.from(fromBase64(toBase64(bytes))!)).toEqual(Array.from(bytes));
      expect(Array.from(fromBase64(toBase64(bytes, true))!)).toEqual(Array.from(bytes));
    }
    expect(toBase64(Uint8Array.of(251, 255), true)).toBe('-_8');
    expect(toBase64(new TextEncoder().encode('Man'))).toBe('TWFu');
  });
  it('refuses foreign characters and impossible lengths', () => {
    expect(fromBase64('ab c')).toBeNull();
    expect(fromBase64('abcde')).toBeNull();
    expect(fromBase64('ab%3D')).toBeNull();
  });
});

describe('share links', () => {
  it('round-trips a snapshot', async () => {
    const text = await encodeShare(snapshot());
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text.length).toBeLessThan(MAX_LINK_CHARS);
    expect(await decodeShare(text)).toEqual({ ok: true, snapshot: snapshot() });
  });

  it('refuses an overlong link before decompressing it', async () => {
    const r = await decodeShare('A'.repeat(MAX_LINK_CHARS + 1));
    expect(r).toMatchObject({ ok: false, problem: 'too-long' });
  });

  it('stops a deflate bomb at the size cap', async () => {
    // 1 MB of spaces deflates to about 1 KB: under the link cap, yet far past the output cap
    const bomb = await pack(' '.repeat(1_000_000) + '{}');
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    expect(await decodeShare(bomb)).toMatchObject({ ok: false, problem: 'too-large' });
  });

  it('says a damaged link is damaged', async () => {
    const good = await encodeShare(snapshot());
    expect(await decodeShare(good.slice(0, 40))).toMatchObject({ ok: false, problem: 'damaged' });
    expect(await decodeShare('%%%')).toMatchObject({ ok: false, problem: 'damaged' });
    expect(await decodeShare(await pack('x'))).toMatchObject({ ok: false, problem: 'invalid' });
    const notJson = toBase64(await deflate(new TextEncoder().encode('{not json')), true);
    expect(await decodeShare(notJson)).toMatchObject({ ok: false, problem: 'damaged' });
  });

  it('refuses __proto__, unknown keys and counts that do not match the stages', async () => {
    const json = JSON.stringify(snapshot()).replace(
      '"slice"',
      '"__proto__":{"polluted":1},"slice"',
    );
    const hostile = toBase64(await deflate(new TextEncoder().encode(json)), true);
    const r = await decodeShare(hostile);
    expect(r).toMatchObject({ ok: false, problem: 'invalid' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await decodeShare(await pack({ ...snapshot(), extra: 1 }))).toMatchObject({
      problem: 'invalid',
    });
    const short = snapshot();
    short.totals.counts.pop();
    expect(await decodeShare(await pack(short))).toMatchObject({ problem: 'invalid' });
    const nested = JSON.stringify(snapshot()).replace(
      '"kind":"rates"',
      '"kind":"rates","constructor":{}',
    );
    expect(
      await decodeShare(toBase64(await deflate(new TextEncoder().encode(nested)), true)),
    ).toMatchObject({
      problem: 'invalid',
    });
  });

  it('refuses a link from a newer version with its own reason', async () => {
    expect(await decodeShare(await pack({ ...snapshot(), v: 2 }))).toMatchObject({
      problem: 'newer',
    });
  });
});

describe('the fragment', () => {
  it('finds our key and leaves the explore key exactly as it was', () => {
    expect(shareParam('#v=a%2Cb&s=q1Y')).toBe('q1Y');
    expect(shareParam('#v=abc')).toBeNull();
    expect(withoutShare('#v=a%2Cb&s=q1Y')).toBe('#v=a%2Cb');
    expect(withoutShare('#s=q1Y')).toBe('');
    expect(shareUrl({ origin: 'https://x.example', pathname: '/app/', search: '' }, 'q1Y')).toBe(
      'https://x.example/app/#s=q1Y',
    );
  });
});

describe('a snapshot as a dataset', () => {
  it('sums back to the shared totals, with the segments left out as an empty segment', () => {
    const { table, spec } = snapshotDataset(snapshot());
    const r = compileSpec(table, spec);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const t = aggregate(r.funnel, null);
    expect(t.counts).toEqual([10000, 300, 6]);
    expect(t.cost).toBeCloseTo(600.5, 9);
    expect(t.revenue).toBe(3000);
    // 北京 + hostile + remainder (1000 impressions, 20 clicks, 1 order not in a listed segment)
    expect(table.rowCount).toBe(3);
    expect(spec.dimensions).toEqual(['分公司']);
    expect(spec.stages.map((s) => s.id)).toEqual(['impressions', 'clicks', 'orders']);
  });

  it('is one row of totals without a breakdown, and survives a column named __proto__', () => {
    const snap = { ...snapshot(), breakdown: null };
    snap.spec = { ...snap.spec, cost: '__proto__' };
    const { table, spec } = snapshotDataset(snap);
    expect(table.rowCount).toBe(1);
    expect(spec.cost).toBe('__proto__');
    expect(table.columns.map((c) => c.name)).toContain('__proto__');
  });
});
