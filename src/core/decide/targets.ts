/**
 * The target funnel (理想漏斗): what each stage should reach, set either as counts or as step
 * rates from a top count. Either form gives the other, so the actual funnel can be read against
 * it in units ("38 consultations short") and in percentage points.
 *
 * Targets are keyed by stage id, so renaming or reordering a stage keeps its target.
 */
import Papa from 'papaparse';
import { ratio } from '../engine/funnel';
import type { Clause } from '../engine/slice';
import { lastNumber, parseNumber } from '../read/values';
import { dataRecord, own } from '../table/own';

export interface TargetInput {
  /**
   * 'counts': `values[id]` is the target count of that stage.
   * 'rates': `values[top id]` is the top count (absent: today's top), `values[id]` of any other
   * stage the step rate into it (0.035 = 3.5 %).
   */
  kind: 'counts' | 'rates';
  values: Record<string, number>;
}

export interface ResolvedTarget {
  /** Target count per stage, null where neither a count nor a chain of rates gives one. */
  counts: (number | null)[];
  /** Target step rate per stage (index 0 null). */
  rates: (number | null)[];
}

/**
 * Both forms of a target, in stage order. With `keepRates` (today's step rates), a step the
 * target leaves blank in the rates form keeps today's rate, so the counts below it still follow;
 * without it such a step and everything below it has no target.
 *
 * @example
 * resolveTarget({ kind: 'rates', values: { clicks: 0.04, visits: 0.8 } },
 *   ['impressions', 'clicks', 'visits'], 10000)
 * // counts [10000, 400, 320], rates [null, 0.04, 0.8]
 * resolveTarget({ kind: 'counts', values: { impressions: 10000, clicks: 400 } },
 *   ['impressions', 'clicks', 'visits'], 9000)
 * // counts [10000, 400, null], rates [null, 0.04, null]
 * resolveTarget({ kind: 'rates', values: { clicks: 0.04 } }, ['impressions', 'clicks', 'visits'],
 *   10000, [null, 0.03, 0.5])
 * // counts [10000, 400, 200], rates [null, 0.04, 0.5]
 */
export function resolveTarget(
  input: TargetInput,
  stageIds: readonly string[],
  actualTop: number | null,
  keepRates: readonly (number | null)[] = [],
): ResolvedTarget {
  const get = (id: string): number | null => own(input.values, id) ?? null;
  if (input.kind === 'counts') {
    const counts = stageIds.map(get);
    return { counts, rates: counts.map((c, k) => (k === 0 ? null : ratio(c, counts[k - 1]))) };
  }
  const rates = stageIds.map((id, k) => (k === 0 ? null : (get(id) ?? keepRates[k] ?? null)));
  const counts: (number | null)[] = [];
  stageIds.forEach((id, k) => {
    if (k === 0) counts.push(get(id) ?? actualTop);
    else {
      const prev = counts[k - 1];
      const r = rates[k];
      counts.push(prev === null || r === null ? null : prev * r);
    }
  });
  return { counts, rates };
}

/**
 * The key a target funnel is kept under: the slice and period it is for, independent of the
 * order filters were set in. 'all' for the whole dataset.
 *
 * @example
 * targetKey([{ source: 'filter', field: '分公司', predicate: { kind: 'values', values: ['北京分公司'] } }])
 * // '["分公司=北京分公司"]'
 */
export function targetKey(clauses: readonly Clause[]): string {
  const parts = clauses.map((c) =>
    c.predicate.kind === 'values'
      ? `${c.field}=${[...c.predicate.values].sort().join('|')}`
      : `${c.field}:${c.predicate.from}..${c.predicate.to}`,
  );
  const unique = parts.sort().filter((p, i) => p !== parts[i - 1]);
  return unique.length ? JSON.stringify(unique) : 'all';
}

/**
 * The same target in the other form: counts become rates (keeping the top count) and back.
 *
 * @example
 * convertTarget({ kind: 'counts', values: { a: 1000, b: 50 } }, ['a', 'b'], 900)
 * // { kind: 'rates', values: { a: 1000, b: 0.05 } }
 */
export function convertTarget(
  input: TargetInput,
  stageIds: readonly string[],
  actualTop: number | null,
): TargetInput {
  const r = resolveTarget(input, stageIds, actualTop);
  const values = dataRecord<number>();
  const kind = input.kind === 'counts' ? 'rates' : 'counts';
  stageIds.forEach((id, k) => {
    const v = kind === 'counts' || k === 0 ? r.counts[k] : r.rates[k];
    if (v !== null) values[id] = v;
  });
  return { kind, values };
}

export interface TargetGap {
  actual: number;
  target: number | null;
  /** actual − target: negative means short ("38 consultations short"). */
  units: number | null;
  actualRate: number | null;
  targetRate: number | null;
  /** actualRate − targetRate as a fraction; × 100 gives percentage points. */
  points: number | null;
  /** The stage is below its target count (or, with no count, its rate below the target rate). */
  short: boolean;
}

/**
 * Actual against target, stage by stage.
 *
 * @example
 * targetGaps([10000, 300, 212], { counts: [10000, 400, 250], rates: [null, 0.04, 0.625] })[2]
 * // units −38, points 0.0817 (70.67 % vs 62.5 %), short true
 */
export function targetGaps(actual: readonly number[], target: ResolvedTarget): TargetGap[] {
  return actual.map((a, k) => {
    const t = target.counts[k] ?? null;
    const actualRate = k === 0 ? null : ratio(a, actual[k - 1]);
    const targetRate = target.rates[k] ?? null;
    const units = t === null ? null : a - t;
    const points = actualRate === null || targetRate === null ? null : actualRate - targetRate;
    return {
      actual: a,
      target: t,
      units,
      actualRate,
      targetRate,
      points,
      short: units !== null ? units < 0 : points !== null && points < 0,
    };
  });
}

export interface CsvProblem {
  key: string;
  params: Record<string, string | number>;
}

export type TargetCsvResult =
  { ok: true; target: TargetInput; ignored: string[] } | { ok: false; problems: CsvProblem[] };

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/**
 * Read a small "stage, target" CSV (a header line is optional). A stage is matched by its label
 * or id; a value with a percent sign is a step rate, any other a count, and a file uses one
 * kind for every stage below the top (the top is always a count).
 *
 * @example
 * parseTargetCsv('阶段,目标\n展现量,100000\n点击量,4%', [{ id: 'impressions', label: '展现量' },
 *   { id: 'clicks', label: '点击量' }])
 * // ok, { kind: 'rates', values: { impressions: 100000, clicks: 0.04 } }
 */
export function parseTargetCsv(
  text: string,
  stages: readonly { id: string; label: string }[],
): TargetCsvResult {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: 'greedy' });
  const problems: CsvProblem[] = [];
  const ignored: string[] = [];
  const counts = new Map<string, number>();
  const rates = new Map<string, number>();
  const byName = new Map<string, string>();
  for (const s of stages) {
    byName.set(norm(s.id), s.id);
    byName.set(norm(s.label), s.id);
  }
  parsed.data.forEach((row, i) => {
    const line = i + 1;
    const name = (row[0] ?? '').trim();
    const raw = (row[1] ?? '').trim();
    const value = parseNumber(raw);
    const percent = lastNumber.percent;
    if (Number.isNaN(value)) {
      // A first line whose value is not a number is the header.
      if (i !== 0) problems.push({ key: 'decide.csv.notNumber', params: { line, value: raw } });
      return;
    }
    const id = byName.get(norm(name));
    if (id === undefined) {
      ignored.push(name);
      return;
    }
    if (value < 0) {
      problems.push({ key: 'decide.csv.negative', params: { line, value: raw } });
      return;
    }
    if (counts.has(id) || rates.has(id)) {
      problems.push({ key: 'decide.csv.repeated', params: { line, stage: name } });
      return;
    }
    if (percent && id === stages[0]?.id) {
      problems.push({ key: 'decide.csv.topRate', params: { line, stage: name } });
      return;
    }
    (percent ? rates : counts).set(id, value);
  });
  const stepCounts = [...counts.keys()].filter((id) => id !== stages[0]?.id);
  if (rates.size > 0 && stepCounts.length > 0) {
    problems.push({ key: 'decide.csv.mixed', params: {} });
  }
  if (problems.length === 0 && counts.size + rates.size === 0) {
    problems.push({ key: 'decide.csv.empty', params: {} });
  }
  if (problems.length) return { ok: false, problems };
  const values = dataRecord<number>();
  for (const [id, v] of [...counts, ...rates]) values[id] = v;
  return { ok: true, target: { kind: rates.size > 0 ? 'rates' : 'counts', values }, ignored };
}
