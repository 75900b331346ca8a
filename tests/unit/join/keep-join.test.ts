import { describe, expect, it } from 'vitest';
import { Repo } from '../../../src/persist/repo';
import { memoryBackend } from '../../../src/persist/store';
import { readWorkspace } from '../../../src/persist/migrate';
import { readWorkspaceFile, workspaceFile } from '../../../src/persist/file';
import { notSplittableBy } from '../../../src/core/join/join-info';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { importDelimitedText } from '../../../src/core/read/delimited';
import { joinFiles, type JoinFile } from '../../../src/core/join/join';

async function file(name: string, text: string): Promise<JoinFile> {
  const { table, report } = await importDelimitedText(text, { fileName: name });
  return { name, table, report };
}

async function joined() {
  return joinFiles([
    await file('ads.csv', '日期,推广计划,展现,点击,消费\n2025-04-01,A,100,10,5\n'),
    await file(
      '订单.csv',
      '订单号,下单日期,推广计划,金额\nx1,2025-04-01,A,¥30\nx2,2025-04-01,自然流量,¥20\n',
    ),
  ]);
}

describe('keeping a joined dataset', () => {
  it('saves and reloads its sources, keys, grain and unmatched keys', async () => {
    const { table, info } = await joined();
    const repo = new Repo(memoryBackend('missing'));
    await repo.create('ws-1', 'One');
    const spec = recogniseSpec(table).spec;
    const dataset = {
      id: 'ds-1',
      name: 'ads.csv + 订单.csv',
      importedAt: 1,
      table,
      spec,
      report: info.sources[0].report,
      join: info,
    };
    expect(
      await repo.save('ws-1', 0, {
        datasets: [dataset],
        activeId: 'ds-1',
        view: null,
        plans: null,
      }),
    ).toEqual({ ok: true, rev: 1 });
    const idx = await repo.readIndex();
    const { state, problems } = await repo.load(idx.workspaces[0]);
    expect(problems).toEqual([]);
    expect(state.datasets[0].join).toEqual(info);
    expect(state.datasets[0].join?.unmatched.map((u) => u.value)).toEqual(['自然流量']);
  });

  it('reads a version 1 record (before joins) with no join, and refuses a join naming a source it lacks', async () => {
    const { info } = await joined();
    const stored = {
      id: 'ds-1',
      name: 'a.csv',
      importedAt: 1,
      spec: recogniseSpec((await joined()).table).spec,
      report: null,
      table: 't:1',
      rowCount: 2,
    };
    const record = (v: number, datasets: unknown[]) => ({
      v,
      id: 'ws',
      rev: 1,
      savedAt: 1,
      datasets,
      activeId: null,
      view: null,
      plans: null,
    });
    expect(readWorkspace(record(1, [stored])).datasets[0].join).toBeNull();
    expect(readWorkspace(record(2, [{ ...stored, join: info }])).datasets[0].join).toEqual(info);
    const bad = { ...info, unmatched: [{ ...info.unmatched[0], missing: [7] }] };
    expect(() => readWorkspace(record(2, [{ ...stored, join: bad }]))).toThrow(/names a source/);
    const extra = { ...info, surprise: 1 };
    expect(() => readWorkspace(record(2, [{ ...stored, join: extra }]))).toThrow(/unknown key/);
  });

  it('a workspace file carries the join: its report and what a key cannot split come back', async () => {
    const { table, info } = await joined();
    const dataset = {
      id: 'ds-1',
      name: 'ads.csv + 订单.csv',
      importedAt: 1,
      table,
      spec: recogniseSpec(table).spec,
      report: info.sources[0].report,
      join: info,
    };
    const live = { datasets: [dataset], activeId: 'ds-1', view: null, plans: null };
    const read = await readWorkspaceFile(workspaceFile('两个文件', live, 5));
    if (!read.ok || read.kind !== 'workspace') throw new Error(JSON.stringify(read));
    const back = read.state.datasets[0].join!;
    expect(back).toEqual(info);
    expect(back.unmatched.map((u) => u.value)).toEqual(['自然流量']);
    for (const c of table.columns)
      expect(notSplittableBy(back, c.name)).toEqual(notSplittableBy(info, c.name));
    // A file made before joins (no `join`) still opens, as a dataset with none.
    const plain = await readWorkspaceFile(
      workspaceFile('一个', { ...live, datasets: [{ ...dataset, join: null }] }, 5),
    );
    if (!plain.ok || plain.kind !== 'workspace') throw new Error(JSON.stringify(plain));
    expect(plain.state.datasets[0].join ?? null).toBeNull();
  });
});
