import { describe, expect, it } from 'vitest';
import { catalogs, interpolate, pickLocale } from '../../../src/i18n/catalog';
import { formatCount, formatMoney, formatRate, unitNoun } from '../../../src/i18n/format';
import { signedCount, signedMoney, signedPoints, signedRate } from '../../../src/i18n/signed';

describe('catalogues', () => {
  it('have the same keys in both languages, none empty', () => {
    expect(Object.keys(catalogs.zh).sort()).toEqual(Object.keys(catalogs.en).sort());
    for (const locale of ['en', 'zh'] as const) {
      for (const [key, text] of Object.entries(catalogs[locale])) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(catalogs.en)) {
      expect(holes(catalogs.zh[key]), key).toEqual(holes(catalogs.en[key]));
    }
  });

  it('Chinese messages are in Chinese: Latin words only where English keeps the same term', () => {
    for (const [key, text] of Object.entries(catalogs.zh)) {
      const words = text.replace(/\{\w+\}/g, '').match(/[A-Za-z]{2,}/g) ?? [];
      // Terms such as ROI, CPC, CSV, SVG are the same in both languages.
      const english = catalogs.en[key];
      for (const w of words)
        expect(english.includes(w) || /^[A-Z]+$/.test(w), `zh ${key}: ${text}`).toBe(true);
    }
  });
});

describe('interpolate and pickLocale', () => {
  it('fills placeholders and keeps unknown ones visible', () => {
    expect(interpolate('{a} of {b}', { a: 1 })).toBe('1 of {b}');
  });
  it.each([
    [['zh-CN', 'en'], 'zh'],
    [['zh-TW'], 'zh'],
    [['en-GB', 'zh'], 'en'],
    [['fr-FR'], 'en'],
    [[], 'en'],
  ])('%j → %s', (langs, expected) => {
    expect(pickLocale(langs)).toBe(expected);
  });
});

describe('format', () => {
  it('shows undefined values as a dash', () => {
    expect(formatRate(null, 'en')).toBe('—');
    expect(formatCount(NaN, 'zh')).toBe('—');
    expect(formatMoney(Infinity, 'en')).toBe('—');
  });
  it('formats counts, rates and money per locale', () => {
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCount(1234567, 'zh', true)).toBe('123.46万');
    expect(formatCount(250_000_000, 'zh', true)).toBe('2.5亿');
    expect(formatRate(0.0312, 'en')).toBe('3.12%');
    expect(formatMoney(-1234.5, 'en', '¥')).toBe('−¥1,234.50');
  });
  it('writes large money in 万 / 亿 for Chinese readers, with the currency symbol', () => {
    expect(formatMoney(24_862_200, 'zh', '¥', true)).toBe('¥2,486.22万');
    expect(formatMoney(-312_000_000, 'zh', '¥', true)).toBe('−¥3.12亿');
    expect(formatMoney(9_999.5, 'zh', '¥', true)).toBe('¥9,999.50');
    expect(formatMoney(24_862_200, 'en', '$', true)).toBe('$24,862,200.00');
  });
  it('uses one minus sign (U+2212) for every negative number and change', () => {
    const hyphen = /-/;
    for (const text of [
      formatCount(-5, 'en'),
      formatCount(-12_345, 'zh', true),
      formatRate(-0.031, 'zh'),
      formatMoney(-3, 'en', '$'),
      signedCount(-58.6, 'en'),
      signedRate(-0.125, 'zh'),
      signedPoints(-0.0042, 'en'),
      signedMoney(-20, 'zh', '¥'),
    ]) {
      expect(text, text).not.toMatch(hyphen);
      expect(text, text).toContain('\u2212');
    }
  });
  it('counts cost by a stage as a unit: 每个订单的成本, cost per order', () => {
    expect(unitNoun('订单量', 'zh')).toBe('订单');
    expect(unitNoun('访客数', 'zh')).toBe('访客');
    expect(unitNoun('赢单', 'zh')).toBe('赢单');
    expect(unitNoun('Orders', 'en')).toBe('order');
    expect(unitNoun('Won deals', 'en')).toBe('won deal');
    expect(unitNoun('Status', 'en')).toBe('Status');
    expect(unitNoun('Business', 'en')).toBe('Business');
    expect(unitNoun('订单量', 'en')).toBe('订单量');
  });
  it('writes changes signed, counts in whole units, ± for no change', () => {
    expect(signedCount(58.6, 'en')).toBe('+59');
    expect(signedCount(-58.4, 'en')).toBe('\u221258');
    expect(signedCount(0.3, 'en')).toBe('±0');
    expect(signedCount(123_456, 'zh', true)).toBe('+12.35万');
    expect(signedRate(0.125, 'en')).toBe('+12.5%');
    expect(signedPoints(0.0042, 'zh')).toBe('+0.42');
    expect(signedPoints(0, 'zh')).toBe('±0.00');
    expect(signedMoney(180_000, 'en', '¥')).toBe('+¥180,000.00');
  });
});
