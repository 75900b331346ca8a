/**
 * The fourth shape: one row per event. An event export names who (用户ID, distinct_id,
 * user_pseudo_id, client_id, 访客ID …), what (事件, event, event_name, 行为 …) and when (时间,
 * event_time, event_timestamp …); every other column is a property of the event. Recognised
 * from the headers, with the time column's values as the check: date-times, or epoch numbers.
 */
import { epochUnitOf, epochUnitOfText } from '../engine/events-time';
import type { Column, Table } from '../table/table';
import { findByNames, matchName } from './templates';

export const PERSON_NAMES = [
  '用户ID',
  '用户id',
  '用户编号',
  '访客ID',
  '访客id',
  '会员ID',
  '会员号',
  '会员编号',
  '会员',
  '客户ID',
  '线索ID',
  '设备ID',
  '用户',
  '访客',
  'distinct_id',
  'user_pseudo_id',
  'user_id',
  'userid',
  'client_id',
  'clientid',
  'visitor_id',
  'anonymous_id',
  'device_id',
  'person_id',
  'customer_id',
  'member_id',
  'memberid',
  'member id',
  'member',
  'contact_id',
  'lead_id',
  'lead id',
  'uid',
  'openid',
  'cookie_id',
  'person',
  'user',
  'visitor',
];

export const EVENT_NAMES = [
  '事件',
  '事件名',
  '事件名称',
  '事件类型',
  '行为',
  '行为名称',
  '行为类型',
  '动作',
  '埋点事件',
  'event',
  'event_name',
  'eventname',
  'event_type',
  'event name',
  'action',
  'activity',
  'activity type',
];

export const TIME_NAMES = [
  '时间',
  '事件时间',
  '行为时间',
  '发生时间',
  '触发时间',
  '日期时间',
  '活动时间',
  'event_timestamp',
  'event_time',
  'timestamp',
  'time',
  'event time',
  'datetime',
  'occurred_at',
  'created_at',
  'activity date',
  'ts',
];

export interface EventColumns {
  person: string;
  event: string;
  time: string;
}

/**
 * A column that can hold event times: a date column, numbers that are all epochs, or a column
 * named like a time whose text is all epoch digits (GA4's 16-digit microseconds stay text).
 */
export function isTimeColumn(c: Column): boolean {
  if (c.kind === 'date') return true;
  if (c.kind === 'number') return epochUnitOf(c) !== null;
  return matchName(c.name, TIME_NAMES) && epochUnitOfText(c) !== null;
}

/**
 * The person, event and time columns of an event export; null when the headers do not name all
 * three. The person column may be text or numbers (ids, made text at import); the event column
 * is text; the time column holds date-times or epoch numbers. A table whose only date column is
 * a plain day is still an event log when its headers say so (the app keeps the day's order).
 *
 * @example
 * findEventColumns(fromArrays({ 用户ID: ['u1'], 事件: ['访问'], 时间: ['2025-01-05 10:00'] }, { 时间: 'date' }))
 * // { person: '用户ID', event: '事件', time: '时间' }
 */
export function findEventColumns(table: Table): EventColumns | null {
  const names = (pick: (c: Column) => boolean) => table.columns.filter(pick).map((c) => c.name);
  const event = findByNames(
    names((c) => c.kind === 'text'),
    EVENT_NAMES,
  );
  if (!event) return null;
  const person = findByNames(
    names((c) => c.name !== event && (c.kind === 'text' || c.kind === 'number')),
    PERSON_NAMES,
  );
  if (!person) return null;
  const times = table.columns.filter((c) => c.name !== person && isTimeColumn(c));
  const time =
    findByNames(
      times.map((c) => c.name),
      TIME_NAMES,
    ) ??
    times.find((c) => c.kind === 'date' && c.hasTime)?.name ??
    times.find((c) => c.kind === 'number')?.name ??
    times[0]?.name ??
    null;
  return time ? { person, event, time } : null;
}

/** True when a header names a person column (for the editor's choice of columns). */
export function looksLikePerson(name: string): boolean {
  return matchName(name, PERSON_NAMES);
}

/** A property with more values than this is an id (a session, an order), not a slicer. */
const MAX_PROPERTY_VALUES = 5_000;

/**
 * The properties of events to filter and break down by: every text column but who, what and
 * when, in file order, unless it has too many values to pick from. The reader calls a column of
 * `(direct)` and `google` an id (brackets); for events it is a property all the same.
 *
 * @example
 * eventProperties(ga4Table, new Set(['user_pseudo_id', 'event_name', 'event_timestamp']))
 * // ['traffic_source.source', 'device.category', 'geo.country']
 */
export function eventProperties(table: Table, taken: ReadonlySet<string>): string[] {
  return table.columns
    .filter(
      (c) =>
        c.kind === 'text' &&
        !taken.has(c.name) &&
        c.type !== 'text' &&
        c.dict.length - 1 <= MAX_PROPERTY_VALUES,
    )
    .map((c) => c.name);
}
