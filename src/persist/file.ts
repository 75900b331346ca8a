/**
 * A workspace (or a share too large for a link) as one file: JSON, versioned, with each column
 * buffer as base64 of its little-endian bytes (readable by any tool, and no re-parsing of the
 * original text on the way back). Reading a file is as strict as reading a link: the same
 * schema checks, every buffer's kind and length, every dictionary code.
 *
 * Since version 2 a file ends with `,"check":"crc32:…"}`: the CRC-32 of the UTF-8 text before
 * that comma, exactly as written. It stays plain JSON that any tool reads, and a changed byte
 * (a flipped date, a digit typed over) is refused as damaged instead of opening as different
 * numbers. Version 1 files, made before the check, still open and must not carry one.
 *
 * @example
 * const text = workspaceFile('我的工作区', state, Date.now());
 * await readWorkspaceFile(text) // { ok: true, kind: 'workspace', name: '我的工作区', state }
 */
import { withoutStats, type Column, type Table } from '../core/table/table';
import {
  arr,
  epochMs,
  int,
  isPlainObject,
  nullable,
  obj,
  oneOf,
  plainData,
  SchemaError,
  str,
  unique,
  validate,
  type Check,
} from './check';
import { crc32Text, crc32TextSliced, crcHex, fromBase64Sliced, pacer, toBase64 } from './bytes';
import { joinCheck, reportCheck, specCheck } from './schema';
import { snapshotCheck, SHARE_VERSION, type ShareSnapshot } from './share';
import { columnCheck, namesOnce } from './table-record';
import { MAX_COLUMNS, MAX_ROWS } from '../core/table/limits';
import type { LiveDataset, LiveState } from './repo';

export const FILE_FORMAT = 'funnel-workbench';
export const FILE_VERSION = 2;
/** The first version whose files end with their check. */
const CHECKED_SINCE = 2;
/** The end of a checked file (an editor may have added a line break after it). */
const CHECK_END = /,"check":"crc32:([0-9a-f]{8})"\}\s*$/;
/** The start every file of ours is written with, up to its version. */
const START = /^\{"format":"funnel-workbench","v":(\d+),"kind":"/;
/** Larger files are refused before reading: the browser could not hold the text anyway. */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;

const MAX_DATASETS = 200;

type Packed = { type: string; data: string };
const ARRAYS = { Int32Array, Float64Array, Uint8Array, Uint16Array } as const;
type ArrayName = keyof typeof ARRAYS;

const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function pack(a: Int32Array | Float64Array | Uint8Array | Uint16Array): Packed {
  return {
    type: a.constructor.name,
    data: toBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)),
  };
}

async function unpack(v: unknown, path: string, pause: () => Promise<void>): Promise<unknown> {
  const p = obj({
    type: oneOf(...(Object.keys(ARRAYS) as ArrayName[])),
    data: str(Number.MAX_SAFE_INTEGER),
  })(v, path);
  const bytes = await fromBase64Sliced(p.data, 'std', pause);
  const Kind = ARRAYS[p.type];
  if (!bytes || bytes.length % Kind.BYTES_PER_ELEMENT !== 0)
    throw new SchemaError(`${path}.data`, 'damaged');
  return new Kind(bytes.buffer, 0, bytes.length / Kind.BYTES_PER_ELEMENT);
}

function packColumn(col: Column): Record<string, unknown> {
  // The all-row figures are the engine's shortcut, worked out again on load: not kept.
  const c = withoutStats(col);
  if (c.kind === 'number')
    return { ...c, values: pack(c.values), nulls: c.nulls ? pack(c.nulls) : null };
  if (c.kind === 'date') return { ...c, days: pack(c.days) };
  return { ...c, codes: pack(c.codes) };
}

const BUFFERS = ['values', 'nulls', 'days', 'codes'];

/**
 * A table `readTables` has already unpacked and checked. Only this module makes one, and JSON
 * cannot: the strict check of the whole file takes it as it is.
 */
class ReadTable {
  constructor(readonly table: Table) {}
}

const packedTable: Check<Table> = (v, path) => {
  if (v instanceof ReadTable) return v.table;
  throw new SchemaError(path, 'not a table');
};

/**
 * Turn a packed table's buffers back into typed arrays and check each column like a stored one,
 * pausing between pieces: a file of a million rows decodes tens of MB of base64, which in one
 * task would freeze the page.
 */
async function readTable(v: unknown, path: string, pause: () => Promise<void>): Promise<Table> {
  const t = obj({
    rowCount: int(0, MAX_ROWS),
    columns: arr(plainData(3, 100_000_000), MAX_COLUMNS),
  })(v, path);
  const columns: Column[] = [];
  for (const [i, c] of t.columns.entries()) {
    const p = `${path}.columns[${i}]`;
    const col = { ...(c as Record<string, unknown>) };
    for (const key of BUFFERS) {
      if (Object.hasOwn(col, key) && col[key] !== null)
        col[key] = await unpack(col[key], `${p}.${key}`, pause);
    }
    columns.push(columnCheck(col, p, t.rowCount));
    await pause();
  }
  namesOnce(columns, path);
  return { rowCount: t.rowCount, columns };
}

/** Every table of a workspace file read ahead of the strict check (which refuses the rest). */
async function readTables(raw: unknown): Promise<void> {
  const file = raw as { kind?: unknown; workspace?: unknown };
  if (file.kind !== 'workspace' || !isPlainObject(file.workspace)) return;
  const list = file.workspace.datasets;
  if (!Array.isArray(list) || list.length > MAX_DATASETS) return;
  const pause = pacer();
  for (const [i, d] of list.entries()) {
    if (isPlainObject(d) && Object.hasOwn(d, 'table'))
      d.table = new ReadTable(await readTable(d.table, `.workspace.datasets[${i}].table`, pause));
  }
}

// `join` is optional: files written before joined datasets lack it.
const datasetCheck: Check<LiveDataset> = obj(
  {
    id: str(200),
    name: str(1_000),
    importedAt: epochMs,
    spec: specCheck,
    report: nullable(reportCheck),
    join: nullable(joinCheck),
    table: packedTable,
  },
  ['join'],
);

const stateCheck: Check<LiveState> = obj({
  datasets: unique(arr(datasetCheck, MAX_DATASETS), (d) => d.id),
  activeId: nullable(str(200)),
  view: plainData(),
  plans: plainData(),
});

const fileCheck = obj(
  {
    format: oneOf(FILE_FORMAT),
    v: int(1, FILE_VERSION),
    kind: oneOf('workspace', 'share'),
    exportedAt: epochMs,
    name: str(1_000),
    workspace: stateCheck,
    snapshot: snapshotCheck,
    check: str(20),
  },
  ['workspace', 'snapshot', 'check'],
);

/** File text for `content` (a JSON object), its check appended as its last field. */
function withCheck(content: object): string {
  const open = JSON.stringify(content).slice(0, -1);
  return `${open},"check":"crc32:${crcHex(crc32Text(open))}"}`;
}

/** A whole workspace as file text. */
export function workspaceFile(name: string, state: LiveState, now: number): string {
  const workspace = {
    ...state,
    view: state.view ?? null,
    plans: state.plans ?? null,
    datasets: state.datasets.map((d) => ({
      id: d.id,
      name: d.name,
      importedAt: d.importedAt,
      spec: d.spec,
      report: d.report,
      // How a joined dataset was made: its join report, and which stages a key cannot split.
      ...(d.join ? { join: d.join } : {}),
      table: { rowCount: d.table.rowCount, columns: d.table.columns.map(packColumn) },
    })),
  };
  return withCheck({
    format: FILE_FORMAT,
    v: FILE_VERSION,
    kind: 'workspace',
    exportedAt: now,
    name,
    workspace,
  });
}

/** A share snapshot as file text (for views too large for a link). */
export function shareFile(snapshot: ShareSnapshot, now: number): string {
  return withCheck({
    format: FILE_FORMAT,
    v: FILE_VERSION,
    kind: 'share',
    exportedAt: now,
    name: snapshot.title,
    snapshot,
  });
}

export type FileResult =
  | { ok: true; kind: 'workspace'; name: string; state: LiveState }
  | { ok: true; kind: 'share'; snapshot: ShareSnapshot }
  | { ok: false; problem: 'not-ours' | 'newer' | 'invalid' | 'endian'; detail: string };

/**
 * Read untrusted file text back, or say why not. The check and the tables are read a piece at
 * a time, so that even a large file leaves the page responsive.
 */
export async function readWorkspaceFile(text: string): Promise<FileResult> {
  // A newer version may check its files another way: say it is newer, not damaged.
  const start = START.exec(text.slice(0, 80));
  if (start && Number(start[1]) > FILE_VERSION)
    return { ok: false, problem: 'newer', detail: start[1] };
  // The end is matched on the last characters only: a regex over 500 MB would crawl.
  const from = Math.max(0, text.length - 64);
  const end = CHECK_END.exec(text.slice(from));
  if (end && crcHex(await crc32TextSliced(text, 0, from + end.index)) !== end[1])
    return { ok: false, problem: 'invalid', detail: 'check does not match' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // ours but cut or altered, or not ours at all
    return { ok: false, problem: start ? 'invalid' : 'not-ours', detail: 'json' };
  }
  const head = raw as { format?: unknown; v?: unknown; snapshot?: { v?: unknown } } | null;
  if (typeof head !== 'object' || head === null || head.format !== FILE_FORMAT) {
    return { ok: false, problem: 'not-ours', detail: 'format' };
  }
  if (typeof head.v !== 'number' || head.v > FILE_VERSION)
    return { ok: false, problem: 'newer', detail: String(head.v) };
  if (typeof head.snapshot?.v === 'number' && head.snapshot.v > SHARE_VERSION) {
    return { ok: false, problem: 'newer', detail: String(head.snapshot.v) };
  }
  if (!littleEndian) return { ok: false, problem: 'endian', detail: 'big-endian' };
  try {
    await readTables(raw);
  } catch (e) {
    if (e instanceof SchemaError) return { ok: false, problem: 'invalid', detail: e.message };
    throw e;
  }
  const r = validate(fileCheck, raw);
  if (!r.ok) return { ok: false, problem: 'invalid', detail: r.error.message };
  const f = r.value;
  // a checked version without a verified check, or an old one with a check it never had
  const checked = end !== null && f.check !== undefined;
  if (f.v >= CHECKED_SINCE !== checked)
    return { ok: false, problem: 'invalid', detail: checked ? 'check on version 1' : 'no check' };
  if (f.kind === 'share' && f.snapshot) return { ok: true, kind: 'share', snapshot: f.snapshot };
  if (f.kind === 'workspace' && f.workspace)
    return { ok: true, kind: 'workspace', name: f.name, state: f.workspace };
  return { ok: false, problem: 'invalid', detail: `${f.kind} without its content` };
}
