/**
 * The mapping editor's changes to an event funnel, as pure functions returning a new spec: a
 * step's events ("any of these"), the window, the order mode, the touch, the three columns and
 * the exclusions. Like spec-edit.ts, the old spec is never touched.
 */
import type { EventSettings, FunnelSpec } from './spec';

/**
 * Change some of the event settings; a spec that is not an event spec is returned as it is.
 *
 * @example
 * setEventSettings(spec, { window: { value: 1, unit: 'days' } }).events.window // { value: 1, unit: 'days' }
 */
export function setEventSettings(spec: FunnelSpec, patch: Partial<EventSettings>): FunnelSpec {
  if (!spec.events) return spec;
  return { ...spec, events: { ...spec.events, ...patch } };
}

/**
 * Set the event values of step `index` (an "any of" step when more than one; repeats dropped).
 *
 * @example
 * setStepEvents(spec, 3, ['下单', '提交订单']).stages[3].source // { kind: 'events', values: ['下单', '提交订单'] }
 */
export function setStepEvents(spec: FunnelSpec, index: number, values: string[]): FunnelSpec {
  const unique = [...new Set(values)];
  return {
    ...spec,
    stages: spec.stages.map((s, i) =>
      i === index ? { ...s, source: { kind: 'events', values: unique } } : s,
    ),
  };
}

/**
 * Add an exclusion between step `after` and the next one (0-based), for `value`.
 *
 * @example
 * addExclusion(spec, '退款', 1).events.exclusions // [{ values: ['退款'], after: 1 }]
 */
export function addExclusion(spec: FunnelSpec, value: string, after: number): FunnelSpec {
  if (!spec.events) return spec;
  return setEventSettings(spec, {
    exclusions: [...spec.events.exclusions, { values: [value], after }],
  });
}

/** Change exclusion `index` (its events or the step it follows). */
export function updateExclusion(
  spec: FunnelSpec,
  index: number,
  patch: Partial<EventSettings['exclusions'][number]>,
): FunnelSpec {
  if (!spec.events) return spec;
  return setEventSettings(spec, {
    exclusions: spec.events.exclusions.map((x, i) => (i === index ? { ...x, ...patch } : x)),
  });
}

export function removeExclusion(spec: FunnelSpec, index: number): FunnelSpec {
  if (!spec.events) return spec;
  return setEventSettings(spec, {
    exclusions: spec.events.exclusions.filter((_, i) => i !== index),
  });
}
