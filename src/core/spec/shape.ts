/**
 * Which of the four shapes a table has (DOMAIN.md §3 and §8, issues 4 and 12):
 * - wide: one count column per stage (ad and shop reports);
 * - records: one row per lead or opportunity, with a current-stage column or one date column
 *   per stage;
 * - long: one row per (…, stage, count);
 * - events: one row per event, with a person, an event name and a time (events-shape.ts).
 */
import { findEventColumns, type EventColumns } from './events-shape';
import type { FunnelShape } from './spec';
import type { Column, DateColumn, Table, TextColumn } from '../table/table';
import {
  LOST_NAMES,
  PAUSED_NAMES,
  ROLE_NAMES,
  WON_NAMES,
  VALUE_TEMPLATES,
  findByNames,
  matchName,
  normaliseName,
  stageIndex,
} from './templates';
import { outcomeOf } from './outcomes';

export interface ShapeGuess {
  shape: FunnelShape;
  /** records / long: the stage column. Records may also have it beside stage dates (HubSpot). */
  stageColumn: string | null;
  /** long: the count column. */
  countColumn: string | null;
  /** records by dates: the date columns that mark entry into a stage, with their stage names. */
  stageDates: { column: string; stage: string }[];
  /** events: the person, event and time columns. */
  events?: EventColumns;
  /** Why: an i18n key and its parameters. */
  reason: { key: string; params: Record<string, string | number> };
}

/** Distinct values beyond this make a text column a name or id, not a stage column. */
const MAX_STAGE_VALUES = 40;

/** Non-empty values of a text column that at least one row uses. */
export function usedValues(col: TextColumn): string[] {
  const used = new Uint8Array(col.dict.length);
  // Usually every value shows up within the first rows: stop as soon as all have.
  let missing = col.dict.length - 1;
  for (let i = 0; i < col.codes.length && missing > 0; i++) {
    const c = col.codes[i];
    if (used[c] === 0) {
      used[c] = 1;
      if (c > 0) missing--;
    }
  }
  return col.dict.filter((v, code) => code > 0 && used[code] === 1 && v.trim() !== '');
}

/** How many values of a column are known stage, won or lost names. */
function stageLikeValues(values: readonly string[]): number {
  let n = 0;
  for (const v of values) {
    // Listed outcome names only: words inside longer text ("campaign paused; rarely served" in
    // an ad report's status column) do not make a stage column.
    if (
      matchName(v, LOST_NAMES) ||
      matchName(v, WON_NAMES) ||
      matchName(v, PAUSED_NAMES) ||
      VALUE_TEMPLATES.some((t) => stageIndex(t, v) >= 0)
    )
      n++;
  }
  return n;
}

/**
 * The stage column: a text column named like one (阶段, Stage, Deal Stage …), else the text
 * column with few distinct values of which at least two are known stage names.
 */
export function findStageColumn(table: Table): TextColumn | null {
  const texts = table.columns.filter((c): c is TextColumn => c.kind === 'text');
  const named = findByNames(
    texts.map((c) => c.name),
    ROLE_NAMES.stage,
  );
  if (named) return texts.find((c) => c.name === named) ?? null;
  let best: TextColumn | null = null;
  let bestScore = 1;
  for (const c of texts) {
    if (c.dict.length - 1 > MAX_STAGE_VALUES) continue;
    const score = stageLikeValues(usedValues(c));
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** Chinese words around a stage name that make a header its date: 方案提交日期, 进入报价时间. */
const ZH_DATE_BEFORE = /^(进入|到达|达到|开始)/u;
const ZH_DATE_AFTER =
  /(提交日期|提交时间|完成日期|完成时间|达成日期|进入日期|进入时间|开始日期|开始时间|日期|时间|时刻|日)$/u;
/** English words that say "the date it entered", in any order around the stage name. */
const EN_DATE_WORDS = /\b(date|dates|day|entered|enter|reached|reach|time|on|of|at|first)\b/giu;

/**
 * The stage a date column marks, from its header: a stage name plus 日期 / 时间 / 提交日期 /
 * date / entered / reached in any order (`需求确认日期` → `需求确认`, `方案提交日期` → `方案`,
 * `Date entered "Qualified To Buy (Sales Pipeline)"` → `Qualified To Buy`, `Demo reached` →
 * `Demo` when Demo is a stage value of the file). Null when the rest is not a stage name: a
 * vocabulary's, an outcome word, or one of `stageValues` (the stage column's values).
 *
 * @example
 * stageOfDateHeader('方案日期') // '方案'
 * stageOfDateHeader('Close Date') // null
 */
export function stageOfDateHeader(
  header: string,
  stageValues: ReadonlySet<string> = new Set(),
): string | null {
  const clean = header
    .normalize('NFKC')
    .replace(/["'“”‘’]/gu, '')
    .trim()
    .replace(/\s*\([^)]*pipeline[^)]*\)\s*$/iu, '');
  const known = (rest: string): boolean =>
    rest !== '' &&
    (VALUE_TEMPLATES.some((t) => stageIndex(t, rest) >= 0) ||
      outcomeOf(rest) !== null ||
      [...stageValues].some((v) => normaliseName(v) === normaliseName(rest)));
  const candidates = [
    clean.replace(ZH_DATE_BEFORE, '').replace(ZH_DATE_AFTER, '').trim(),
    clean.replace(EN_DATE_WORDS, ' ').replace(/\s+/gu, ' ').trim(),
    clean.replace(/[_-]+/gu, ' ').replace(EN_DATE_WORDS, ' ').replace(/\s+/gu, ' ').trim(),
  ];
  for (const rest of candidates) {
    if (rest === clean || rest.length === 0 || rest.length === clean.length) continue;
    if (known(rest)) return rest;
  }
  return null;
}

function isRole(c: Column, names: readonly string[]): boolean {
  return matchName(c.name, names);
}

/**
 * Guess the shape of a table from its headers and values.
 *
 * @example
 * detectShape(fromArrays({ 日期: [...], 展现量: [...], 点击量: [...] })).shape // 'wide'
 * detectShape(fromArrays({ 商机: [...], 阶段: ['方案', '赢单'], 金额: [...] })).shape // 'records'
 * detectShape(fromArrays({ 日期: [...], 阶段: ['展现', '点击'], 数量: [...] })).shape // 'long'
 * detectShape(fromArrays({ 用户ID: [...], 事件: [...], 时间: [...] }, { 时间: 'date' })).shape // 'events'
 */
export function detectShape(table: Table): ShapeGuess {
  const events = findEventColumns(table);
  if (events) {
    return {
      shape: 'events',
      stageColumn: null,
      countColumn: null,
      stageDates: [],
      events,
      reason: { key: 'events.reason.shape', params: { ...events } },
    };
  }
  const stageCol = findStageColumn(table);
  const recordSignals = table.columns.filter(
    (c) =>
      isRole(c, ROLE_NAMES.amount) ||
      isRole(c, ROLE_NAMES.probability) ||
      isRole(c, ROLE_NAMES.created) ||
      isRole(c, ROLE_NAMES.closed),
  );
  const countCol = table.columns.find(
    (c) => c.kind === 'number' && c.type !== 'percent' && isRole(c, ROLE_NAMES.count),
  );
  const none = { stageColumn: null, countColumn: null, stageDates: [] };

  if (stageCol && countCol && recordSignals.length === 0) {
    return {
      ...none,
      shape: 'long',
      stageColumn: stageCol.name,
      countColumn: countCol.name,
      reason: { key: 'map.reason.long', params: { stage: stageCol.name, count: countCol.name } },
    };
  }

  const stageValues = new Set(stageCol ? usedValues(stageCol) : []);
  const stageDates = table.columns
    .filter((c): c is DateColumn => c.kind === 'date')
    .map((c) => ({ column: c.name, stage: stageOfDateHeader(c.name, stageValues) }))
    .filter((d): d is { column: string; stage: string } => d.stage !== null);
  // Lost is an outcome, not a step: a "Date entered Closed Lost" column is not a stage, and
  // 暂停日期 (on hold) is neither.
  const stepDates = stageDates.filter((d) => {
    const o = outcomeOf(d.stage);
    return o !== 'lost' && o !== 'paused';
  });
  // 成交日期 is a close date on its own, but beside other stage dates it is the won stage's.
  if (stepDates.filter((d) => outcomeOf(d.stage) !== 'won').length >= 2) {
    return {
      ...none,
      shape: 'records',
      stageColumn: stageCol?.name ?? null,
      stageDates: stepDates,
      reason: {
        key: 'map.reason.recordDates',
        params: { count: stepDates.length, columns: stepDates.map((d) => d.column).join(', ') },
      },
    };
  }

  if (stageCol) {
    return {
      ...none,
      shape: 'records',
      stageColumn: stageCol.name,
      reason: { key: 'map.reason.recordStage', params: { column: stageCol.name } },
    };
  }
  return {
    ...none,
    shape: 'wide',
    reason: { key: 'map.reason.wide', params: {} },
  };
}
