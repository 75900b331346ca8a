import { describe, expect, it } from 'vitest';
import { catalogs, interpolate, pickLocale } from '../../../src/i18n/catalog';
import { formatCount, formatMoney, formatRate } from '../../../src/i18n/format';

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
    expect(formatMoney(-1234.5, 'en', '¥')).toBe('-¥1,234.50');
  });
});
