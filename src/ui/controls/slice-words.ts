/**
 * The view's filters and period in words, with the reader's punctuation: "分公司：北京分公司、上海分公司"
 * in Chinese, "Branch: Beijing, Shanghai" in English; a period reads "2025-10-01 – 2025-10-31".
 * One function for every place that says what a view covers (Diagnose, a shared link, print).
 */
import { dayText } from '../../core/engine/period';
import type { Locale } from '../../i18n/catalog';
import type { SlicePart } from '../../state/view.svelte';

export function periodWords(from: number, to: number): string {
  return `${dayText(from)} – ${dayText(to)}`;
}

/**
 * @example
 * sliceWords([{ field: '地区', values: ['华东', '华北'] }], 'zh') // ['地区：华东、华北']
 */
export function sliceWords(parts: readonly SlicePart[], locale: Locale): string[] {
  const colon = locale === 'zh' ? '：' : ': ';
  const list = locale === 'zh' ? '、' : ', ';
  return parts.map((p) =>
    'values' in p
      ? `${p.field}${colon}${p.values.join(list)}`
      : `${p.field}${colon}${periodWords(p.from, p.to)}`,
  );
}
