/**
 * Outcomes are not stages (issue 14): a deal that is lost, abandoned or 战败 ended; one that won
 * reached the last step; one on hold (暂停) is neither a step nor an outcome. Recognition keeps
 * lost and paused values out of the funnel's steps; lost ones feed the win rate and "lost at
 * stage" instead.
 */
import { LOST_NAMES, PAUSED_NAMES, WON_NAMES, matchName, normaliseName } from './templates';

export type Outcome = 'won' | 'lost' | 'paused';

/**
 * Words that mark an outcome inside a longer value ("Closed Lost to Competition", "Lost - no
 * budget", "Closed: abandoned", "已丢失（价格）"). Whole English words only: "Lostwood Inc" and
 * "Wonder" are not outcomes.
 */
const LOST_WORDS = /\b(lost|abandoned|disqualified|dead)\b|丢失|丢单|输单|战败|流失|作废/u;
const WON_WORDS = /\b(won)\b|赢单/u;
const PAUSED_WORDS = /\b(on\s*hold|paused|suspended)\b|暂停|搁置|挂起/u;

/**
 * What a stage or status value says about how a deal ended, or null for a plain stage.
 * Listed names first (they include short words such as 输 or 成交 that only mean an outcome on
 * their own), then outcome words inside a longer value. Lost is asked before won: "Closed Lost"
 * holds "Closed", and "Won → lost" is still lost.
 *
 * @example
 * outcomeOf('Closed: abandoned') // 'lost'
 * outcomeOf('战败')              // 'lost'
 * outcomeOf('Closed Won')        // 'won'
 * outcomeOf('On hold')           // 'paused'
 * outcomeOf('Needs Analysis')    // null
 */
export function outcomeOf(value: string): Outcome | null {
  if (matchName(value, LOST_NAMES)) return 'lost';
  if (matchName(value, PAUSED_NAMES)) return 'paused';
  if (matchName(value, WON_NAMES)) return 'won';
  const text = value.normalize('NFKC').toLowerCase();
  if (normaliseName(value) === '') return null;
  if (LOST_WORDS.test(text)) return 'lost';
  if (PAUSED_WORDS.test(text)) return 'paused';
  if (WON_WORDS.test(text)) return 'won';
  return null;
}

/** True for a value that means the deal was lost. */
export const isLost = (value: string): boolean => outcomeOf(value) === 'lost';
/** True for a value that means the deal was won. */
export const isWon = (value: string): boolean => outcomeOf(value) === 'won';
