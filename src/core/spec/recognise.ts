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
  VALUE_TEMPLATES,
  WIDE_TEMPLATES,
  findByNames,
  isRateOrAverage,
  isSideCount,
  looksChinese,
  stageIndex,
  type FunnelTemplate,
} from './templates';
import { isLostStageHeader, outcomeOf } from './outcomes';
import {
  orderStages,
  writtenOrder,
  type Evidence,
  type OrderRule,
  type StageOrder,
} from './stage-order';
import {
  dateFill,
  firstRowEvidence,
  firstSeenEvidence,
  probabilityEvidence,
  rowValues,
  sizeEvidence,
  stageDateEvidence,
} from './stage-evidence';
import { quoteColumn } from './formula';
import { MAX_STAGES } from '../table/limits';
import { recogniseEvents } from './events-recognise';
import { eventProperties } from './events-shape';
import { OPEN, key, recordModel } from '../engine/records';
import { summariseDays } from '../engine/pipeline';
import { numberColumn } from '../table/table';

export interface Reason {
  /** i18n key explaining the choice, with its parameters. */
  key: string;
  params: Record<string, string | number>;
  /** The rule that made the choice (`map.rule.<rule>` names it), when recognition knows it. */
  rule?: RecognitionRule;
}

/**
 * The rules recognition decides by: how stages are ordered (stage-order.ts), and the rest:
 * the table's shape, outcome words, stage-date headers, column names, rate and side-measure
 * names, the file's column order, and usual values.
 */
export type RecognitionRule =
  | OrderRule
  | 'shape'
  | 'outcome'
  | 'dateHeader'
  | 'columnName'
  | 'rate'
  | 'sideCount'
  | 'fileOrder'
  | 'default';

/** A reason with the rule that gave it. */
export function because(
  rule: RecognitionRule,
  key: string,
  params: Record<string, string | number>,
): Reason {
  return { key, params, rule };
}

/**
 * The rule behind a reason: its own, else the one its key implies (reasons made elsewhere, such
 * as event-log recognition's, are about the table's shape or its columns' names).
 */
export function ruleOf(reason: Reason): RecognitionRule {
  if (reason.rule) return reason.rule;
  if (/shape|\.long$|\.wide$|record(Stage|Dates)$/u.test(reason.key)) return 'shape';
  // Event steps: a known funnel's event names, else the events most people do, in the order
  // they first do them; the funnel rule and any-of steps are the usual settings.
  if (reason.key === 'events.reason.template' || reason.key === 'events.reason.anyOf')
    return 'vocabulary';
  if (reason.key === 'events.reason.evidence') return 'firstSeen';
  if (reason.key === 'events.reason.rule') return 'default';
  return 'columnName';
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
      reasons.push(because('rate', 'map.reason.notStage', { column: c.name }));
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
  const allCounts = table.columns.filter(
    (c) => c.kind === 'number' && c.type === 'count' && usable.includes(c.name),
  );
  // Reach, Results, Bid, Event count …: counted, but beside the funnel, never one of its steps.
  const side = allCounts.filter((c) => isSideCount(c.name));
  const counts = allCounts.filter((c) => !side.includes(c));
  // Two template names among more count columns (Awareness, Interest, Trial, Buy) is too thin
  // to drop the rest: the user's own ordered list of counts is the better guess. Unless the two
  // are the template's top and one of its results (Impressions and Purchases): that frames the
  // funnel, and the other counts are side measures.
  const framed =
    best !== null &&
    best.picks[0]?.id === best.template.stages[0].id &&
    best.picks.some((p) => best!.template.stages.find((st) => st.id === p.id)?.result);
  const thin =
    best !== null && best.picks.length < 3 && counts.length > best.picks.length && !framed;
  if (best && !thin) {
    spec.template = best.template.id;
    reasons.push(because('vocabulary', 'map.reason.template', { template: best.template.id }));
    for (const p of best.picks) {
      if (p.column) {
        addStage(spec, p.id, { label: p.label, source: { kind: 'column', column: p.column } });
        reasons.push(
          because('vocabulary', 'map.reason.stageColumn', { label: p.label, column: p.column }),
        );
      } else if (p.expr) {
        addStage(spec, p.id, { label: p.label, source: { kind: 'formula', expr: p.expr } });
        reasons.push(because('vocabulary', 'map.reason.derived', { label: p.label, expr: p.expr }));
      }
    }
    return;
  }
  for (const c of side)
    reasons.push(because('sideCount', 'map.reason.sideCount', { column: c.name }));
  if (counts.length >= 2) {
    // A spec holds at most MAX_STAGES stages (the loader refuses more): the first ones in the
    // file's order become stages, and the rest stay columns the mapping can pick from.
    for (const c of counts.slice(0, MAX_STAGES))
      addStage(spec, c.name, { label: c.name, source: { kind: 'column', column: c.name } });
    if (counts.length > MAX_STAGES) {
      reasons.push(
        because('fileOrder', 'map.reason.tooManyStages', {
          count: counts.length,
          limit: MAX_STAGES,
        }),
      );
    }
    reasons.push(
      because('fileOrder', 'map.reason.countColumns', {
        columns: counts.map((c) => c.name).join(', '),
      }),
    );
  }
}

/** How each order rule is told in the Mapping tab. */
const ORDER_KEYS: Record<OrderRule, string> = {
  vocabulary: 'map.reason.orderTemplate',
  written: 'map.reason.orderWritten',
  stageDates: 'map.reason.orderStageDates',
  probability: 'map.reason.orderProbability',
  rowOrder: 'map.reason.orderRowOrder',
  firstSeen: 'map.reason.orderFirstSeen',
  firstRow: 'map.reason.orderAppearance',
  size: 'map.reason.orderSize',
};

/** Say which evidence decided the order, and where it overruled another. */
function explainOrder(order: StageOrder, reasons: Reason[]): void {
  const template = order.template?.id ?? 'custom';
  if (order.decided === 'vocabulary') {
    if (order.template)
      reasons.push(because('vocabulary', 'map.reason.orderTemplate', { template }));
    if (order.placedBy) reasons.push(because(order.placedBy, ORDER_KEYS[order.placedBy], {}));
    if (order.disagreed && order.placedBy)
      reasons.push(
        because('vocabulary', 'map.reason.orderDisagree', { rule: order.placedBy, template }),
      );
    return;
  }
  reasons.push(because(order.decided, ORDER_KEYS[order.decided], { template }));
  if (order.decided === 'written' && order.disagreed)
    reasons.push(because('written', 'map.reason.orderWrittenOverVocabulary', { template }));
  else if (order.template)
    reasons.push(because(order.decided, 'map.reason.orderAgrees', { template }));
}

/** Values of a stage column that are outcomes, reported; the rest are the steps. */
function splitOutcomes(
  values: readonly string[],
  col: string,
  reasons: Reason[],
): { steps: string[]; lost: string[] } {
  const lost = values.filter((v) => outcomeOf(v) === 'lost');
  const paused = values.filter((v) => outcomeOf(v) === 'paused');
  if (paused.length)
    reasons.push(
      because('outcome', 'map.reason.paused', { column: col, values: paused.join(', ') }),
    );
  return { steps: values.filter((v) => !lost.includes(v) && !paused.includes(v)), lost };
}

/** Records with a current-stage column, or long data: stages are values of the stage column. */
function valueStages(table: Table, spec: FunnelSpec, reasons: Reason[], guess: ShapeGuess): void {
  const col = column(table, guess.stageColumn!) as TextColumn;
  spec.stageColumn = col.name;
  const { steps, lost: lostHere } = splitOutcomes(usedValues(col), col.name, reasons);
  const evidence: Evidence[] = [];
  let written: Evidence | null = null;
  if (spec.shape === 'long') {
    const w = spec.countColumn ? numberColumn(table, spec.countColumn)?.values : undefined;
    const rows = rowValues(col).map((v) => (v !== null && steps.includes(v) ? v : null));
    written = writtenOrder(rows);
    evidence.push(firstRowEvidence(col, 'rowOrder'), sizeEvidence(col, w ?? null));
  } else {
    const prob = spec.probability ? numberColumn(table, spec.probability) : undefined;
    if (prob) evidence.push(probabilityEvidence(col, prob.values));
    // A close date is a forecast for open deals: only the created date says when a stage showed up.
    const seen = firstSeenEvidence(table, col, spec.created);
    if (seen) evidence.push(seen);
    evidence.push(firstRowEvidence(col, 'firstRow'));
  }
  const order = orderStages(steps, evidence, written, (v) => outcomeOf(v) === 'won');
  explainOrder(order, reasons);
  const template = order.template;
  spec.template = template?.id ?? 'custom';
  for (const v of order.ordered) {
    const slot = template ? stageIndex(template, v) : -1;
    addStage(spec, slot >= 0 ? template!.stages[slot].id : v, {
      label: v,
      source: { kind: 'value', value: v },
    });
  }
  if (spec.shape === 'records' && lostHere.length && !spec.statusColumn) {
    spec.statusColumn = col.name;
    reasons.push(
      because('outcome', 'map.reason.lostInStage', {
        column: col.name,
        values: lostHere.join(', '),
      }),
    );
  }
}

/** Records with one date column per stage, plus the created date as the first stage if needed. */
function dateStages(table: Table, spec: FunnelSpec, reasons: Reason[], guess: ShapeGuess): void {
  const byStage = new Map(guess.stageDates.map((d) => [d.stage, d.column]));
  const order = orderStages(
    guess.stageDates.map((d) => d.stage),
    [stageDateEvidence(table, guess.stageDates)],
    null,
    (v) => outcomeOf(v) === 'won',
  );
  explainOrder(order, reasons);
  const template = order.template;
  spec.template = template?.id ?? 'custom';
  const slots = order.ordered.map((v) => (template ? stageIndex(template, v) : -1));
  const known = slots.filter((s) => s >= 0);
  if (spec.created && template && known.length && Math.min(...known) > 0 && slots[0] !== -1) {
    const first = template.stages[0];
    const label = looksChinese([spec.created]) ? first.zh : first.en;
    addStage(spec, first.id, { label, source: { kind: 'column', column: spec.created } });
    reasons.push(because('vocabulary', 'map.reason.createdStage', { column: spec.created, label }));
  }
  order.ordered.forEach((stage, i) => {
    const column = byStage.get(stage)!;
    const id = slots[i] >= 0 ? template!.stages[slots[i]].id : stage;
    addStage(spec, id, { label: stage, source: { kind: 'column', column } });
    reasons.push(because('dateHeader', 'map.reason.stageDate', { label: stage, column }));
  });
  // Fewer and fewer records reach each later stage: dates that fill less and less confirm it.
  const fill = dateFill(
    table,
    order.ordered.map((v) => byStage.get(v)!),
  ).map((f) => f.filled);
  const narrowing = fill.every((n, i) => i === 0 || n <= fill[i - 1]);
  reasons.push(
    because('stageDates', narrowing ? 'map.reason.datesConfirm' : 'map.reason.datesUnconfirmed', {
      counts: fill.join(' → '),
    }),
  );
  if (guess.stageColumn) {
    const col = column(table, guess.stageColumn) as TextColumn;
    const values = usedValues(col);
    if (!spec.statusColumn && values.some((v) => outcomeOf(v) === 'lost' || outcomeOf(v) === 'won'))
      spec.statusColumn = col.name;
  }
}

/** The status column and which of its values mean lost and won. */
function outcomes(table: Table, spec: FunnelSpec, reasons: Reason[]): void {
  if (!spec.statusColumn) return;
  const col = column(table, spec.statusColumn) as TextColumn;
  const values = usedValues(col);
  spec.lostValues = values.filter((v) => outcomeOf(v) === 'lost');
  spec.wonValues = values.filter((v) => outcomeOf(v) === 'won');
  if (spec.lostValues.length)
    reasons.push(
      because('outcome', 'map.reason.lost', {
        column: col.name,
        values: spec.lostValues.join(', '),
      }),
    );
  if (spec.wonValues.length)
    reasons.push(
      because('outcome', 'map.reason.won', { column: col.name, values: spec.wonValues.join(', ') }),
    );
}

/**
 * The lost-stage column (丢单阶段, Lost stage): a text column so named whose filled values are
 * mostly the stage names of the file, found only when stages are values of a stage column (with
 * one date per stage, the dates already say how far a lost deal got).
 */
function lostStageColumn(
  table: Table,
  spec: FunnelSpec,
  reasons: Reason[],
  taken: ReadonlySet<string>,
): void {
  if (!spec.statusColumn || !spec.lostValues.length) return;
  const stages = new Set<string>();
  for (const s of spec.stages) if (s.source.kind === 'value') stages.add(key(s.source.value));
  if (!stages.size || stages.size < spec.stages.length) return;
  for (const c of table.columns) {
    if (c.kind !== 'text' || taken.has(c.name) || !isLostStageHeader(c.name)) continue;
    const isStage = c.dict.map((v) => stages.has(key(v)));
    let filled = 0;
    let named = 0;
    for (let i = 0; i < c.codes.length; i++) {
      if (c.codes[i] === 0 || !c.dict[c.codes[i]].trim()) continue;
      filled++;
      if (isStage[c.codes[i]]) named++;
    }
    if (filled > 0 && named * 2 > filled) {
      spec.lostStage = c.name;
      reasons.push(because('columnName', 'map.reason.lostStage', { column: c.name }));
      return;
    }
  }
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
    reasons.push(
      because('probability', 'map.reason.probabilityMedians', { column: spec.probability! }),
    );
  } else if (spec.stages.some((s) => s.probability != null)) {
    reasons.push(because('default', 'map.reason.probabilityDefaults', {}));
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
  const reasons: Reason[] = [{ ...guess.reason, rule: 'shape' }];
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
    lostStageColumn(table, spec, reasons, taken);
    take(spec.lostStage ?? null);
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
    if (name) reasons.push(because('columnName', `map.reason.role.${role}`, { column: name }));
  if (spec.hierarchy.length)
    reasons.push(
      because('columnName', 'map.reason.hierarchy', { columns: spec.hierarchy.join(' → ') }),
    );
  if (spec.dimensions.length)
    reasons.push(
      because('columnName', 'map.reason.dimensions', { columns: spec.dimensions.join(', ') }),
    );
  if (!spec.stages.length) reasons.push(because('shape', 'map.reason.nothing', {}));
  return { spec, reasons };
}
