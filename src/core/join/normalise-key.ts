/**
 * One spelling for a key value as different systems write it: the ad account writes
 * `品牌词（北京）`, web analytics ` 品牌词 (北京) `, the chat tool `品牌词(北京)`; all three are
 * one campaign. Matching is on this form; the joined table shows the first spelling seen.
 */

/** Brackets NFKC leaves alone, folded to their plain ASCII pair. */
const BRACKETS: Record<string, string> = Object.assign(
  Object.create(null) as Record<string, string>,
  {
    '【': '[',
    '】': ']',
    '〔': '(',
    '〕': ')',
    '〖': '[',
    '〗': ']',
    '［': '[',
    '］': ']',
  },
);

/**
 * The matching form of a key value: full-width characters and brackets made half-width
 * (NFKC), 【】 as [], lower case, spaces trimmed, runs of spaces made one, and no space next to a
 * bracket or punctuation or between two Chinese characters.
 *
 * @example
 * normaliseKey(' 品牌词 （北京） ') // '品牌词(北京)'
 * normaliseKey('Brand  Campaign')   // 'brand campaign'
 * normaliseKey('【通用】词')         // '[通用]词'
 */
export function normaliseKey(value: string): string {
  let s = value.normalize('NFKC').toLowerCase();
  s = s.replace(/[【】〔〕〖〗［］]/gu, (c) => BRACKETS[c] ?? c);
  s = s.replace(/\s+/gu, ' ').trim();
  // A space beside a bracket or punctuation, or between Chinese characters, is layout, not name.
  s = s.replace(/ ?([()[\]{}<>,.;:!?/|\-_+&·、，。；：]) ?/gu, '$1');
  s = s.replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1');
  return s;
}
