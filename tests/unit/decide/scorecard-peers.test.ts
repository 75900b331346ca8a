import { describe, expect, it } from 'vitest';
import { peerLevel, peopleField } from '../../../src/core/decide/peers';

const org = ['分公司', '团队', '负责人'];

describe('peerLevel', () => {
  it('stands on the deepest organisation level narrowed to one member', () => {
    expect(
      peerLevel(org, [
        { field: '分公司', values: ['北京分公司'] },
        { field: '负责人', values: ['王强'] },
      ]),
    ).toEqual({ field: '负责人', member: '王强' });
    // The drill path narrows like a filter.
    expect(
      peerLevel(org, [
        { field: '分公司', values: ['北京分公司'] },
        { field: '团队', values: ['北京一组'] },
      ]),
    ).toEqual({ field: '团队', member: '北京一组' });
  });

  it('needs exactly one member: several, or none left after two clauses, is no level', () => {
    expect(peerLevel(org, [{ field: '分公司', values: ['北京', '上海'] }])).toBeNull();
    expect(peerLevel(org, [])).toBeNull();
    // A drill to 北京 and a filter to 北京 + 上海: 北京 passes both.
    expect(
      peerLevel(org, [
        { field: '分公司', values: ['北京'] },
        { field: '分公司', values: ['北京', '上海'] },
      ]),
    ).toEqual({ field: '分公司', member: '北京' });
    expect(
      peerLevel(org, [
        { field: '分公司', values: ['北京'] },
        { field: '分公司', values: ['上海'] },
      ]),
    ).toBeNull();
  });

  it('outside the hierarchy, takes the last dimension narrowed to one value', () => {
    expect(
      peerLevel(org, [
        { field: '地区', values: ['华北'] },
        { field: '渠道', values: ['百度'] },
      ]),
    ).toEqual({ field: '渠道', member: '百度' });
    // The hierarchy wins over any other dimension.
    expect(
      peerLevel(org, [
        { field: '团队', values: ['北京一组'] },
        { field: '渠道', values: ['百度'] },
      ]),
    ).toEqual({ field: '团队', member: '北京一组' });
  });
});

describe('peopleField', () => {
  it('is the column named like a salesperson, else the lowest level', () => {
    expect(peopleField(['分公司', '团队'], ['分公司', '团队', '负责人', '地区'])).toBe('负责人');
    expect(peopleField([], ['Region', 'Deal owner'])).toBe('Deal owner');
    expect(peopleField(['分公司', '团队'], ['分公司', '团队', '地区'])).toBe('团队');
    expect(peopleField([], ['地区'])).toBeNull();
  });
});
