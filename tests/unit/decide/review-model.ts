// A record model written by hand for the review tests: one object per deal, the days it entered
// each stage (null = never), its outcome, amount and probability; the arrays the app builds from
// a table are made from it here, so each test reads as the deals it is about.
import { LOST, OPEN, WON, type RecordModel } from '../../../src/core/engine/records';

export interface Deal {
  /** Day entered per stage; null where never reached. */
  at: (number | null)[];
  outcome?: 'open' | 'won' | 'lost';
  closed?: number;
  amount?: number;
  p?: number;
}

export function dealsModel(
  deals: readonly Deal[],
  options: { amounts?: boolean } = {},
): RecordModel {
  const k = deals[0]?.at.length ?? 0;
  const flags = Array.from({ length: k }, (_, j) =>
    Uint8Array.from(deals, (d) => (d.at[j] === null ? 0 : 1)),
  );
  const entered = Array.from({ length: k }, (_, j) =>
    Float64Array.from(deals, (d) => d.at[j] ?? NaN),
  );
  const level = Int16Array.from(deals, (d) => {
    let l = -1;
    d.at.forEach((v, j) => {
      if (v !== null) l = j;
    });
    return l;
  });
  const code = { open: OPEN, won: WON, lost: LOST };
  return {
    stageCount: k,
    level,
    outcome: Uint8Array.from(deals, (d) => code[d.outcome ?? 'open']),
    knowsLost: true,
    flags,
    entered,
    amount: options.amounts === false ? null : Float64Array.from(deals, (d) => d.amount ?? 0),
    probability: Float64Array.from(deals, (d) => d.p ?? NaN),
    created: null,
    closed: Float64Array.from(deals, (d) => d.closed ?? NaN),
  };
}
