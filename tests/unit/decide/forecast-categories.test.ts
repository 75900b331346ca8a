import { describe, expect, it } from 'vitest';
import { categoryForecast, categoryOf } from '../../../src/core/decide/forecast-categories';
import { dealsModel } from './review-model';

describe('categoryOf', () => {
  it.each([
    [0.8, 130, 'commit'], // above 50 %, closing in 30 days: best few
    [0.51, 160, 'commit'], // 60 days away is still within
    [0.51, 161, 'best-case'], // 61 days: in the funnel
    [0.8, NaN, 'best-case'], // no close date: cannot be counted on soon
    [0.5, 110, 'best-case'], // 50 % is the top of "in the funnel"
    [0.25, 110, 'best-case'], // 25 % its bottom
    [0.2499, 110, 'pipeline'], // below: above the funnel
    [0, 110, 'pipeline'],
    [NaN, 110, null], // unknown probability: no category
  ])('probability %s closing day %s → %s', (p, close, category) => {
    expect(categoryOf(p, close, 100)).toBe(category);
  });
});

describe('categoryForecast', () => {
  it('adds up open deals by category', () => {
    const model = dealsModel([
      { at: [0, 5], p: 0.8, amount: 10000 }, // commit
      { at: [0, null], p: 0.3, amount: 5000 }, // best case
      { at: [0, null], p: 0.1, amount: 2000 }, // pipeline
      { at: [0, null], amount: 700 }, // no probability
      { at: [0, 5], p: 1, amount: 99999, outcome: 'won' }, // closed: not in the forecast
      { at: [0, 5], p: 0.9, amount: 1000 }, // 90 % but 90 days away: best case
    ]);
    const close = Float64Array.of(120, NaN, NaN, NaN, NaN, 190);
    const f = categoryForecast(model, null, close, 100);
    expect(f.unknown).toBe(1);
    const by = Object.fromEntries(f.categories.map((c) => [c.category, c]));
    expect(f.categories.map((c) => c.category)).toEqual(['commit', 'best-case', 'pipeline']);
    expect(by.commit).toMatchObject({ open: 1, amount: 10000 });
    expect(by.commit.expectedWins).toBeCloseTo(0.8, 12);
    expect(by.commit.weightedAmount).toBeCloseTo(8000, 9);
    expect(by['best-case']).toMatchObject({ open: 2, amount: 6000 });
    expect(by['best-case'].expectedWins).toBeCloseTo(1.2, 12);
    expect(by['best-case'].weightedAmount).toBeCloseTo(1500 + 900, 9);
    expect(by.pipeline).toMatchObject({ open: 1, amount: 2000 });
    expect(by.pipeline.weightedAmount).toBeCloseTo(200, 9);
  });
});
