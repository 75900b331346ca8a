/**
 * The problems of an event spec: its three columns, its steps (each one or more event values),
 * the window and the exclusions. A step whose events nobody did is allowed (it counts 0 and is
 * named as a warning); a window that is not a positive length stops the funnel.
 */
import { column, type Table } from '../table/table';
import { isTimeColumn } from './events-shape';
import type { FunnelSpec } from './spec';
import type { Problem } from './validate';

/** At most this many steps: each is one bit of the engine's 32-bit masks. */
export const MAX_STEPS = 30;

function norm(v: string): string {
  return v.normalize('NFKC').trim().toLowerCase();
}

/**
 * Every problem of an event spec (errors and warnings mixed; `validateSpec` orders them).
 *
 * @example
 * eventProblems(table, { ...spec, events: { ...spec.events!, window: { value: 0, unit: 'days' } } })
 * // [{ code: 'bad-window', severity: 'error', field: 'window' }]
 */
export function eventProblems(table: Table, spec: FunnelSpec): Problem[] {
  const ev = spec.events;
  if (!ev) return [{ code: 'no-event-columns', severity: 'error' }];
  const out: Problem[] = [];
  const fields = [
    { field: 'person', name: ev.person, fits: (k: string) => k === 'text' || k === 'number' },
    { field: 'event', name: ev.event, fits: (k: string) => k === 'text' },
  ];
  for (const { field, name, fits } of fields) {
    const c = column(table, name);
    if (!c) out.push({ code: 'unknown-column', severity: 'error', field, column: name });
    else if (!fits(c.kind)) out.push({ code: 'not-text', severity: 'error', field, column: name });
  }
  const time = column(table, ev.time);
  if (!time)
    out.push({ code: 'unknown-column', severity: 'error', field: 'time', column: ev.time });
  else if (!isTimeColumn(time))
    out.push({ code: 'not-time', severity: 'error', field: 'time', column: ev.time });
  if (!(Number.isFinite(ev.window.value) && ev.window.value > 0))
    out.push({ code: 'bad-window', severity: 'error', field: 'window' });
  if (spec.stages.length > MAX_STEPS) out.push({ code: 'too-many-steps', severity: 'error' });

  const events = column(table, ev.event);
  const present = new Set(events?.kind === 'text' ? events.dict.map(norm) : []);
  for (const s of spec.stages) {
    const src = s.source;
    if (src.kind !== 'events')
      out.push({ code: 'stage-needs-event', severity: 'error', stage: s.label });
    else if (src.values.length === 0)
      out.push({ code: 'stage-needs-event', severity: 'warning', stage: s.label });
    else if (events && !src.values.some((v) => present.has(norm(v))))
      out.push({
        code: 'stage-value-missing',
        severity: 'warning',
        stage: s.label,
        column: ev.event,
      });
  }
  ev.exclusions.forEach((x) => {
    if (x.values.length === 0 || !(x.after >= 0 && x.after < spec.stages.length - 1))
      out.push({ code: 'bad-exclusion', severity: 'warning', values: x.values });
  });
  return out;
}
