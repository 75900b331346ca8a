/**
 * The zero-click mapping of an event export: its three columns, the steps (from a known funnel
 * or from the evidence, events-steps.ts) and the default rule (a 7-day window, steps in order,
 * breakdowns by first touch), each with the reason the mapping panel shows.
 */
import { eventIndex } from '../engine/events-model';
import { dateColumn, textColumn, type Table } from '../table/table';
import type { EventColumns } from './events-shape';
import { evidenceSteps, templateSteps, type EventStepPick } from './events-steps';
import type { Reason } from './recognise';
import { usedValues } from './shape';
import { defaultEventSettings, type FunnelSpec } from './spec';

/**
 * Fill `spec` (shape 'events') for the columns found, adding a reason for each choice.
 *
 * @example
 * recogniseEvents(table, spec, reasons, { person: '用户ID', event: '事件', time: '时间' })
 * // spec.stages: 浏览 / 咨询 / 加购 / 下单|提交订单 / 支付, spec.events.window: 7 days
 */
export function recogniseEvents(
  table: Table,
  spec: FunnelSpec,
  reasons: Reason[],
  found: EventColumns,
): void {
  spec.events = defaultEventSettings(found.person, found.event, found.time);
  const events = textColumn(table, found.event);
  if (!events) return;
  const picked = templateSteps(usedValues(events));
  let steps: EventStepPick[];
  if (picked) {
    spec.template = picked.template;
    steps = picked.steps;
    reasons.push({ key: 'events.reason.template', params: { template: picked.template } });
  } else {
    const index = eventIndex(table, found.person, found.time);
    steps = index ? evidenceSteps(index, events) : [];
    if (steps.length)
      reasons.push({ key: 'events.reason.evidence', params: { count: steps.length } });
  }
  const ids = new Set<string>();
  for (const s of steps) {
    let id = s.id;
    for (let n = 2; ids.has(id); n++) id = `${s.id}-${n}`;
    ids.add(id);
    spec.stages.push({ id, label: s.label, source: { kind: 'events', values: s.values } });
    if (s.values.length > 1)
      reasons.push({
        key: 'events.reason.anyOf',
        params: { label: s.label, values: s.values.join(', ') },
      });
  }
  spec.date = dateColumn(table, found.time) ? found.time : null;
  reasons.push({ key: 'events.reason.rule', params: { value: 7 } });
}
