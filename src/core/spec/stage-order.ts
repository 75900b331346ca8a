/**
 * The order of a funnel's stages when they are names (values of a stage column, or the stages
 * of date columns), from evidence rather than a word list alone (issue 14):
 *
 * 1. A long table that lists its stages in one order in every block (a weekly stage, count
 *    report) was written in funnel order by a person or a report: that order is kept as it is,
 *    even against a known vocabulary (a company renames and reorders its CRM's stages; it does
 *    not type its own report out of order). A row order that is just the names sorted
 *    alphabetically, against the vocabulary, is an export sorted by name: not written.
 * 2. Known vocabularies (Salesforce, Zoho, HubSpot, Pipedrive, 纷享销客, 销售易, our domain's
 *    words, the generic pipeline …) order the names they know. A CRM's default stages are a
 *    fixed order; evidence from the data (probabilities edited per deal, a stage added last
 *    year showing up late) is noisier, so where it disagrees about known names, the vocabulary
 *    wins and the evidence only places the names no vocabulary knows.
 * 3. For unknown names, the first evidence that covers every name, in the order the caller
 *    gives (stage dates, probability, the table's row order, first appearance over time, …).
 *    When that evidence agrees with the vocabulary about the known names, it orders them all.
 *
 * Won values always go last; lost and paused values never reach this (outcomes.ts).
 */
import { VALUE_TEMPLATES, stageIndex, type FunnelTemplate } from './templates';

/** The rules that can decide an order; each has a name in the Mapping tab. */
export type OrderRule =
  | 'vocabulary'
  | 'written'
  | 'stageDates'
  | 'probability'
  | 'rowOrder'
  | 'firstSeen'
  | 'firstRow'
  | 'size';

/** One kind of evidence: a sort key per name (smaller first); names it cannot place are absent. */
export interface Evidence {
  rule: OrderRule;
  key: Map<string, number>;
  /** Written order only: the names are simply sorted alphabetically (an export sorted by name). */
  sorted?: boolean;
}

export interface StageOrder {
  ordered: string[];
  /** The vocabulary that knew most of the names (null when none knew any). */
  template: FunnelTemplate | null;
  /** The rule that decided the order of the names the vocabulary did not know (or of all). */
  decided: OrderRule;
  /** The evidence that placed unknown names, when it was not the one that decided. */
  placedBy: OrderRule | null;
  /** True when the evidence contradicted the vocabulary about names both could place. */
  disagreed: boolean;
}

/**
 * Where each name sits in the vocabularies, as a share of the way through its funnel (0 = the
 * first stage, 1 = the last): the best template's slot for the names it knows, else the slot of
 * the first other template that knows the name (Zoho's stages and Pipedrive's "Prospect" in one
 * export still fall in line).
 */
export function vocabularyPlaces(names: readonly string[]): {
  template: FunnelTemplate | null;
  place: Map<string, number>;
} {
  let best: FunnelTemplate | null = null;
  let bestScore = 0;
  for (const t of VALUE_TEMPLATES) {
    const score = names.filter((v) => stageIndex(t, v) >= 0).length;
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  const place = new Map<string, number>();
  for (const v of names) {
    const own = best ? stageIndex(best, v) : -1;
    if (own >= 0) {
      place.set(v, own / Math.max(1, best!.stages.length - 1));
      continue;
    }
    for (const t of VALUE_TEMPLATES) {
      const slot = stageIndex(t, v);
      // A hair after the best template's name at the same share: its own names lead.
      if (slot >= 0) {
        place.set(v, slot / Math.max(1, t.stages.length - 1) + 1e-6);
        break;
      }
    }
  }
  return { template: best, place };
}

/** True when sorting `names` by `a` never puts two of them the other way round from `b`. */
function agrees(names: readonly string[], a: Map<string, number>, b: Map<string, number>): boolean {
  const sorted = [...names].sort((x, y) => a.get(x)! - a.get(y)! || b.get(x)! - b.get(y)!);
  for (let i = 1; i < sorted.length; i++)
    if (b.get(sorted[i])! < b.get(sorted[i - 1])!) return false;
  return true;
}

/**
 * Order stage names by the rules above.
 *
 * @param names the step names (no lost or paused values), in any order
 * @param evidence the file's evidence, most trusted first
 * @param written the row order of a long table that lists its stages the same way in every
 *   block (see `writtenOrder`), or null
 * @param isWon whether a name means won (goes last)
 *
 * @example
 * // a Zoho export: known names in Zoho's order, "Prospect" (the generic pipeline's first stage)
 * // before them, "Site visit" (no vocabulary) placed by the median probability of its deals
 * orderStages(['Needs Analysis', 'Site visit', 'Prospect', 'Qualification'],
 *   [{ rule: 'probability', key: new Map([['Needs Analysis', 0.2], ['Site visit', 0.3],
 *     ['Prospect', 0.05], ['Qualification', 0.1]]) }], null, () => false).ordered
 * // ['Prospect', 'Qualification', 'Needs Analysis', 'Site visit']
 */
export function orderStages(
  names: readonly string[],
  evidence: readonly Evidence[],
  written: Evidence | null,
  isWon: (name: string) => boolean,
): StageOrder {
  const { template, place } = vocabularyPlaces(names);
  const steps = names.filter((v) => !isWon(v));
  const won = names.filter((v) => isWon(v));
  // Won names among themselves: by vocabulary, else as given.
  won.sort((a, b) => (place.get(a) ?? 2) - (place.get(b) ?? 2));
  const known = steps.filter((v) => place.has(v));
  const unknown = steps.filter((v) => !place.has(v));
  const covers = (e: Evidence) => steps.every((v) => e.key.has(v));
  const result = (
    ordered: string[],
    decided: OrderRule,
    placedBy: OrderRule | null,
    disagreed: boolean,
  ): StageOrder => ({ ordered: [...ordered, ...won], template, decided, placedBy, disagreed });

  if (written && covers(written)) {
    const byRows = [...steps].sort((a, b) => written.key.get(a)! - written.key.get(b)!);
    const disagreed = known.length > 1 && !agrees(known, written.key, place);
    // Rows sorted by name were not written as a funnel: the vocabulary overrules them.
    if (!(written.sorted && disagreed)) return result(byRows, 'written', null, disagreed);
  }
  const byPlace = [...known].sort((a, b) => place.get(a)! - place.get(b)!);
  const found = evidence.find(covers) ?? null;
  if (unknown.length === 0) {
    const disagreed = found !== null && known.length > 1 && !agrees(known, found.key, place);
    return result(byPlace, 'vocabulary', null, disagreed);
  }
  if (!found) return result([...byPlace, ...unknown], 'vocabulary', null, false);
  const key = found.key;
  const byEvidence = [...steps].sort((a, b) => key.get(a)! - key.get(b)!);
  if (known.length === 0) return result(byEvidence, found.rule, null, false);
  if (agrees(known, key, place) && !(place.get(byPlace[0]) === 0 && byEvidence[0] !== byPlace[0])) {
    // Evidence in step with the vocabulary orders every name: it interleaves the unknown ones
    // where the file says they belong.
    const ordered = [...byEvidence];
    // Equal evidence keys among known names: the vocabulary breaks the tie.
    ordered.sort((a, b) => key.get(a)! - key.get(b)! || (place.get(a) ?? 0) - (place.get(b) ?? 0));
    return result(ordered, found.rule, null, false);
  }
  // Evidence and vocabulary disagree: known names keep the vocabulary's order, and each unknown
  // name goes right after the known name that comes before it in the evidence.
  const out: string[] = [];
  const after = new Map<string | null, string[]>();
  let lastKnown: string | null = null;
  for (const v of byEvidence) {
    if (place.has(v)) lastKnown = v;
    else after.set(lastKnown, [...(after.get(lastKnown) ?? []), v]);
  }
  // Nothing comes before a vocabulary's first stage (Prospecting, 线索): names the evidence puts
  // ahead of it follow it instead.
  const leads = place.get(byPlace[0]) === 0;
  if (!leads) out.push(...(after.get(null) ?? []));
  byPlace.forEach((v, i) => {
    out.push(v);
    if (i === 0 && leads) out.push(...(after.get(null) ?? []));
    out.push(...(after.get(v) ?? []));
  });
  const disagreed = known.length > 1 && !agrees(known, key, place);
  return result(out, 'vocabulary', found.rule, disagreed);
}

/**
 * A long table's written order: each stage's first row, when every block of rows (a block ends
 * where a stage seen in it comes again) lists its stages in that same order, and that order is
 * marked `sorted` when it is simply the names in alphabetical order. Null otherwise.
 *
 * @example
 * // 目标客户, 初步接触, 需求确认 / 目标客户, 初步接触, 需求确认 (two weeks)
 * writtenOrder(['目标客户', '初步接触', '需求确认', '目标客户', '初步接触', '需求确认'])
 * // key: 目标客户 0, 初步接触 1, 需求确认 2
 */
export function writtenOrder(rowValues: readonly (string | null)[]): Evidence | null {
  const first = new Map<string, number>();
  for (const v of rowValues) if (v !== null && !first.has(v)) first.set(v, first.size);
  if (first.size < 2) return null;
  let block = new Set<string>();
  let last = -1;
  for (const v of rowValues) {
    if (v === null) continue;
    if (block.has(v)) {
      block = new Set();
      last = -1;
    }
    const at = first.get(v)!;
    if (at < last) return null;
    block.add(v);
    last = at;
  }
  const names = [...first.keys()];
  const same = (s: string[]) => s.every((v, i) => v === names[i]);
  const sorted =
    same([...names].sort((a, b) => a.localeCompare(b, 'en'))) ||
    same([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  return { rule: 'written', key: first, sorted };
}
