import { describe, expect, it } from 'vitest';
import { peerAverage } from '../../../src/core/decide/diagnose';
import {
  parseQuotaCsv,
  scorecard,
  splitTargets,
  type MemberInput,
} from '../../../src/core/decide/scorecard';

const m = (member: string, counts: number[], target: number | null = null, stalled = 0) =>
  ({ member, counts, target, stalled }) satisfies MemberInput;

describe('scorecard', () => {
  // Target stage 2 (won). Step rates: 甲 50 %, 80 %; 乙 50 %, 20 %; 丙 60 %, 50 %.
  const rows = scorecard(
    [m('甲', [10, 5, 4], 4), m('乙', [10, 5, 1], 2, 3), m('丙', [10, 6, 3])],
    2,
  );
  const by = (name: string) => rows.find((r) => r.member === name)!;

  it('ranks by attainment, members without a target after, by their count', () => {
    expect(rows.map((r) => [r.member, r.rank])).toEqual([
      ['甲', 1],
      ['乙', 2],
      ['丙', 3],
    ]);
    expect(by('甲').attainment).toBe(1);
    expect(by('乙').attainment).toBe(0.5);
    expect(by('丙').attainment).toBeNull();
    expect(by('乙').stalled).toBe(3);
  });

  it('keeps every count, step rate and the overall rate', () => {
    expect(by('甲').counts).toEqual([10, 5, 4]);
    expect(by('乙').rates).toEqual([null, 0.5, 0.2]);
    expect(by('丙').overall).toBeCloseTo(0.3, 12);
  });

  it('names the weakest step against the other members and what meeting it brings', () => {
    // 乙's peers: step 1 (0.5 + 0.6) ÷ 2 = 0.55, step 2 (0.8 + 0.5) ÷ 2 = 0.65.
    // Step 1 at 0.55: 10 → 5.5 → 1.1 (+0.1 won); step 2 at 0.65: 5 × 0.65 = 3.25 (+2.25).
    const w = by('乙').weakest!;
    expect(w.index).toBe(2);
    expect(w.rate).toBeCloseTo(0.2, 12);
    expect(w.peerRate).toBeCloseTo(0.65, 12);
    expect(w.gain).toBeCloseTo(2.25, 12);
    // 甲: step 1 0.5 against 0.55 → 4 × (0.55 ÷ 0.5 − 1) = 0.4; step 2 is above its peers.
    expect(by('甲').weakest!.index).toBe(1);
    expect(by('甲').weakest!.gain).toBeCloseTo(0.4, 12);
    // 丙: step 1 above (0.6 > 0.5), step 2 level with (0.8 + 0.2) ÷ 2 = 0.5: nothing below.
    expect(by('丙').weakest).toBeNull();
  });

  it('uses the peer average Diagnose uses: each other member once', () => {
    const members = [
      m('a', [100, 30, 3]),
      m('b', [50, 20, 10]),
      m('c', [0, 0, 0]),
      m('d', [80, 8, 4]),
    ];
    const rows = scorecard(members, 2);
    for (const r of rows) {
      const others = members.filter((x) => x.member !== r.member).map((x) => x.counts);
      const avg = peerAverage(others).rates;
      r.peerRates.forEach((v, k) => {
        if (avg[k] === null) expect(v).toBeNull();
        else expect(v).toBeCloseTo(avg[k]!, 12);
      });
    }
    // c has no rates: left out of the others' averages. b's step 1 peers: a 0.3, d 0.1.
    expect(rows.find((r) => r.member === 'b')!.peerRates[1]).toBeCloseTo(0.2, 12);
  });

  it('ties share a rank and the next rank skips', () => {
    const rows = scorecard(
      [
        m('A', [10, 5], 5),
        m('B', [10, 4], 4),
        m('C', [10, 3], 6),
        m('D', [10, 3]),
        m('E', [10, 3]),
      ],
      1,
    );
    expect(rows.map((r) => `${r.member}${r.rank}`)).toEqual(['A1', 'B1', 'C3', 'D4', 'E4']);
  });

  it('has no weakest step with a single member, and does not change its input', () => {
    const input = [m('only', [10, 5, 1])];
    const copy = structuredClone(input);
    expect(scorecard(input, 2)[0].weakest).toBeNull();
    expect(input).toEqual(copy);
  });
});

describe('splitTargets', () => {
  it('gives each member its typed quota; members without one have no target', () => {
    const t = splitTargets({ method: 'weights', weights: { 甲: 8, 乙: 4 }, total: 12 }, [
      ['甲', 3],
      ['丙', 1],
    ]);
    expect([...t]).toEqual([
      ['甲', 8],
      ['丙', null],
    ]);
  });

  it('splits equally or by share in whole units that add up', () => {
    const members: [string, number][] = [
      ['甲', 3],
      ['乙', 1],
      ['丙', 0],
    ];
    expect([
      ...splitTargets({ method: 'equal', weights: {}, total: 10 }, members).values(),
    ]).toEqual([4, 3, 3]);
    // 10 × 3/4 = 7.5, 10 × 1/4 = 2.5: the leftover unit goes to the earlier of equal remainders.
    expect([
      ...splitTargets({ method: 'share', weights: {}, total: 10 }, members).values(),
    ]).toEqual([8, 2, 0]);
    expect([
      ...splitTargets({ method: 'equal', weights: {}, total: null }, members).values(),
    ]).toEqual([null, null, null]);
  });

  it('reads a name such as __proto__ as a name', () => {
    const weights = Object.fromEntries([['__proto__', 3]]);
    const t = splitTargets({ method: 'weights', weights, total: 3 }, [['__proto__', 1]]);
    expect(t.get('__proto__')).toBe(3);
  });
});

describe('parseQuotaCsv', () => {
  it('reads member, target lines with or without a header', () => {
    expect(parseQuotaCsv('\ufeff负责人,目标\n张伟,8\n王强,"1,200"\n')).toEqual({
      ok: true,
      quotas: [
        ['张伟', 8],
        ['王强', 1200],
      ],
    });
    expect(parseQuotaCsv('张伟,8')).toEqual({ ok: true, quotas: [['张伟', 8]] });
  });

  it('refuses percents, negatives, repeats, words and empty files, naming the line', () => {
    const r = parseQuotaCsv('负责人,目标\n张伟,80%\n李娜,-3\n张伟,abc\n王强,5\n王强,6');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { key: 'review.quota.notCount', params: { line: 2, value: '80%' } },
      { key: 'review.quota.notCount', params: { line: 3, value: '-3' } },
      { key: 'review.quota.notNumber', params: { line: 4, value: 'abc' } },
      { key: 'review.quota.repeated', params: { line: 6, member: '王强' } },
    ]);
    expect(parseQuotaCsv('负责人,目标\n')).toEqual({
      ok: false,
      problems: [{ key: 'review.quota.empty', params: {} }],
    });
  });
});
