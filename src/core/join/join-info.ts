/**
 * What a joined dataset keeps about how it was made: its sources, the keys and grain they were
 * joined on, and the keys some sources have and others lack. Plain data: it is saved with the
 * dataset and read back through a strict check (persist/schema.ts).
 */
import type { ImportReport } from '../read/report';
import type { Grain } from './grain';

/** What a per-record file counts. */
export type RecordKind = 'consultations' | 'orders' | 'leads' | 'records';

export interface JoinSource {
  /** The file's name as picked. */
  name: string;
  /** Its headers as read (a newer export of the same source is known by name or by these). */
  headers: string[];
  /** 'records': one row per conversation, lead or order, counted per key; else rows of sums. */
  shape: 'sums' | 'records';
  kind: RecordKind | null;
  /** The grain of its own dates ('all' when it has none). */
  grain: Grain;
  /** Its date header, null when it has none. */
  date: string | null;
  /** Its key columns: its header and the joined table's key column it fed. */
  keys: { header: string; key: string }[];
  /** The joined table's measure columns it gave (for records: the count first, then sums). */
  columns: string[];
  /** Its columns left out of the join (ids, free text, rates that are recomputed from stages). */
  dropped: string[];
  /** Its own import report (encoding, header line, totals dropped …). */
  report: ImportReport;
}

/** A key value some sources have and others lack, with what the sources having it count. */
export interface UnmatchedKey {
  /** The joined table's key column. */
  key: string;
  /** The value as shown ('' when the rows left the key empty). */
  value: string;
  /** Indices into `sources` of the sources that have the value. */
  in: number[];
  /** Indices of the sources that have the key column but not this value. */
  missing: number[];
  /** The first measure of each source having it, summed over the value's rows. */
  figures: { column: string; value: number }[];
}

export interface JoinInfo {
  /** The grain the join was made at: the coarsest of the sources' grains. */
  grain: Grain;
  /** The joined table's date column; null when some source has no dates. */
  date: string | null;
  /** The joined table's key columns, with what kind of key each is. */
  keys: { name: string; kind: string }[];
  sources: JoinSource[];
  /** Largest first; at most `UNMATCHED_LISTED`, `unmatchedMore` counts the rest. */
  unmatched: UnmatchedKey[];
  unmatchedMore: number;
}

export const UNMATCHED_LISTED = 50;

/**
 * The key columns a measure cannot be split by: those its source did not have (its figures sit
 * under an empty value of that key). Empty for a column no source gave.
 *
 * @example
 * // visits came from an analytics file keyed by date × 推广计划; the join also has 关键词
 * notSplittableBy(info, '访问量') // ['关键词']
 */
export function notSplittableBy(info: JoinInfo, column: string): string[] {
  const source = info.sources.find((s) => s.columns.includes(column));
  if (!source) return [];
  const has = new Set(source.keys.map((k) => k.key));
  return info.keys.map((k) => k.name).filter((k) => !has.has(k));
}

/** The source that gave a measure column, or null. */
export function sourceOf(info: JoinInfo, column: string): JoinSource | null {
  return info.sources.find((s) => s.columns.includes(column)) ?? null;
}
