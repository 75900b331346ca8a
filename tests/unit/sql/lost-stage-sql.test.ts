// The SQL export places lost deals as the app does: DuckDB runs the app's query over the CRM
// export with a 丢单阶段 column and gets the reach the app shows (14, 11, 8, 4, 2 worked on paper
// in tests/unit/engine/lost-stage.test.ts), not the first-stage-only reach without the column.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { importDelimitedText } from '../../../src/core/read/delimited';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import type { FunnelSpec } from '../../../src/core/spec/spec';
import type { Table } from '../../../src/core/table/table';
import { funnelSql } from '../../../src/core/sql/funnel-sql';

const FIXTURE = 'tests/fixtures/crm-lost-stage-zh.csv';

async function run(table: Table, spec: FunnelSpec): Promise<number[]> {
  const query = funnelSql(
    {
      table,
      spec,
      clauses: [],
      granularity: null,
      groupBy: [],
      source: 'funnel_source',
      dateType: 'date',
    },
    'duckdb',
  );
  if (!query.ok) throw new Error(query.reason);
  const duck = await DuckDBInstance.create(':memory:');
  const con = await duck.connect();
  try {
    await con.run(
      `CREATE TABLE funnel_source AS SELECT * FROM read_csv('${FIXTURE}', header = true, all_varchar = true)`,
    );
    const rows = (await con.runAndReadAll(query.sql)).getRowObjectsJS();
    expect(rows).toHaveLength(1);
    return spec.stages.map((s) => Number(rows[0][s.label]));
  } finally {
    con.closeSync();
  }
}

describe('SQL export of a records funnel with a lost-stage column', () => {
  it('DuckDB gets the same reach per stage as the app', async () => {
    const { table } = await importDelimitedText(readFileSync(FIXTURE, 'utf8'), {
      fileName: 'crm.csv',
    });
    const spec = recogniseSpec(table).spec;
    expect(spec.lostStage).toBe('丢单阶段');
    expect(await run(table, spec)).toEqual([14, 11, 8, 4, 2]);
    // Cleared, the SQL follows the app too: only the 方案报价 deal keeps a stage.
    expect(await run(table, { ...spec, lostStage: null })).toEqual([9, 7, 5, 3, 2]);
  });
});
