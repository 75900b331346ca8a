/**
 * Switching between saved workspaces, in node over storage in memory: start a new one, rename,
 * duplicate, open, delete and undo, each checked against the index as stored; and a workspace
 * (or share) file out and back in.
 */
import { describe, expect, it } from 'vitest';
import { Repo } from '../../../src/persist/repo';
import type { IndexRecord } from '../../../src/persist/schema';
import { memoryBackend, type Backend } from '../../../src/persist/store';
import type { Session } from '../../../src/state/session.svelte';
import { dataset, started } from './keep-fixture';

/** A started session over fresh storage, its one workspace holding a saved dataset `name`. */
async function withSaved(name: string): Promise<{ session: Session; backend: Backend }> {
  const backend = memoryBackend('missing');
  const session = await started(backend);
  session.workspace.add(dataset('ds-1', name));
  await session.keeper.flush();
  return { session, backend };
}

const indexOf = (backend: Backend): Promise<IndexRecord> => new Repo(backend).readIndex();

/** The stored index in short: name, revision and whether deleted, in order; and the current one's name. */
async function listed(backend: Backend): Promise<{ list: string[]; current: string | null }> {
  const idx = await indexOf(backend);
  return {
    list: idx.workspaces.map((w) => `${w.name}@${w.rev}${w.deletedAt === null ? '' : ' deleted'}`),
    current: idx.workspaces.find((w) => w.id === idx.current)?.name ?? null,
  };
}

describe('Workspaces', () => {
  it('renames, refusing an empty name', async () => {
    const { session, backend } = await withSaved('a.csv');
    const { workspaces, keeper } = session;
    const id = keeper.currentId!;
    expect(await workspaces.rename(id, '  周报  ')).toBe(true);
    expect(await workspaces.rename(id, '   ')).toBe(false);
    expect(await listed(backend)).toEqual({ list: ['周报@1'], current: '周报' });
    expect(workspaces.visible.map((e) => e.name)).toEqual(['周报']);
  });

  it('duplicates next to the original under the first free number, sharing its tables', async () => {
    const { session, backend } = await withSaved('周报');
    const { workspaces, keeper } = session;
    const id = keeper.currentId!;
    await workspaces.duplicate(id);
    await workspaces.duplicate(id);
    expect(await listed(backend)).toEqual({
      list: ['周报@1', '周报 (3)@1', '周报 (2)@1'],
      current: '周报',
    });
    const idx = await indexOf(backend);
    const [, third, second] = idx.workspaces;
    expect(second.head).toMatch(new RegExp(`^w:${second.id}:1:`));
    expect(third.head).toMatch(new RegExp(`^w:${third.id}:1:`));
    expect(await backend.stores.workspaces.keys()).toHaveLength(3);
    expect(await backend.stores.tables.keys()).toHaveLength(1);

    // the copy opens with the original's data; the index follows
    await workspaces.open(second.id);
    expect(keeper.currentId).toBe(second.id);
    expect(keeper.status).toBe('saved');
    expect(session.workspace.datasets.map((d) => d.id)).toEqual(['ds-1']);
    expect((await indexOf(backend)).current).toBe(second.id);
  });

  it('deletes softly, switches away from a deleted current workspace, and undoes', async () => {
    const { session, backend } = await withSaved('周报');
    const { workspaces, keeper } = session;
    const original = keeper.currentId!;
    await workspaces.startNew('空白');
    const blank = keeper.currentId!;
    expect(blank).not.toBe(original);
    expect(session.workspace.datasets).toEqual([]);
    expect(await listed(backend)).toEqual({ list: ['周报@1', '空白@0'], current: '空白' });

    await workspaces.remove(original);
    expect(workspaces.deleted?.id).toBe(original);
    expect(workspaces.deleted?.deletedAt).toEqual(expect.any(Number));
    expect(workspaces.visible.map((e) => e.name)).toEqual(['空白']);
    expect(keeper.currentId).toBe(blank);
    expect(await listed(backend)).toEqual({
      list: ['周报@1 deleted', '空白@0'],
      current: '空白',
    });

    await workspaces.undo();
    expect(workspaces.deleted).toBeNull();
    expect(keeper.currentId).toBe(original);
    expect(session.workspace.datasets.map((d) => d.name)).toEqual(['周报']);
    expect(await listed(backend)).toEqual({ list: ['周报@1', '空白@0'], current: '周报' });

    // deleting the open workspace opens the first one left
    await workspaces.remove(original);
    expect(keeper.currentId).toBe(blank);
    expect(session.workspace.datasets).toEqual([]);
    expect(await listed(backend)).toEqual({
      list: ['周报@1 deleted', '空白@0'],
      current: '空白',
    });
  });

  it('starts a new, empty workspace when the last one is deleted', async () => {
    const { session, backend } = await withSaved('周报');
    const { workspaces, keeper } = session;
    const only = keeper.currentId!;
    await workspaces.remove(only);
    expect(keeper.currentId).not.toBe(only);
    expect(session.workspace.datasets).toEqual([]);
    expect(workspaces.visible.map((e) => e.name)).toEqual(['']);
    expect(await listed(backend)).toEqual({ list: ['周报@1 deleted', '@0'], current: '' });
  });

  it('takes a workspace out as a file and opens it again as a new workspace', async () => {
    const { session, backend } = await withSaved('周报.csv');
    const { workspaces, keeper } = session;
    session.plans.setTarget('ds-1', 'all', { kind: 'counts', values: { clicks: 20 } });
    session.view.setValues('地区', ['南']);
    const id = keeper.currentId!;
    await workspaces.rename(id, '周报/三月');

    const out = await workspaces.file(id, '未命名');
    expect(out?.name).toBe('周报 三月.funnel.json');
    const file = new File([await out!.blob.text()], out!.name);
    expect(await workspaces.openFile(file)).toBe(true);

    expect(keeper.problem).toBeNull();
    expect(keeper.currentId).not.toBe(id);
    expect(keeper.status).toBe('saved');
    // the target and filter set since the first save were saved (rev 2) before the switch
    expect(await listed(backend)).toEqual({
      list: ['周报/三月@2', '周报/三月@1'],
      current: '周报/三月',
    });
    expect(session.workspace.datasets.map((d) => [d.id, d.name])).toEqual([['ds-1', '周报.csv']]);
    expect(session.plans.target('ds-1', 'all')).toEqual({ kind: 'counts', values: { clicks: 20 } });
    expect(session.view.chosen('地区')).toEqual(['南']);

    // a workspace not on screen comes out of storage; an unnamed one takes the given name
    await workspaces.startNew();
    const fromStorage = await workspaces.file(id, '未命名');
    expect(fromStorage?.name).toBe('周报 三月.funnel.json');
    expect(JSON.parse(await fromStorage!.blob.text()).workspace.datasets).toHaveLength(1);
    expect((await workspaces.file(keeper.currentId!, '未命名'))?.name).toBe('未命名.funnel.json');
  });

  it('refuses a file that is not a workspace and changes nothing', async () => {
    const { session, backend } = await withSaved('周报');
    const before = await listed(backend);
    expect(await session.workspaces.openFile(new File(['{}'], 'x.json'))).toBe(false);
    expect(session.keeper.problem).toEqual({
      key: 'keep.file.not-ours',
      params: { name: 'x.json', detail: 'format' },
    });
    expect(await listed(backend)).toEqual(before);
  });

  it('opens a share file as a shared view, not a workspace', async () => {
    const { session, backend } = await withSaved('周报');
    const share = session.shared.file(false, ['全部']);
    expect(share?.name).toBe('周报.share.json');
    const before = await listed(backend);
    const file = new File([await share!.blob.text()], share!.name);
    expect(await session.workspaces.openFile(file)).toBe(true);
    expect(session.shared.snapshot?.title).toBe('周报');
    expect(session.shared.snapshot?.totals.counts).toEqual([350, 45]);
    expect(await listed(backend)).toEqual(before);
  });
});
