/**
 * The checks of an event funnel's part of a spec: its steps (event values) and its settings
 * (the three columns, the window, the order mode, exclusions, touch). Kept apart from schema.ts,
 * which names them where the spec's own fields are checked.
 */
import type { EventSettings, StageSource } from '../core/spec/spec';
import { arr, int, num, obj, oneOf, str, unique, type Check } from './check';
import type { ShapeOf } from './schema';

const name = str(1_000);
/** The values of one step or exclusion: each at most once. */
const eventValues = unique(arr(name, 100));

/** A step's source in an event funnel: any of these event values. */
export const eventsSource: Check<Extract<StageSource, { kind: 'events' }>> = obj({
  kind: oneOf('events'),
  values: eventValues,
});

/** The settings of an event funnel, every field checked, no other field allowed. */
export const eventSettingsCheck: Check<EventSettings> = obj({
  person: name,
  event: name,
  time: name,
  window: obj({ value: num, unit: oneOf('minutes', 'hours', 'days') }),
  order: oneOf('sequential', 'strict', 'any'),
  exclusions: arr(obj({ values: eventValues, after: int(0, 100) }), 30),
  touch: oneOf('first', 'last'),
} satisfies ShapeOf<EventSettings>);
