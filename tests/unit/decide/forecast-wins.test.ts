import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backtestWins, mixtureQuantile, winForecast } from '../../../src/core/decide/forecast-wins';
import { compileSpec } from '../../../src/core/engine/compile';
import { dayOf } from '../../../src/core/engine/period';
import { importDelimitedFile } from '../../../src/core/read/delimited';
import { recogniseSpec } from '../../../src/core/spec/recognise';
import { rng } from '../../../scripts/rng.mjs';
import { dealsModel, type Deal } from './review-model';

const d = (m: number, day: number) => dayOf(2025, m, day);

describe('winForecast (hand-worked)', () => {
  // Three stages: lead, deal, won. Deals that entered in January and February have all closed.
  //   January: 4 leads, 2 reached a deal, 1 won → from lead 1/4, from deal 1/2.
  //   February: 4 leads, 3 deals, 2 won → from lead 2/4, from deal 2/3.
  //   March: 3 leads still open and one lost within days: its month has not run its course
  //   (1 of 4 closed), so its quick loss does not drag the rates down.
  const jan: Deal[] = [
    { at: [d(1, 3), d(1, 10), d(1, 20)], outcome: 'won', closed: d(1, 20) },
    { at: [d(1, 4), d(1, 12), null], outcome: 'lost', closed: d(1, 25) },
    { at: [d(1, 5), null, null], outcome: 'lost', closed: d(1, 15) },
    { at: [d(1, 6), null, null], outcome: 'lost', closed: d(1, 16) },
  ];
  const feb: Deal[] = [
    { at: [d(2, 3), d(2, 10), d(2, 20)], outcome: 'won', closed: d(2, 20) },
    { at: [d(2, 4), d(2, 11), d(2, 21)], outcome: 'won', closed: d(2, 21) },
    { at: [d(2, 5), d(2, 12), null], outcome: 'lost', closed: d(2, 26) },
    { at: [d(2, 6), null, null], outcome: 'lost', closed: d(2, 16) },
  ];
  const mar: Deal[] = [
    { at: [d(3, 2), null, null], outcome: 'lost', closed: d(3, 5) },
    { at: [d(3, 10), null, null], amount: 100 },
    { at: [d(3, 11), null, null], amount: 200 },
    { at: [d(3, 12), d(3, 20), null], amount: 1000 },
  ];
  const model = dealsModel([...jan, ...feb, ...mar]);
  const f = winForecast(model, null, d(3, 31), { minDeals: 2, minPeriods: 2 });

  it('applies each stage’s win rate to the deals open there', () => {
    expect(f.open).toEqual([2, 1, 0]);
    // Pooled over January and February: from lead 3/8, from deal 3/5.
    expect(f.rates[0]).toBeCloseTo(3 / 8, 12);
    expect(f.rates[1]).toBeCloseTo(3 / 5, 12);
    expect(f.expected).toBeCloseTo(2 * (3 / 8) + 3 / 5, 12);
    expect(f.expectedAmount).toBeCloseTo((100 + 200) * (3 / 8) + 1000 * (3 / 5), 9);
  });

  it('takes its range from the months’ rates and from chance, in whole deals', () => {
    // January's rates give 2 × 1/4 + 1/2 = 1 win, give or take √(2 × 1/4 × 3/4 + 1/2 × 1/2) =
    // 0.79 by chance; February's 2 × 2/4 + 2/3 = 1.67, give or take √(2 × 1/4 + 2/9) = 0.85.
    const parts = [
      { mean: 1, sd: Math.sqrt(0.625) },
      { mean: 5 / 3, sd: Math.sqrt(0.5 + 2 / 9) },
    ];
    // The 10th–90th percentile of the two together: 0.20 to 2.48, so 0 to 3 whole deals.
    expect(mixtureQuantile(parts, 0.1)).toBeCloseTo(0.205, 2);
    expect(mixtureQuantile(parts, 0.9)).toBeCloseTo(2.48, 2);
    expect(f.periods).toBe(2);
    expect(f.low).toBe(0);
    expect(f.high).toBe(3);
    // Fewer months than the four a range needs by default: no range.
    expect(winForecast(model, null, d(3, 31), { minDeals: 2 }).low).toBeNull();
  });

  it('reads the history as it stood on an earlier day', () => {
    // On January 31 only January's entrants had closed; February's deals did not exist yet.
    const early = winForecast(model, null, d(1, 31), { minDeals: 2, minPeriods: 1 });
    expect(early.open).toEqual([0, 0, 0]);
    expect(early.rates[0]).toBeCloseTo(1 / 4, 12);
    // On February 15 the four February leads are open; three of them had reached a deal.
    const t = backtestWins(model, null, d(2, 15), { minDeals: 2, minPeriods: 1 });
    expect(t.forecast.open).toEqual([1, 3, 0]);
    expect(t.won).toBe(2);
    expect(t.stillOpen).toBe(0);
  });
});

/**
 * A seeded history: deals created over 360 days; each stage is passed with a fixed chance after
 * 5–25 days, else the deal is lost then; whatever would happen after day 360 has not happened.
 */
function seededHistory(seed: number) {
  const rand = rng(seed);
  const pass = [0.7, 0.65, 0.6, 0.7];
  const end = dayOf(2025, 12, 31);
  const start = end - 360;
  const deals: Deal[] = [];
  for (let i = 0; i < 700; i++) {
    let day = start + Math.floor(rand() * 355);
    const at: (number | null)[] = [day, null, null, null, null];
    let outcome: Deal['outcome'] = 'open';
    let closed: number | undefined;
    for (let j = 0; j < pass.length; j++) {
      const next = day + 5 + Math.floor(rand() * 21);
      const ok = rand() < pass[j];
      if (next > end) break;
      if (!ok) {
        outcome = 'lost';
        closed = next;
        break;
      }
      day = next;
      at[j + 1] = day;
      if (j === pass.length - 1) {
        outcome = 'won';
        closed = day;
      }
    }
    deals.push({ at, outcome, closed });
  }
  return { model: dealsModel(deals), end };
}

describe('mixtureQuantile', () => {
  it('finds quantiles of points and of normal spreads', () => {
    const points = [
      { mean: 10, sd: 0 },
      { mean: 20, sd: 0 },
    ];
    expect(mixtureQuantile(points, 0.25)).toBeCloseTo(10, 9);
    expect(mixtureQuantile(points, 0.75)).toBeCloseTo(20, 9);
    // 10 + 1.2816 × 2; two equal parts are one.
    expect(mixtureQuantile([{ mean: 10, sd: 2 }], 0.9)).toBeCloseTo(12.563, 3);
    const twice = [
      { mean: 0, sd: 1 },
      { mean: 0, sd: 1 },
    ];
    expect(mixtureQuantile(twice, 0.975)).toBeCloseTo(1.96, 3);
  });
});

describe('the range on a held-back quarter', () => {
  it('contains the wins of the deals open when the last quarter began (seeded history)', () => {
    const { model, end } = seededHistory(20251015);
    const t = backtestWins(model, null, end - 92);
    expect(t.forecast.periods).toBeGreaterThanOrEqual(4);
    expect(t.stillOpen).toBeLessThan(t.forecast.open.reduce((a, b) => a + b, 0) / 10);
    expect(t.forecast.low!).toBeLessThanOrEqual(t.won);
    expect(t.won).toBeLessThanOrEqual(t.forecast.high!);
  });

  it('holds on most seeds, as a 10th–90th percentile range should (17 of these 20)', () => {
    let held = 0;
    const seeds = Array.from({ length: 20 }, (_, i) => 1000 + i);
    for (const seed of seeds) {
      const { model, end } = seededHistory(seed);
      const t = backtestWins(model, null, end - 92);
      if (t.forecast.low! <= t.won && t.won <= t.forecast.high!) held++;
    }
    expect(held).toBeGreaterThanOrEqual(16);
  });
});

describe('the B2B sample’s held-back last quarter', () => {
  it('the range made on 2025-07-31 contains the deals then open that were won by 2025-10-31', async () => {
    const path = 'public/samples/b2b-pipeline.csv';
    const { table } = await importDelimitedFile(new Blob([readFileSync(path)]), {
      fileName: 'b2b-pipeline.csv',
    });
    const compiled = compileSpec(table, recogniseSpec(table).spec);
    if (!compiled.ok || !compiled.funnel.records) throw new Error('the sample is record data');
    const asOf = dayOf(2025, 7, 31);
    const t = backtestWins(compiled.funnel.records, null, asOf);

    // The actual outcome, from the file: deals created by July 31 and not closed by then (结单日期
    // is the close day of a won or lost deal) that were won in the end.
    const [header, ...rows] = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const col = (name: string) => header.indexOf(name);
    const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
    const openThen = rows.filter(
      (r) =>
        day(r[col('创建日期')]) <= asOf &&
        (!['赢单', '输单'].includes(r[col('当前阶段')]) || day(r[col('结单日期')]) > asOf),
    );
    const won = openThen.filter((r) => r[col('当前阶段')] === '赢单').length;
    const stillOpen = openThen.filter((r) => !['赢单', '输单'].includes(r[col('当前阶段')])).length;
    expect(t.won).toBe(won);
    expect(t.stillOpen).toBe(stillOpen);
    expect(t.forecast.open.reduce((a, b) => a + b, 0)).toBe(openThen.length);
    expect(t.forecast.low!).toBeLessThanOrEqual(won);
    expect(won).toBeLessThanOrEqual(t.forecast.high!);
  });
});
