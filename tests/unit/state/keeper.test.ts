/**
 * The Keeper in node, over storage in memory: restore on start, saving on flush, a second
 * session over the same storage restoring what the first kept, and a save refused because
 * another tab saved first. (Svelte runs its server build under vitest, so the watching effect
 * does not run here; saving is driven by `flush`, as the page does when it is hidden.)
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/core/spec/dataset';
import { numberColumn, textAt, textColumn } from '../../../src/core/table/table';
import { Repo } from '../../../src/persist/repo';
import { memoryBackend } from '../../../src/persist/store';
import { dataset, spec, started } from './keep-fixture';

/** The rows of a dataset's table as plain values, to compare across a save. */
function rowsOf(d: Dataset): (string | number)[][] {
  const region = textColumn(d.table, '地区')!;
  const shows = numberColumn(d.table, '展现')!;
  const clicks = numberColumn(d.table, '点击')!;
  return Array.from({ length: d.table.rowCount }, (_, i) => [
    textAt(region, i),
    shows.values[i],
    clicks.values[i],
  ]);
}

describe('Keeper', () => {
  it('starts with one empty, unsaved workspace in empty storage', async () => {
    const backend = memoryBackend('missing');
    const { keeper, workspace } = await started(backend);
    expect(keeper.restoring).toBe(false);
    expect(keeper.mode).toBe('memory');
    expect(keeper.status).toBe('saved');
    expect(keeper.problem).toBeNull();
    expect(workspace.datasets).toEqual([]);
    expect(keeper.entries).toHaveLength(1);
    const [entry] = keeper.entries;
    expect(keeper.currentId).toBe(entry.id);
    expect(entry).toMatchObject({ name: '', rev: 0, head: null, deletedAt: null });
    // nothing saved: the index names the workspace, no revision is written
    expect(await backend.stores.workspaces.keys()).toEqual([]);
    expect(await backend.stores.tables.keys()).toEqual([]);
  });

  it('saves on flush and a second session over the same storage restores it', async () => {
    const backend = memoryBackend('missing');
    const first = await started(backend);
    first.workspace.add(dataset('ds-1', '周报.csv'));
    first.plans.setTarget('ds-1', 'all', { kind: 'counts', values: { clicks: 60 } });
    const saved = first.plans.save('ds-1', {
      name: 'CTR +10%',
      top: null,
      budget: null,
      costPerUnit: null,
      averageValue: null,
      rates: { clicks: { kind: 'relative', change: 0.1 } },
    });
    expect(saved.ok).toBe(true);
    await first.keeper.flush();

    expect(first.keeper.status).toBe('saved');
    const [entry] = first.keeper.entries;
    // revision 1, named after its first dataset (the name is data: no language baked in)
    expect(entry).toMatchObject({ name: '周报.csv', rev: 1, deletedAt: null });
    expect(entry.head).toMatch(/^w:ws-[^:]+:1:/);
    expect(await backend.stores.workspaces.keys()).toEqual([entry.head]);
    expect(await backend.stores.tables.keys()).toHaveLength(1);

    const second = await started(backend);
    expect(second.keeper.status).toBe('saved');
    expect(second.keeper.problem).toBeNull();
    expect(second.keeper.currentId).toBe(entry.id);
    expect(second.workspace.datasets.map((d) => [d.id, d.name, d.importedAt])).toEqual([
      ['ds-1', '周报.csv', 1_700_000_000_000],
    ]);
    expect(second.workspace.active?.id).toBe('ds-1');
    expect(second.workspace.active?.spec).toEqual(spec);
    expect(rowsOf(second.workspace.datasets[0])).toEqual([
      ['北', 100, 10],
      ['南', 50, 5],
      ['北', 200, 30],
    ]);
    expect(second.plans.toJSON()).toEqual(first.plans.toJSON());
    expect(second.plans.of('ds-1').scenarios.map((s) => s.name)).toEqual(['CTR +10%']);
  });

  it('keeps a saved table once: a later save writes a new revision over the same table', async () => {
    const backend = memoryBackend('missing');
    const { keeper, workspace, view } = await started(backend);
    workspace.add(dataset('ds-1', 'a.csv'));
    await keeper.flush();
    view.setValues('地区', ['北']);
    await keeper.flush();
    expect(keeper.current).toMatchObject({ rev: 2 });
    expect(await backend.stores.tables.keys()).toHaveLength(1);
    expect(await backend.stores.workspaces.keys()).toHaveLength(2);
    await keeper.flush(); // nothing changed: nothing written
    expect(await backend.stores.workspaces.keys()).toHaveLength(2);

    const again = await started(backend);
    expect(again.view.chosen('地区')).toEqual(['北']);
  });

  it('refuses to overwrite another tab’s save, then keeps mine or takes theirs', async () => {
    const backend = memoryBackend('missing');
    const a = await started(backend);
    const b = await started(backend);
    expect(b.keeper.currentId).toBe(a.keeper.currentId);

    a.workspace.add(dataset('ds-a', 'a.csv'));
    await a.keeper.flush();
    b.workspace.add(dataset('ds-b', 'b.csv'));
    await b.keeper.flush();
    expect(b.keeper.conflict).toBe(true);
    expect(b.keeper.status).toBe('failed');
    await b.keeper.refresh();
    expect(b.keeper.current?.rev).toBe(1); // a's revision; b's was not written
    expect(await backend.stores.workspaces.keys()).toHaveLength(1);

    await b.keeper.keepMine();
    expect(b.keeper.conflict).toBe(false);
    expect(b.keeper.status).toBe('saved');
    expect(b.keeper.current?.rev).toBe(2);

    a.view.setValues('地区', ['南']);
    await a.keeper.flush();
    expect(a.keeper.conflict).toBe(true);
    await a.keeper.takeTheirs();
    expect(a.keeper.conflict).toBe(false);
    expect(a.keeper.status).toBe('saved');
    expect(a.workspace.datasets.map((d) => d.id)).toEqual(['ds-b']);
    expect(a.view.chosen('地区')).toEqual([]);
  });

  it('works in memory and says so when the saved index cannot be read, leaving it as it was', async () => {
    const backend = memoryBackend('missing');
    await backend.stores.index.set('index', { v: 99 });
    const { keeper } = await started(backend);
    expect(keeper.problem?.key).toBe('keep.indexDamaged');
    expect(keeper.mode).toBe('memory');
    expect(await backend.stores.index.get('index')).toEqual({ v: 99 });
  });

  it('restores the datasets it can read and names the ones it cannot', async () => {
    const backend = memoryBackend('missing');
    const first = await started(backend);
    first.workspace.add(dataset('ds-1', 'a.csv'));
    first.workspace.add(dataset('ds-2', 'b.csv'));
    await first.keeper.flush();
    const index = await new Repo(backend).readIndex();
    const record = (await backend.stores.workspaces.get(index.workspaces[0].head!)) as {
      datasets: { table: string }[];
    };
    await backend.stores.tables.del(record.datasets[1].table);

    const second = await started(backend);
    expect(second.workspace.datasets.map((d) => d.id)).toEqual(['ds-1']);
    expect(second.keeper.problem).toEqual({
      key: 'keep.datasetDamaged',
      params: { detail: 'b.csv: (root): missing' },
    });
  });
});
