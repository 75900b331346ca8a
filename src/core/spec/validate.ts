/**
 * Check a funnel spec against a table and name every problem, so the mapping editor can list
 * them by stage and column and the compiler can refuse only what it cannot compute.
 * Errors stop the funnel; warnings are shown and the rest still works (an unknown cost column
 * just means no cost figures).
 */
import { eventProblems } from './events-validate';
import { checkFormula, parseFormula, type FormulaError } from './formula';
import type { FunnelSpec, StageSource } from './spec';
import { column, type Table } from '../table/table';

export type ProblemCode =
  | 'no-stages'
  | 'stage-no-column'
  | 'stage-not-numeric'
  | 'stage-needs-value'
  | 'stage-value-missing'
  | 'formula'
  | 'formula-in-records'
  | 'mixed-sources'
  | 'duplicate-stage'
  | 'duplicate-label'
  | 'empty-label'
  | 'no-stage-column'
  | 'stage-column-not-text'
  | 'unknown-column'
  | 'not-numeric'
  | 'not-date'
  | 'not-text'
  | 'unmapped-values'
  | 'bad-probability'
  | 'no-event-columns'
  | 'not-time'
  | 'stage-needs-event'
  | 'bad-window'
  | 'too-many-steps'
  | 'bad-exclusion';

export interface Problem {
  code: ProblemCode;
  severity: 'error' | 'warning';
  /** The stage concerned (its label), when the problem is about one. */
  stage?: string;
  /** The column concerned. */
  column?: string;
  /** The spec field concerned ('cost', 'revenue', 'date', …). */
  field?: string;
  formula?: FormulaError;
  /** Values of the stage column that no stage takes, most frequent first (at most 5). */
  values?: string[];
  /** Rows those values cover. */
  rows?: number;
}

function sourceKey(s: StageSource): string {
  if (s.kind === 'column') return 'c:' + s.column;
  if (s.kind === 'events') return 'e:' + s.values.join('|');
  if (s.kind === 'value') return 'v:' + s.value.normalize('NFKC').trim().toLowerCase();
  const parsed = parseFormula(s.expr);
  return 'f:' + (parsed.ok ? JSON.stringify(parsed.node) : s.expr);
}

/** Problems with the stage list itself. */
function stageProblems(table: Table, spec: FunnelSpec): Problem[] {
  const out: Problem[] = [];
  if (spec.stages.length === 0) out.push({ code: 'no-stages', severity: 'error' });
  if (spec.shape === 'events') return [...out, ...labelProblems(spec)];
  const kinds = new Set(spec.stages.map((s) => s.source.kind));
  if (spec.shape !== 'wide' && kinds.has('value') && kinds.size > 1)
    out.push({ code: 'mixed-sources', severity: 'error' });
  out.push(...labelProblems(spec));
  const seenSource = new Set<string>();
  for (const s of spec.stages) {
    const stage = s.label;
    const sk = sourceKey(s.source);
    if (seenSource.has(sk)) out.push({ code: 'duplicate-stage', severity: 'error', stage });
    seenSource.add(sk);
    if (s.probability != null && !(s.probability >= 0 && s.probability <= 1))
      out.push({ code: 'bad-probability', severity: 'warning', stage });

    const src = s.source;
    if (src.kind === 'column') {
      const c = column(table, src.column);
      if (!c) out.push({ code: 'stage-no-column', severity: 'error', stage, column: src.column });
      else if (spec.shape === 'wide' && c.kind !== 'number')
        out.push({ code: 'stage-not-numeric', severity: 'error', stage, column: src.column });
      else if (spec.shape === 'long')
        out.push({ code: 'stage-needs-value', severity: 'error', stage, column: src.column });
    } else if (src.kind === 'formula') {
      if (spec.shape !== 'wide') out.push({ code: 'formula-in-records', severity: 'error', stage });
      const formula = checkFormula(table, src.expr);
      if (formula) out.push({ code: 'formula', severity: 'error', stage, formula });
    } else if (spec.shape === 'wide' || src.kind === 'events') {
      out.push({ code: 'stage-needs-value', severity: 'error', stage });
    }
  }
  return out;
}

/** Every stage needs a name of its own (an event step may repeat a source: view → cart → view). */
function labelProblems(spec: FunnelSpec): Problem[] {
  const out: Problem[] = [];
  const seenLabel = new Set<string>();
  for (const s of spec.stages) {
    const stage = s.label;
    const label = s.label.trim();
    if (!label) out.push({ code: 'empty-label', severity: 'error', stage });
    else if (seenLabel.has(label)) out.push({ code: 'duplicate-label', severity: 'error', stage });
    seenLabel.add(label);
  }
  return out;
}

/** Problems with the stage column of value stages: missing, and values no stage takes. */
function valueProblems(table: Table, spec: FunnelSpec): Problem[] {
  if (!spec.stages.some((s) => s.source.kind === 'value')) return [];
  const name = spec.stageColumn;
  const c = name ? column(table, name) : undefined;
  if (!name) return [{ code: 'no-stage-column', severity: 'error' }];
  if (!c)
    return [{ code: 'unknown-column', severity: 'error', field: 'stageColumn', column: name }];
  if (c.kind !== 'text')
    return [
      { code: 'stage-column-not-text', severity: 'error', field: 'stageColumn', column: name },
    ];
  const out: Problem[] = [];
  const norm = (v: string) => v.normalize('NFKC').trim().toLowerCase();
  const taken = new Set(
    spec.stages.flatMap((s) => (s.source.kind === 'value' ? [norm(s.source.value)] : [])),
  );
  if (spec.statusColumn === spec.stageColumn)
    for (const v of [...spec.lostValues, ...spec.wonValues]) taken.add(norm(v));
  // A lost deal whose stage cell says only "lost" is placed by the lost-at-stage column.
  if (spec.lostStage) for (const v of spec.lostValues) taken.add(norm(v));
  const present = new Set(c.dict.map(norm));
  for (const s of spec.stages) {
    if (s.source.kind === 'value' && !present.has(norm(s.source.value)))
      out.push({ code: 'stage-value-missing', severity: 'warning', stage: s.label, column: name });
  }
  const perCode = new Float64Array(c.dict.length);
  for (let i = 0; i < c.codes.length; i++) perCode[c.codes[i]]++;
  const missed = c.dict
    .map((v, code) => ({ v, n: perCode[code] }))
    .filter((x) => x.n > 0 && x.v.trim() !== '' && !taken.has(norm(x.v)))
    .sort((a, b) => b.n - a.n);
  if (missed.length)
    out.push({
      code: 'unmapped-values',
      severity: 'warning',
      column: name,
      values: missed.slice(0, 5).map((x) => x.v),
      rows: missed.reduce((s, x) => s + x.n, 0),
    });
  return out;
}

/**
 * The single-column fields of a spec and the kind of column each needs (the stage column is
 * checked with the stages it serves).
 */
export const FIELD_KINDS = [
  { field: 'cost', kind: 'number' },
  { field: 'revenue', kind: 'number' },
  { field: 'amount', kind: 'number' },
  { field: 'probability', kind: 'number' },
  { field: 'countColumn', kind: 'number' },
  { field: 'date', kind: 'date' },
  { field: 'created', kind: 'date' },
  { field: 'closed', kind: 'date' },
  { field: 'statusColumn', kind: 'text' },
] as const;
const WRONG_KIND = { number: 'not-numeric', date: 'not-date', text: 'not-text' } as const;

/** Problems with the columns around the stages: each is ignored, so each is a warning. */
function fieldProblems(table: Table, spec: FunnelSpec): Problem[] {
  const out: Problem[] = [];
  for (const { field, kind } of FIELD_KINDS) {
    const name = spec[field];
    if (typeof name !== 'string') continue;
    const c = column(table, name);
    if (!c) out.push({ code: 'unknown-column', severity: 'warning', field, column: name });
    else if (c.kind !== kind)
      out.push({ code: WRONG_KIND[kind], severity: 'warning', field, column: name });
  }
  for (const field of ['dimensions', 'hierarchy'] as const) {
    for (const name of spec[field]) {
      const c = column(table, name);
      if (!c) out.push({ code: 'unknown-column', severity: 'warning', field, column: name });
      else if (c.kind !== 'text')
        out.push({ code: 'not-text', severity: 'warning', field, column: name });
    }
  }
  return out;
}

/**
 * Every problem of a spec against a table, errors first.
 *
 * @example
 * validateSpec(fromArrays({ 展现量: [1], 渠道: ['百度'] }), {
 *   ...emptySpec('wide'),
 *   stages: [
 *     { id: 'a', label: '展现', source: { kind: 'column', column: '展现量' } },
 *     { id: 'b', label: '渠道', source: { kind: 'column', column: '渠道' } },
 *   ],
 * }) // [{ code: 'stage-not-numeric', severity: 'error', stage: '渠道', column: '渠道' }]
 */
export function validateSpec(table: Table, spec: FunnelSpec): Problem[] {
  const all = [
    ...stageProblems(table, spec),
    ...(spec.shape === 'events' ? eventProblems(table, spec) : valueProblems(table, spec)),
    ...fieldProblems(table, spec),
  ];
  return [
    ...all.filter((p) => p.severity === 'error'),
    ...all.filter((p) => p.severity !== 'error'),
  ];
}
