import { describe, expect, it } from 'vitest';
import {
  convertTarget,
  parseTargetCsv,
  resolveTarget,
  targetGaps,
  targetKey,
} from '../../../src/core/decide/targets';

const ids = ['impressions', 'clicks', 'visits', 'consultations', 'orders'];
const stages = [
  { id: 'impressions', label: '展现量' },
  { id: 'clicks', label: '点击量' },
  { id: 'visits', label: '访问量' },
  { id: 'consultations', label: '咨询量' },
  { id: 'orders', label: '订单量' },
];

describe('resolveTarget', () => {
  it('derives counts from rates and today’s top', () => {
    const r = resolveTarget(
      { kind: 'rates', values: { clicks: 0.04, visits: 0.8, consultations: 0.1, orders: 0.25 } },
      ids,
      10000,
    );
    const expected = [10000, 400, 320, 32, 8];
    r.counts.forEach((c, k) => expect(c).toBeCloseTo(expected[k], 9));
    expect(r.rates).toEqual([null, 0.04, 0.8, 0.1, 0.25]);
  });

  it('a typed top count wins over today’s; a missing rate leaves the stages below open', () => {
    const r = resolveTarget(
      { kind: 'rates', values: { impressions: 20000, clicks: 0.05 } },
      ids,
      10000,
    );
    expect(r.counts).toEqual([20000, 1000, null, null, null]);
  });

  it('a blank step keeps today’s rate when asked, so the stages below still have a target', () => {
    const r = resolveTarget({ kind: 'rates', values: { clicks: 0.04 } }, ids, 10000, [
      null,
      0.03,
      0.5,
      0.1,
      0.25,
    ]);
    const expected = [10000, 400, 200, 20, 5];
    r.counts.forEach((c, k) => expect(c).toBeCloseTo(expected[k], 9));
    expect(r.rates).toEqual([null, 0.04, 0.5, 0.1, 0.25]);
    // counts are taken as typed: today's rates do not fill a blank count
    const c = resolveTarget({ kind: 'counts', values: { orders: 5 } }, ids, 10000, [
      null,
      0.03,
      0.5,
      0.1,
      0.25,
    ]);
    expect(c.counts).toEqual([null, null, null, null, 5]);
  });

  it('derives rates from counts, including a zero-count stage', () => {
    const r = resolveTarget(
      { kind: 'counts', values: { impressions: 10000, clicks: 400, visits: 0, consultations: 0 } },
      ids,
      5,
    );
    expect(r.counts).toEqual([10000, 400, 0, 0, null]);
    expect(r.rates).toEqual([null, 0.04, 0, null, null]);
  });

  it('converts between the two forms', () => {
    const counts = {
      kind: 'counts' as const,
      values: { impressions: 10000, clicks: 400, visits: 320 },
    };
    const rates = convertTarget(counts, ids.slice(0, 3), 9000);
    expect(rates).toEqual({
      kind: 'rates',
      values: { impressions: 10000, clicks: 0.04, visits: 0.8 },
    });
    expect(convertTarget(rates, ids.slice(0, 3), 9000)).toEqual(counts);
  });
});

describe('targetGaps', () => {
  it('says how many units short and by how many points', () => {
    const g = targetGaps([10000, 300, 212], {
      counts: [10000, 400, 250],
      rates: [null, 0.04, 0.625],
    });
    expect(g[0].units).toBe(0);
    expect(g[0].short).toBe(false);
    expect(g[1].units).toBe(-100);
    expect(g[1].points).toBeCloseTo(-0.01, 12); // 3 % vs 4 %
    expect(g[2].units).toBe(-38); // "38 consultations short"
    expect(g[2].points).toBeCloseTo(212 / 300 - 0.625, 12); // ahead on the rate: +8.17 pp
    expect(g[2].short).toBe(true);
  });

  it('falls back to the rate when a stage has no target count', () => {
    const g = targetGaps([100, 5], { counts: [null, null], rates: [null, 0.1] });
    expect(g[1].units).toBeNull();
    expect(g[1].points).toBeCloseTo(-0.05, 12);
    expect(g[1].short).toBe(true);
    expect(targetGaps([0, 0], { counts: [null, null], rates: [null, 0.1] })[1].points).toBeNull();
  });
});

describe('parseTargetCsv', () => {
  it('reads counts by label with a header line and thousands separators', () => {
    const r = parseTargetCsv(
      '阶段,目标\n展现量,"1,000,000"\n点击量,30000\n订单量,５００\n',
      stages,
    );
    expect(r).toEqual({
      ok: true,
      target: { kind: 'counts', values: { impressions: 1_000_000, clicks: 30000, orders: 500 } },
      ignored: [],
    });
  });

  it('reads rates by id, with a BOM, and reports lines it could not place', () => {
    const r = parseTargetCsv(
      '\ufeffstage,target\r\nimpressions,100000\r\nclicks,4%\r\nVISITS,85%\r\n合计,1\r\n',
      stages,
    );
    expect(r).toEqual({
      ok: true,
      target: { kind: 'rates', values: { impressions: 100000, clicks: 0.04, visits: 0.85 } },
      ignored: ['合计'],
    });
  });

  it('names each problem with its line', () => {
    const bad = parseTargetCsv(
      '展现量,10%\n点击量,4%\n访问量,300\n咨询量,abc\n订单量,-5\n订单量,5',
      stages,
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.key)).toEqual([
      'decide.csv.topRate',
      'decide.csv.notNumber',
      'decide.csv.negative',
      'decide.csv.mixed',
    ]);
    expect(bad.problems[1].params).toEqual({ line: 4, value: 'abc' });
    const twice = parseTargetCsv('订单量,5\n订单量,6', stages);
    expect(twice.ok === false && twice.problems[0].key).toBe('decide.csv.repeated');
    const empty = parseTargetCsv('stage,target\n', stages);
    expect(empty.ok === false && empty.problems[0].key).toBe('decide.csv.empty');
  });
});

describe('targetKey', () => {
  it('is the same whatever order the filters were set in', () => {
    const a = {
      source: 'filter',
      field: '地区',
      predicate: { kind: 'values' as const, values: ['华北', '华东'] },
    };
    const b = {
      source: 'date',
      field: '日期',
      predicate: { kind: 'range' as const, from: 20000, to: 20030 },
    };
    const a2 = { ...a, predicate: { kind: 'values' as const, values: ['华东', '华北'] } };
    expect(targetKey([a, b])).toBe(targetKey([b, a2]));
    expect(targetKey([a, b])).toBe('["地区=华东|华北","日期:20000..20030"]');
    expect(targetKey([])).toBe('all');
    expect(targetKey([a])).not.toBe(targetKey([b]));
  });
});
