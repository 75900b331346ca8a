/**
 * Stalled deals (停滞商机): open records that have sat in their current stage far longer than
 * records usually do. "Usually" is measured from the data: for each stage, the days from entering
 * it to entering the next stage reached, over the records that moved on; a record is stalled when
 * its days in the stage, counted to the as-of day, exceed that stage's 90th percentile.
 * Needs a date per stage; with a current-stage column only, nothing says how long a deal has sat.
 */
import { summariseDays } from '../engine/pipeline';
import { OPEN, type RecordModel } from '../engine/records';
import type { Table, TextColumn } from '../table/table';

export interface StallLine {
  /** Records that moved on from the stage (the sample the line comes from). */
  moved: number;
  /** The 90th percentile of their days in the stage; null when too few moved on. */
  p90: number | null;
}

/**
 * Each stage's stall line over the rows (null = all). A stage with fewer than `minMoved`
 * records that moved on gets no line: a percentile of three numbers says nothing.
 *
 * @example
 * // stage 0 → next in 2, 4, 6, 8 and 10 days; stage 1 never left
 * stallLines(model, null) // [{ moved: 5, p90: 9.2 }, { moved: 0, p90: null }, …]
 */
export function stallLines(
  model: RecordModel,
  rows: Uint32Array | null,
  minMoved = 5,
): StallLine[] {
  const k = model.stageCount;
  const spans: number[][] = Array.from({ length: k }, () => []);
  const { entered, flags } = model;
  if (!entered || !flags) return spans.map(() => ({ moved: 0, p90: null }));
  const count = rows ? rows.length : model.level.length;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    // Walk down from the last stage, remembering when the record entered the next one it reached.
    let next = NaN;
    for (let j = k - 1; j >= 0; j--) {
      if (!flags[j][i]) continue;
      const days = entered[j];
      const here = days ? days[i] : NaN;
      if (!Number.isNaN(here) && !Number.isNaN(next)) spans[j].push(next - here);
      next = here;
    }
  }
  return spans.map((s) => {
    const moved = s.length;
    return { moved, p90: moved >= minMoved ? summariseDays(s).p90 : null };
  });
}

/**
 * The day stall days are counted to: the data's last day, or today when the data is current
 * (its last day within `fresh` days before today). An old export is read as of its own end, so
 * a deal does not look stalled only because the file is old.
 *
 * @example
 * asOfDay(20300, 20302) // 20302 (a current export: counted to today)
 * asOfDay(20000, 20302) // 20000 (an old one: counted to its last day)
 */
export function asOfDay(last: number, today: number | null, fresh = 7): number {
  return today !== null && today >= last && today - last <= fresh ? today : last;
}

export interface StalledDeal {
  /** The record's row in the table. */
  row: number;
  /** Its current (highest) stage. */
  stage: number;
  /** The day it entered that stage. */
  since: number;
  /** Days in the stage up to the as-of day. */
  days: number;
  /** The stage's stall line (its p90). */
  line: number;
  /** days − line: how long it is over. */
  over: number;
}

/**
 * The open records among `rows` stalled against `lines`, longest over first (then by row).
 *
 * @example
 * // line of stage 1: 9.2 days; an open deal entered stage 1 on day 100; as of day 120
 * stalledDeals(model, null, lines, 120) // [{ row, stage: 1, since: 100, days: 20, line: 9.2, over: 10.8 }]
 */
export function stalledDeals(
  model: RecordModel,
  rows: Uint32Array | null,
  lines: readonly StallLine[],
  asOf: number,
): StalledDeal[] {
  const out: StalledDeal[] = [];
  if (!model.entered) return out;
  const count = rows ? rows.length : model.level.length;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    const l = model.level[i];
    if (model.outcome[i] !== OPEN || l < 0) continue;
    const line = lines[l]?.p90;
    const days = model.entered[l];
    if (line === null || line === undefined || !days) continue;
    const since = days[i];
    if (Number.isNaN(since)) continue;
    const stay = asOf - since;
    if (stay > line) out.push({ row: i, stage: l, since, days: stay, line, over: stay - line });
  }
  return out.sort((a, b) => b.over - a.over || a.row - b.row);
}

/** All values of a text column distinct and filled in: it can name each row. */
function namesEveryRow(c: TextColumn, rowCount: number): boolean {
  if (c.dict.length - 1 !== rowCount) return false;
  const seen = new Uint8Array(c.dict.length);
  for (let i = 0; i < rowCount; i++) {
    const code = c.codes[i];
    if (code === 0 || seen[code]) return false;
    seen[code] = 1;
  }
  return true;
}

const ID_HEADER = /(^id$|\bid\b|编号|单号|号码|代码)/i;

/**
 * The column that names each record (商机编号, Opportunity ID, Deal ID …): a text column whose
 * values are all distinct and filled in, preferring one typed or named as an id. Null when no
 * column does (the stalled list then names records by their line in the file).
 *
 * @example
 * recordIdColumn(fromArrays({ 商机编号: ['D1', 'D2'], 负责人: ['张伟', '张伟'] })) // '商机编号'
 */
export function recordIdColumn(table: Table): string | null {
  const unique = table.columns.filter(
    (c): c is TextColumn => c.kind === 'text' && namesEveryRow(c, table.rowCount),
  );
  const best =
    unique.find((c) => c.type === 'id') ?? unique.find((c) => ID_HEADER.test(c.name)) ?? unique[0];
  return best?.name ?? null;
}

/**
 * How many of the deals fall to each value of a text column (each salesperson's stalled deals).
 *
 * @example
 * stalledBy([{ row: 0, … }, { row: 2, … }], owner) // Map { '王强' → 2 } when both are 王强's
 */
export function stalledBy(deals: readonly StalledDeal[], col: TextColumn): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of deals) {
    const name = col.dict[col.codes[d.row]];
    out.set(name, (out.get(name) ?? 0) + 1);
  }
  return out;
}
