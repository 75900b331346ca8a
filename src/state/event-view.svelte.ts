/**
 * What an event funnel adds to the explore view, derived from the same selection every screen
 * reads (`view.funnel`, `view.rows`): the people counted, their time to convert, skipped steps,
 * who dropped off after each step, and which entry periods are still too young to read. Each is
 * computed on first read and again only when the selection or the funnel changes.
 */
import type { CompiledFunnel } from '../core/engine/compile';
import { countedPeople, dropOffIds } from '../core/engine/events-people';
import { skippedSteps, type SkippedStep } from '../core/engine/events-skipped';
import { dayOfMicros, MICROS_PER_SECOND } from '../core/engine/events-time';
import {
  eventTiming,
  timeHistogram,
  type StepTiming,
  type TimeBin,
} from '../core/engine/events-timing';
import type { PeriodTotals } from '../core/engine/trend';

/** The part of the view an event view reads. */
export interface EventSource {
  readonly funnel: CompiledFunnel | null;
  readonly rows: Uint32Array | null;
  readonly periods: PeriodTotals[];
}

/** A period of entries, and whether its people have all had a full window yet. */
export interface EntryPeriod extends PeriodTotals {
  immature: boolean;
}

export class EventView {
  constructor(private readonly view: EventSource) {}

  /** The event funnel's compiled parts, or null when the data is not events. */
  readonly funnel = $derived.by(() => this.view.funnel?.events ?? null);

  /** Indexes of the people the view counts (their counted entry is among its rows). */
  readonly people: Int32Array | null = $derived.by(() => {
    const ev = this.funnel;
    return ev ? countedPeople(ev.run, this.view.rows, ev.index.rowCount) : null;
  });

  /** Median, mean and p90 seconds to each step, from step 1 and from the step before. */
  readonly timing: StepTiming[] | null = $derived.by(() => {
    const ev = this.funnel;
    return ev && this.people ? eventTiming(ev.run, this.people) : null;
  });

  /** Skipped steps: people without a step, and how many still did the next (静默). */
  readonly skipped: SkippedStep[] | null = $derived.by(() => {
    const ev = this.funnel;
    return ev && this.people
      ? skippedSteps(ev.index, ev.codes, ev.rule, ev.run, this.people, ev.selection)
      : null;
  });

  /** The first day (a day number, fractional) from which an entry has not had a full window. */
  readonly immatureFrom: number | null = $derived.by(() => {
    const ev = this.funnel;
    if (!ev || Number.isNaN(ev.index.lastTime)) return null;
    return dayOfMicros(ev.index.lastTime - ev.rule.window);
  });

  /** The conversion window in seconds, or null when the data is not events. */
  readonly windowSeconds: number | null = $derived.by(() => {
    const ev = this.funnel;
    return ev ? ev.rule.window / MICROS_PER_SECOND : null;
  });

  /**
   * The view's periods (by entry day), each marked immature when some of its people entered
   * less than one window before the data's last event: its rate is not final yet.
   */
  readonly periods: EntryPeriod[] = $derived.by(() => {
    const from = this.immatureFrom;
    if (from === null) return [];
    return this.view.periods.map((p) => ({ ...p, immature: p.end > from }));
  });

  /** Seconds from step 1 to step `k`, on log-spaced bins, over the counted people. */
  histogram(k: number): TimeBin[] {
    const ev = this.funnel;
    return ev && this.people ? timeHistogram(ev.run, this.people, k) : [];
  }

  /** Ids of the counted people whose furthest step is `step`, in the order of the data. */
  dropOff(step: number): string[] {
    const ev = this.funnel;
    return ev ? dropOffIds(ev.index, ev.run, this.view.rows, step) : [];
  }
}
