/**
 * An event funnel as SQL: several events in a set order within a window counted from step 1
 * (events-funnel.ts states the rule). Each person counts once, in the period (and group) of the
 * entry that takes them furthest; the view's filters choose the events, its date range the
 * entries.
 *
 * DuckDB, BigQuery and PostgreSQL follow every entry (a step-1 event) with one join per step:
 * step k is the earliest step-k event at or after step k − 1 (equal times count in step order)
 * and no later than the window after the entry, which reaches furthest, as the app's walk does;
 * a window function then keeps each person's furthest entry, the earliest of equals.
 * ClickHouse has the rule built in, `windowFunnel`, which gives each person's furthest step but
 * not which entry reached it: there a person is counted at their first entry (a note says so),
 * and times are whole seconds.
 *
 * Written for the sequential rule without exclusions, each event standing for one step; strict
 * or any order, exclusions and an event in two steps are refused ('events-rule').
 */
import { windowMicros } from '../engine/events-time';
import { key } from '../engine/records';
import { appliesTo } from '../engine/slice';
import { column } from '../table/table';
import {
  comparable,
  dayOfMicros,
  microsOf,
  periodOf,
  quoteName,
  quoteRelation,
  quoteText,
  type Dialect,
} from './dialect';
import {
  frame,
  INDENT,
  rangeTest,
  selectText,
  sum,
  whereTests,
  type FunnelQuery,
  type FunnelSql,
  type Measure,
  type Output,
  type SqlNote,
} from './sql-parts';

/** Each step's event values, compared as the app compares them (trimmed, any case). */
function stepKeys(q: FunnelQuery): string[][] {
  return q.spec.stages.map((s) => {
    const values =
      s.source.kind === 'events'
        ? s.source.values
        : s.source.kind === 'value'
          ? [s.source.value]
          : [];
    return values.map(key).filter((v) => v !== '');
  });
}

/**
 * The query computing an event funnel's table for `q` in `dialect` (one row per entry period and
 * group, one column per step).
 *
 * @example
 * eventsSql({ spec: shopEvents, granularity: 'day', dateType: 'timestamp', … }, 'clickhouse').sql
 * // … windowFunnel(604800)(toDateTime(intDiv(fw_time, 1000000), 'UTC'), fw_e0 = 1, …) - 1 …
 */
export function eventsSql(q: FunnelQuery, d: Dialect): FunnelSql {
  const notes: SqlNote[] = [];
  const ev = q.spec.events;
  if (!ev) return { ok: false, reason: 'unsupported-shape', notes };
  const steps = stepKeys(q);
  const all = steps.flat();
  if (
    ev.order !== 'sequential' ||
    ev.exclusions.length > 0 ||
    new Set(all).size !== all.length ||
    steps.some((s) => s.length === 0)
  ) {
    return { ok: false, reason: 'events-rule', notes };
  }
  const n = steps.length;
  const window = windowMicros(ev.window);
  const groups = q.groupBy.filter((g) => column(q.table, g)?.kind === 'text');
  if (groups.length > 0 && ev.touch === 'last')
    notes.push({ key: 'sql.note.firstTouch', params: {} });
  if (d === 'clickhouse') notes.push({ key: 'sql.note.clickhouseEntry', params: {} });

  // The events: who, when (µs), the groups of the row, and which step each is.
  const event = comparable(quoteName(ev.event, d), d);
  const eventColumns = [
    `${quoteName(ev.person, d)} AS fw_person`,
    `${microsOf(quoteName(ev.time, d), q.dateType, d)} AS fw_time`,
    ...groups.map((g, j) => `${quoteName(g, d)} AS fw_eg${j}`),
    ...steps.map(
      (values, k) =>
        `CASE WHEN ${event} IN (${values.map((v) => quoteText(v, d)).join(', ')}) THEN 1 ELSE 0 END AS fw_e${k}`,
    ),
  ];
  const where = [
    `${microsOf(quoteName(ev.time, d), q.dateType, d)} IS NOT NULL`,
    ...whereTests(q, d, (c) => c, false),
  ];

  // Keys and sums of the frame; entries in the date range only.
  const entryDay = dayOfMicros('fw_t0', d);
  const keys: Output[] = [];
  const rowColumns = ['fw_level'];
  if (q.granularity) {
    keys.push({ inner: 'fw_period', name: q.spec.date ?? ev.time });
    rowColumns.unshift(`${periodOf(entryDay, q.granularity, d)} AS fw_period`);
  }
  groups.forEach((g, j) => {
    keys.push({ inner: `fw_g${j}`, name: g });
    rowColumns.push(`fw_g${j}`);
  });
  const measures: Measure[] = q.spec.stages.map((s, k) => ({
    inner: `fw_s${k}`,
    name: s.label,
    total: sum(`CASE WHEN fw_level >= ${k} THEN 1 ELSE 0 END`, d),
  }));
  const ranges = q.clauses
    .filter((c) => c.predicate.kind === 'range' && appliesTo(q.table, c))
    .map((c) => rangeTest(entryDay, c.predicate as { from: number; to: number }, d));
  const source = quoteRelation(q.source, d);
  const gs = groups.map((_, j) => `fw_g${j}`);

  if (d === 'clickhouse') {
    const seconds = Math.round(window / 1_000_000);
    const stamp = `toDateTime(intDiv(fw_time, 1000000), 'UTC')`;
    const conditions = steps.map((_, k) => `fw_e${k} = 1`).join(', ');
    const events = selectText(eventColumns, source, where, 4);
    const people = selectText(
      [
        'fw_person',
        `windowFunnel(${seconds})(${stamp}, ${conditions}) - 1 AS fw_level`,
        'minIf(fw_time, fw_e0 = 1) AS fw_t0',
        ...groups.map((_, j) => `argMinIf(fw_eg${j}, fw_time, fw_e0 = 1) AS fw_g${j}`),
      ],
      `(\n${events}\n${INDENT.repeat(3)}) AS fw_events`,
      [],
      3,
      'fw_person',
    );
    const rows = selectText(
      rowColumns,
      `(\n${people}\n${INDENT.repeat(2)}) AS fw_people`,
      ['fw_level >= 0', ...ranges],
      2,
    );
    const { sql, columns } = frame({ keys, measures, rows }, d, notes);
    return { ok: true, sql, columns, notes };
  }

  // Every entry, then one join per step: the earliest next step within the window.
  const ctes = [`fw_events AS (\n${selectText(eventColumns, source, where, 1)}\n)`];
  const carried = (k: number) => [
    'fw_person',
    ...Array.from({ length: k }, (_, j) => `fw_t${j}`),
    ...gs,
  ];
  ctes.push(
    `fw_path0 AS (\n${selectText(
      ['fw_person', 'fw_time AS fw_t0', ...groups.map((_, j) => `fw_eg${j} AS fw_g${j}`)],
      'fw_events',
      ['fw_e0 = 1'],
      1,
    )}\n)`,
  );
  for (let k = 1; k < n; k++) {
    const kept = carried(k).map((c) => `c.${c}`);
    const join = [
      `fw_path${k - 1} AS c`,
      `${INDENT.repeat(2)}LEFT JOIN fw_events AS x`,
      `${INDENT.repeat(2)}ON x.fw_person = c.fw_person AND x.fw_e${k} = 1`,
      `${INDENT.repeat(3)}AND x.fw_time >= c.fw_t${k - 1} AND x.fw_time <= c.fw_t0 + ${window}`,
    ].join('\n');
    ctes.push(
      `fw_path${k} AS (\n${selectText([...kept, `MIN(x.fw_time) AS fw_t${k}`], join, [], 1, kept.join(', '))}\n)`,
    );
  }
  // The furthest step reached: the last time found (every earlier one was found before it).
  const level =
    n === 1
      ? '0'
      : [
          'CASE',
          ...Array.from({ length: n - 1 }, (_, j) => n - 1 - j).map(
            (k) => `WHEN fw_t${k} IS NOT NULL THEN ${k}`,
          ),
          'ELSE 0 END',
        ].join(' ');
  ctes.push(
    `fw_counted AS (\n${selectText(
      [
        'fw_person',
        'fw_t0',
        ...gs,
        `${level} AS fw_level`,
        `ROW_NUMBER() OVER (PARTITION BY fw_person ORDER BY ${level} DESC, fw_t0) AS fw_rank`,
      ],
      `fw_path${n - 1}`,
      [],
      1,
    )}\n)`,
  );
  const rows = selectText(rowColumns, 'fw_counted', ['fw_rank = 1', ...ranges], 2);
  const prefix = `WITH\n${ctes.join(',\n')}`;
  const { sql, columns } = frame({ keys, measures, rows, prefix }, d, notes);
  return { ok: true, sql, columns, notes };
}
