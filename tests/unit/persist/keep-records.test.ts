import { describe, expect, it } from 'vitest';
import { arr, dict, num, obj, plainData, str, validate } from '../../../src/persist/check';
import { readIndex, readTable, readWorkspace } from '../../../src/persist/migrate';
import { specCheck } from '../../../src/persist/schema';
import { tableCheck, tableRecord } from '../../../src/persist/table-record';
import { emptySpec } from '../../../src/core/spec/spec';
import { fromArrays, isNull, type NumberColumn } from '../../../src/core/table/table';

describe('strict checks', () => {
  it('refuses unknown keys and forbidden keys, even as own keys from JSON', () => {
    const c = obj({ a: num });
    expect(validate(c, { a: 1 })).toEqual({ ok: true, value: { a: 1 } });
    expect(validate(c, { a: 1, b: 2 }).ok).toBe(false);
    const hostile = JSON.parse('{"a": 1, "__proto__": {"polluted": true}}');
    const r = validate(c, hostile);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('__proto__');
    // A map keyed by names from data takes any name as a key, into a record with no prototype.
    const named = validate(dict(num), JSON.parse('{"constructor": 1, "__proto__": 2}'));
    expect(named.ok && Object.getPrototypeOf(named.value)).toBeNull();
    expect(named.ok && { ...named.value }).toEqual({ constructor: 1, ['__proto__']: 2 });
    expect(validate(plainData(), JSON.parse('{"x": [{"prototype": 1}]}')).ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses wrong types, NaN, long text, long lists and class instances', () => {
    expect(validate(num, NaN).ok).toBe(false);
    expect(validate(num, '1').ok).toBe(false);
    expect(validate(str(3), 'abcd').ok).toBe(false);
    expect(validate(arr(num, 2), [1, 2, 3]).ok).toBe(false);
    expect(validate(obj({}), new Date()).ok).toBe(false);
    expect(validate(obj({}), []).ok).toBe(false);
  });

  it('builds a fresh object: the input is not returned or changed', () => {
    const input = { a: 1 };
    const r = validate(obj({ a: num }), input);
    expect(r.ok && r.value !== input).toBe(true);
    expect(input).toEqual({ a: 1 });
  });

  it('plainData bounds depth', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 30; i++) deep = [deep];
    expect(validate(plainData(12), deep).ok).toBe(false);
  });

  it('checks a full spec and refuses an extra field in it', () => {
    const spec = {
      ...emptySpec('wide'),
      stages: [{ id: 'a', label: 'A', source: { kind: 'column', column: 'A' } }],
    };
    expect(validate(specCheck, spec).ok).toBe(true);
    expect(validate(specCheck, { ...spec, extra: 1 }).ok).toBe(false);
    const badStage = {
      ...spec,
      stages: [{ id: 'a', label: 'A', source: { kind: 'script', column: 'A' } }],
    };
    expect(validate(specCheck, badStage).ok).toBe(false);
  });
});

describe('table records', () => {
  const table = fromArrays(
    {
      日期: ['2025-01-01', '2025-01-02'],
      地区: ['华东', ''],
      点击量: [3, null],
      消费: [1.5, 2.25],
    },
    { 日期: 'date' },
  );

  it('round-trips a table as its buffers', () => {
    const back = readTable(tableRecord(table));
    expect(back.rowCount).toBe(2);
    expect(back.columns.map((c) => c.kind)).toEqual(['date', 'text', 'number', 'number']);
    const clicks = back.columns[2] as NumberColumn;
    expect(clicks.values).toBeInstanceOf(Int32Array);
    expect(isNull(clicks, 1)).toBe(true);
  });

  it('refuses a buffer of the wrong length or kind, and a code outside the dictionary', () => {
    const rec = tableRecord(table);
    const short = { ...rec, columns: [{ ...rec.columns[3], values: Float64Array.of(1) }] };
    expect(validate(tableCheck, short).ok).toBe(false);
    const plain = { ...rec, columns: [{ ...rec.columns[3], values: [1.5, 2.25] }] };
    expect(validate(tableCheck, plain).ok).toBe(false);
    const text = rec.columns[1];
    const outside = { ...rec, columns: [{ ...text, codes: Uint8Array.of(0, 9) }] };
    expect(validate(tableCheck, outside).ok).toBe(false);
    const dup = { ...rec, columns: [rec.columns[3], rec.columns[3]] };
    expect(validate(tableCheck, dup).ok).toBe(false);
  });

  it('migrates a v0 table (NaN meant empty, no bitmap) to v1', () => {
    const v0 = {
      rowCount: 3,
      columns: [
        { kind: 'number', name: '点击量', type: 'count', values: Float64Array.of(5, NaN, 7) },
        { kind: 'number', name: '消费', type: 'money', values: Float64Array.of(1.25, 2, NaN) },
      ],
    };
    const t = readTable(v0);
    const clicks = t.columns[0] as NumberColumn;
    expect(clicks.values).toBeInstanceOf(Int32Array);
    expect(Array.from(clicks.values)).toEqual([5, 0, 7]);
    expect([0, 1, 2].map((i) => isNull(clicks, i))).toEqual([false, true, false]);
    const cost = t.columns[1] as NumberColumn;
    expect(cost.values).toBeInstanceOf(Float64Array);
    expect(Array.from(cost.values)).toEqual([1.25, 2, 0]);
    expect(isNull(cost, 2)).toBe(true);
  });

  it('refuses a record from a newer version', () => {
    expect(() => readTable({ ...tableRecord(table), v: 99 })).toThrow(/newer version/);
  });
});

describe('workspace and index records', () => {
  it('migrates a v0 workspace record', () => {
    const v0 = {
      id: 'ws-1',
      savedAt: 1700000000000,
      datasets: [
        {
          id: 'ds-1',
          name: 'search-ads.csv',
          importedAt: 1700000000000,
          rowCount: 3,
          tableKey: 't:old',
          spec: {
            shape: 'wide',
            template: 'search-ads',
            stages: [],
            cost: '消费',
            revenue: null,
            date: null,
            dimensions: [],
          },
        },
      ],
      activeDataset: 'ds-1',
    };
    const rec = readWorkspace(v0);
    expect(rec.v).toBe(2);
    expect(rec.datasets[0].join).toBeNull();
    expect(rec.rev).toBe(0);
    expect(rec.activeId).toBe('ds-1');
    expect(rec.view).toBeNull();
    expect(rec.datasets[0].table).toBe('t:old');
    expect(rec.datasets[0].report).toBeNull();
    expect(rec.datasets[0].spec.version).toBe(1);
    expect(rec.datasets[0].spec.cost).toBe('消费');
    expect(rec.datasets[0].spec.hierarchy).toEqual([]);
  });

  it('migrates a v0 index', () => {
    const idx = readIndex({
      workspaces: [{ id: 'ws-1', name: '我的工作区', updatedAt: 5, head: 'w:ws-1:0:x' }],
      current: 'ws-1',
    });
    expect(idx.workspaces[0]).toEqual({
      id: 'ws-1',
      name: '我的工作区',
      createdAt: 5,
      updatedAt: 5,
      rev: 0,
      head: 'w:ws-1:0:x',
      deletedAt: null,
    });
  });

  it('refuses a v0 record carrying __proto__ after migration', () => {
    const hostile = JSON.parse('{"workspaces": [], "current": null, "__proto__": {"x": 1}}');
    expect(() => readIndex(hostile)).toThrow(/__proto__/);
  });
});
