/**
 * A validation problem in the user's language: the problem's code picks the message, its stage,
 * column, field and formula error fill it in.
 */
import type { Problem } from '../../core/spec/validate';
import { formatList } from '../../i18n/format';
import { i18n, t } from '../../i18n/i18n.svelte';

export function problemText(p: Problem): string {
  const detail = p.formula
    ? t(`map.formula.${p.formula.code}`, { text: p.formula.text, at: p.formula.at + 1 })
    : '';
  return t(`map.problem.${p.code}`, {
    stage: p.stage ?? '',
    column: p.column ?? '',
    field: p.field ? t(`map.field.${p.field}`) : '',
    values: formatList(p.values ?? [], i18n.locale),
    rows: p.rows ?? 0,
    detail,
  });
}
