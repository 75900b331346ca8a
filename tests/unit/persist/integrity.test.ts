// Integrity checks: a share link and a workspace file carry the CRC-32 of exactly what was
// written, so one changed character is refused as damaged instead of opening as other numbers;
// links and files made before the check still open. Expected CRCs come from node:zlib.
import { crc32 as nodeCrc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Text, fromBase64 } from '../../../src/persist/bytes';
import { decodeShare, encodeShare } from '../../../src/persist/share';
import { readWorkspaceFile, shareFile, workspaceFile } from '../../../src/persist/file';
import { packFile, packLink } from '../../fixtures/hostile/integrity-codec.mjs';
import {
  oneCharChanges,
  silentChanges,
  URL_SAFE,
} from '../../fixtures/hostile/integrity-links.mjs';
import { snapshot, twoDatasets } from './kept';

const state = twoDatasets;

describe('CRC-32', () => {
  it('is the standard one, also in parts and over the UTF-8 of a text', () => {
    const digits = new TextEncoder().encode('123456789');
    expect(crc32(digits)).toBe(0xcbf43926);
    expect(crc32(digits.subarray(4), crc32(digits.subarray(0, 4)))).toBe(0xcbf43926);
    const text = '漏斗 😀 funnel';
    expect(crc32Text(text)).toBe(nodeCrc32(Buffer.from(text, 'utf8')));
    expect(crc32Text(text, 3, 6)).toBe(nodeCrc32(Buffer.from(text.slice(3, 6), 'utf8')));
  });

  it('does not split a surrogate pair where a long text is encoded a piece at a time', () => {
    const step = 1 << 20;
    const long = 'a'.repeat(step - 1) + '😀' + '尾';
    expect(crc32Text(long)).toBe(nodeCrc32(Buffer.from(long, 'utf8')));
  });
});

describe('base64 is read one way only', () => {
  it('refuses a last character with bits no encoder writes, and the other alphabet', () => {
    expect(Array.from(fromBase64('-_8', 'url')!)).toEqual([251, 255]);
    expect(fromBase64('-_9', 'url')).toBeNull();
    expect(fromBase64('TQ')).not.toBeNull();
    expect(fromBase64('TR')).toBeNull();
    expect(fromBase64('+/8', 'url')).toBeNull();
    expect(fromBase64('-_8', 'std')).toBeNull();
    expect(fromBase64('TQ==', 'url')).toBeNull();
    expect(Array.from(fromBase64('TQ==', 'std')!)).toEqual([77]);
  });
});

describe('share links carry a check', () => {
  it('starts with the mark, then the CRC-32 of the deflated snapshot', async () => {
    const value = await encodeShare(snapshot());
    const bytes = Buffer.from(value, 'base64url');
    expect(bytes[0]).toBe(0x0e);
    expect(bytes.readUInt32BE(1)).toBe(nodeCrc32(bytes.subarray(5)));
    expect(JSON.parse(inflateRawSync(bytes.subarray(5)).toString('utf8'))).toEqual(snapshot());
  });

  it('opens a link made before links carried a check', async () => {
    const old = packLink(snapshot(), { checked: false });
    expect(await decodeShare(old)).toEqual({ ok: true, snapshot: snapshot() });
  });

  it('refuses every one-character change as damaged: never other numbers', async () => {
    const value = await encodeShare(snapshot());
    const wrong: string[] = [];
    let tried = 0;
    for (let at = 0; at < value.length; at++) {
      for (const c of URL_SAFE) {
        if (c === value[at]) continue;
        tried++;
        const r = await decodeShare(value.slice(0, at) + c + value.slice(at + 1));
        // the first two characters hold the mark: changed, what follows is no deflate stream
        if (r.ok || (at >= 2 && r.problem !== 'damaged')) wrong.push(`${at}: ${c}`);
      }
    }
    expect(tried).toBe(value.length * 63);
    expect(wrong).toEqual([]);
  }, 30_000);

  it('refuses the changes that would have opened as other numbers without the check', async () => {
    const old = packLink(snapshot(), { checked: false });
    const silentOld = silentChanges(old, 19, 5);
    expect(silentOld).toHaveLength(5);
    // what links without a check allowed: a valid snapshot with other values
    let opened = 0;
    for (const { text } of silentOld) {
      const r = await decodeShare(text);
      if (r.ok) expect(r.snapshot).not.toEqual(snapshot());
      if (r.ok) opened++;
    }
    expect(opened).toBeGreaterThan(0);
    const value = await encodeShare(snapshot());
    const silent = silentChanges(value, 19, 20);
    expect(silent).toHaveLength(20);
    for (const { at, text } of silent) {
      expect(await decodeShare(text), String(at)).toEqual({
        ok: false,
        problem: 'damaged',
        detail: 'check',
      });
    }
  });

  it('refuses characters of the other base64 alphabet', async () => {
    const value = await encodeShare(snapshot());
    const plus = value.replace(/-/, '+').replace(/_/, '/');
    expect(plus).not.toBe(value);
    expect(await decodeShare(plus)).toMatchObject({ ok: false, problem: 'damaged' });
    expect(await decodeShare(`${value}=`)).toMatchObject({ ok: false, problem: 'damaged' });
  });
});

describe('workspace files carry a check', () => {
  it('ends with the CRC-32 of the text before the check, and is plain JSON', () => {
    const text = workspaceFile('我的工作区', state(), 1_750_000_000_000);
    const m = /,"check":"crc32:([0-9a-f]{8})"\}$/.exec(text);
    expect(m).not.toBeNull();
    const before = text.slice(0, m!.index);
    expect(parseInt(m![1], 16)).toBe(nodeCrc32(Buffer.from(before, 'utf8')));
    expect(JSON.parse(text)).toMatchObject({ format: 'funnel-workbench', v: 2, kind: 'workspace' });
    expect(text).toBe(packFile(JSON.parse(text)));
  });

  it('refuses one-character changes anywhere as damaged', async () => {
    const text = workspaceFile('我的工作区', state(), 1_750_000_000_000);
    expect((await readWorkspaceFile(text)).ok).toBe(true);
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    const version = text.indexOf('"v":2,') + 4;
    const wrong: string[] = [];
    for (const { at, text: changed } of oneCharChanges(text, 19, 3_000, printable + '漏斗')) {
      const r = await readWorkspaceFile(changed);
      // a higher digit in the version reads as a file from a newer app: refused all the same
      const expected = at === version && /^[3-9]$/.test(changed[at]) ? 'newer' : 'invalid';
      if (r.ok || r.problem !== expected) wrong.push(`${at}: ${changed.slice(at - 10, at + 10)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('opens a file made before the check, and a checked one an editor added a line break to', async () => {
    const text = workspaceFile('w', state(), 1_750_000_000_000);
    const now = await readWorkspaceFile(text);
    const old = packFile(JSON.parse(text), 1);
    expect(old).not.toContain('"check"');
    expect(await readWorkspaceFile(old)).toEqual(now);
    expect(await readWorkspaceFile(`${text}\r\n`)).toEqual(now);
  });

  it('refuses a version 2 file without its check, and a version 1 file with one', async () => {
    const content = JSON.parse(workspaceFile('w', state(), 1_750_000_000_000));
    delete content.check;
    expect(await readWorkspaceFile(JSON.stringify(content))).toEqual({
      ok: false,
      problem: 'invalid',
      detail: 'no check',
    });
    // signed correctly, but version 1 never had a check: someone put it there
    const open = JSON.stringify({ ...content, v: 1 }).slice(0, -1);
    const crc = nodeCrc32(Buffer.from(open, 'utf8')).toString(16).padStart(8, '0');
    expect(await readWorkspaceFile(`${open},"check":"crc32:${crc}"}`)).toEqual({
      ok: false,
      problem: 'invalid',
      detail: 'check on version 1',
    });
    // and pretty-printed: the check no longer ends the text, so it cannot be verified
    const pretty = JSON.stringify(JSON.parse(workspaceFile('w', state(), 1)), null, 2);
    expect(await readWorkspaceFile(pretty)).toMatchObject({ ok: false, problem: 'invalid' });
  });

  it('says a file from a newer version is newer, not damaged', async () => {
    // a newer version may check its files another way: its version is read before the check
    const text = workspaceFile('w', state(), 1).replace('"v":2,', '"v":3,');
    expect(await readWorkspaceFile(text)).toEqual({ ok: false, problem: 'newer', detail: '3' });
  });

  it('checks share files the same way', async () => {
    const text = shareFile(snapshot(), 1_750_000_000_000);
    expect(await readWorkspaceFile(text)).toEqual({
      ok: true,
      kind: 'share',
      snapshot: snapshot(),
    });
    const changed = text.replace('"counts":[10000', '"counts":[10001');
    expect(await readWorkspaceFile(changed)).toEqual({
      ok: false,
      problem: 'invalid',
      detail: 'check does not match',
    });
  });
});
