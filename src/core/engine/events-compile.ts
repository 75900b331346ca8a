/**
 * An event spec compiled: the index (per table), the rule (per spec) and a run of the rule over
 * a selection, presented as an ordinary `levels` funnel whose level sits on each counted person's
 * entry row (cumulative: a person who reached step 3 counts at steps 1, 2 and 3). So aggregate,
 * group-by, the daily trend and every comparison read an event funnel by entry, once per person,
 * without knowing it is one.
 */
import type { CompiledFunnel, CompileResult } from './compile';
import { eventIndex, eventRule, type EventIndex, type EventRule } from './events-model';
import { levelsOf, runEventFunnel, type EventRun } from './events-funnel';
import { MICROS_PER_SECOND } from './events-time';
import type { FunnelSpec } from '../spec/spec';
import { textColumn, type Table } from '../table/table';

export interface EventFunnel {
  index: EventIndex;
  /** The event column's code of each row. */
  codes: ArrayLike<number>;
  rule: EventRule;
  /** The rule run over `selection` (null = every row). */
  run: EventRun;
  selection: Uint32Array | null;
  /** Each step's event values (joined by `|` in the funnel table's data-event). */
  values: string[][];
  windowSeconds: number;
  touch: 'first' | 'last';
}

/**
 * Compile an event spec (already validated) onto `base`, the fields every compiled funnel has.
 * The run over all rows is made on first use: a view with filters never needs it.
 */
export function compileEvents(
  table: Table,
  spec: FunnelSpec,
  base: Omit<CompiledFunnel, 'mode' | 'level'>,
): CompileResult {
  const ev = spec.events!;
  const index = eventIndex(table, ev.person, ev.time);
  const events = textColumn(table, ev.event);
  if (!index || !events) return { ok: false, error: 'no-event-columns', problems: base.warnings };
  const rule = eventRule(spec, events);
  let all: EventRun | null = null;
  const runAll = () => (all ??= runEventFunnel(index, events.codes, rule, null));
  const info = {
    index,
    codes: events.codes,
    rule,
    selection: null,
    values: spec.stages.map((s) => (s.source.kind === 'events' ? s.source.values : [])),
    windowSeconds: rule.window / MICROS_PER_SECOND,
    touch: ev.touch,
    get run() {
      return runAll();
    },
  } satisfies EventFunnel;
  return {
    ok: true,
    funnel: {
      ...base,
      mode: 'levels',
      cumulative: true,
      weight: null,
      cost: null,
      revenue: null,
      events: info,
      get level() {
        return levelsOf(runAll());
      },
    },
  };
}

/**
 * The funnel of an event spec over a selection of rows (the view's filters, without its date
 * range: a range chooses entries, not events). Any other funnel, and a selection the funnel was
 * already run over, come back as they are.
 *
 * @example
 * eventFunnelFor(compiled, select(table, [channel is 百度])).level // levels of that selection
 */
export function eventFunnelFor(funnel: CompiledFunnel, rows: Uint32Array | null): CompiledFunnel {
  const ev = funnel.events;
  if (!ev || rows === ev.selection) return funnel;
  const run = runEventFunnel(ev.index, ev.codes, ev.rule, rows);
  return {
    ids: funnel.ids,
    labels: funnel.labels,
    mode: 'levels',
    stageValues: funnel.stageValues,
    // Made on first use: the funnel's own totals come from the run (see `eventTotals`).
    get level() {
      return levelsOf(run);
    },
    weight: null,
    cumulative: true,
    cost: null,
    revenue: null,
    allRowSums: funnel.allRowSums,
    records: null,
    warnings: funnel.warnings,
    // Field by field: spreading `ev` would read its run over all rows, made only on demand.
    events: {
      index: ev.index,
      codes: ev.codes,
      rule: ev.rule,
      run,
      selection: rows,
      values: ev.values,
      windowSeconds: ev.windowSeconds,
      touch: ev.touch,
    },
  };
}
