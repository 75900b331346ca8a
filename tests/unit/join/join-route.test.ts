import { describe, expect, it } from 'vitest';
import { importHandler } from '../../../src/ingest/handler';
import type { FromWorker } from '../../../src/ingest/messages';

const ADS =
  '日期,推广计划,展现,点击,消费\n2025-04-01,品牌词（北京）,100,10,5.5\n合计,,100,10,5.5\n';
const CHATS =
  '对话ID,开始时间,来源计划\nc1,2025-04-01 09:00:00,品牌词(北京)\nc2,2025-04-01 10:00:00,自然流量\n';

function run(files: { name: string; text: string }[]) {
  const posted: { message: FromWorker; transfer: ArrayBuffer[] }[] = [];
  const handle = importHandler(
    (message, transfer) => posted.push({ message, transfer }),
    () => Promise.resolve(),
  );
  const done = handle({
    type: 'join',
    id: 7,
    files: files.map((f) => ({ name: f.name, source: { kind: 'text' as const, text: f.text } })),
    base: null,
  });
  return { posted, done };
}

describe("the worker's join route", () => {
  it('reads each file through the import pipeline and replies once with the joined table', async () => {
    const { posted, done } = run([
      { name: 'ads.csv', text: ADS },
      { name: '商桥.csv', text: CHATS },
    ]);
    await done;
    const last = posted.at(-1)!;
    expect(last.message.type).toBe('joined');
    if (last.message.type !== 'joined') return;
    const { table, info } = last.message.result;
    expect(table.rowCount).toBe(2); // 品牌词 on 04-01, 自然流量 on 04-01 (合计 left out)
    expect(info.sources.map((s) => [s.name, s.shape, s.report.droppedTotals.length])).toEqual([
      ['ads.csv', 'sums', 1],
      ['商桥.csv', 'records', 0],
    ]);
    expect(info.unmatched.map((u) => u.value)).toEqual(['自然流量']);
    // the joined columns' buffers are handed over, not copied
    expect(last.transfer.length).toBeGreaterThanOrEqual(table.columns.length);
  });

  it('names the file that could not be read', async () => {
    const { posted, done } = run([
      { name: 'ads.csv', text: ADS },
      { name: 'broken.csv', text: '' },
    ]);
    await done;
    const last = posted.at(-1)!.message;
    expect(last.type).toBe('error');
    if (last.type === 'error') expect(last.params.file).toBe('broken.csv');
  });
});
