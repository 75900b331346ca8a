// The import worker with a second worker for large files (halves.ts), driven in node: a file
// from the message's `splitFrom` up has its back half read by the second reader (here in this
// thread), and the table the page gets is the file's, worked out here row by row.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importHandler } from '../../../src/ingest/handler';
import type { FromWorker } from '../../../src/ingest/messages';
import type { StartBackHalf } from '../../../src/core/read/halves';
import { countAbsorbed, inThread } from '../read/import-runs';

const REGIONS = ['华北', '华东', '华南', '西南'];

/** Rows whose region cycles with the row, the last region first met in the back half. */
function csv(rows: number): { text: string; clicks: number } {
  let text = '日期,地区,点击量\n';
  let clicks = 0;
  for (let i = 0; i < rows; i++) {
    const region = i < rows * 0.9 ? REGIONS[i % 3] : REGIONS[3];
    text += `2025-01-${String(1 + (i % 28)).padStart(2, '0')},${region},${i % 97}\n`;
    clicks += i % 97;
  }
  return { text, clicks };
}

async function run(text: string, splitFrom: number) {
  const started: number[] = [];
  const start: StartBackHalf = (request) => {
    started.push(request.start);
    return inThread(request);
  };
  let result: FromWorker | undefined;
  const handle = importHandler(
    (m) => (result = m),
    async () => {},
    start,
  );
  const file = new Blob([text]);
  await handle({
    type: 'import',
    id: 1,
    name: 'a.csv',
    source: { kind: 'file', file },
    options: { splitFrom },
  });
  if (result?.type !== 'done') throw new Error(`no table: ${JSON.stringify(result)}`);
  return { started, table: result.result.table };
}

afterEach(() => vi.restoreAllMocks());

describe('import worker with a second worker', () => {
  const { text, clicks } = csv(60_000);

  it('reads a file from splitFrom up in two halves: the file rows, sums and regions', async () => {
    const absorbed = countAbsorbed();
    const { started, table } = await run(text, 1 << 20);
    // Taken in, not thrown away and read again by the first worker.
    expect(absorbed.count).toBe(1);
    // One back half, starting just after a line break near the middle.
    expect(started).toHaveLength(1);
    const bytes = new TextEncoder().encode(text);
    expect(bytes[started[0] - 1]).toBe(0x0a);
    expect(Math.abs(started[0] - bytes.length / 2)).toBeLessThan(64);
    expect(table.rowCount).toBe(60_000);
    const [, region, click] = table.columns;
    if (click.kind !== 'number' || region.kind !== 'text') throw new Error('column kinds');
    let sum = 0;
    for (const v of click.values) sum += v;
    expect(sum).toBe(clicks);
    // Dictionary values in the order the file has them; 西南 only in the back half.
    expect(region.dict).toEqual(['', '华北', '华东', '华南', '西南']);
    expect(region.codes[59_999]).toBe(4);
    expect(region.codes[1]).toBe(2);
  });

  it('reads a smaller file in one', async () => {
    const { started, table } = await run(text, text.length * 8);
    expect(started).toHaveLength(0);
    expect(table.rowCount).toBe(60_000);
  });
});
