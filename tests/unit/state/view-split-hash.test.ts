/**
 * The trend's split survives a reload through the view's bookmark: written only when set (so a
 * view without a split keeps the text it had before the split existed), read back, and refused
 * when it is not a short text.
 */
import { describe, expect, it } from 'vitest';
import { fromArrays } from '../../../src/core/table/table';
import { emptySpec } from '../../../src/core/spec/spec';
import { DEFAULT_VIEW, decodeView, encodeView } from '../../../src/state/view-hash';
import { View } from '../../../src/state/view.svelte';
import { Workspace } from '../../../src/state/workspace.svelte';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

function view(): View {
  const table = fromArrays(
    { 日期: ['2025-01-01', '2025-02-01'], 分公司: ['北京', '上海'], 展现: [1, 2] },
    { 日期: 'date' },
  );
  const spec = {
    ...emptySpec('wide'),
    stages: [{ id: 's', label: '展现', source: { kind: 'column' as const, column: '展现' } }],
    date: '日期',
    hierarchy: ['分公司'],
  };
  const ws = new Workspace();
  ws.add({ id: 'd', name: 'd.csv', importedAt: 0, table, spec, report: null });
  return new View(ws);
}

describe('the split in the bookmark', () => {
  it('round-trips, and is left out of the text when the trend is not split', () => {
    const state = { ...DEFAULT_VIEW, tab: 'trend', split: '分公司' };
    expect(decodeView(encodeView(state))).toEqual({ ok: true, state });
    const text = (v: string) => Buffer.from(v.split('.')[0], 'base64url').toString();
    expect(text(encodeView(DEFAULT_VIEW))).not.toContain('split');
    expect(text(encodeView(state))).toContain('"split":"分公司"');
  });

  it('refuses a split that is not a short text', () => {
    for (const split of [3, ['分公司'], 'x'.repeat(501)]) {
      const r = decodeView(b64(JSON.stringify({ n: 1, ...DEFAULT_VIEW, split })));
      expect(r).toMatchObject({ ok: false, problem: 'invalid' });
    }
  });

  it('is kept in the view snapshot and restored from it', () => {
    const v = view();
    expect(v.snapshot).toEqual(DEFAULT_VIEW);
    v.splitBy = '分公司';
    expect(v.snapshot.split).toBe('分公司');
    const again = view();
    again.restore(v.snapshot);
    expect(again.splitBy).toBe('分公司');
    again.restore(DEFAULT_VIEW);
    expect(again.splitBy).toBeNull();
  });
});
