// The cycle counts lost deals too, beside the won-only cycle; and the win rate from each stage.
import { describe, expect, it } from 'vitest';
import { recordMetrics } from '../../../src/core/engine/pipeline';
import { dealsModel } from './review-model';

// Three stages; the first stage's day is the creation day.
const model = dealsModel([
  { at: [0, 5, 10], outcome: 'won', closed: 10 },
  { at: [2, 4, 12], outcome: 'won', closed: 12 },
  { at: [0, 3, null], outcome: 'lost', closed: 9 },
  { at: [1, null, null], outcome: 'lost', closed: 5 },
  { at: [0, 2, null] },
]);
const m = recordMetrics(model, null);

describe('cycles', () => {
  it('won and lost apart, and together', () => {
    // Won: 10 − 0, 12 − 2; lost: 9 − 0, 5 − 1.
    expect(m.wonCycle).toMatchObject({ count: 2, median: 10 });
    expect(m.lostCycle).toMatchObject({ count: 2, median: 6.5 });
    expect(m.cycle).toMatchObject({ count: 4, median: 9.5 });
  });
});

describe('win rate from each stage', () => {
  it('of the deals that reached the stage and closed, the share won', () => {
    // Stage 0: 2 won of 4 closed; stage 1: 2 of 3 (the open one does not count); stage 2: 2 of 2.
    expect(m.stages.map((s) => s.winRate)).toEqual([0.5, 2 / 3, 1]);
  });

  it('is unknown when the data cannot say what was lost', () => {
    const blind = recordMetrics({ ...model, knowsLost: false }, null);
    expect(blind.stages.map((s) => s.winRate)).toEqual([null, null, null]);
  });
});
