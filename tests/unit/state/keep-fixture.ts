/** What the keeping tests share: a small dataset and a session started over given storage. */
import type { Dataset } from '../../../src/core/spec/dataset';
import { emptySpec, type FunnelSpec } from '../../../src/core/spec/spec';
import { fromArrays } from '../../../src/core/table/table';
import type { Backend } from '../../../src/persist/store';
import { Session } from '../../../src/state/session.svelte';

export const spec: FunnelSpec = {
  ...emptySpec('wide'),
  stages: [
    { id: 'shows', label: '展现', source: { kind: 'column', column: '展现' } },
    { id: 'clicks', label: '点击', source: { kind: 'column', column: '点击' } },
  ],
  dimensions: ['地区'],
};

/** Three rows: 北 100 shows 10 clicks, 南 50 and 5, 北 200 and 30 (350 shows, 45 clicks). */
export function dataset(id: string, name: string): Dataset {
  const table = fromArrays({ 地区: ['北', '南', '北'], 展现: [100, 50, 200], 点击: [10, 5, 30] });
  return { id, name, importedAt: 1_700_000_000_000, table, spec, report: null };
}

/** A session over `backend`, started: saved work restored, or a first empty workspace made. */
export async function started(backend: Backend): Promise<Session> {
  const session = new Session({ openBackend: async () => backend });
  await session.keeper.start();
  return session;
}
