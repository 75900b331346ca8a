/**
 * Skipped steps, made concrete (DOMAIN.md §8): for each middle step, the counted people who
 * reached the step before it and did no event of it within their window, and how many of them
 * still did the next step (静默下单: ordered without consulting). 静默转化率 = silent ÷ those
 * without the step, beside the step rate of those who did it.
 */
import type { EventIndex, EventRule } from './events-model';
import type { EventRun } from './events-funnel';
import { ratio } from './funnel';

export interface SkippedStep {
  /** The step skipped (0-based; every step but the first and the last). */
  step: number;
  /** Counted people who reached the step before and did no event of this step in their window. */
  without: number;
  /** Of them, those who did the next step after the step before, within the window. */
  silent: number;
  /** silent ÷ without (静默转化率); null when nobody is without the step. */
  silentRate: number | null;
  /** Of those without the step, those who did the last step after the step before, in the window. */
  silentToLast: number;
  /** The next step ÷ this step among those who did this step in order. */
  withRate: number | null;
}

/**
 * Skipped-step figures over the counted people; `selection` is the rows the run was made from
 * (the view's filters; null = all), so only those events are looked at.
 *
 * @example
 * // steps 访问 / 咨询 / 下单; c: 访问 10:00, 下单 10:30 (never 咨询); d: 访问 11:00 only
 * skippedSteps(index, codes, rule, run, people, null)
 * // [{ step: 1, without: 2, silent: 1, silentRate: 0.5, withRate: … }]
 */
export function skippedSteps(
  index: EventIndex,
  events: ArrayLike<number>,
  rule: EventRule,
  run: EventRun,
  people: Int32Array,
  selection: Uint32Array | null,
): SkippedStep[] {
  const n = run.steps;
  let keep: Uint8Array | null = null;
  if (selection) {
    keep = new Uint8Array(index.rowCount);
    for (let j = 0; j < selection.length; j++) keep[selection[j]] = 1;
  }
  const out: SkippedStep[] = [];
  for (let step = 1; step < n - 1; step++) {
    let without = 0;
    let silent = 0;
    let did = 0;
    let went = 0;
    let toLast = 0;
    const bit = 1 << step;
    const next = 1 << (step + 1);
    const last = 1 << (n - 1);
    for (let j = 0; j < people.length; j++) {
      const p = people[j];
      const reached = run.reached[p];
      if (reached >= step) did++;
      if (reached >= step + 1) went++;
      if (reached !== step - 1) continue;
      const entry = run.entryTime[p];
      const deadline = entry + rule.window;
      const after = entry + run.offsets[p * n + step - 1];
      let has = false;
      let then = false;
      let end = false;
      for (let pos = index.start[p]; pos < index.end[p] && !has; pos++) {
        const t = index.time[pos];
        if (t < entry) continue;
        if (t > deadline) break;
        const row = index.order ? index.order[pos] : pos;
        if (keep && keep[row] === 0) continue;
        const mask = rule.stepMask[events[row]];
        if (mask & bit) has = true;
        else if (t >= after) {
          if (mask & next) then = true;
          if (mask & last) end = true;
        }
      }
      if (has) continue;
      without++;
      if (then) silent++;
      if (end) toLast++;
    }
    out.push({
      step,
      without,
      silent,
      silentRate: ratio(silent, without),
      silentToLast: toLast,
      withRate: ratio(went, did),
    });
  }
  return out;
}
