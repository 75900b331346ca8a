/**
 * Peers at the right level: a view narrowed to one member of an organisation level (a branch, a
 * team, a salesperson) is benchmarked against its siblings at that level, not against whatever
 * dimension happens to be the breakdown. A salesperson is measured against the other
 * salespeople, a team against the other teams.
 */
import { ORG_LEVELS, findByNames } from '../spec/templates';

/** One clause that keeps some values of a field (a filter or a step of the drill path). */
export interface ValuesPick {
  field: string;
  values: readonly string[];
}

/** The level a view stands on and the one member it is narrowed to. */
export interface PeerLevel {
  field: string;
  member: string;
}

/**
 * The values a field is narrowed to by every pick on it (a filter and a drill step both narrow:
 * the member must pass both). Null when no pick names the field.
 */
function narrowed(field: string, picks: readonly ValuesPick[]): string[] | null {
  let out: string[] | null = null;
  for (const p of picks) {
    if (p.field !== field) continue;
    out = out === null ? [...p.values] : out.filter((v) => p.values.includes(v));
  }
  return out;
}

/**
 * The deepest organisation level narrowed to exactly one member; else, outside the hierarchy, the
 * last dimension narrowed to one value (a region, a channel); else null (the view is a whole or
 * several members, and has no single level to stand on).
 *
 * @example
 * peerLevel(['分公司', '团队', '负责人'], [
 *   { field: '分公司', values: ['北京分公司'] },
 *   { field: '负责人', values: ['王强'] },
 * ]) // { field: '负责人', member: '王强' }
 * peerLevel(['分公司', '团队'], [{ field: '分公司', values: ['北京', '上海'] }]) // null
 */
export function peerLevel(
  hierarchy: readonly string[],
  picks: readonly ValuesPick[],
): PeerLevel | null {
  for (let k = hierarchy.length - 1; k >= 0; k--) {
    const values = narrowed(hierarchy[k], picks);
    if (values?.length === 1) return { field: hierarchy[k], member: values[0] };
  }
  for (let j = picks.length - 1; j >= 0; j--) {
    const field = picks[j].field;
    if (hierarchy.includes(field)) continue;
    const values = narrowed(field, picks);
    if (values?.length === 1) return { field, member: values[0] };
  }
  return null;
}

/**
 * The people level of an organisation: the column named like a salesperson (负责人, 销售, Owner,
 * Sales rep …) among the dimensions, else the lowest organisation level, else null.
 *
 * @example
 * peopleField(['分公司', '团队'], ['分公司', '团队', '负责人', '地区']) // '负责人'
 * peopleField(['分公司', '团队'], ['分公司', '团队', '地区'])           // '团队'
 */
export function peopleField(
  hierarchy: readonly string[],
  dimensions: readonly string[],
): string | null {
  return findByNames(dimensions, ORG_LEVELS[ORG_LEVELS.length - 1]) ?? hierarchy.at(-1) ?? null;
}
