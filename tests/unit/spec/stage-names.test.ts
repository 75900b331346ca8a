import { describe, expect, test } from 'vitest';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { updateStage } from '../../../src/core/spec/spec-edit';
import { namedRate, phases, stageNames, stageSource } from '../../../src/core/spec/stage-names';
import { fromArrays } from '../../../src/core/table/table';

const searchAds = () =>
  recogniseSpec(
    fromArrays({ 展现量: [1000], 点击量: [30], 访问量: [25], 咨询量: [2], 订单量: [1] }),
  ).spec;

describe('stage names in the reader’s language', () => {
  test('a recognised stage reads as the template names it; its header is its source', () => {
    const spec = searchAds();
    expect(stageNames(spec, 'en')).toEqual([
      'Impressions',
      'Clicks',
      'Visits',
      'Consultations',
      'Orders',
    ]);
    expect(stageNames(spec, 'zh')).toEqual(['展现量', '点击量', '访问量', '咨询量', '订单量']);
    expect(stageSource(spec, 0, 'en')).toBe('展现量');
    expect(stageSource(spec, 0, 'zh')).toBeNull();
  });

  test('another spelling of a header still reads as the template name', () => {
    const spec = recogniseSpec(fromArrays({ 'Impr.': [1000], Clicks: [30] })).spec;
    expect(stageNames(spec, 'zh')).toEqual(['展现量', '点击量']);
    expect(stageSource(spec, 0, 'zh')).toBe('Impr.');
  });

  test('a stage the user renamed keeps the name they gave it', () => {
    const spec = updateStage(searchAds(), 0, { label: '曝光' });
    expect(stageNames(spec, 'en')[0]).toBe('曝光');
    expect(stageNames(spec, 'en')[1]).toBe('Clicks');
  });

  test('headers no template knows show as they are', () => {
    const spec = recogniseSpec(fromArrays({ 线索: [100], 面谈: [40], 签约: [10] })).spec;
    expect(stageNames(spec, 'en')).toEqual(spec.stages.map((s) => s.label));
    expect(phases(spec)).toEqual([]);
  });

  test('the search-ads step rates have their own names and its stages three phases', () => {
    const spec = searchAds();
    expect([1, 2, 3, 4].map((k) => namedRate(spec, k)?.zh)).toEqual([
      '点击率',
      '访问转化率',
      '咨询转化率',
      '订单转化率',
    ]);
    expect(namedRate(spec, 0)).toBeNull();
    expect(phases(spec)).toEqual([
      { zh: '推广', en: 'Promotion', from: 0, to: 1 },
      { zh: '网站', en: 'Website', from: 2, to: 3 },
      { zh: '线下销售', en: 'Offline sales', from: 4, to: 4 },
    ]);
  });

  test('does not change the spec it reads', () => {
    const spec = searchAds();
    const before = JSON.stringify(spec);
    stageNames(spec, 'en');
    phases(spec);
    namedRate(spec, 1);
    expect(JSON.stringify(spec)).toBe(before);
  });
});
