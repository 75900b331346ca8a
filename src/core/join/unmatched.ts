/**
 * The key values some sources have and others lack: what a VLOOKUP would silently drop. Read
 * off the joined table itself (a source "has" a value when one of its measures is not 0 on a row
 * with that value), so it holds equally after a source is replaced.
 */
import type { Table } from '../table/table';
import { UNMATCHED_LISTED, type JoinSource, type UnmatchedKey } from './join-info';

/**
 * Values of each key column that some sources having that column show and others do not: those
 * the first such source lacks first, then largest first (by the biggest figure), at most `limit`,
 * with how many more there were.
 *
 * @example
 * // orders have 推广计划 = 自然流量 (37 orders), the ad report has no such campaign:
 * unmatchedKeys(table, sources, keys)
 * // { list: [{ key: '推广计划', value: '自然流量', in: [3], missing: [0, 1, 2],
 * //            figures: [{ column: '订单量', value: 37 }] }], more: 0 }
 */
export function unmatchedKeys(
  table: Table,
  sources: readonly JoinSource[],
  keys: readonly { name: string }[],
  limit = UNMATCHED_LISTED,
): { list: UnmatchedKey[]; more: number } {
  const all: { item: UnmatchedKey; size: number; top: boolean }[] = [];
  for (const key of keys) {
    const col = table.columns.find((c) => c.name === key.name);
    if (col?.kind !== 'text') continue;
    const having = sources
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.keys.some((k) => k.key === key.name));
    if (having.length < 2) continue;
    const size = col.dict.length;
    // Per source: whether each value shows up, and its first measure's total there.
    const seen = having.map(({ s }) => {
      const present = new Uint8Array(size);
      const first = new Float64Array(size);
      s.columns.forEach((name, ci) => {
        const m = table.columns.find((c) => c.name === name);
        if (m?.kind !== 'number') return;
        for (let r = 0; r < table.rowCount; r++) {
          const v = m.values[r];
          if (v === 0) continue;
          const code = col.codes[r];
          present[code] = 1;
          if (ci === 0) first[code] += v;
        }
      });
      return { present, first };
    });
    for (let code = 0; code < size; code++) {
      const inIdx: number[] = [];
      const missing: number[] = [];
      having.forEach(({ i }, h) => (seen[h].present[code] ? inIdx : missing).push(i));
      if (inIdx.length === 0 || missing.length === 0) continue;
      const figures: UnmatchedKey['figures'] = [];
      having.forEach(({ s }, h) => {
        if (seen[h].present[code])
          figures.push({ column: s.columns[0], value: seen[h].first[code] });
      });
      all.push({
        item: { key: key.name, value: col.dict[code], in: inIdx, missing, figures },
        size: Math.max(...figures.map((f) => Math.abs(f.value))),
        // Missing from the first source (the ad report: no spend behind it) is listed first.
        top: missing.includes(having[0].i),
      });
    }
  }
  all.sort((a, b) => Number(b.top) - Number(a.top) || b.size - a.size);
  return { list: all.slice(0, limit).map((x) => x.item), more: Math.max(0, all.length - limit) };
}
