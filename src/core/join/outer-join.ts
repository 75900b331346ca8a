/**
 * The outer join of several parts on date (at the coarsest grain any part has) × every key kind
 * any part has. It runs on integer codes: each part's dictionary is mapped once to the join's
 * dictionary of normalised values, a row's key is one number made of its codes, looked up among
 * its period's keys (period-groups.ts), and the sums go straight into typed arrays. No row
 * objects: 2.4M rows of four exports join in 1.4–3.5 s on 2 busy CPUs (tests/bench/join.bench.mjs).
 *
 * Every row of every part lands in exactly one joined row; a part without a key kind puts its
 * rows under that key's empty value (and cannot be split by it); a key a part lacks counts 0 for
 * that part's measures.
 */
import {
  codeArray,
  type Column,
  type NumberColumn,
  type Table,
  type TextColumn,
} from '../table/table';
import { coarsestGrain, periodStart, type Grain } from './grain';
import type { JoinSource } from './join-info';
import { normaliseKey } from './normalise-key';
import type { JoinPart } from './part';
import { PeriodGroups } from './period-groups';

export interface Joined {
  table: Table;
  grain: Grain;
  /** The joined table's date column, null when a part has no dates. */
  date: string | null;
  keys: { name: string; kind: string }[];
  /** The parts' sources, their key and measure names as they are in the joined table. */
  sources: JoinSource[];
}

/** A name not yet taken: `消费`, else `消费 · 百度推广.csv`, else with a number. */
function freeName(wanted: string, taken: Set<string>, file: string): string {
  let name = wanted;
  if (taken.has(name)) name = `${wanted} · ${file}`;
  for (let n = 2; taken.has(name); n++) name = `${wanted} · ${file} ${n}`;
  taken.add(name);
  return name;
}

/**
 * Join `parts` (in order: the first part's header names a key kind and its spelling of a value
 * is the one shown). `dateName` names the date column when no part has dates of its own name.
 *
 * @example
 * // ads: 2025-04-01 × 品牌词（北京） → 点击 10; chats: 2025-04-01 09:12 × 品牌词(北京), 2 rows
 * outerJoin([adsPart, chatsPart]).table
 * // one row: 日期 2025-04-01, 推广计划 品牌词（北京）, 点击 10, 咨询量 2
 */
export function outerJoin(parts: readonly JoinPart[], dateName = '日期'): Joined {
  const grain = coarsestGrain(parts.map((p) => (p.days ? p.grain : 'all')));

  // Key kinds in order of first appearance; each gets the first header seen as its name.
  const kinds: { kind: string; name: string; index: Map<string, number>; dict: string[] }[] = [];
  for (const p of parts) {
    for (const k of p.keys) {
      if (!kinds.some((x) => x.kind === k.kind)) {
        kinds.push({ kind: k.kind, name: k.header, index: new Map([['', 0]]), dict: [''] });
      }
    }
  }
  // Each part's dictionary, mapped once to the join's codes: rows then only look codes up.
  const remaps = parts.map((p) =>
    kinds.map((kind) => {
      const key = p.keys.find((k) => k.kind === kind.kind);
      if (!key) return null;
      const remap = new Int32Array(key.dict.length);
      key.dict.forEach((raw, i) => {
        const norm = normaliseKey(raw);
        let code = kind.index.get(norm);
        if (code === undefined) {
          code = kind.dict.length;
          kind.dict.push(raw.trim());
          kind.index.set(norm, code);
        }
        remap[i] = code;
      });
      return { codes: key.codes, remap };
    }),
  );

  // Each row's key as one number made of its key codes, built column by column; its date is
  // the period whose table of groups it is looked up in (period-groups.ts).
  const radixes = kinds.map((k) => k.dict.length);
  // The codes fit in one number below 2^53 (always, but for absurd cardinalities).
  const numeric = radixes.reduce((a, r) => a * r, 1) < Number.MAX_SAFE_INTEGER;
  const byText = new Map<string, number>();
  // Each group's period and codes, written when it is first seen; sized for every row a group.
  const most = parts.reduce((n, p) => n + p.rows, 0);
  // Sized for most rows being distinct keys (four exports of 2.4M rows: ~1.3M keys) spread
  // over the periods the dates span, so tables are not rebuilt on the way.
  const found = new PeriodGroups(
    Math.min(2 ** 20, Math.ceil((0.6 * most) / periodsSpanned(parts, grain))),
  );
  const firstDay = new Float64Array(most);
  const firstCodes = kinds.map(() => new Int32Array(most));
  const rowGroups: Int32Array[] = [];
  for (const [pi, p] of parts.entries()) {
    const key = new Float64Array(p.rows);
    const cols = remaps[pi];
    for (let k = 0; k < cols.length; k++) {
      const c = cols[k];
      const r = radixes[k];
      if (c) addCodes(key, r, c.codes, c.remap);
      else for (let i = 0; i < p.rows; i++) key[i] *= r;
    }
    if (!numeric) {
      // Beyond 2^53 combinations: the codes as text, given a number (slower, never met).
      for (let i = 0; i < p.rows; i++) {
        const text = cols.map((c) => (c ? c.remap[c.codes[i]] : 0)).join(',');
        let id = byText.get(text);
        if (id === undefined) byText.set(text, (id = byText.size));
        key[i] = id;
      }
    }
    const days = grain === 'all' ? null : p.days;
    const keep = p.keep;
    const groups = new Int32Array(p.rows);
    let lastDay = NaN;
    let start = NaN;
    let period = found.period(NaN);
    for (let i = 0; i < p.rows; i++) {
      if (keep && keep[i] === 0) {
        groups[i] = -1;
        continue;
      }
      if (days) {
        const d = days[i];
        const day = Math.floor(d);
        if (day !== lastDay) {
          // Exports are usually in date order: one period computation per run of equal days.
          lastDay = day;
          start = periodStart(d, grain);
          period = found.period(start);
        }
      }
      const next = found.size;
      const g = found.groupOf(period, key[i]);
      if (g === next) {
        firstDay[g] = start;
        for (let k = 0; k < cols.length; k++) {
          const c = cols[k];
          firstCodes[k][g] = c ? c.remap[c.codes[i]] : 0;
        }
      }
      groups[i] = g;
    }
    rowGroups.push(groups);
  }
  const n = found.size;

  const taken = new Set<string>();
  const dateCol =
    grain === 'all' ? null : (parts.find((p) => p.days)?.sources[0]?.date ?? dateName);
  if (dateCol) taken.add(dateCol);
  for (const k of kinds) k.name = freeName(k.name, taken, '');

  const columns: Column[] = [];
  if (dateCol) {
    columns.push({
      kind: 'date',
      name: dateCol,
      type: 'date',
      days: firstDay.slice(0, n),
      hasTime: false,
    });
  }
  for (const [k, kind] of kinds.entries()) {
    const c = codeArray(n, kind.dict.length);
    c.set(firstCodes[k].subarray(0, n));
    columns.push({
      kind: 'text',
      name: kind.name,
      type: 'category',
      codes: c,
      dict: kind.dict,
    } satisfies TextColumn);
  }

  const sources: JoinSource[] = [];
  for (const [pi, p] of parts.entries()) {
    const groups = rowGroups[pi];
    const renamed = new Map<string, string>();
    for (const m of p.measures) {
      const sums = new Float64Array(n);
      if (m.values === null) for (let i = 0; i < p.rows; i++) sums[groups[i]] += 1;
      else if (p.keep) {
        // A passed-over row (group −1) has 0 in every kept measure: nothing to add.
        const v = m.values;
        for (let i = 0; i < p.rows; i++) if (groups[i] >= 0) sums[groups[i]] += v[i];
      } else {
        const v = m.values;
        for (let i = 0; i < p.rows; i++) sums[groups[i]] += v[i];
      }
      const file = p.sources.find((s) => s.columns.includes(m.name))?.name ?? '';
      const name = freeName(m.name, taken, file);
      renamed.set(m.name, name);
      columns.push(measureColumn(name, m.type, sums));
    }
    const keyName = new Map(
      p.keys.map((k) => [k.header, kinds.find((x) => x.kind === k.kind)!.name]),
    );
    for (const s of p.sources) {
      sources.push({
        ...s,
        keys: s.keys
          .filter((k) => keyName.has(k.key))
          .map((k) => ({ header: k.header, key: keyName.get(k.key)! })),
        columns: s.columns.map((c) => renamed.get(c) ?? c),
      });
    }
  }
  return {
    table: { rowCount: n, columns },
    grain,
    date: dateCol,
    keys: kinds.map((k) => ({ name: k.name, kind: k.kind })),
    sources,
  };
}

/** How many periods of `grain` the parts' dates span (1 when none has dates). */
function periodsSpanned(parts: readonly JoinPart[], grain: Grain): number {
  let min = Infinity;
  let max = -Infinity;
  for (const p of parts) {
    const days = p.days;
    if (!days || grain === 'all') continue;
    for (let i = 0; i < days.length; i++) {
      const d = days[i];
      if (d < min) min = d;
      if (d > max) max = d;
    }
  }
  if (!(min <= max)) return 1;
  const length = grain === 'day' ? 1 : grain === 'week' ? 7 : 30;
  return Math.floor((max - min) / length) + 1;
}

/** Each row's key times the key kind's radix, plus the row's join code of it (one pass). */
function addCodes(key: Float64Array, radix: number, codes: ArrayLike<number>, remap: Int32Array) {
  for (let i = 0; i < key.length; i++) key[i] = key[i] * radix + remap[codes[i]];
}

/** Sums as a column: whole numbers in an Int32Array when they fit (counts mostly do). */
function measureColumn(name: string, type: NumberColumn['type'], sums: Float64Array): NumberColumn {
  let whole = true;
  for (let i = 0; i < sums.length && whole; i++) {
    const x = sums[i];
    whole = Number.isInteger(x) && Math.abs(x) < 2 ** 31;
  }
  return { kind: 'number', name, type, values: whole ? new Int32Array(sums) : sums, nulls: null };
}
