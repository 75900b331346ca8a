// The lost-stage column (丢单阶段) is new in the saved spec: saves made before it existed have no
// such key and must still load; a save that has it must come back with it.
import { describe, expect, it } from 'vitest';
import { validate } from '../../../src/persist/check';
import { readWorkspace } from '../../../src/persist/migrate';
import { specCheck } from '../../../src/persist/schema';
import { emptySpec, type FunnelSpec } from '../../../src/core/spec/spec';

function recordSpec(): FunnelSpec {
  return {
    ...emptySpec('records'),
    stages: [
      { id: 'a', label: '初步接洽', source: { kind: 'value', value: '初步接洽' } },
      { id: 'b', label: '赢单', source: { kind: 'value', value: '赢单' } },
    ],
    stageColumn: '阶段',
    statusColumn: '状态',
    lostValues: ['丢单'],
    wonValues: ['赢单'],
  };
}

const workspace = (spec: unknown) => ({
  v: 1,
  id: 'ws-1',
  rev: 1,
  savedAt: 1_750_000_000_000,
  datasets: [
    {
      id: 'ds-1',
      name: 'crm.csv',
      importedAt: 1_750_000_000_000,
      spec,
      report: null,
      table: 't:ds-1',
      rowCount: 14,
    },
  ],
  activeId: 'ds-1',
  view: null,
  plans: null,
});

describe('the lost-stage column in saves', () => {
  it('a spec saved before the field existed still loads, without it', () => {
    const old: Partial<FunnelSpec> = recordSpec();
    delete old.lostStage;
    const saved = JSON.parse(JSON.stringify(old)) as Record<string, unknown>;
    expect(Object.hasOwn(saved, 'lostStage')).toBe(false);
    const r = validate(specCheck, saved);
    expect(r.ok).toBe(true);
    const rec = readWorkspace(workspace(saved));
    expect(rec.datasets[0].spec.stageColumn).toBe('阶段');
    expect(rec.datasets[0].spec.lostStage ?? null).toBeNull();
  });

  it('a spec with a lost-stage column round-trips, and a cleared one stays cleared', () => {
    for (const lostStage of ['丢单阶段', null]) {
      const spec = { ...recordSpec(), lostStage };
      const saved = JSON.parse(JSON.stringify(spec)) as unknown;
      const rec = readWorkspace(workspace(saved));
      expect(rec.datasets[0].spec).toEqual(spec);
    }
  });

  it('refuses a lost-stage value that is not a column name', () => {
    const r = validate(specCheck, { ...recordSpec(), lostStage: 42 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('.lostStage');
  });
});
