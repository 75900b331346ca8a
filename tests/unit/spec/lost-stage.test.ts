// A separate "lost at stage" column (丢单阶段, Lost stage …) is recognised from its header with no
// click, but only when its values are the file's stages: a header alone is not enough.
import { describe, expect, test } from 'vitest';
import { importDelimitedText } from '../../../src/core/read/delimited';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { isLostStageHeader } from '../../../src/core/spec/outcomes';
import { validateSpec } from '../../../src/core/spec/validate';

async function recognise(csv: string) {
  const { table } = await importDelimitedText(csv, { fileName: 'hand.csv' });
  return recogniseSpec(table);
}

/** Six deals: 线索 / 方案 / 谈判 / 赢单 stages, two lost, with `header` naming where. */
const file = (header: string, lostAt: [string, string] = ['方案', '线索']) =>
  [
    `商机,阶段,状态,${header},金额`,
    'a,线索,进行中,,1',
    'b,方案,进行中,,1',
    'f,谈判,进行中,,1',
    'c,赢单,赢单,,1',
    `d,丢单,丢单,${lostAt[0]},1`,
    `e,丢单,丢单,${lostAt[1]},1`,
  ].join('\n');

describe('the lost-stage header', () => {
  test.each([
    '丢单阶段',
    '输单阶段',
    '流失阶段',
    '丢失环节',
    '战败阶段',
    '阶段（丢单）',
    '丢单时所在阶段',
    'Lost stage',
    'Lost at stage',
    'Stage lost',
    'Loss stage',
    'Closed lost stage',
    'Stage when lost',
    'LOST_STAGE',
    'lost-in-step',
  ])('“%s” names the stage a deal was lost at', (h) => {
    expect(isLostStageHeader(h)).toBe(true);
  });

  test.each(['阶段', '状态', '丢单原因', 'Lost reason', 'Stage', 'Closed date', 'Lostwood stage'])(
    '“%s” does not',
    (h) => {
      expect(isLostStageHeader(h)).toBe(false);
    },
  );
});

describe('recognised with no click', () => {
  test.each(['丢单阶段', 'Lost at stage', 'Stage lost', '流失阶段'])(
    '“%s” whose values are stages becomes the lost-stage column, with its rule',
    async (h) => {
      const { spec, reasons } = await recognise(file(h));
      expect(spec.lostStage).toBe(h);
      // Not offered as a slicer: it is read as where deals were lost.
      expect(spec.dimensions).not.toContain(h);
      const reason = reasons.find((r) => r.key === 'map.reason.lostStage');
      expect(reason?.params.column).toBe(h);
      expect(reason?.rule).toBe('columnName');
    },
  );

  test('a column so named whose values are mostly not stages is left alone', async () => {
    const { spec, reasons } = await recognise(file('丢单阶段', ['价格太高', '预算不足']));
    expect(spec.lostStage ?? null).toBeNull();
    expect(reasons.some((r) => r.key === 'map.reason.lostStage')).toBe(false);
  });

  test('stage values are matched the way people read them (case, spaces)', async () => {
    const csv = [
      'Deal,Stage,Status,Lost at stage',
      'a,Qualified,Open,',
      'b,Proposal,Open,',
      'c,Won,Won,',
      'd,Lost,Lost, proposal ',
      'e,Lost,Lost,QUALIFIED',
    ].join('\n');
    const { spec } = await recognise(csv);
    expect(spec.lostStage).toBe('Lost at stage');
  });

  test('without lost values there is nothing to place', async () => {
    const csv = ['商机,阶段,丢单阶段', 'a,线索,', 'b,方案,线索', 'c,谈判,方案'].join('\n');
    const { spec } = await recognise(csv);
    expect(spec.lostStage ?? null).toBeNull();
  });
});

describe('the mapping problems', () => {
  test('lost deals placed by the lost-stage column are not reported as rows no stage takes', async () => {
    const { table } = await importDelimitedText(file('丢单阶段'), { fileName: 'hand.csv' });
    const { spec } = recogniseSpec(table);
    expect(spec.lostStage).toBe('丢单阶段');
    const unmapped = validateSpec(table, spec).filter((p) => p.code === 'unmapped-values');
    expect(unmapped).toEqual([]);
    // Without the column those two 丢单 rows are not placed, and the warning says so.
    const without = validateSpec(table, { ...spec, lostStage: null });
    expect(without.filter((p) => p.code === 'unmapped-values')).toHaveLength(1);
  });
});
