/**
 * The shape of the decide plans as a workspace revision and a share keep them, and the strict
 * check they come back through. A workspace record carries its plans as plain data
 * (`schema.ts`); the plans' owner restores them through `readPlans`, which refuses damaged or
 * unknown data whole.
 *
 * Like the spec and report checks, each check is typed against its interface key by key
 * (`ShapeOf`): a field added to the plans does not compile until it is checked here too.
 */
import type { SplitMethod } from '../core/decide/decompose';
import type { RateEdit, ScenarioDraft } from '../core/decide/scenario';
import type { TargetInput } from '../core/decide/targets';
import { arr, dict, nullable, num, obj, oneOf, str, unique, validate, type Check } from './check';
import type { ShapeOf } from './schema';

export const PLANS_VERSION = 1;
/** Side by side with the baseline, more than four stops being readable. */
export const MAX_COMPARED = 4;

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

/** Every dataset's plans, by dataset id. */
export interface PlansData {
  version: typeof PLANS_VERSION;
  datasets: Record<string, DatasetPlans>;
}

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
} satisfies ShapeOf<ScenarioDraft>;
const goal: Check<PlanGoal> = (v, path) =>
  (v as { kind?: unknown } | null)?.kind === 'revenue'
    ? obj({ kind: oneOf('revenue'), revenue: num })(v, path)
    : obj({ kind: oneOf('stage'), stage: text, count: num })(v, path);
const datasetPlans: Check<DatasetPlans> = obj({
  targets: dict(obj({ kind: oneOf('counts', 'rates'), values: dict(num, 200) }), 500, 2_000),
  draft: nullable(obj(draftShape)),
  // the scenario lists are keyed by id: an id twice would break them on every load
  scenarios: unique(
    arr(obj({ id: str(100), ...draftShape } satisfies ShapeOf<SavedScenario>), 200),
    (s) => s.id,
  ),
  compare: unique(arr(str(100), MAX_COMPARED)),
  goal: nullable(goal),
  split: nullable(
    obj({
      field: text,
      stage: text,
      method: oneOf('share', 'equal', 'weights'),
      weights: dict(num, 10_000),
      total: maybeNum,
    } satisfies ShapeOf<SplitSettings>),
  ),
  plannedTop: maybeNum,
} satisfies ShapeOf<DatasetPlans>);
const plansCheck: Check<PlansData> = obj({
  version: oneOf(PLANS_VERSION),
  datasets: dict(datasetPlans, 1_000),
} satisfies ShapeOf<PlansData>);

/**
 * Saved plans, checked: a fresh copy, or why they cannot be read (nothing of them is used then).
 *
 * @example
 * readPlans({ version: 1, datasets: {} }) // { ok: true, value: { version: 1, datasets: {} } }
 * readPlans({ version: 9, datasets: {} }) // { ok: false, reason: '.version: not one of 1' }
 */
export function readPlans(
  data: unknown,
): { ok: true; value: PlansData } | { ok: false; reason: string } {
  const checked = validate(plansCheck, data);
  return checked.ok
    ? { ok: true, value: checked.value }
    : { ok: false, reason: checked.error.message };
}
