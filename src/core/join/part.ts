/**
 * A source made ready to join: its rows' dates and key codes, the measures it sums, and what the
 * join report says about it. A file becomes one part (`filePart`); an already joined dataset
 * becomes one part holding its sources (`joinedPart`), so a newer export of one source is joined
 * to the rest without reading the others again.
 */
import type { ImportReport } from '../read/report';
import { findDate } from '../spec/roles';
import type { DateColumn, NumericType, Table, TextColumn } from '../table/table';
import { detectGrain, monthText, type Grain } from './grain';
import type { JoinInfo, JoinSource } from './join-info';
import { fileKeys } from './key-match';
import { countName, perRecord, recordKind, summable, sumName } from './per-record';

export interface PartKey {
  /** The kind of key (key-match.ts) and the part's header for it. */
  kind: string;
  header: string;
  codes: ArrayLike<number>;
  dict: readonly string[];
}

export interface PartMeasure {
  /** The name it has in the joined table (before any clash with another part is resolved). */
  name: string;
  type: NumericType;
  /** Per-row values to sum; null counts each row once. */
  values: ArrayLike<number> | null;
}

export interface JoinPart {
  rows: number;
  /** Day numbers per row (NaN when empty); null when the part has no dates. */
  days: Float64Array | null;
  grain: Grain;
  keys: PartKey[];
  measures: PartMeasure[];
  /** The files it stands for; their `columns` name its measures. */
  sources: JoinSource[];
  /** Rows to join (1) or pass over (0); all when absent. */
  keep?: Uint8Array;
}

/**
 * A text column of months (月份: 2025-04, 2025年5月 …) as month-start days per row, for a monthly
 * export whose dates the importer kept as text. Null when no column is all months.
 */
function monthColumn(table: Table): { name: string; days: Float64Array } | null {
  for (const c of table.columns) {
    if (c.kind !== 'text' || c.dict.length < 2) continue;
    const starts = c.dict.map((v, i) => (i === 0 ? NaN : monthText(v)));
    if (starts.slice(1).some((d) => d !== d)) continue;
    const days = new Float64Array(table.rowCount);
    for (let i = 0; i < days.length; i++) days[i] = starts[c.codes[i]];
    return { name: c.name, days };
  }
  return null;
}

function keyColumns(table: Table, shared: ReadonlySet<string>, skip: string | null): PartKey[] {
  const texts = table.columns.filter(
    (c): c is TextColumn => c.kind === 'text' && c.type !== 'id' && c.name !== skip,
  );
  const byKind = fileKeys(
    texts.map((c) => c.name),
    shared,
  );
  const out: PartKey[] = [];
  for (const [kind, header] of byKind) {
    const col = texts.find((c) => c.name === header) as TextColumn;
    out.push({ kind, header, codes: col.codes, dict: col.dict });
  }
  return out;
}

/**
 * One imported file as a part: its date column (and grain), its key columns by kind, and its
 * measures: the summable columns of a file of sums, or for a per-record file a count named from
 * what it counts plus the sums of its numeric columns (an order file's amount as 销售额).
 * `shared` lists the unknown header kinds another file also has (key-match.ts).
 *
 * @example
 * filePart('商桥.csv', chats, report, new Set())
 * // { shape: records, measures: [{ name: '咨询量', values: null }], keys: [campaign, keyword], … }
 */
export function filePart(
  name: string,
  table: Table,
  report: ImportReport,
  shared: ReadonlySet<string>,
): JoinPart {
  const found = findDate(table, new Set());
  const dateCol = found ? (table.columns.find((c) => c.name === found) as DateColumn) : null;
  const months = dateCol ? null : monthColumn(table);
  const date = found ?? months?.name ?? null;
  const days = dateCol?.days ?? months?.days ?? null;
  const grain = days ? (months ? 'month' : detectGrain(days, date ?? '')) : 'all';
  const keys = keyColumns(table, shared, months?.name ?? null);
  const headers = table.columns.map((c) => c.name);
  const sums = summable(table);
  const records = perRecord(table, dateCol);
  const measures: PartMeasure[] = [];
  let kind: JoinSource['kind'] = null;
  if (records) {
    const money = sums.filter((c) => c.type === 'money').map((c) => c.name);
    kind = recordKind(name, headers, money.length > 0);
    measures.push({ name: countName(kind, headers), type: 'count', values: null });
    for (const c of sums) {
      measures.push({
        name: sumName(c.name, money, kind, headers),
        type: c.type,
        values: c.values,
      });
    }
  } else {
    for (const c of sums) measures.push({ name: c.name, type: c.type, values: c.values });
  }
  const used = new Set<string>([...(date ? [date] : []), ...keys.map((k) => k.header)]);
  for (const c of sums) used.add(c.name);
  const source: JoinSource = {
    name,
    headers,
    shape: records ? 'records' : 'sums',
    kind,
    grain,
    date,
    keys: keys.map((k) => ({ header: k.header, key: k.header })),
    columns: measures.map((m) => m.name),
    dropped: headers.filter((h) => !used.has(h)),
    report,
  };
  return { rows: table.rowCount, days, grain, keys, measures, sources: [source] };
}

/**
 * A joined dataset as one part, without the sources in `leaveOut` (a source being replaced by a
 * newer export): its date and key columns as joined, and the measures of the sources kept.
 */
export function joinedPart(table: Table, info: JoinInfo, leaveOut: ReadonlySet<number>): JoinPart {
  const sources = info.sources.filter((_, i) => !leaveOut.has(i));
  const dateCol = info.date
    ? (table.columns.find((c) => c.name === info.date && c.kind === 'date') as
        DateColumn | undefined)
    : undefined;
  const keys: PartKey[] = [];
  for (const k of info.keys) {
    const col = table.columns.find((c) => c.name === k.name);
    if (col?.kind === 'text')
      keys.push({ kind: k.kind, header: k.name, codes: col.codes, dict: col.dict });
  }
  const measures: PartMeasure[] = [];
  for (const s of sources) {
    for (const name of s.columns) {
      const col = table.columns.find((c) => c.name === name);
      if (col?.kind === 'number') measures.push({ name, type: col.type, values: col.values });
    }
  }
  // Rows only a left-out source had are passed over: they would join as rows of zeros.
  const keep = new Uint8Array(table.rowCount);
  for (const m of measures) {
    const v = m.values as ArrayLike<number>;
    for (let i = 0; i < keep.length; i++) if (v[i] !== 0) keep[i] = 1;
  }
  return {
    rows: table.rowCount,
    days: dateCol?.days ?? null,
    grain: dateCol ? info.grain : 'all',
    keys,
    measures,
    sources,
    keep,
  };
}
