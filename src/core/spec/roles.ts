/**
 * The columns around the stages: money, dates and the dimensions people slice by, found from
 * their headers (templates.ts lists the spellings).
 */
import type { Column, Table } from '../table/table';
import { DIMENSION_KINDS, ORG_LEVELS, ROLE_NAMES, findByNames, matchName } from './templates';

type Kind = Column['kind'];

/**
 * The column playing a role, by header, of the right kind and not already taken.
 *
 * @example
 * findRole(table, 'cost', 'number') // '消费' when the table has a numeric 消费 column
 */
export function findRole(
  table: Table,
  role: keyof typeof ROLE_NAMES,
  kind: Kind,
  taken: ReadonlySet<string> = new Set(),
): string | null {
  const names = table.columns
    .filter((c) => c.kind === kind && !taken.has(c.name))
    .filter((c) => kind !== 'number' || c.type !== 'percent' || role === 'probability')
    .map((c) => c.name);
  return findByNames(names, ROLE_NAMES[role]);
}

/** The organisation levels present, top to bottom (分公司 → 团队 → 负责人). */
export function findHierarchy(table: Table, taken: ReadonlySet<string>): string[] {
  const texts = table.columns.filter((c) => c.kind === 'text' && !taken.has(c.name));
  const out: string[] = [];
  for (const level of ORG_LEVELS) {
    const name = findByNames(
      texts.map((c) => c.name),
      level,
    );
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * Text columns to slice by: organisation levels first, then region, channel, campaign,
 * keyword, customer type, project type, then any other category column in file order.
 * Ids and free text (names, descriptions) are left out.
 */
export function findDimensions(
  table: Table,
  hierarchy: readonly string[],
  taken: ReadonlySet<string>,
): string[] {
  const cats = table.columns.filter(
    (c) =>
      c.kind === 'text' &&
      (c.type === 'category' || hierarchy.includes(c.name)) &&
      !taken.has(c.name),
  );
  const rank = (c: Column): number => {
    const h = hierarchy.indexOf(c.name);
    if (h >= 0) return h;
    const k = DIMENSION_KINDS.findIndex((d) => matchName(c.name, d.names));
    return k >= 0 ? 10 + k : 100;
  };
  return cats
    .map((c, i) => ({ c, r: rank(c), i }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.c.name);
}

/** The date column periods use: one named like a date (日期, Date …), else the first one. */
export function findDate(table: Table, taken: ReadonlySet<string>): string | null {
  return (
    findRole(table, 'date', 'date', taken) ??
    table.columns.find((c) => c.kind === 'date' && !taken.has(c.name))?.name ??
    null
  );
}
