import { describe, expect, it } from 'vitest';
import { readWorkspaceFile, shareFile, workspaceFile } from '../../../src/persist/file';
import type { LiveState } from '../../../src/persist/repo';
import { emptySpec } from '../../../src/core/spec/spec';
import {
  fromArrays,
  isNull,
  type DateColumn,
  type NumberColumn,
  type TextColumn,
} from '../../../src/core/table/table';

function state(): LiveState {
  const table = fromArrays(
    {
      日期: ['2025-01-01', '2025-01-02', ''],
      ['__proto__']: ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://x")', ''],
      点击量: [3, null, 5],
      消费: [1.5, 2.25, -0.125],
    },
    { 日期: 'date' },
  );
  const spec = {
    ...emptySpec('wide'),
    stages: [{ id: 'c', label: '点击量', source: { kind: 'column' as const, column: '点击量' } }],
  };
  return {
    datasets: [{ id: 'ds-1', name: 'a.csv', importedAt: 7, table, spec, report: null }],
    activeId: 'ds-1',
    view: { f: [1] },
    plans: null,
  };
}

describe('workspace files', () => {
  it("reads back a table that carries the import worker's all-row figures", async () => {
    // Columns straight from an import carry `stats`; a saved file must still open.
    const live = state();
    const [days, text, clicks] = live.datasets[0].table.columns as [
      DateColumn,
      TextColumn,
      NumberColumn,
    ];
    days.stats = { extent: { from: 20089, to: 20090 } };
    text.stats = { counts: Float64Array.of(1, 1, 1) };
    clicks.stats = { sum: 8 };
    const r = await readWorkspaceFile(workspaceFile('w', live, 1));
    expect(r.ok).toBe(true);
    if (!r.ok || r.kind !== 'workspace') return;
    const back = r.state.datasets[0].table.columns[2] as NumberColumn;
    expect(back.stats).toBeUndefined();
    expect(Array.from(back.values)).toEqual([3, 0, 5]);
  });

  it('round-trips every column kind exactly', async () => {
    const r = await readWorkspaceFile(workspaceFile('我的工作区', state(), 1));
    expect(r.ok && r.kind).toBe('workspace');
    if (!r.ok || r.kind !== 'workspace') return;
    expect(r.name).toBe('我的工作区');
    const [days, text, clicks, cost] = r.state.datasets[0].table.columns as [
      DateColumn,
      TextColumn,
      NumberColumn,
      NumberColumn,
    ];
    expect(Array.from(days.days).slice(0, 2)).toEqual([20089, 20090]);
    expect(Number.isNaN(days.days[2])).toBe(true);
    expect(text.name).toBe('__proto__');
    expect(text.dict).toEqual(['', '<img src=x onerror=alert(1)>', '=HYPERLINK("http://x")']);
    expect(clicks.values).toBeInstanceOf(Int32Array);
    expect(isNull(clicks, 1)).toBe(true);
    expect(Array.from(cost.values)).toEqual([1.5, 2.25, -0.125]);
    expect(r.state.view).toEqual({ f: [1] });
  });

  it('refuses files that are not ours, from a newer version, or damaged', async () => {
    expect(await readWorkspaceFile('hello')).toMatchObject({ ok: false, problem: 'not-ours' });
    expect(await readWorkspaceFile('{"format":"other"}')).toMatchObject({
      ok: false,
      problem: 'not-ours',
    });
    const good = JSON.parse(workspaceFile('w', state(), 1));
    expect(await readWorkspaceFile(JSON.stringify({ ...good, v: 9 }))).toMatchObject({
      problem: 'newer',
    });
    const cut = structuredClone(good);
    cut.workspace.datasets[0].table.columns[2].values.data = 'AAAA';
    expect(await readWorkspaceFile(JSON.stringify(cut))).toMatchObject({
      ok: false,
      problem: 'invalid',
    });
    const codes = structuredClone(good);
    codes.workspace.datasets[0].table.columns[1].codes.data = 'CQkJ'; // codes 9, 9, 9: past the dictionary
    expect(await readWorkspaceFile(JSON.stringify(codes))).toMatchObject({
      ok: false,
      problem: 'invalid',
    });
    const hostile = workspaceFile('w', state(), 1).replace(
      '"activeId"',
      '"__proto__":{"x":1},"activeId"',
    );
    expect(await readWorkspaceFile(hostile)).toMatchObject({ ok: false, problem: 'invalid' });
  });

  it('carries a share snapshot too', async () => {
    const snapshot = {
      v: 1 as const,
      title: 't',
      createdAt: 1,
      currency: '',
      spec: {
        ...emptySpec('wide'),
        stages: [{ id: 'a', label: 'A', source: { kind: 'column' as const, column: 'A' } }],
      },
      slice: [],
      totals: { counts: [5], cost: null, revenue: null, rows: 2 },
      breakdown: null,
      target: null,
      scenarios: [],
    };
    expect(await readWorkspaceFile(shareFile(snapshot, 1))).toEqual({
      ok: true,
      kind: 'share',
      snapshot,
    });
  });
});
