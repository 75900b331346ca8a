import { describe, expect, it } from 'vitest';
import { Repo, type LiveState } from '../../../src/persist/repo';
import { memoryBackend, type Backend } from '../../../src/persist/store';
import { emptySpec } from '../../../src/core/spec/spec';
import { fromArrays, type NumberColumn } from '../../../src/core/table/table';

function state(clicks: number[], view: unknown = null): LiveState {
  const table = fromArrays({ 地区: clicks.map((_, i) => `R${i}`), 点击量: clicks });
  const spec = {
    ...emptySpec('wide'),
    stages: [{ id: 'c', label: '点击量', source: { kind: 'column' as const, column: '点击量' } }],
  };
  return {
    datasets: [{ id: 'ds-1', name: 'a.csv', importedAt: 1, table, spec, report: null }],
    activeId: 'ds-1',
    view,
    plans: null,
  };
}

const clicksOf = (s: LiveState) =>
  Array.from((s.datasets[0].table.columns[1] as NumberColumn).values);

async function fresh(): Promise<{ backend: Backend; repo: Repo }> {
  const backend = memoryBackend('missing');
  const repo = new Repo(backend);
  await repo.create('ws-1', 'One');
  return { backend, repo };
}

describe('saving and loading workspaces', () => {
  it('loads exactly what was saved', async () => {
    const { repo } = await fresh();
    expect(await repo.save('ws-1', 0, state([3, 4], { filters: ['x'] }))).toEqual({
      ok: true,
      rev: 1,
    });
    const idx = await repo.readIndex();
    const { state: back, problems } = await repo.load(idx.workspaces[0]);
    expect(problems).toEqual([]);
    expect(clicksOf(back)).toEqual([3, 4]);
    expect(back.view).toEqual({ filters: ['x'] });
    expect(back.activeId).toBe('ds-1');
  });

  it('does not write an unchanged table twice', async () => {
    const { backend, repo } = await fresh();
    const s = state([1]);
    await repo.save('ws-1', 0, s);
    await repo.save('ws-1', 1, { ...s, view: { v: 2 } });
    expect((await backend.stores.tables.keys()).length).toBe(1);
  });

  it('keeps column buffers as Blobs (no megabyte structured clone in one task) and reads them back', async () => {
    const { backend, repo } = await fresh();
    const big = Array.from({ length: 300_000 }, (_, i) => i % 1000);
    await repo.save('ws-1', 0, state(big));
    const [key] = await backend.stores.tables.keys();
    const stored = (await backend.stores.tables.get(key)) as {
      columns: { values: { type: string; blob: Blob } }[];
    };
    expect(stored.columns[1].values.type).toBe('Int32Array');
    expect(stored.columns[1].values.blob).toBeInstanceOf(Blob);
    expect(stored.columns[1].values.blob.size).toBe(300_000 * 4);
    const back = await new Repo(backend).load((await repo.readIndex()).workspaces[0]);
    expect(clicksOf(back.state)).toEqual(big);
  }, 30_000);

  it('refuses to overwrite a revision saved by another tab', async () => {
    const { backend, repo } = await fresh();
    const other = new Repo(backend);
    await repo.save('ws-1', 0, state([1]));
    expect(await other.save('ws-1', 1, state([2]))).toEqual({ ok: true, rev: 2 });
    // this tab still thinks it is at revision 1
    expect(await repo.save('ws-1', 1, state([9]))).toEqual({ ok: false, reason: 'conflict' });
    const { state: back } = await repo.load((await repo.readIndex()).workspaces[0]);
    expect(clicksOf(back)).toEqual([2]);
    // the refused revision left no record behind
    expect((await backend.stores.workspaces.keys()).length).toBe(2);
  });

  it('keeps the previous revision whole when the disk is full', async () => {
    const { backend, repo } = await fresh();
    await repo.save('ws-1', 0, state([5, 6]));
    const keysBefore = (await backend.stores.tables.keys()).length;
    const realSet = backend.stores.workspaces.set;
    backend.stores.workspaces.set = () =>
      Promise.reject(new DOMException('full', 'QuotaExceededError'));
    expect(await repo.save('ws-1', 1, state([7, 8]))).toEqual({ ok: false, reason: 'quota' });
    backend.stores.workspaces.set = realSet;
    // the new table written before the failure is gone again; the old revision is intact
    expect((await backend.stores.tables.keys()).length).toBe(keysBefore);
    const entry = (await repo.readIndex()).workspaces[0];
    expect(entry.rev).toBe(1);
    expect(clicksOf((await repo.load(entry)).state)).toEqual([5, 6]);
  });

  it('reads a workspace written in version 0', async () => {
    const backend = memoryBackend('missing');
    await backend.stores.index.set('index', {
      workspaces: [{ id: 'ws-old', name: '旧工作区', updatedAt: 1, head: 'w:ws-old:0:0-a' }],
      current: 'ws-old',
    });
    await backend.stores.workspaces.set('w:ws-old:0:0-a', {
      id: 'ws-old',
      savedAt: 1,
      datasets: [
        {
          id: 'd',
          name: 'old.csv',
          importedAt: 1,
          rowCount: 2,
          tableKey: 't:0-b',
          spec: {
            shape: 'wide',
            template: 'custom',
            stages: [{ id: 's', label: '订单量', source: { kind: 'column', column: '订单量' } }],
            cost: null,
            revenue: null,
            date: null,
            dimensions: [],
          },
        },
      ],
      activeDataset: 'd',
    });
    await backend.stores.tables.set('t:0-b', {
      rowCount: 2,
      columns: [{ kind: 'number', name: '订单量', type: 'count', values: Float64Array.of(2, NaN) }],
    });
    const repo = new Repo(backend);
    const idx = await repo.readIndex();
    expect(idx.current).toBe('ws-old');
    const { state: back, problems } = await repo.load(idx.workspaces[0]);
    expect(problems).toEqual([]);
    expect(back.datasets[0].spec.stages[0].label).toBe('订单量');
    expect(Array.from((back.datasets[0].table.columns[0] as NumberColumn).values)).toEqual([2, 0]);
    // and it can be saved on top of, as revision 1
    expect(await repo.save('ws-old', 0, back)).toEqual({ ok: true, rev: 1 });
  });

  it('names a dataset whose table is damaged and still loads the rest', async () => {
    const { backend, repo } = await fresh();
    await repo.save('ws-1', 0, state([1, 2]));
    const [key] = await backend.stores.tables.keys();
    await backend.stores.tables.set(key, {
      v: 1,
      rowCount: 2,
      columns: [{ kind: 'number', name: 'x' }],
    });
    const { state: back, problems } = await new Repo(backend).load(
      (await repo.readIndex()).workspaces[0],
    );
    expect(back.datasets).toEqual([]);
    expect(problems[0]).toContain('a.csv');
  });

  it('duplicates, deletes with an undo window and collects what no revision needs', async () => {
    let now = 1_000_000;
    const backend = memoryBackend('missing');
    const repo = new Repo(backend, () => now);
    await repo.create('ws-1', 'One');
    await repo.save('ws-1', 0, state([1]));
    const [one] = (await repo.readIndex()).workspaces;
    const copy = await repo.duplicate(one, 'ws-2', 'One (copy)');
    expect(clicksOf((await repo.load(copy)).state)).toEqual([1]);
    await repo.save('ws-1', 1, state([2])); // replaces ws-1's table; the copy still uses the old one
    await repo.changeEntry('ws-2', (e) => ({ ...e, deletedAt: now }));
    now += 10 * 60_000;
    await repo.collect();
    // deleted long enough ago: purged, and with it the table only the copy used
    expect((await repo.readIndex()).workspaces.map((w) => w.id)).toEqual(['ws-1']);
    expect((await backend.stores.tables.keys()).length).toBe(1);
    expect((await backend.stores.workspaces.keys()).length).toBe(1);
    const back = (await repo.load((await repo.readIndex()).workspaces[0])).state;
    expect(clicksOf(back)).toEqual([2]);
  });

  it('spares young unreferenced records (another tab may be mid-save)', async () => {
    const { backend, repo } = await fresh();
    await backend.stores.tables.set(`t:${Date.now().toString(36)}-zz`, {});
    await repo.collect();
    expect((await backend.stores.tables.keys()).length).toBe(1);
  });
});
