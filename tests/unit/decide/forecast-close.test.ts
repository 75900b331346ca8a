import { describe, expect, it } from 'vitest';
import { expectedClose, remainingDays } from '../../../src/core/decide/forecast-close';
import { pipelineForecast } from '../../../src/core/decide/forecast';
import { dayOf } from '../../../src/core/engine/period';
import { dealsModel } from './review-model';

// Three stages: lead, deal, won. Days are plain numbers.
const model = dealsModel([
  { at: [0, 10, 40], outcome: 'won', closed: 40 },
  { at: [5, 20, 44], outcome: 'won' }, // no close date: won the day it entered the won stage
  { at: [10, 30, 70], outcome: 'won', closed: 70 },
  { at: [0, 15, null], outcome: 'lost', closed: 30 }, // lost: no win to measure to
  { at: [90, 100, null], p: 0.5, amount: 100 }, // row 4: open in stage 1 since day 100
  { at: [20, 50, null], p: 0.5, amount: 200 }, // row 5: open in stage 1 since day 50
  { at: [100, null, null], closed: 150, p: 0.1, amount: 300 }, // row 6: expected on day 150
  { at: [100, null, null], closed: 105, p: 0.1, amount: 400 }, // row 7: expected day 105, passed
]);

describe('remainingDays', () => {
  it('is the median days from entering a stage to the win, over won deals', () => {
    // Stage 0: 40, 39, 60 → 40. Stage 1: 30, 24, 40 → 30. The won stage itself: 0.
    expect(remainingDays(model, null)).toEqual([40, 30, 0]);
  });

  it('over the rows given; null where no won deal entered the stage', () => {
    expect(remainingDays(model, Uint32Array.of(0, 1))).toEqual([39.5, 27, 0]);
    expect(remainingDays(model, Uint32Array.of(3, 4))).toEqual([null, null, null]);
  });
});

describe('expectedClose', () => {
  it('takes the close date when there is one, else the stage entry plus its median remaining', () => {
    const c = expectedClose(model, null, 110, [40, 30, 0]);
    // Row 4: 100 + 30 = 130. Row 5: 50 + 30 = 80 is past: expected now, day 110.
    expect([...c.days]).toEqual([NaN, NaN, NaN, NaN, 130, 110, 150, 105]);
    expect(c).toMatchObject({ fromColumn: 2, estimated: 2, unknown: 0, overdue: 1 });
  });

  it('leaves a deal undated when its stage has no estimate', () => {
    const c = expectedClose(model, Uint32Array.of(4, 5), 110, [null, null, null]);
    expect([...c.days].filter((d) => !Number.isNaN(d))).toEqual([]);
    expect(c).toMatchObject({ fromColumn: 0, estimated: 0, unknown: 2 });
  });

  it('gives the pipeline forecast its months', () => {
    const oct = dayOf(2025, 10, 1);
    const m = dealsModel([
      { at: [oct - 40, oct - 20], outcome: 'won' },
      { at: [oct - 5, null], p: 0.5, amount: 1000 },
      { at: [oct - 3, null], p: 0.2, amount: 500 },
    ]);
    // Stage 0 to the win: 20 days. Open deals: Sep 26 + 20 = Oct 16, Sep 28 + 20 = Oct 18.
    const c = expectedClose(m, null, oct, remainingDays(m, null));
    const f = pipelineForecast(m, null, c.days);
    expect(f.byMonth.map((b) => [b.month, b.open, b.weightedAmount])).toEqual([
      ['2025-10', 2, 600],
    ]);
  });
});
