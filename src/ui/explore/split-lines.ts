// The split trend as lines a chart can hold: each value's periods lined up with the trend's own
// (a value with no rows in a period has a real zero there), the biggest values kept and the
// rest summed into one line, so a dimension of forty branches still draws a readable chart.
import { ratio } from '../../core/engine/funnel';
import type { PeriodTotals } from '../../core/engine/trend';
import type { SplitTrend } from '../../state/view.svelte';

/** Lines one chart can tell apart by colour. */
export const MAX_SPLIT_LINES = 8;

export interface SplitLine {
  /** The value; null for the line that sums every value not drawn on its own. */
  value: string | null;
  /** One entry per trend period, in the trend's order, with rates from this line's own counts. */
  periods: PeriodTotals[];
}

export interface SplitLines {
  lines: SplitLine[];
  /** How many values the rest line sums (0: every value has its own line). */
  rest: number;
}

/** A period of `p`'s span with `counts`, its step rates from those counts. */
function periodWith(p: PeriodTotals, counts: number[], rows: number): PeriodTotals {
  return {
    ...p,
    counts,
    stepRates: counts.map((c, k) => (k === 0 ? null : ratio(c, counts[k - 1]))),
    cost: null,
    revenue: null,
    rows,
  };
}

/**
 * The split's values as lines over the trend's periods: every value when they are at most
 * `max`, else the `max − 1` biggest by their first stage's total (then rows) and one line
 * summing the rest, values left out of the split (`left`) included: that line is the trend's
 * total less the lines drawn, so lines always add up to the trend.
 *
 * @example
 * splitLines(view.periods, view.splitTrend!).lines.map((l) => l.value) // ['北京', '上海', null]
 */
export function splitLines(
  periods: PeriodTotals[],
  split: SplitTrend,
  max = MAX_SPLIT_LINES,
): SplitLines {
  const at = new Map<number, number>();
  periods.forEach((p, i) => at.set(p.start, i));
  const stages = periods[0]?.counts.length ?? 0;
  const zeros = () => periods.map(() => new Array<number>(stages).fill(0));
  const all = split.series.map((s) => {
    const counts = zeros();
    const rows = new Array<number>(periods.length).fill(0);
    let size = 0;
    let weight = 0;
    for (const p of s.periods) {
      const i = at.get(p.start);
      if (i === undefined) continue;
      counts[i] = p.counts.slice(0, stages);
      rows[i] = p.rows;
      size += p.counts[0] ?? 0;
      weight += p.rows;
    }
    return { value: s.value, counts, rows, size, weight };
  });
  // A stable sort: equal values keep the dictionary's order.
  all.sort((a, b) => b.size - a.size || b.weight - a.weight);
  const fits = all.length + split.left <= max;
  const shown = fits ? all : all.slice(0, max - 1);
  const lines: SplitLine[] = shown.map((s) => ({
    value: s.value,
    periods: periods.map((p, i) => periodWith(p, s.counts[i], s.rows[i])),
  }));
  if (fits) return { lines, rest: 0 };
  const rest = all.slice(max - 1);
  lines.push({
    value: null,
    periods: periods.map((p, i) => {
      // Without values left out, the rest is summed from its own series (exact); with them,
      // only the trend's total less the lines drawn holds them too.
      const counts =
        split.left === 0
          ? p.counts.map((_, k) => rest.reduce((acc, s) => acc + s.counts[i][k], 0))
          : p.counts.map((c, k) =>
              Math.max(
                0,
                shown.reduce((acc, s) => acc - s.counts[i][k], c),
              ),
            );
      const rows =
        split.left === 0
          ? rest.reduce((acc, s) => acc + s.rows[i], 0)
          : shown.reduce((acc, s) => acc - s.rows[i], p.rows);
      return periodWith(p, counts, rows);
    }),
  });
  return { lines, rest: rest.length + split.left };
}
