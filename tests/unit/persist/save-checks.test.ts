/**
 * Saved means readable: the repo refuses, before writing anything, a state that its own loader
 * would refuse after a reload — so "All changes saved" is never followed by an empty reload.
 */
import { describe, expect, it } from 'vitest';
import { Repo, type LiveState } from '../../../src/persist/repo';
import { memoryBackend } from '../../../src/persist/store';
import { emptySpec } from '../../../src/core/spec/spec';
import { fromArrays, type Table } from '../../../src/core/table/table';

function state(table: Table, plans: unknown = null): LiveState {
  const spec = {
    ...emptySpec('wide'),
    stages: [{ id: 'c', label: 'clicks', source: { kind: 'column' as const, column: 'clicks' } }],
  };
  return {
    datasets: [{ id: 'ds-1', name: 'a.csv', importedAt: 1, table, spec, report: null }],
    activeId: 'ds-1',
    view: null,
    plans,
  };
}

async function fresh() {
  const backend = memoryBackend('missing');
  const repo = new Repo(backend);
  await repo.create('ws-1', 'One');
  return { backend, repo };
}

describe('the save path checks with the loader first', () => {
  it('saves a table the loader reads back', async () => {
    const { repo } = await fresh();
    const r = await repo.save('ws-1', 0, state(fromArrays({ clicks: [1, 2] })));
    expect(r).toEqual({ ok: true, rev: 1 });
  });

  it('refuses a table with a repeated column name and writes nothing', async () => {
    const { backend, repo } = await fresh();
    const t = fromArrays({ clicks: [1, 2] });
    const twice: Table = { ...t, columns: [t.columns[0], { ...t.columns[0] }] };
    const r = await repo.save('ws-1', 0, state(twice));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('invalid');
    expect(await backend.stores.tables.keys()).toEqual([]);
    expect(await backend.stores.workspaces.keys()).toEqual([]);
    expect((await repo.readIndex()).workspaces[0].rev).toBe(0);
  });

  it('refuses plans the loader would refuse, and keeps the last good revision', async () => {
    const { repo } = await fresh();
    const table = fromArrays({ clicks: [1, 2] });
    expect((await repo.save('ws-1', 0, state(table))).ok).toBe(true);
    const r = await repo.save('ws-1', 1, state(table, { version: 99, datasets: {} }));
    expect(!r.ok && r.reason).toBe('invalid');
    const idx = await repo.readIndex();
    expect(idx.workspaces[0].rev).toBe(1);
    const back = await repo.load(idx.workspaces[0]);
    expect(back.problems).toEqual([]);
    expect(back.state.datasets).toHaveLength(1);
  });
});
