/**
 * The shapes of what we keep: the workspace index, one record per saved workspace revision and
 * one record per table. Each carries a schema version `v`; `migrate.ts` brings older records up
 * to these shapes and then runs the strict checks below.
 *
 * The spec and report checks are typed against the core's interfaces key by key (`ShapeOf`):
 * when someone adds a field to FunnelSpec or ImportReport, this file stops compiling until the
 * field is checked here too, so a new field can never be silently dropped on save.
 *
 * Ids and the names a screen keys a list by are unique, and every time is within 1970–2200:
 * a repeat or a time of 1e16 would otherwise fail the same way on every load.
 */
import type { JoinInfo, JoinSource, UnmatchedKey } from '../core/join/join-info';
import type { ImportReport } from '../core/read/report';
import { SPEC_VERSION, type FunnelSpec, type StageSource, type StageSpec } from '../core/spec/spec';
import {
  arr,
  dict,
  epochMs,
  int,
  isPlainObject,
  nullable,
  num,
  obj,
  oneOf,
  plainData,
  SchemaError,
  str,
  unique,
  type Check,
} from './check';
import { eventSettingsCheck, eventsSource } from './events-schema';
import { MAX_NAME_LENGTH, MAX_STAGES } from '../core/table/limits';

export const INDEX_VERSION = 1;
/** 2: a dataset may be joined from several exports (`join`); version 1 datasets have none. */
export const WORKSPACE_VERSION = 2;
export const TABLE_VERSION = 1;

/** One check per key of T, no key missing, no key extra (the compiler enforces both). */
export type ShapeOf<T> = { [K in keyof Required<T>]-?: Check<T[K]> };

const name = str(MAX_NAME_LENGTH);
const names = arr(name, 10_000);
/** A list of names in which each may appear once (the screens key their lists by them). */
const distinctNames = unique(names);
const maybeName = nullable(name);

const stageSource: Check<StageSource> = (v, path) => {
  const kind = isPlainObject(v) ? v.kind : undefined;
  if (kind === 'column') return obj({ kind: oneOf('column'), column: name })(v, path);
  if (kind === 'formula') return obj({ kind: oneOf('formula'), expr: str(2_000) })(v, path);
  if (kind === 'value') return obj({ kind: oneOf('value'), value: name })(v, path);
  if (kind === 'events') return eventsSource(v, path);
  throw new SchemaError(`${path}.kind`, 'not a stage source');
};

const stageShape = {
  id: str(200),
  label: name,
  source: stageSource,
  probability: nullable(num),
} satisfies ShapeOf<StageSpec>;

const specShape = {
  version: oneOf(SPEC_VERSION),
  shape: oneOf('wide', 'records', 'long', 'events'),
  template: str(100),
  stages: unique(arr(obj(stageShape, ['probability']), MAX_STAGES), (s) => s.id),
  cost: maybeName,
  revenue: maybeName,
  date: maybeName,
  dimensions: distinctNames,
  hierarchy: distinctNames,
  stageColumn: maybeName,
  statusColumn: maybeName,
  lostValues: distinctNames,
  wonValues: distinctNames,
  lostStage: maybeName,
  amount: maybeName,
  probability: maybeName,
  created: maybeName,
  closed: maybeName,
  countColumn: maybeName,
  events: eventSettingsCheck,
} satisfies ShapeOf<FunnelSpec>;

/**
 * A funnel spec, every field checked, no other field allowed (`events` only on event data;
 * `lostStage` is absent from saves made before it existed).
 */
export const specCheck: Check<FunnelSpec> = obj(specShape, ['events', 'lostStage']);

const params = dict((v, p) => (typeof v === 'string' ? str(2_000)(v, p) : num(v, p)), 50);
const reportShape = {
  fileName: str(2_000),
  encoding: str(50),
  delimiter: str(5),
  headerLine: int(0),
  rowsRead: int(0),
  droppedTotals: unique(arr(obj({ line: int(0), text: str(2_000) }), 100_000), (d) => d.line),
  droppedBlank: int(0),
  raggedRows: int(0),
  raggedLines: arr(int(0), 100_000),
  renamedHeaders: arr(obj({ from: name, to: name }), 10_000),
  warnings: arr(obj({ key: str(200), params }, ['params']), 1_000),
  currency: str(10),
  dateOrders: arr(
    obj({
      column: name,
      order: oneOf('mdy', 'dmy'),
      evidence: oneOf('proved', 'assumed', 'mixed'),
    }),
    2_000,
  ),
  sheets: distinctNames,
  sheet: name,
} satisfies ShapeOf<ImportReport>;

export const reportCheck: Check<ImportReport> = obj(reportShape, ['dateOrders', 'sheets', 'sheet']);

const grain = oneOf('day', 'week', 'month', 'all');
const joinSourceShape = {
  name: str(2_000),
  headers: names,
  shape: oneOf('sums', 'records'),
  kind: nullable(oneOf('consultations', 'orders', 'leads', 'records')),
  grain,
  date: maybeName,
  keys: arr(obj({ header: name, key: name }), 200),
  columns: distinctNames,
  dropped: names,
  report: reportCheck,
} satisfies ShapeOf<JoinSource>;

const unmatchedShape = {
  key: name,
  value: str(2_000),
  in: arr(int(0, 200), 200),
  missing: arr(int(0, 200), 200),
  figures: arr(obj({ column: name, value: num }), 200),
} satisfies ShapeOf<UnmatchedKey>;

const joinShape = {
  grain,
  date: maybeName,
  keys: unique(arr(obj({ name, kind: str(2_000) }), 200), (k) => k.name),
  sources: arr(obj(joinSourceShape), 200),
  unmatched: arr(obj(unmatchedShape), 1_000),
  unmatchedMore: int(0),
} satisfies ShapeOf<JoinInfo>;

/** How a joined dataset was made; source indices must name one of its sources. */
export const joinCheck: Check<JoinInfo> = (v, path) => {
  const info = obj(joinShape)(v, path);
  const n = info.sources.length;
  for (const [i, u] of info.unmatched.entries()) {
    if ([...u.in, ...u.missing].some((s) => s >= n))
      throw new SchemaError(`${path}.unmatched[${i}]`, 'names a source it does not have');
  }
  return info;
};

/** One dataset inside a workspace record; its table is a separate record named by `table`. */
export interface StoredDataset {
  id: string;
  name: string;
  importedAt: number;
  spec: FunnelSpec;
  report: ImportReport | null;
  /** Set when the dataset was joined from several exports. */
  join: JoinInfo | null;
  /** Key of the table record. */
  table: string;
  rowCount: number;
}

/** One saved revision of a workspace: never rewritten; a new revision gets a new key. */
export interface WorkspaceRecord {
  v: typeof WORKSPACE_VERSION;
  id: string;
  rev: number;
  savedAt: number;
  datasets: StoredDataset[];
  activeId: string | null;
  /** The explore view and the decide plans, each checked again by its owner on restore. */
  view: unknown;
  plans: unknown;
}

export const datasetCheck: Check<StoredDataset> = obj({
  id: str(200),
  name,
  importedAt: epochMs,
  spec: specCheck,
  report: nullable(reportCheck),
  join: nullable(joinCheck),
  table: str(200),
  rowCount: int(0),
} satisfies ShapeOf<StoredDataset>);

export const workspaceCheck: Check<WorkspaceRecord> = obj({
  v: oneOf(WORKSPACE_VERSION),
  id: str(200),
  rev: int(0),
  savedAt: epochMs,
  datasets: unique(arr(datasetCheck, 200), (d) => d.id),
  activeId: nullable(str(200)),
  view: plainData(),
  plans: plainData(),
} satisfies ShapeOf<WorkspaceRecord>);

/** A workspace as the list shows it; `head` is the key of its current revision. */
export interface WorkspaceEntry {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  rev: number;
  head: string | null;
  /** Set while a delete can still be undone; purged later. */
  deletedAt: number | null;
}

export interface IndexRecord {
  v: typeof INDEX_VERSION;
  workspaces: WorkspaceEntry[];
  current: string | null;
}

export const entryCheck: Check<WorkspaceEntry> = obj({
  id: str(200),
  name,
  createdAt: epochMs,
  updatedAt: epochMs,
  rev: int(0),
  head: nullable(str(300)),
  deletedAt: nullable(epochMs),
} satisfies ShapeOf<WorkspaceEntry>);

export const indexCheck: Check<IndexRecord> = obj({
  v: oneOf(INDEX_VERSION),
  workspaces: unique(arr(entryCheck, 1_000), (w) => w.id),
  current: nullable(str(200)),
} satisfies ShapeOf<IndexRecord>);
