/**
 * Reading any kept record: find its schema version, apply each migration step in turn up to the
 * current version, then run the strict check. A record from a newer app is refused rather than
 * guessed at, so an old tab never rewrites (and loses) fields it does not know.
 *
 * Version 0 is the shape before records carried `v`: tables kept empty numbers as NaN inside a
 * Float64Array with no bitmap; workspace records named their table `tableKey` and the open
 * dataset `activeDataset`, and had no view or plans; the index had no creation times, revisions
 * or soft deletes. Workspace version 1 predates joined datasets: its datasets get `join: null`.
 */
import { emptySpec, SPEC_VERSION, type FunnelShape } from '../core/spec/spec';
import { newBitmap, setBit } from '../core/table/table';
import { isPlainObject, SchemaError, type Check } from './check';
import {
  INDEX_VERSION,
  indexCheck,
  TABLE_VERSION,
  WORKSPACE_VERSION,
  workspaceCheck,
  type IndexRecord,
  type WorkspaceRecord,
} from './schema';
import { tableCheck } from './table-record';
import type { Table } from '../core/table/table';

type Step = (old: Record<string, unknown>) => Record<string, unknown>;

/** The version a raw record says it has: `v`, or 0 when it predates versions. */
export function versionOf(raw: unknown): number {
  if (!isPlainObject(raw)) throw new SchemaError('', 'not a record');
  const v = raw.v ?? 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new SchemaError('.v', 'not a version');
  return v;
}

/**
 * Bring a raw record to `current` through `steps[v]` (v → v+1), then check it.
 *
 * @example
 * upgrade({ rowCount: 0, columns: [] }, TABLE_VERSION, tableSteps, tableCheck) // a v1 empty table
 */
export function upgrade<T>(
  raw: unknown,
  current: number,
  steps: Record<number, Step>,
  check: Check<T>,
): T {
  let v = versionOf(raw);
  if (v > current) throw new SchemaError('.v', `made by a newer version of the app (${v})`);
  let rec = raw as Record<string, unknown>;
  while (v < current) {
    const step = steps[v];
    if (!step) throw new SchemaError('.v', `no migration from version ${v}`);
    rec = step(rec);
    v++;
  }
  return check(rec, '');
}

/** v0 number columns: NaN marked empty; now a bitmap marks it and whole columns are Int32. */
function numberColumnV0(c: Record<string, unknown>): Record<string, unknown> {
  if (c.kind !== 'number' || !(c.values instanceof Float64Array)) return c;
  const old = c.values;
  let nulls: Uint8Array | null = null;
  let whole = true;
  for (let i = 0; i < old.length; i++) {
    const x = old[i];
    if (Number.isNaN(x)) {
      nulls ??= newBitmap(old.length);
      setBit(nulls, i);
    } else if (!Number.isInteger(x) || Math.abs(x) >= 2 ** 31) whole = false;
  }
  const values = whole ? new Int32Array(old.length) : new Float64Array(old.length);
  for (let i = 0; i < old.length; i++) values[i] = Number.isNaN(old[i]) ? 0 : old[i];
  return { ...c, values, nulls };
}

export const tableSteps: Record<number, Step> = {
  0: (r) => ({
    ...r,
    v: 1,
    columns: Array.isArray(r.columns)
      ? r.columns.map((c: unknown) => (isPlainObject(c) ? numberColumnV0(c) : c))
      : r.columns,
  }),
};

/** v0 specs predate `version` and some bindings: fill the missing ones with their empty value. */
function specV0(spec: unknown): unknown {
  if (!isPlainObject(spec) || 'version' in spec) return spec;
  const shape = (['wide', 'records', 'long'] as FunnelShape[]).includes(spec.shape as FunnelShape)
    ? (spec.shape as FunnelShape)
    : 'wide';
  return { ...emptySpec(shape), ...spec, version: SPEC_VERSION };
}

export const workspaceSteps: Record<number, Step> = {
  0: (r) => {
    const { activeDataset, datasets, ...rest } = r;
    return {
      ...rest,
      v: 1,
      rev: rest.rev ?? 0,
      activeId: activeDataset ?? null,
      view: rest.view ?? null,
      plans: rest.plans ?? null,
      datasets: Array.isArray(datasets)
        ? datasets.map((d: unknown) => {
            if (!isPlainObject(d)) return d;
            const { tableKey, ...keep } = d;
            return { report: null, ...keep, table: tableKey, spec: specV0(keep.spec) };
          })
        : datasets,
    };
  },
  1: (r) => ({
    ...r,
    v: 2,
    datasets: Array.isArray(r.datasets)
      ? r.datasets.map((d: unknown) => (isPlainObject(d) ? { join: null, ...d } : d))
      : r.datasets,
  }),
};

export const indexSteps: Record<number, Step> = {
  0: (r) => ({
    ...r,
    v: 1,
    workspaces: Array.isArray(r.workspaces)
      ? r.workspaces.map((w: unknown) =>
          isPlainObject(w) ? { createdAt: w.updatedAt, rev: 0, deletedAt: null, ...w } : w,
        )
      : r.workspaces,
  }),
};

export const readTable = (raw: unknown): Table =>
  upgrade(raw, TABLE_VERSION, tableSteps, tableCheck);
export const readWorkspace = (raw: unknown): WorkspaceRecord =>
  upgrade(raw, WORKSPACE_VERSION, workspaceSteps, workspaceCheck);
export const readIndex = (raw: unknown): IndexRecord =>
  upgrade(raw, INDEX_VERSION, indexSteps, indexCheck);
