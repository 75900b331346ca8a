import { describe, expect, it } from 'vitest';
import { creationCohorts, typicalWinDays } from '../../../src/core/decide/cohorts';
import { dayOf } from '../../../src/core/engine/period';
import { dealsModel, type Deal } from './review-model';

const d = (m: number, day: number) => dayOf(2025, m, day);
// Two stages (lead, won); the lead day is the creation day.
const won = (from: number, to: number): Deal => ({ at: [from, to], outcome: 'won', closed: to });
const lost = (from: number, to: number): Deal => ({
  at: [from, null],
  outcome: 'lost',
  closed: to,
});
const open = (from: number): Deal => ({ at: [from, null] });

const model = dealsModel([
  // July: closed after 60 and 20 days.
  won(d(7, 1), d(8, 30)),
  lost(d(7, 10), d(7, 30)),
  // August: 15, 30 and 46 days; one still open.
  won(d(8, 5), d(8, 20)),
  lost(d(8, 10), d(9, 9)),
  won(d(8, 25), d(10, 10)),
  open(d(8, 28)),
  // September: won after 10 days, two open. October: two open.
  won(d(9, 3), d(9, 13)),
  open(d(9, 10)),
  open(d(9, 20)),
  open(d(10, 2)),
  open(d(10, 20)),
]);
const asOf = d(10, 31);

describe('typicalWinDays', () => {
  it('is the median days from creation to a win; losses and open deals do not count', () => {
    // Won after 60, 15, 46 and 10 days → (15 + 46) ÷ 2. The losses (20 and 30 days) came sooner.
    expect(typicalWinDays(model, null)).toBe(30.5);
    expect(typicalWinDays(model, Uint32Array.of(0, 2))).toBe(37.5);
    expect(typicalWinDays(model, Uint32Array.of(1, 3, 5))).toBeNull();
  });
});

describe('creationCohorts', () => {
  it('marks a month immature while its youngest deals are younger than the typical close', () => {
    // Typical 45 days. September's last day is 31 days before Oct 31: immature; August's 61: not.
    const c = creationCohorts(model, null, asOf, 45);
    expect(c.map((x) => [x.label, x.created, x.won, x.lost, x.open, x.mature])).toEqual([
      ['2025-07', 2, 1, 1, 0, true],
      ['2025-08', 4, 2, 1, 1, true],
      ['2025-09', 3, 1, 0, 2, false],
      ['2025-10', 2, 0, 0, 2, false],
    ]);
    expect(c.map((x) => x.age)).toEqual([92, 61, 31, 0]);
    // Immature months expect the mature months' rate: (1 + 2) won of (2 + 4) created.
    expect(c[2].rate).toBeCloseTo(1 / 3, 12);
    expect(c[2].expected).toBeCloseTo(0.5, 12);
    expect(c[3].rate).toBe(0);
    expect(c[3].expected).toBeCloseTo(0.5, 12);
    expect(c[0].expected).toBeNull();
  });

  it('with the typical time the data gives (30.5 days), September has run its course', () => {
    const c = creationCohorts(model, null, asOf, typicalWinDays(model, null));
    expect(c.map((x) => x.mature)).toEqual([true, true, true, false]);
    expect(c[3].expected).toBeCloseTo(4 / 9, 12);
  });

  it('calls every month mature when nothing has closed yet, and groups by quarter', () => {
    expect(creationCohorts(model, null, asOf, null).every((x) => x.mature)).toBe(true);
    const q = creationCohorts(model, null, asOf, 25, 'quarter');
    expect(q.map((x) => [x.label, x.created, x.mature])).toEqual([
      ['2025-Q3', 9, true],
      ['2025-Q4', 2, false],
    ]);
  });
});
