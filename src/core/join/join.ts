/**
 * Several exports, one funnel: files read by the importer joined into one ordinary table plus
 * what the join report and the mapping say about it (join-info.ts). The steps are each in their
 * own file: key kinds (key-match.ts), values' matching form (normalise-key.ts), grains
 * (grain.ts), per-record counting (per-record.ts, part.ts), the join (outer-join.ts) and the
 * values that did not match (unmatched.ts).
 */
import type { ImportReport } from '../read/report';
import type { Table } from '../table/table';
import type { JoinInfo } from './join-info';
import { sharedNames } from './key-match';
import { outerJoin } from './outer-join';
import { filePart, joinedPart, type JoinPart } from './part';
import { unmatchedKeys } from './unmatched';

export interface JoinFile {
  name: string;
  table: Table;
  report: ImportReport;
}

/** An already joined dataset to add files to, leaving out the sources a newer export replaces. */
export interface JoinBase {
  table: Table;
  info: JoinInfo;
  leaveOut: number[];
}

/**
 * Join files (and optionally an already joined dataset) into one table and its join info. Files
 * come after the base's sources, except that a file replacing one of them takes its place.
 *
 * @example
 * const { table, info } = joinFiles([ads, analytics, chats, orders]);
 * info.keys    // [{ name: '推广计划', kind: 'campaign' }, { name: '关键词', kind: 'keyword' }]
 * info.grain   // 'day'
 */
export function joinFiles(
  files: readonly JoinFile[],
  base: JoinBase | null = null,
): { table: Table; info: JoinInfo } {
  const headerLists = [
    ...(base ? base.info.keys.filter((k) => k.kind.startsWith('name:')).map((k) => [k.name]) : []),
    ...files.map((f) => f.table.columns.map((c) => c.name)),
  ];
  const shared = sharedNames(headerLists);
  // Files of sums first: the ad report's spellings and headers name the keys, and its rows lead.
  const fileParts = files
    .map((f) => filePart(f.name, f.table, f.report, shared))
    .sort((a, b) => rank(a) - rank(b));
  const parts: JoinPart[] = [];
  const rest = base ? joinedPart(base.table, base.info, new Set(base.leaveOut)) : null;
  if (rest && rest.sources.length > 0) parts.push(rest);
  parts.push(...fileParts);
  const joined = outerJoin(parts, looksChineseDate(files) ? '日期' : 'Date');
  const sources = joined.sources;
  // A replacing file takes the place of the source it replaces, so the report's order holds.
  if (rest?.sources.length && base?.leaveOut.length === 1 && files.length === 1) {
    const moved = sources.pop()!;
    sources.splice(Math.min(base.leaveOut[0], sources.length), 0, moved);
  }
  const unmatched = unmatchedKeys(joined.table, sources, joined.keys);
  return {
    table: joined.table,
    info: {
      grain: joined.grain,
      date: joined.date,
      keys: joined.keys,
      sources,
      unmatched: unmatched.list,
      unmatchedMore: unmatched.more,
    },
  };
}

function rank(p: JoinPart): number {
  return p.sources[0]?.shape === 'records' ? 1 : 0;
}

function looksChineseDate(files: readonly JoinFile[]): boolean {
  return files.some((f) => f.table.columns.some((c) => /[\u4e00-\u9fff]/u.test(c.name)));
}

/**
 * The name of a joined dataset: its sources' names, shortened when there are many.
 *
 * @example
 * joinedName(['推广.csv', '统计.csv', '商桥.csv']) // '推广.csv + 统计.csv + 商桥.csv'
 */
export function joinedName(names: readonly string[]): string {
  const all = names.join(' + ');
  return all.length <= 200 ? all : `${names[0]} + … (${names.length})`;
}
