/**
 * The decide plans of each dataset: target funnels (per period and slice), the what-if draft and
 * the named scenarios, which scenarios are being compared, the reverse-funnel goal and the
 * target split. Plain, serialisable records keyed by stage id (a renamed or reordered stage
 * keeps its numbers); `toJSON()` gives them to persistence and share links, `restore()` takes
 * them back through the strict check of `persist/plans-schema` and changes nothing when it fails.
 */
import { dataCopy, dataRecord, own } from '../core/table/own';
import type { ScenarioDraft } from '../core/decide/scenario';
import type { TargetInput } from '../core/decide/targets';
import {
  MAX_COMPARED,
  PLANS_VERSION,
  readPlans,
  type DatasetPlans,
  type PlanGoal,
  type PlansData,
  type SavedScenario,
  type SplitSettings,
} from '../persist/plans-schema';
import { newId } from './workspace.svelte';

// What the decide screens name (they may not import persist): the shapes and the limit.
export type { ScenarioDraft };
export { MAX_COMPARED, type PlanGoal, type SavedScenario, type SplitSettings };

export type NameProblem = 'empty' | 'taken';

function emptyPlans(): DatasetPlans {
  return {
    targets: dataRecord(),
    draft: null,
    scenarios: [],
    compare: [],
    goal: null,
    split: null,
    plannedTop: null,
  };
}

export class Plans {
  #data = $state.raw<Record<string, DatasetPlans>>({});

  /** The plans of one dataset (empty ones when it has none yet). */
  of(datasetId: string): DatasetPlans {
    return own(this.#data, datasetId) ?? emptyPlans();
  }

  #update(datasetId: string, change: (p: DatasetPlans) => Partial<DatasetPlans>): void {
    const now = this.of(datasetId);
    this.#data = { ...this.#data, [datasetId]: { ...now, ...change(now) } };
  }

  // --- targets ---

  target(datasetId: string, key: string): TargetInput | null {
    return own(this.of(datasetId).targets, key) ?? null;
  }

  /** Set or (with null) clear the target funnel for one period and slice. */
  setTarget(datasetId: string, key: string, target: TargetInput | null): void {
    this.#update(datasetId, (p) => {
      const targets = dataCopy(p.targets);
      if (target) targets[key] = { kind: target.kind, values: dataCopy(target.values) };
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
      split: split && { ...split, weights: dataCopy(split.weights) },
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
    const checked = readPlans(data);
    if (!checked.ok) return checked;
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
    rates: dataCopy(d.rates),
  };
}
