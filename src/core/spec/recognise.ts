/**
 * Recognise a funnel from a table's headers and values: the zero-click mapping. Every choice
 * comes with a reason the mapping panel shows, so nothing is hidden and all can be changed.
 */
import { detectShape, usedValues, type ShapeGuess } from './shape';
import { findDate, findDimensions, findHierarchy, findRole } from './roles';
import { emptySpec, type FunnelSpec, type StageSpec } from './spec';
import { column, type Table, type TextColumn } from '../table/table';
import {
  BOUNCE_NAMES,
  LOST_NAMES,
  VALUE_TEMPLATES,
  WIDE_TEMPLATES,
  WON_NAMES,
  findByNames,
  isRateOrAverage,
  looksChinese,
  matchName,
  stageIndex,
  type FunnelTemplate,
} from './templates';
import { quoteColumn } from './formula';
import { MAX_STAGES } from '../table/limits';
import { recogniseEvents } from './events-recognise';
import { eventProperties } from './events-shape';
import { OPEN, recordModel } from '../engine/records';
import { summariseDays } from '../engine/pipeline';
import { numberColumn } from '../table/table';

export interface Reason {
  /** i18n key explaining the choice, with its parameters. */
  key: string;
  params: Record<string, string | number>;
}

export interface Recognition {
  spec: FunnelSpec;
  reasons: Reason[];
}

/** A stage id from a template slot or a label, unique within the spec. */
function uniqueId(stages: readonly StageSpec[], wanted: string): string {
  const base = wanted.trim().slice(0, 100) || 'stage';
  let id = base;
  for (let n = 2; stages.some((s) => s.id === id); n++) id = `${base}-${n}`;
  return id;
}

function addStage(spec: FunnelSpec, id: string, stage: Omit<StageSpec, 'id'>): void {
  spec.stages.push({ id: uniqueId(spec.stages, id), ...stage });
}

/** Wide: the template whose stages most count columns match; else every count column. */
function wideStages(table: Table, spec: FunnelSpec, reasons: Reason[], taken: Set<string>): void {
  const numbers = table.columns.filter((c) => c.kind === 'number' && !taken.has(c.name));
  const candidates = numbers.filter((c) => c.type !== 'percent');
  for (const c of numbers)
    if (c.type === 'percent' || isRateOrAverage(c.name))
      reasons.push({ key: 'map.reason.notStage', params: { column: c.name } });
  const usable = candidates.filter((c) => !isRateOrAverage(c.name)).map((c) => c.name);
  const chinese = looksChinese(table.columns.map((c) => c.name));
  let best: {
    template: FunnelTemplate;
    picks: { id: string; label: string; column?: string; expr?: string }[];
  } | null = null;
  for (const template of WIDE_TEMPLATES) {
    const used = new Set<string>();
    const picks: { id: string; label: string; column?: string; expr?: string }[] = [];
    for (const st of template.stages) {
      const col = findByNames(
        usable.filter((n) => !used.has(n)),
        st.names,
      );
      if (col) {
        used.add(col);
        picks.push({ id: st.id, label: col, column: col });
      } else if (st.id === 'effective') {
        const visitors = picks.find((p) => p.id === 'visitors')?.column;
        const bounces = findByNames(usable, BOUNCE_NAMES);
        if (visitors && bounces) {
          used.add(bounces);
          const label = chinese ? st.zh : st.en;
          picks.push({
            id: st.id,
            label,
            expr: `${quoteColumn(visitors)} - ${quoteColumn(bounces)}`,
          });
        }
      }
    }
    if (picks.length >= 2 && (!best || picks.length > best.picks.length))
      best = { template, picks };
  }
  const counts = table.columns.filter(
    (c) => c.kind === 'number' && c.type === 'count' && usable.includes(c.name),
  );
  // Two template names among more count columns (Awareness, Interest, Trial, Buy) is too thin
  // to drop the rest: the user's own ordered list of counts is the better guess.
  const thin = best !== null && best.picks.length < 3 && counts.length > best.picks.length;
  if (best && !thin) {
    spec.template = best.template.id;
    reasons.push({ key: 'map.reason.template', params: { template: best.template.id } });
    for (const p of best.picks) {
      if (p.column) {
        addStage(spec, p.id, { label: p.label, source: { kind: 'column', column: p.column } });
        reasons.push({
          key: 'map.reason.stageColumn',
          params: { label: p.label, column: p.column },
        });
      } else if (p.expr) {
        addStage(spec, p.id, { label: p.label, source: { kind: 'formula', expr: p.expr } });
        reasons.push({ key: 'map.reason.derived', params: { label: p.label, expr: p.expr } });
      }
    }
    return;
  }
  if (counts.length >= 2) {
    // A spec holds at most MAX_STAGES stages (the loader refuses more): the first ones in the
    // file's order become stages, and the rest stay columns the mapping can pick from.
    for (const c of counts.slice(0, MAX_STAGES))
      addStage(spec, c.name, { label: c.name, source: { kind: 'column', column: c.name } });
    if (counts.length > MAX_STAGES) {
      reasons.push({
        key: 'map.reason.tooManyStages',
        params: { count: counts.length, limit: MAX_STAGES },
      });
    }
    reasons.push({
      key: 'map.reason.countColumns',
      params: { columns: counts.map((c) => c.name).join(', ') },
    });
  }
}

/** The value template with most matches, and each value's slot in it (-1 when unmatched). */
function bestValueTemplate(values: readonly string[]): {
  template: FunnelTemplate | null;
  slots: number[];
} {
  let best: FunnelTemplate | null = null;
  let bestScore = 0;
  for (const t of VALUE_TEMPLATES) {
    const score = values.filter((v) => stageIndex(t, v) >= 0).length;
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return { template: best, slots: values.map((v) => (best ? stageIndex(best, v) : -1)) };
}

/** Median of a per-row number over the rows carrying each value of a text column. */
function medianBy(
  col: TextColumn,
  values: ArrayLike<number>,
  valid: (i: number) => boolean,
): Map<string, number> {
  const lists = new Map<number, number[]>();
  for (let i = 0; i < col.codes.length; i++) {
    if (!valid(i)) continue;
    const list = lists.get(col.codes[i]) ?? [];
    list.push(values[i]);
    lists.set(col.codes[i], list);
  }
  const out = new Map<string, number>();
  for (const [code, list] of lists) {
    list.sort((a, b) => a - b);
    const m = list.length >> 1;
    out.set(col.dict[code], list.length % 2 ? list[m] : (list[m - 1] + list[m]) / 2);
  }
  return out;
}

/**
 * Order stage values: by template slot when a template matches; the rest by median win
 * probability when there is a probability column, else by `fallback` (first appearance, or
 * size for long data). Won values go last.
 */
function orderValues(
  values: string[],
  reasons: Reason[],
  fallback: Map<string, number>,
  fallbackKey: string,
  probability: Map<string, number> | null,
): { ordered: string[]; template: FunnelTemplate | null } {
  const { template, slots } = bestValueTemplate(values);
  const unmatched = slots.filter((s) => s < 0).length;
  // With names the templates do not know, a probability column is the best evidence of order
  // for all of them; template slots then only break ties.
  const byProbability =
    unmatched > 0 && probability !== null && values.every((v) => probability.has(v));
  const rank = (v: string, i: number): [number, number, number] => {
    const won = matchName(v, WON_NAMES) ? 1 : 0;
    if (byProbability) return [won, probability!.get(v)!, slots[i]];
    if (slots[i] >= 0) return [won, slots[i], 0];
    return [won, 1e6 + (fallback.get(v) ?? 0), 0];
  };
  const ranked = values.map((v, i) => ({ v, r: rank(v, i) }));
  ranked.sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.r[2] - b.r[2]);
  if (template && !byProbability)
    reasons.push({ key: 'map.reason.orderTemplate', params: { template: template.id } });
  if (unmatched)
    reasons.push({ key: byProbability ? 'map.reason.orderProbability' : fallbackKey, params: {} });
  return { ordered: ranked.map((x) => x.v), template };
}

/** Records with a current-stage column, or long data: stages are values of the stage column. */
function valueStages(table: Table, spec: FunnelSpec, reasons: Reason[], guess: ShapeGuess): void {
  const col = column(table, guess.stageColumn!) as TextColumn;
  spec.stageColumn = col.name;
  const values = usedValues(col);
  const lostHere = values.filter((v) => matchName(v, LOST_NAMES));
  const steps = values.filter((v) => !lostHere.includes(v));
  const fallback = new Map<string, number>();
  let fallbackKey = 'map.reason.orderAppearance';
  if (spec.shape === 'long') {
    // Long data has no order of its own; a funnel narrows, so the largest total comes first.
    const w = spec.countColumn ? numberColumn(table, spec.countColumn)?.values : undefined;
    const total = new Float64Array(col.dict.length);
    for (let i = 0; i < col.codes.length; i++) total[col.codes[i]] += w ? w[i] : 1;
    col.dict.forEach((v, code) => fallback.set(v, -total[code]));
    fallbackKey = 'map.reason.orderSize';
  } else {
    // First row of each value, by dictionary code, stopping once every value has been seen.
    const first = new Int32Array(col.dict.length).fill(-1);
    let missing = col.dict.length - 1;
    for (let i = 0; i < col.codes.length && missing > 0; i++) {
      const c = col.codes[i];
      if (first[c] < 0) {
        first[c] = i;
        if (c > 0) missing--;
      }
    }
    col.dict.forEach((v, code) => fallback.set(v, first[code]));
  }
  const prob = spec.probability ? numberColumn(table, spec.probability) : undefined;
  const probByValue = prob ? medianBy(col, prob.values, () => true) : null;
  const { ordered, template } = orderValues(steps, reasons, fallback, fallbackKey, probByValue);
  spec.template = template?.id ?? 'custom';
  for (const v of ordered) {
    const slot = template ? stageIndex(template, v) : -1;
    addStage(spec, slot >= 0 ? template!.stages[slot].id : v, {
      label: v,
      source: { kind: 'value', value: v },
    });
  }
  if (spec.shape === 'records' && lostHere.length && !spec.statusColumn) {
    spec.statusColumn = col.name;
    reasons.push({
      key: 'map.reason.lostInStage',
      params: { column: col.name, values: lostHere.join(', ') },
    });
  }
}

/** Records with one date column per stage, plus the created date as the first stage if needed. */
function dateStages(table: Table, spec: FunnelSpec, reasons: Reason[], guess: ShapeGuess): void {
  const { template, slots } = bestValueTemplate(guess.stageDates.map((d) => d.stage));
  const order = guess.stageDates
    .map((d, i) => ({
      ...d,
      slot: slots[i] >= 0 ? slots[i] : matchName(d.stage, WON_NAMES) ? 99 : 50 + i,
    }))
    .sort((a, b) => a.slot - b.slot);
  spec.template = template?.id ?? 'custom';
  const minSlot = Math.min(...order.map((d) => d.slot));
  if (spec.created && template && minSlot > 0) {
    const first = template.stages[0];
    const label = looksChinese([spec.created]) ? first.zh : first.en;
    addStage(spec, first.id, { label, source: { kind: 'column', column: spec.created } });
    reasons.push({ key: 'map.reason.createdStage', params: { column: spec.created, label } });
  }
  for (const d of order) {
    const id = template && d.slot < template.stages.length ? template.stages[d.slot].id : d.stage;
    addStage(spec, id, { label: d.stage, source: { kind: 'column', column: d.column } });
    reasons.push({ key: 'map.reason.stageDate', params: { label: d.stage, column: d.column } });
  }
  if (guess.stageColumn) {
    const col = column(table, guess.stageColumn) as TextColumn;
    const values = usedValues(col);
    if (
      !spec.statusColumn &&
      values.some((v) => matchName(v, LOST_NAMES) || matchName(v, WON_NAMES))
    )
      spec.statusColumn = col.name;
  }
}

/** The status column and which of its values mean lost and won. */
function outcomes(table: Table, spec: FunnelSpec, reasons: Reason[]): void {
  if (!spec.statusColumn) return;
  const col = column(table, spec.statusColumn) as TextColumn;
  const values = usedValues(col);
  spec.lostValues = values.filter((v) => matchName(v, LOST_NAMES));
  spec.wonValues = values.filter((v) => matchName(v, WON_NAMES));
  if (spec.lostValues.length)
    reasons.push({
      key: 'map.reason.lost',
      params: { column: col.name, values: spec.lostValues.join(', ') },
    });
  if (spec.wonValues.length)
    reasons.push({
      key: 'map.reason.won',
      params: { column: col.name, values: spec.wonValues.join(', ') },
    });
}

/**
 * Stage win probabilities: the template's usual ones, replaced by the median of the probability
 * column over the open records at each stage when the export has one. Editable afterwards.
 */
function stageProbabilities(table: Table, spec: FunnelSpec, reasons: Reason[]): void {
  const template = VALUE_TEMPLATES.find((t) => t.id === spec.template);
  for (const s of spec.stages)
    s.probability = template?.stages.find((t) => t.id === s.id)?.probability ?? null;
  const built = spec.probability ? recordModel(table, spec) : null;
  if (built?.ok) {
    const { level, outcome, probability } = built.model;
    const lists: number[][] = spec.stages.map(() => []);
    for (let i = 0; i < level.length; i++)
      if (level[i] >= 0 && outcome[i] === OPEN && !Number.isNaN(probability[i]))
        lists[level[i]].push(probability[i]);
    spec.stages.forEach((s, j) => {
      // Rounded so 70 % reads 0.7, not 0.7000000000000001, in the editor.
      const m = lists[j].length ? summariseDays(lists[j]).median! : null;
      if (m !== null) s.probability = Math.round(Math.min(1, Math.max(0, m)) * 1e4) / 1e4;
    });
    reasons.push({ key: 'map.reason.probabilityMedians', params: { column: spec.probability! } });
  } else if (spec.stages.some((s) => s.probability != null)) {
    reasons.push({ key: 'map.reason.probabilityDefaults', params: {} });
  }
}

/**
 * A spec for the table, with the reason for each choice.
 *
 * @example
 * recogniseSpec(fromArrays({ 展现量: [100], 点击量: [3], 点击率: [0.03] })).spec.stages.map((s) => s.label)
 * // ['展现量', '点击量']  (点击率 is a rate, never a stage)
 */
export function recogniseSpec(table: Table): Recognition {
  const guess = detectShape(table);
  const spec = emptySpec(guess.shape);
  const reasons: Reason[] = [guess.reason];
  const taken = new Set<string>();
  const take = (name: string | null): string | null => {
    if (name) taken.add(name);
    return name;
  };

  if (guess.shape === 'events' && guess.events) {
    const { person, event, time } = guess.events;
    [person, event, time].forEach(take);
    recogniseEvents(table, spec, reasons, guess.events);
  } else if (guess.shape === 'wide') {
    spec.cost = take(findRole(table, 'cost', 'number'));
    spec.revenue = take(findRole(table, 'revenue', 'number', taken));
    wideStages(table, spec, reasons, taken);
    spec.date = take(findDate(table, taken));
  } else if (guess.shape === 'long') {
    spec.countColumn = take(guess.countColumn);
    take(guess.stageColumn);
    spec.cost = take(findRole(table, 'cost', 'number', taken));
    spec.revenue = take(findRole(table, 'revenue', 'number', taken));
    valueStages(table, spec, reasons, guess);
    spec.date = take(findDate(table, taken));
  } else {
    for (const d of guess.stageDates) take(d.column);
    take(guess.stageColumn);
    spec.amount = take(findRole(table, 'amount', 'number', taken));
    spec.probability = take(findRole(table, 'probability', 'number', taken));
    spec.created = take(findRole(table, 'created', 'date', taken));
    spec.closed = take(findRole(table, 'closed', 'date', taken));
    const status = findRole(table, 'status', 'text', taken);
    spec.statusColumn = take(status);
    if (guess.stageDates.length) dateStages(table, spec, reasons, guess);
    else valueStages(table, spec, reasons, guess);
    outcomes(table, spec, reasons);
    stageProbabilities(table, spec, reasons);
    spec.date =
      spec.created ??
      (spec.stages[0]?.source.kind === 'column' ? spec.stages[0].source.column : null) ??
      spec.closed;
  }
  take(spec.statusColumn);
  take(spec.stageColumn);
  spec.hierarchy = findHierarchy(table, taken);
  spec.dimensions =
    spec.shape === 'events'
      ? eventProperties(table, new Set([...taken, ...spec.hierarchy]))
      : findDimensions(table, spec.hierarchy, taken);

  const roles: [string, string | null][] = [
    ['cost', spec.cost],
    ['revenue', spec.revenue],
    ['amount', spec.amount],
    ['probability', spec.probability],
    ['created', spec.created],
    ['closed', spec.closed],
    ['date', spec.date],
    ['count', spec.countColumn],
  ];
  for (const [role, name] of roles)
    if (name) reasons.push({ key: `map.reason.role.${role}`, params: { column: name } });
  if (spec.hierarchy.length)
    reasons.push({ key: 'map.reason.hierarchy', params: { columns: spec.hierarchy.join(' → ') } });
  if (spec.dimensions.length)
    reasons.push({ key: 'map.reason.dimensions', params: { columns: spec.dimensions.join(', ') } });
  if (!spec.stages.length) reasons.push({ key: 'map.reason.nothing', params: {} });
  return { spec, reasons };
}
