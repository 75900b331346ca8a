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

/**
 * Headers of a column naming the stage a deal was lost at: an outcome word beside a stage word,
 * either way round (丢单阶段, 输单环节, 阶段（流失）, Lost stage, Lost at stage, Stage lost, Loss
 * stage, Closed lost stage, Stage when lost). Recognition also asks that its values be stages.
 */
const LOST_STAGE_ZH =
  /(丢单|输单|丢失|流失|战败|失单|输掉|失败).{0,4}(阶段|环节|节点|步骤)|(阶段|环节|节点|步骤).{0,4}(丢单|输单|丢失|流失|战败|失单)/u;
const LOST_STAGE_EN =
  /\b(lost|loss|lose|closed[\s_-]*lost|dropped)\b.{0,20}\b(stage|step|phase)\b|\b(stage|step|phase)\b.{0,20}\b(lost|loss|lose|dropped)\b/u;

/**
 * True for a header that reads as "the stage it was lost at".
 *
 * @example
 * isLostStageHeader('丢单阶段')        // true
 * isLostStageHeader('Stage when lost') // true
 * isLostStageHeader('阶段')            // false
 */
export function isLostStageHeader(name: string): boolean {
  // Underscores join words in exported headers (LOST_STAGE): read them as spaces.
  const text = name.normalize('NFKC').toLowerCase().replace(/_/gu, ' ');
  return LOST_STAGE_ZH.test(text) || LOST_STAGE_EN.test(text);
}
