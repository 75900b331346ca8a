// A newer export that lacks a column the saved mapping relied on must not change the counts
// without a word: a lost-at-stage column that vanished is dropped and said apart, and an event
// funnel without its person, event or time column is read afresh instead of half-mapped.
import { describe, expect, test } from 'vitest';
import { importDelimitedText } from '../../../src/core/read/delimited';
import { reconcileNotes, reconcileSpec } from '../../../src/core/spec/reconcile';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { validateSpec } from '../../../src/core/spec/validate';

async function read(csv: string) {
  return (await importDelimitedText(csv, { fileName: 'deals.csv' })).table;
}

const may = [
  '商机,阶段,状态,丢单阶段,金额',
  'a,线索,进行中,,1',
  'b,方案,进行中,,1',
  'f,谈判,进行中,,1',
  'c,赢单,赢单,,1',
  'd,丢单,丢单,方案,1',
  'e,丢单,丢单,线索,1',
].join('\n');

describe('a newer export without a column the mapping used', () => {
  test('the lost-at-stage column is dropped from the mapping and named in its own note', async () => {
    const saved = recogniseSpec(await read(may)).spec;
    expect(saved.lostStage).toBe('丢单阶段');
    // June's export: the same deals, no lost-at-stage column.
    const june = await read(
      may
        .split('\n')
        .map((line) => line.split(',').toSpliced(3, 1).join(','))
        .join('\n'),
    );
    const r = reconcileSpec(saved, june, ['商机', '阶段', '状态', '丢单阶段', '金额']);
    expect(r.recognised).toBe(false);
    expect(r.spec.lostStage).toBeNull();
    expect(r.missing).toEqual(['丢单阶段']);
    expect(r.lostStageGone).toBe('丢单阶段');
    expect(validateSpec(june, r.spec).filter((p) => p.severity === 'error')).toEqual([]);
    expect(reconcileNotes('五月.csv', r).map((n) => n.key)).toEqual([
      'map.reconcile.kept',
      'map.reconcile.missing',
      'map.reconcile.lostStageGone',
    ]);
  });

  test('an export that still has the column keeps it, with no note', async () => {
    const saved = recogniseSpec(await read(may)).spec;
    const r = reconcileSpec(saved, await read(may));
    expect(r.spec.lostStage).toBe('丢单阶段');
    expect(r.lostStageGone).toBeNull();
    expect(reconcileNotes('五月.csv', r).map((n) => n.key)).toEqual(['map.reconcile.kept']);
  });

  test('an event log without its person column is recognised afresh', async () => {
    const log = [
      '用户ID,事件,时间,渠道',
      'u1,浏览,2025-01-05 10:00,百度',
      'u1,加购,2025-01-05 10:05,百度',
      'u1,下单,2025-01-05 10:09,百度',
      'u2,浏览,2025-01-05 11:00,抖音',
      'u2,加购,2025-01-05 11:30,抖音',
    ].join('\n');
    const saved = recogniseSpec(await read(log)).spec;
    expect(saved.shape).toBe('events');
    expect(saved.events?.person).toBe('用户ID');
    const noPerson = await read(
      log
        .split('\n')
        .map((line) => line.split(',').slice(1).join(','))
        .join('\n'),
    );
    const r = reconcileSpec(saved, noPerson, ['用户ID', '事件', '时间', '渠道']);
    expect(r.missing).toEqual(['用户ID']);
    expect(r.recognised).toBe(true);
    expect(r.spec.events?.person ?? null).not.toBe('用户ID');
  });
});
