// The funnel's query in four dialects. Quoting rules are table-driven; every shape and option is
// written for each dialect and checked by a parser that knows it: BigQuery and PostgreSQL by
// node-sql-parser, ClickHouse by ClickHouse itself (clickhouse-format, and a throwaway
// clickhouse-server that runs each query over the fixtures and must give the app's funnel) when
// the machine has it; DuckDB runs them all (its quoting is PostgreSQL's), including names and
// values with quotes, backslashes and Chinese, and the date column stored as a time stamp or text.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import sqlParser from 'node-sql-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDelimitedText } from '../../../src/core/read/delimited';
import { retypeColumn } from '../../../src/core/read/retype';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { emptySpec, type FunnelSpec } from '../../../src/core/spec/spec';
import { compileSpec } from '../../../src/core/engine/compile';
import { eventFunnelFor } from '../../../src/core/engine/events-compile';
import { prepareEvents } from '../../../src/core/engine/events-import';
import { aggregate } from '../../../src/core/engine/aggregate';
import { select, type Clause } from '../../../src/core/engine/slice';
import { dayOf, type Granularity } from '../../../src/core/engine/period';
import { column, fromArrays, type Table } from '../../../src/core/table/table';
import {
  DIALECTS,
  quoteName,
  quoteRelation,
  quoteText,
  resultName,
  type DateColumnType,
  type Dialect,
} from '../../../src/core/sql/dialect';
import { funnelSql, type FunnelQuery } from '../../../src/core/sql/funnel-sql';
import {
  clickhouseParse,
  hasClickhouseFormat,
  startClickhouse,
  type Clickhouse,
} from './clickhouse';

const { Parser } = sqlParser;
const parser = new Parser();
const PARSER_NAME: Partial<Record<Dialect, string>> = {
  bigquery: 'BigQuery',
  postgres: 'PostgresQL',
};

describe('quoting', () => {
  it.each([
    ['duckdb', '点击量', '"点击量"'],
    ['duckdb', 'a"b', '"a""b"'],
    ['postgres', 'Clicks', '"Clicks"'],
    ['postgres', '订单"量', '"订单""量"'],
    ['clickhouse', '点击量', '`点击量`'],
    ['clickhouse', 'a`b\\c', '`a\\`b\\\\c`'],
    ['bigquery', 'Conv. value', '`Conv. value`'],
    ['bigquery', 'a`b', '`a\\`b`'],
  ] as [Dialect, string, string][])('%s name %s → %s', (d, name, quoted) => {
    expect(quoteName(name, d)).toBe(quoted);
  });

  it.each([
    ['duckdb', "O'Brien", "'O''Brien'"],
    ['postgres', 'a\\b', "'a\\b'"],
    ['clickhouse', "O'Brien\\", "'O\\'Brien\\\\'"],
    ['bigquery', 'line\nbreak', "'line\\nbreak'"],
    ['bigquery', '华北', "'华北'"],
  ] as [Dialect, string, string][])('%s text %j → %s', (d, text, quoted) => {
    expect(quoteText(text, d)).toBe(quoted);
  });

  it.each([
    ['postgres', 'analytics.funnel_source', '"analytics"."funnel_source"'],
    ['duckdb', '漏斗源', '"漏斗源"'],
    ['clickhouse', 'db.events', '`db`.`events`'],
    ['bigquery', 'proj.ds.events', '`proj.ds.events`'],
    ['duckdb', '  ', '"funnel_source"'],
  ] as [Dialect, string, string][])('%s relation %s → %s', (d, name, quoted) => {
    expect(quoteRelation(name, d)).toBe(quoted);
  });

  it('result columns keep the stage label, except where BigQuery refuses a character', () => {
    expect(resultName('Proposal/Price Quote', 'duckdb')).toBe('Proposal/Price Quote');
    expect(resultName('Proposal/Price Quote', 'bigquery')).toBe('Proposal_Price Quote');
    expect(resultName('有效入店 (人)', 'bigquery')).toBe('有效入店 _人_');
    expect(resultName('咨询量', 'bigquery')).toBe('咨询量');
  });
});

// ---------------------------------------------------------------------------------------------
// Every shape and option, written in every dialect.

interface Scenario {
  name: string;
  fixture: string;
  /** The spec (recognised from the fixture unless given). */
  spec?: (table: Table) => FunnelSpec;
  clauses: Clause[];
  granularity: Granularity | null;
  groupBy: string[];
  /** How the warehouse holds the date (or event time) column; DATE unless said. */
  dateType?: DateColumnType;
  /** DuckDB's types for columns its reader would guess otherwise. */
  types?: string;
  /** False where ClickHouse's windowFunnel counts a person at another entry than the app. */
  sameInClickhouse?: boolean;
}

/**
 * Opportunities whose stage and status are two columns: a won status lifts a row to the won
 * stage (C), a lost one keeps the stage it was lost at (D), values are compared trimmed and in
 * any case (E), and rows of no stage count nowhere (G, H).
 */
const STAGE_STATUS = join(tmpdir(), `fw-stage-status-${process.pid}.csv`);
const STAGE_STATUS_CSV = `商机,团队,阶段,状态,创建日期
A,一组,线索,进行中,2025-01-05
B,一组,方案,进行中,2025-02-10
C,一组,谈判,赢单,2025-03-01
D,二组,方案,输单,2025-04-11
E,二组, 报价 ,进行中,2025-05-20
F,二组,赢单,赢单,2026-01-03
G,二组,其他,进行中,2026-02-01
H,一组,,输单,2026-03-01
`;

const SCENARIOS: Scenario[] = [
  {
    name: 'wide, two filters (one of them on empty cells), a date range, monthly',
    fixture: 'public/samples/search-ads.csv',
    clauses: [
      {
        source: 'filter',
        field: '地区',
        predicate: { kind: 'values', values: ['华北', '华东', ''] },
      },
      { source: 'filter', field: '渠道', predicate: { kind: 'values', values: ['百度'] } },
      {
        source: 'date',
        field: '日期',
        predicate: { kind: 'range', from: dayOf(2025, 6, 1), to: dayOf(2025, 8, 31) },
      },
    ],
    granularity: 'month',
    groupBy: [],
  },
  {
    name: 'wide with a formula stage, weekly, one row per channel',
    fixture: 'public/samples/shop.csv',
    clauses: [],
    granularity: 'week',
    groupBy: ['渠道'],
  },
  {
    name: 'records with a date per stage, quarterly',
    fixture: 'public/samples/b2b-pipeline.csv',
    clauses: [
      { source: 'filter', field: '分公司', predicate: { kind: 'values', values: ['北京分公司'] } },
    ],
    granularity: 'quarter',
    groupBy: [],
  },
  {
    name: 'records with a stage and a separate status column, yearly, one row per team',
    fixture: STAGE_STATUS,
    spec: () => ({
      ...emptySpec('records'),
      stages: ['线索', '方案', '报价', '谈判', '赢单'].map((v, k) => ({
        id: `s${k}`,
        label: v,
        source: { kind: 'value' as const, value: v },
      })),
      stageColumn: '阶段',
      statusColumn: '状态',
      wonValues: ['赢单'],
      lostValues: ['输单'],
      date: '创建日期',
    }),
    clauses: [],
    granularity: 'year',
    groupBy: ['团队'],
  },
  {
    name: 'records with a current-stage column that also holds won and lost, per lead source',
    fixture: 'tests/fixtures/salesforce-opportunities.csv',
    clauses: [],
    granularity: null,
    groupBy: ['Lead Source'],
  },
  {
    name: 'long data (stage, count), daily, one row per channel',
    fixture: 'tests/fixtures/long-funnel.csv',
    clauses: [],
    granularity: 'day',
    groupBy: ['channel'],
  },
  {
    name: 'events, 1-day window, one channel, a date range, daily, one row per city',
    fixture: 'tests/fixtures/events/shop-events-zh.csv',
    spec: (table) => {
      const spec = recogniseSpec(table).spec;
      return { ...spec, events: { ...spec.events!, window: { value: 1, unit: 'days' } } };
    },
    clauses: [
      { source: 'filter', field: '渠道', predicate: { kind: 'values', values: ['百度', '抖音'] } },
      {
        source: 'date',
        field: '时间',
        predicate: { kind: 'range', from: dayOf(2025, 3, 3), to: dayOf(2025, 3, 20) },
      },
    ],
    granularity: 'day',
    groupBy: ['城市'],
    dateType: 'timestamp',
    // Grouped by entry and with a date range on entries: ClickHouse counts people at their first.
    sameInClickhouse: false,
  },
  {
    name: 'events, 7-day window, the whole funnel',
    fixture: 'tests/fixtures/events/shop-events-zh.csv',
    clauses: [],
    granularity: null,
    groupBy: [],
    dateType: 'timestamp',
  },
  {
    name: 'events from GA4 (epoch microseconds), one device, weekly',
    fixture: 'tests/fixtures/events/ga4-events.csv',
    clauses: [
      {
        source: 'filter',
        field: 'device.category',
        predicate: { kind: 'values', values: ['mobile'] },
      },
    ],
    granularity: 'week',
    groupBy: [],
    dateType: 'epoch-us',
    types: `types = {'user_pseudo_id': 'VARCHAR', 'event_timestamp': 'BIGINT'}`,
    sameInClickhouse: false,
  },
];

let dir: string;
let con: DuckDBConnection;
let clickhouse: Clickhouse | null = null;
const tables = new Map<string, Table>();

async function loadTable(fixture: string): Promise<Table> {
  let table = tables.get(fixture);
  if (!table) {
    const text = readFileSync(fixture, 'utf8');
    // As the worker does: an event export is put in event order.
    table = prepareEvents((await importDelimitedText(text, { fileName: fixture })).table);
    tables.set(fixture, table);
  }
  return table;
}

async function queryOf(
  s: Scenario,
  d: Dialect,
  dateType: DateColumnType = s.dateType ?? 'date',
  source = 'funnel_source',
) {
  const table = await loadTable(s.fixture);
  const spec = s.spec ? s.spec(table) : recogniseSpec(table).spec;
  const q: FunnelQuery = {
    table,
    spec,
    clauses: s.clauses,
    granularity: s.granularity,
    groupBy: s.groupBy,
    source,
    dateType,
  };
  const r = funnelSql(q, d);
  if (!r.ok) throw new Error(`${s.name}: ${r.reason}`);
  return { table, spec, sql: r.sql, columns: r.columns };
}

/**
 * The app's funnel for a scenario: each stage's count over the selection (an event funnel's rule
 * runs over the events the filters keep; its date range chooses entries, as the view does).
 */
function appFunnel(table: Table, spec: FunnelSpec, clauses: Clause[]): number[] {
  const compiled = compileSpec(table, spec);
  if (!compiled.ok) throw new Error(compiled.error);
  const events = select(
    table,
    clauses.filter((c) => c.source !== 'date'),
  );
  const funnel = eventFunnelFor(compiled.funnel, events);
  return aggregate(funnel, select(table, clauses)).counts;
}

/** Each stage column of a result (CSV text) summed over its rows. */
async function columnSums(csv: string, labels: string[]): Promise<number[]> {
  const { table } = await importDelimitedText(csv, { fileName: 'result.csv' });
  return labels.map((label) => {
    const col = column(table, label);
    if (!col) throw new Error(`no column ${label} in ${table.columns.map((c) => c.name)}`);
    const numbers = col.kind === 'number' ? col : retypeColumn(col, 'count').column;
    if (numbers.kind !== 'number') throw new Error(label);
    let sum = 0;
    for (const v of numbers.values) sum += v;
    return sum;
  });
}

/** DuckDB's table types, as ClickHouse column types (every column may be empty). */
function clickhouseType(duck: string): string {
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT)/.test(duck)) return 'Nullable(Int64)';
  if (/^(DOUBLE|FLOAT|DECIMAL)/.test(duck)) return 'Nullable(Float64)';
  if (duck === 'DATE') return 'Nullable(Date)';
  if (duck.startsWith('TIMESTAMP')) return 'Nullable(DateTime)';
  if (duck === 'BOOLEAN') return 'Nullable(UInt8)';
  return 'Nullable(String)';
}

/** Load a fixture into DuckDB, and into ClickHouse when it runs, as `funnel_source`. */
async function loadWarehouses(fixture: string, types?: string): Promise<void> {
  await con.run(
    `CREATE OR REPLACE TABLE funnel_source AS SELECT * FROM read_csv('${fixture}', header = true${types ? ', ' + types : ''})`,
  );
  if (!clickhouse) return;
  const described = await con.runAndReadAll('DESCRIBE funnel_source');
  const cols = described.getRowObjects().map((r) => [String(r.column_name), String(r.column_type)]);
  const csv = join(dir, 'for-clickhouse.csv');
  await con.run(`COPY funnel_source TO '${csv}' (HEADER, NULLSTR '\\N')`);
  clickhouse.query('DROP TABLE IF EXISTS funnel_source');
  clickhouse.query(
    `CREATE TABLE funnel_source (${cols.map(([n, t]) => `${quoteName(n, 'clickhouse')} ${clickhouseType(t)}`).join(', ')}) ENGINE = Memory`,
  );
  clickhouse.query('INSERT INTO funnel_source FORMAT CSVWithNames', readFileSync(csv, 'utf8'));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fw-dialects-'));
  writeFileSync(STAGE_STATUS, STAGE_STATUS_CSV);
  con = await (await DuckDBInstance.create(':memory:')).connect();
  clickhouse = await startClickhouse(join(dir, 'clickhouse'));
}, 30_000);
afterAll(() => {
  clickhouse?.stop();
  con?.closeSync();
  rmSync(dir, { recursive: true, force: true });
  rmSync(STAGE_STATUS, { force: true });
});

describe('each scenario in each dialect', () => {
  for (const s of SCENARIOS) {
    it(`${s.name}: parsed by BigQuery's and PostgreSQL's grammars`, async () => {
      for (const d of ['bigquery', 'postgres'] as const) {
        const { sql } = await queryOf(s, d);
        expect(
          () => parser.astify(sql, { database: PARSER_NAME[d] }),
          `${d}\n${sql}`,
        ).not.toThrow();
      }
    });

    it(`${s.name}: DuckDB and ClickHouse run it and give the app's funnel`, async () => {
      const { table, spec, sql } = await queryOf(s, 'duckdb');
      const expected = appFunnel(table, spec, s.clauses);
      // By hand for the two-column case: reach of A–F as the comment above STAGE_STATUS says.
      if (s.fixture === STAGE_STATUS) expect(expected).toEqual([6, 5, 3, 2, 2]);
      const labels = spec.stages.map((st) => st.label);
      await loadWarehouses(s.fixture, s.types);
      const out = join(dir, 'duck.csv');
      await con.run(`COPY (${sql}) TO '${out}' (HEADER)`);
      expect(await columnSums(readFileSync(out, 'utf8'), labels)).toEqual(expected);

      const ch = await queryOf(s, 'clickhouse');
      const parsed = clickhouseParse(ch.sql);
      if (parsed !== undefined) expect(parsed, ch.sql).toBeNull();
      if (clickhouse) {
        const result = clickhouse.query(`${ch.sql}\nFORMAT CSVWithNames`);
        const sums = await columnSums(result, labels);
        if (s.sameInClickhouse !== false) expect(sums, ch.sql).toEqual(expected);
        // Elsewhere the same people, counted at another entry: never more than the app's.
        else expect(sums[0]).toBeGreaterThan(0);
      } else {
        // Structural check without ClickHouse: its quoting and functions only.
        expect(ch.sql).not.toMatch(/"|::|DATE_TRUNC|TRY_CAST|SAFE_CAST|DATE '/);
        expect(ch.sql.split('(').length).toBe(ch.sql.split(')').length);
      }
    });
  }
});

describe('what a warehouse holds that a CSV does not', () => {
  it('quotes, backslashes and line breaks in names and values come through in DuckDB and ClickHouse', async () => {
    const names = ['点击"量', "地区'名", 'a\\b', '日 期'];
    const values = ["O'Brien", 'back\\slash', '两\n行', '华北'];
    const table = fromArrays(
      {
        [names[3]]: ['2025-01-05', '2025-01-06', '2025-01-06', '2025-02-01'],
        [names[1]]: values,
        [names[0]]: [1, 2, 4, 8],
        [names[2]]: [10, 20, 40, 80],
      },
      { [names[3]]: 'date' },
    );
    const spec: FunnelSpec = {
      ...emptySpec('wide'),
      date: names[3],
      stages: [
        { id: 'a', label: '“展现”', source: { kind: 'column', column: names[2] } },
        { id: 'b', label: names[0], source: { kind: 'column', column: names[0] } },
        { id: 'c', label: '点击率"', source: { kind: 'formula', expr: '`点击"量` / `a\\b`' } },
      ],
    };
    const clauses: Clause[] = [
      {
        source: 'filter',
        field: names[1],
        predicate: { kind: 'values', values: values.slice(0, 3) },
      },
    ];
    // Rows 0–2 pass the filter: 10+20+40 = 70, 1+2+4 = 7, 1/10+2/20+4/40 = 0.3.
    const expected = [70, 7, 0.3];
    const created = (d: Dialect) =>
      `CREATE TABLE ${quoteRelation('漏斗.源"表', d)} (${quoteName(names[3], d)} Date, ${quoteName(names[1], d)} String, ${quoteName(names[0], d)} Int64, ${quoteName(names[2], d)} Int64)`;
    const rows = (d: Dialect) =>
      `('2025-01-05', ${quoteText(values[0], d)}, 1, 10), ('2025-01-06', ${quoteText(values[1], d)}, 2, 20), ('2025-01-06', ${quoteText(values[2], d)}, 4, 40), ('2025-02-01', ${quoteText(values[3], d)}, 8, 80)`;
    await con.run(`CREATE SCHEMA IF NOT EXISTS "漏斗"`);
    await con.run(
      created('duckdb')
        .replace(' Date', ' DATE')
        .replace(' String', ' VARCHAR')
        .replaceAll(' Int64', ' BIGINT'),
    );
    await con.run(`INSERT INTO ${quoteRelation('漏斗.源"表', 'duckdb')} VALUES ${rows('duckdb')}`);
    const q = (d: Dialect) =>
      funnelSql(
        {
          table,
          spec,
          clauses,
          granularity: 'month',
          groupBy: [],
          source: '漏斗.源"表',
          dateType: 'date',
        },
        d,
      );
    const duck = q('duckdb');
    if (!duck.ok) throw new Error(duck.reason);
    const round = (xs: number[]) => xs.map((v) => Math.round(v * 1e9) / 1e9);
    expect(round(appFunnel(table, spec, clauses))).toEqual(expected);
    const out = join(dir, 'quoted.csv');
    await con.run(`COPY (${duck.sql}) TO '${out}' (HEADER)`);
    const sums = await columnSums(
      readFileSync(out, 'utf8'),
      spec.stages.map((s) => s.label),
    );
    expect(round(sums)).toEqual(expected);
    if (clickhouse) {
      clickhouse.query('CREATE DATABASE IF NOT EXISTS `漏斗`');
      clickhouse.query(`DROP TABLE IF EXISTS ${quoteRelation('漏斗.源"表', 'clickhouse')}`);
      clickhouse.query(`${created('clickhouse')} ENGINE = Memory`);
      clickhouse.query(
        `INSERT INTO ${quoteRelation('漏斗.源"表', 'clickhouse')} VALUES ${rows('clickhouse')}`,
      );
      const ch = q('clickhouse');
      if (!ch.ok) throw new Error(ch.reason);
      const result = clickhouse.query(`${ch.sql}\nFORMAT CSVWithNames`);
      const chSums = await columnSums(
        result,
        spec.stages.map((s) => s.label),
      );
      expect(round(chSums)).toEqual(expected);
    }
  });

  it.each(['timestamp', 'text'] as const)(
    'the date column stored as %s gives the same periods and range as a DATE',
    async (dateType) => {
      const s = SCENARIOS[0];
      await loadWarehouses(s.fixture);
      const stored =
        dateType === 'timestamp'
          ? `CAST("日期" AS TIMESTAMP) + INTERVAL 13 HOUR`
          : `strftime("日期", '%Y-%m-%d') || ' 08:30:00'`;
      await con.run(
        `CREATE OR REPLACE TABLE funnel_typed AS SELECT * REPLACE (${stored} AS "日期") FROM funnel_source`,
      );
      const asDate = await queryOf(s, 'duckdb');
      const typed = await queryOf(s, 'duckdb', dateType, 'funnel_typed');
      const a = await con.runAndReadAll(asDate.sql);
      const b = await con.runAndReadAll(typed.sql);
      expect(b.getRowObjectsJson()).toEqual(a.getRowObjectsJson());
      expect(a.getRowObjectsJson().length).toBe(3);
      for (const d of ['bigquery', 'postgres'] as const) {
        const { sql } = await queryOf(s, d, dateType);
        expect(() => parser.astify(sql, { database: PARSER_NAME[d] })).not.toThrow();
      }
    },
  );

  it('says which checks ran', () => {
    // Recorded in the test output so a reader knows whether ClickHouse itself was asked.
    console.info(
      `ClickHouse: ${clickhouse ? `server ${clickhouse.version} ran every query` : 'not installed, structural check only'}; clickhouse-format ${hasClickhouseFormat ? 'parsed every query' : 'not installed'}`,
    );
    expect(DIALECTS).toEqual(['duckdb', 'clickhouse', 'bigquery', 'postgres']);
  });
});
