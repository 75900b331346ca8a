/**
 * The decide plans of each dataset: target funnels (per period and slice), the what-if draft and
 * the named scenarios, which scenarios are being compared, the reverse-funnel goal and the
 * target split. Plain, serialisable records keyed by stage id (a renamed or reordered stage
 * keeps its numbers); `toJSON()` gives them to persistence and share links, `restore()` takes
 * them back through a strict check and changes nothing when the check fails.
 */
import { noEdits, type RateEdit, type ScenarioEdits } from '../core/decide/scenario';
import type { SplitMethod } from '../core/decide/decompose';
import type { Clause } from '../core/engine/slice';
import type { TargetInput } from '../core/decide/targets';
import { arr, dict, nullable, num, obj, oneOf, str, validate, type Check } from '../persist/check';
import { newId } from './workspace.svelte';

export const PLANS_VERSION = 1;
/** Side by side with the baseline, more than four stops being readable. */
export const MAX_COMPARED = 4;

/** A scenario's changes, with rate changes keyed by the id of the stage the step leads into. */
export interface ScenarioDraft {
  name: string;
  top: number | null;
  budget: number | null;
  costPerUnit: number | null;
  averageValue: number | null;
  rates: Record<string, RateEdit>;
}

export interface SavedScenario extends ScenarioDraft {
  id: string;
}

export type PlanGoal =
  { kind: 'stage'; stage: string; count: number } | { kind: 'revenue'; revenue: number };

export interface SplitSettings {
  field: string;
  /** Id of the stage the total is set at. */
  stage: string;
  method: SplitMethod;
  /** Typed weights by segment value. */
  weights: Record<string, number>;
  total: number | null;
}

export interface DatasetPlans {
  /** Target funnels by `targetKey` (the period and slice they are for). */
  targets: Record<string, TargetInput>;
  draft: ScenarioDraft | null;
  scenarios: SavedScenario[];
  /** Ids of the scenarios compared with the baseline. */
  compare: string[];
  goal: PlanGoal | null;
  split: SplitSettings | null;
  /** Planned top volume for the forecasts. */
  plannedTop: number | null;
}

export interface PlansData {
  version: typeof PLANS_VERSION;
  datasets: Record<string, DatasetPlans>;
}

export type NameProblem = 'empty' | 'taken';

const text = str(500);
const maybeNum = nullable(num);
const rateEdit: Check<RateEdit> = (v, path) =>
  (v as { kind?: unknown } | null)?.kind === 'relative'
    ? obj({ kind: oneOf('relative'), change: num })(v, path)
    : obj({ kind: oneOf('absolute'), rate: num })(v, path);
const draftShape = {
  name: text,
  top: maybeNum,
  budget: maybeNum,
  costPerUnit: maybeNum,
  averageValue: maybeNum,
  rates: dict(rateEdit, 200),
};
const goal: Check<PlanGoal> = (v, path) =>
  (v as { kind?: unknown } | null)?.kind === 'revenue'
    ? obj({ kind: oneOf('revenue'), revenue: num })(v, path)
    : obj({ kind: oneOf('stage'), stage: text, count: num })(v, path);
const datasetPlans: Check<DatasetPlans> = obj({
  targets: dict(obj({ kind: oneOf('counts', 'rates'), values: dict(num, 200) }), 500, 2_000),
  draft: nullable(obj(draftShape)),
  scenarios: arr(obj({ id: str(100), ...draftShape }), 200),
  compare: arr(str(100), MAX_COMPARED),
  goal: nullable(goal),
  split: nullable(
    obj({
      field: text,
      stage: text,
      method: oneOf('share', 'equal', 'weights'),
      weights: dict(num, 10_000),
      total: maybeNum,
    }),
  ),
  plannedTop: maybeNum,
});
const plansCheck: Check<PlansData> = obj({
  version: oneOf(PLANS_VERSION),
  datasets: dict(datasetPlans, 1_000),
});

function emptyPlans(): DatasetPlans {
  return {
    targets: {},
    draft: null,
    scenarios: [],
    compare: [],
    goal: null,
    split: null,
    plannedTop: null,
  };
}

/**
 * A scenario's changes in stage order, ready for `runScenario`.
 *
 * @example
 * editsOf({ …, rates: { clicks: { kind: 'relative', change: 0.1 } } }, ['impressions', 'clicks'])
 * // rates [null, { kind: 'relative', change: 0.1 }]
 */
export function editsOf(draft: ScenarioDraft | null, stageIds: readonly string[]): ScenarioEdits {
  if (!draft) return noEdits();
  return {
    top: draft.top,
    budget: draft.budget,
    costPerUnit: draft.costPerUnit,
    averageValue: draft.averageValue,
    rates: stageIds.map((id, k) => (k === 0 ? null : (draft.rates[id] ?? null))),
  };
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

export class Plans {
  #data = $state.raw<Record<string, DatasetPlans>>({});

  /** The plans of one dataset (empty ones when it has none yet). */
  of(datasetId: string): DatasetPlans {
    return this.#data[datasetId] ?? emptyPlans();
  }

  #update(datasetId: string, change: (p: DatasetPlans) => Partial<DatasetPlans>): void {
    const now = this.of(datasetId);
    this.#data = { ...this.#data, [datasetId]: { ...now, ...change(now) } };
  }

  // --- targets ---

  target(datasetId: string, key: string): TargetInput | null {
    return this.of(datasetId).targets[key] ?? null;
  }

  /** Set or (with null) clear the target funnel for one period and slice. */
  setTarget(datasetId: string, key: string, target: TargetInput | null): void {
    this.#update(datasetId, (p) => {
      const targets = { ...p.targets };
      if (target) targets[key] = { kind: target.kind, values: { ...target.values } };
      else delete targets[key];
      return { targets };
    });
  }

  // --- the what-if draft and saved scenarios ---

  setDraft(datasetId: string, draft: ScenarioDraft | null): void {
    this.#update(datasetId, () => ({ draft: draft && copyDraft(draft) }));
  }

  /** Why `name` cannot name a scenario (other than `exceptId`), or null when it can. */
  nameProblem(datasetId: string, name: string, exceptId?: string): NameProblem | null {
    const clean = name.trim();
    if (!clean) return 'empty';
    const taken = this.of(datasetId).scenarios.some((s) => s.name === clean && s.id !== exceptId);
    return taken ? 'taken' : null;
  }

  /** Save a draft as a new named scenario; its id, or the reason the name cannot be used. */
  save(
    datasetId: string,
    draft: ScenarioDraft,
  ): { ok: true; id: string } | { ok: false; problem: NameProblem } {
    const problem = this.nameProblem(datasetId, draft.name);
    if (problem) return { ok: false, problem };
    const id = newId('scn');
    const saved: SavedScenario = { ...copyDraft(draft), name: draft.name.trim(), id };
    this.#update(datasetId, (p) => ({ scenarios: [...p.scenarios, saved] }));
    return { ok: true, id };
  }

  /** Overwrite a saved scenario's changes, keeping its name. */
  overwrite(datasetId: string, id: string, draft: ScenarioDraft): void {
    this.#update(datasetId, (p) => ({
      scenarios: p.scenarios.map((s) =>
        s.id === id ? { ...copyDraft(draft), name: s.name, id } : s,
      ),
    }));
  }

  duplicate(
    datasetId: string,
    id: string,
    name: string,
  ): { ok: true; id: string } | { ok: false; problem: NameProblem } {
    const source = this.of(datasetId).scenarios.find((s) => s.id === id);
    if (!source) return { ok: false, problem: 'empty' };
    return this.save(datasetId, { ...source, name });
  }

  rename(datasetId: string, id: string, name: string): NameProblem | null {
    const problem = this.nameProblem(datasetId, name, id);
    if (problem) return problem;
    this.#update(datasetId, (p) => ({
      scenarios: p.scenarios.map((s) => (s.id === id ? { ...s, name: name.trim() } : s)),
    }));
    return null;
  }

  remove(datasetId: string, id: string): void {
    this.#update(datasetId, (p) => ({
      scenarios: p.scenarios.filter((s) => s.id !== id),
      compare: p.compare.filter((c) => c !== id),
    }));
  }

  /** Add a scenario to the comparison or take it out; at most four are compared. */
  toggleCompared(datasetId: string, id: string): void {
    this.#update(datasetId, (p) => {
      if (p.compare.includes(id)) return { compare: p.compare.filter((c) => c !== id) };
      if (p.compare.length >= MAX_COMPARED || !p.scenarios.some((s) => s.id === id)) return {};
      return { compare: [...p.compare, id] };
    });
  }

  // --- plan settings ---

  setGoal(datasetId: string, g: PlanGoal | null): void {
    this.#update(datasetId, () => ({ goal: g && { ...g } }));
  }

  setSplit(datasetId: string, split: SplitSettings | null): void {
    this.#update(datasetId, () => ({
      split: split && { ...split, weights: { ...split.weights } },
    }));
  }

  setPlannedTop(datasetId: string, value: number | null): void {
    this.#update(datasetId, () => ({ plannedTop: value }));
  }

  // --- persistence ---

  /** Everything, as plain data with a schema version. */
  toJSON(): PlansData {
    return { version: PLANS_VERSION, datasets: this.#data };
  }

  /**
   * Replace everything with saved plans. Damaged or unknown data is refused whole and nothing
   * changes; the reason is returned so the caller can say it. `null` (nothing saved) clears.
   */
  restore(data: unknown): { ok: true } | { ok: false; reason: string } {
    if (data === null || data === undefined) {
      this.#data = {};
      return { ok: true };
    }
    const checked = validate(plansCheck, data);
    if (!checked.ok) return { ok: false, reason: checked.error.message };
    this.#data = checked.value.datasets;
    return { ok: true };
  }
}

function copyDraft(d: ScenarioDraft): ScenarioDraft {
  return {
    name: d.name,
    top: d.top,
    budget: d.budget,
    costPerUnit: d.costPerUnit,
    averageValue: d.averageValue,
    rates: { ...d.rates },
  };
}

export const plans = new Plans();
