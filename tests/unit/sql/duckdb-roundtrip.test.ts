// The round trip a warehouse user makes, with a real engine: the app writes the funnel's query,
// DuckDB (its Node package, not a mock) runs it over the same files the browser tests import,
// the result comes back as CSV and as Parquet through the app's own importers, and the funnel
// the app recognises in it is the funnel the app computed on the original file for the same
// view (filters, date range, granularity; per period too).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDelimitedFile, type ImportedTable } from '../../../src/core/read/delimited';
import { blobBuffer, importParquet } from '../../../src/core/read/parquet';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { compileSpec } from '../../../src/core/engine/compile';
import { eventFunnelFor } from '../../../src/core/engine/events-compile';
import { prepareEvents } from '../../../src/core/engine/events-import';
import { aggregate } from '../../../src/core/engine/aggregate';
import { select, type Clause } from '../../../src/core/engine/slice';
import { dayOf, nextPeriod, type Granularity } from '../../../src/core/engine/period';
import { column, dateColumn, textColumn, type Table } from '../../../src/core/table/table';
import { groupBy } from '../../../src/core/engine/groupby';
import { retypeColumn } from '../../../src/core/read/retype';
import type { FunnelSpec } from '../../../src/core/spec/spec';
import { funnelSql } from '../../../src/core/sql/funnel-sql';

let dir: string;
let duck: DuckDBInstance;
let con: DuckDBConnection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fw-sql-'));
  duck = await DuckDBInstance.create(':memory:');
  con = await duck.connect();
});
afterAll(() => {
  con?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

async function importFile(path: string): Promise<ImportedTable> {
  const bytes = readFileSync(path);
  if (path.endsWith('.parquet')) {
    return importParquet(blobBuffer(new Blob([bytes])), { fileName: path, memoryLimit: 2 ** 30 });
  }
  return importDelimitedFile(new Blob([bytes]), { fileName: path });
}

/** Stage label → count, as the funnel table shows them. */
function funnelOf(table: Table, spec: FunnelSpec, clauses: Clause[]): Map<string, number> {
  const compiled = compileSpec(table, spec);
  if (!compiled.ok) throw new Error(compiled.error);
  const totals = aggregate(compiled.funnel, select(table, clauses));
  return new Map(compiled.funnel.labels.map((label, k) => [label, totals.counts[k]]));
}

interface Case {
  fixture: string;
  clauses: (table: Table) => Clause[];
  granularity: Granularity | null;
  groupBy: string[];
}

/**
 * Run the app's DuckDB query over `fixture` (loaded as funnel_source), write its result as CSV
 * and Parquet, import both, and return them with the app's own funnel of the fixture.
 */
async function roundTrip(name: string, c: Case) {
  const original = await importFile(c.fixture);
  const spec = recogniseSpec(original.table).spec;
  const clauses = c.clauses(original.table);
  await con.run(
    `CREATE OR REPLACE TABLE funnel_source AS SELECT * FROM read_csv('${c.fixture}', header = true)`,
  );
  const query = funnelSql(
    {
      table: original.table,
      spec,
      clauses,
      granularity: c.granularity,
      groupBy: c.groupBy,
      source: 'funnel_source',
      dateType: 'date',
    },
    'duckdb',
  );
  if (!query.ok) throw new Error(query.reason);
  const csv = join(dir, `${name}.csv`);
  const parquet = join(dir, `${name}.parquet`);
  await con.run(`COPY (${query.sql}) TO '${csv}' (HEADER, DELIMITER ',')`);
  await con.run(`COPY (${query.sql}) TO '${parquet}' (FORMAT PARQUET)`);
  return {
    original,
    spec,
    clauses,
    query,
    back: [await importFile(csv), await importFile(parquet)],
  };
}

describe('DuckDB runs the app’s query; its result, imported back, is the same funnel', () => {
  it('wide: search-ads sample, two regions, a date range, monthly', async () => {
    const { original, spec, clauses, back, query } = await roundTrip('ads', {
      fixture: 'public/samples/search-ads.csv',
      clauses: () => [
        {
          source: 'filter',
          field: '地区',
          predicate: { kind: 'values', values: ['华北', '华东'] },
        },
        {
          source: 'date',
          field: '日期',
          predicate: { kind: 'range', from: dayOf(2025, 6, 10), to: dayOf(2025, 9, 20) },
        },
      ],
      granularity: 'month',
      groupBy: [],
    });
    expect(query.columns).toEqual([
      '日期',
      '展现量',
      '点击量',
      '访问量',
      '咨询量',
      '订单量',
      '消费',
      '销售额',
    ]);
    const expected = funnelOf(original.table, spec, clauses);
    // Counts are whole numbers: the same to the unit.
    expect([...expected.values()].every((v) => v > 0)).toBe(true);
    for (const imported of back) {
      const again = recogniseSpec(imported.table).spec;
      expect(again.stages.map((s) => s.label)).toEqual(spec.stages.map((s) => s.label));
      expect(again.date).toBe('日期');
      expect(funnelOf(imported.table, again, [])).toEqual(expected);
      // One row per month, June to September, each the app's own funnel of that month.
      const days = dateColumn(imported.table, '日期')!.days;
      expect(Array.from(days)).toEqual([6, 7, 8, 9].map((m) => dayOf(2025, m, 1)));
      for (const [i, start] of Array.from(days).entries()) {
        const month: Clause = {
          source: 'compare',
          field: '日期',
          predicate: { kind: 'range', from: start, to: nextPeriod(start, 'month') - 1 },
        };
        const inMonth = funnelOf(original.table, spec, [...clauses, month]);
        const compiled = compileSpec(imported.table, again);
        if (!compiled.ok) throw new Error(compiled.error);
        const counts = aggregate(compiled.funnel, Uint32Array.of(i)).counts;
        expect(counts).toEqual([...inMonth.values()]);
      }
      // Cost and revenue come back too (sums of decimals: equal to the cent).
      const compiled = compileSpec(original.table, spec);
      const againCompiled = compileSpec(imported.table, again);
      if (!compiled.ok || !againCompiled.ok) throw new Error('compile');
      const a = aggregate(compiled.funnel, select(original.table, clauses));
      const b = aggregate(againCompiled.funnel, null);
      expect(b.cost).toBeCloseTo(a.cost!, 2);
      expect(b.revenue).toBeCloseTo(a.revenue!, 2);
    }
  });

  it('wide with a formula stage: shop sample, one shop, weekly, one row per channel', async () => {
    const { original, spec, clauses, back, query } = await roundTrip('shop', {
      fixture: 'public/samples/shop.csv',
      clauses: () => [
        { source: 'filter', field: '店铺', predicate: { kind: 'values', values: ['天猫旗舰店'] } },
      ],
      granularity: 'week',
      groupBy: ['渠道'],
    });
    // 有效入店人数 = 访客数 − 跳失人数, a formula: written as SQL arithmetic, named by its label.
    expect(spec.stages[1].source).toEqual({ kind: 'formula', expr: '访客数 - 跳失人数' });
    expect(query.columns.slice(0, 4)).toEqual(['日期', '渠道', '访客数', '有效入店人数']);
    const expected = funnelOf(original.table, spec, clauses);
    for (const imported of back) {
      const again = recogniseSpec(imported.table).spec;
      expect(again.stages.map((s) => s.label)).toEqual(spec.stages.map((s) => s.label));
      expect(funnelOf(imported.table, again, [])).toEqual(expected);
      // Weeks start on Monday, as the app's do.
      const days = dateColumn(imported.table, '日期')!.days;
      for (const day of days) expect((((day + 3) % 7) + 7) % 7).toBe(0);
    }
  });

  it('records with a date per stage: b2b pipeline, new customers, by month of creation', async () => {
    const { original, spec, clauses, back } = await roundTrip('b2b', {
      fixture: 'public/samples/b2b-pipeline.csv',
      clauses: () => [
        { source: 'filter', field: '客户类型', predicate: { kind: 'values', values: ['新客户'] } },
      ],
      granularity: 'month',
      groupBy: [],
    });
    expect(spec.shape).toBe('records');
    const expected = funnelOf(original.table, spec, clauses);
    for (const imported of back) {
      const again = recogniseSpec(imported.table).spec;
      expect(again.stages.map((s) => s.label)).toEqual(spec.stages.map((s) => s.label));
      expect(funnelOf(imported.table, again, [])).toEqual(expected);
    }
  });

  it('records with a current-stage column: Salesforce opportunities, one row per lead source', async () => {
    const { original, spec, clauses, back, query } = await roundTrip('sfdc', {
      fixture: 'tests/fixtures/salesforce-opportunities.csv',
      clauses: () => [
        {
          source: 'filter',
          field: 'Type',
          predicate: { kind: 'values', values: ['New Customer', 'Existing Customer - Upgrade'] },
        },
      ],
      granularity: null,
      groupBy: ['Lead Source'],
    });
    expect(spec.stageColumn).toBe('Stage');
    expect(query.columns[0]).toBe('Lead Source');
    const compiled = compileSpec(original.table, spec);
    if (!compiled.ok) throw new Error(compiled.error);
    const segments = groupBy(
      compiled.funnel,
      textColumn(original.table, 'Lead Source')!,
      select(original.table, clauses),
    );
    expect(segments.length).toBeGreaterThan(1);
    for (const imported of back) {
      // Labels such as "Id. Decision Makers" or "Value Proposition" read as an id or money by
      // their names, so the mapping is the user's here: every result column, in order, as a
      // stage (numbers as numbers).
      const t = imported.table;
      const source = textColumn(t, 'Lead Source')!;
      expect(t.rowCount).toBe(segments.length);
      for (const segment of segments) {
        const i = source.codes.findIndex((c) => source.dict[c] === segment.value);
        const row = spec.stages.map((s) => {
          const col = column(t, s.label)!;
          const numbers = col.kind === 'number' ? col : retypeColumn(col, 'count').column;
          return numbers.kind === 'number' ? numbers.values[i] : NaN;
        });
        expect(row, segment.value).toEqual(segment.counts);
      }
    }
  });

  it('events: the shop’s events, 1-day window, two channels, a date range, by day of entry', async () => {
    const fixture = 'tests/fixtures/events/shop-events-zh.csv';
    // The worker puts an event export in event order, as the app imports it.
    const imported = await importFile(fixture);
    const table = prepareEvents(imported.table);
    const recognised = recogniseSpec(table).spec;
    expect(recognised.shape).toBe('events');
    const spec = {
      ...recognised,
      events: { ...recognised.events!, window: { value: 1, unit: 'days' as const } },
    };
    const clauses: Clause[] = [
      { source: 'filter', field: '渠道', predicate: { kind: 'values', values: ['抖音', '百度'] } },
      {
        source: 'date',
        field: '时间',
        predicate: { kind: 'range', from: dayOf(2025, 3, 2), to: dayOf(2025, 3, 12) },
      },
    ];
    // The app: the rule over the events the filters keep, the range choosing entries.
    const compiled = compileSpec(table, spec);
    if (!compiled.ok) throw new Error(compiled.error);
    const withoutRange = select(
      table,
      clauses.filter((c) => c.source !== 'date'),
    );
    const funnel = eventFunnelFor(compiled.funnel, withoutRange);
    const expected = aggregate(funnel, select(table, clauses)).counts;
    expect(expected[0]).toBeGreaterThan(expected.at(-1)!);
    // The window matters here: a week lets more people reach the later steps.
    const week = compileSpec(table, recognised);
    if (!week.ok) throw new Error(week.error);
    const weekly = aggregate(eventFunnelFor(week.funnel, withoutRange), select(table, clauses));
    expect(weekly.counts).not.toEqual(expected);
    console.info(
      `shop events, 1-day window ${expected.join('/')}, 7-day ${weekly.counts.join('/')}`,
    );

    await con.run(
      `CREATE OR REPLACE TABLE funnel_source AS SELECT * FROM read_csv('${fixture}', header = true)`,
    );
    const query = funnelSql(
      {
        table,
        spec,
        clauses,
        granularity: 'day',
        groupBy: [],
        source: 'funnel_source',
        dateType: 'timestamp',
      },
      'duckdb',
    );
    if (!query.ok) throw new Error(query.reason);
    const csv = join(dir, 'events.csv');
    const parquet = join(dir, 'events.parquet');
    await con.run(`COPY (${query.sql}) TO '${csv}' (HEADER, DELIMITER ',')`);
    await con.run(`COPY (${query.sql}) TO '${parquet}' (FORMAT PARQUET)`);
    for (const back of [await importFile(csv), await importFile(parquet)]) {
      // One row per day of entry within the range; each stage's column sums to the app's count.
      const days = dateColumn(back.table, '时间')!.days;
      for (const day of days) {
        expect(day).toBeGreaterThanOrEqual(dayOf(2025, 3, 2));
        expect(day).toBeLessThanOrEqual(dayOf(2025, 3, 12));
      }
      const sums = spec.stages.map((s) => {
        const col = column(back.table, s.label)!;
        const numbers = col.kind === 'number' ? col : retypeColumn(col, 'count').column;
        if (numbers.kind !== 'number') throw new Error(s.label);
        let total = 0;
        for (const v of numbers.values) total += v;
        return total;
      });
      expect(sums).toEqual(expected);
    }
  });
});
