/**
 * A shared snapshot as a small dataset of its own, so "Save to my workspaces" gives the reader a
 * real workspace: one row per shared segment (or a single row of totals), one count column per
 * stage, cost and revenue. Its funnel sums to exactly the shared totals, and a shared breakdown
 * stays a dimension the reader can slice by.
 */
import { fromArrays, type ColumnType, type Table } from '../core/table/table';
import { emptySpec, type FunnelSpec } from '../core/spec/spec';
import type { Aggregates, ShareSnapshot } from './share';

/** `name`, or `name (2)`, `name (3)`… whichever is not taken yet; the result is then taken. */
function unique(name: string, taken: Set<string>): string {
  let out = name.trim() || 'column';
  for (let k = 2; taken.has(out); k++) out = `${name} (${k})`;
  taken.add(out);
  return out;
}

/** Totals minus the sum of the segments, when they differ (segments left out or empty cells). */
function remainder(total: Aggregates, parts: Aggregates[]): Aggregates | null {
  const sum = (f: (a: Aggregates) => number | null) => parts.reduce((s, p) => s + (f(p) ?? 0), 0);
  const counts = total.counts.map((c, k) => c - sum((p) => p.counts[k]));
  const cost = total.cost === null ? null : total.cost - sum((p) => p.cost);
  const revenue = total.revenue === null ? null : total.revenue - sum((p) => p.revenue);
  const total1 = (x: number | null, whole: number | null) =>
    x === null || whole === null || Math.abs(x) <= 1e-9 * Math.max(1, Math.abs(whole));
  const same =
    counts.every((c, k) => total1(c, total.counts[k])) &&
    total1(cost, total.cost) &&
    total1(revenue, total.revenue);
  return same ? null : { counts, cost, revenue, rows: 0 };
}

/**
 * The table and spec that reproduce a snapshot's numbers.
 *
 * @example
 * snapshotDataset(snap) // snap without breakdown → one row; stage columns named after the stages
 */
export function snapshotDataset(snap: ShareSnapshot): { table: Table; spec: FunnelSpec } {
  const taken = new Set<string>();
  const rows: { value: string; totals: Aggregates }[] = [];
  let dimension: string | null = null;
  if (snap.breakdown && snap.breakdown.segments.length) {
    dimension = unique(snap.breakdown.column, taken);
    rows.push(...snap.breakdown.segments);
    const rest = remainder(
      snap.totals,
      rows.map((r) => r.totals),
    );
    if (rest) rows.push({ value: '', totals: rest });
  } else {
    rows.push({ value: '', totals: snap.totals });
  }
  // Column names are the user's words and may be `__proto__` or `constructor`: no prototype.
  const data: Record<string, (string | number | null)[]> = Object.create(null);
  const types: Record<string, ColumnType> = Object.create(null);
  if (dimension) {
    data[dimension] = rows.map((r) => r.value);
    types[dimension] = 'category';
  }
  const stages = snap.spec.stages.map((s, k) => {
    const col = unique(s.label, taken);
    data[col] = rows.map((r) => r.totals.counts[k]);
    return { id: s.id, label: s.label, source: { kind: 'column' as const, column: col } };
  });
  const money = (key: 'cost' | 'revenue') => {
    if (snap.totals[key] === null) return null;
    const col = unique(snap.spec[key] ?? key, taken);
    data[col] = rows.map((r) => r.totals[key] ?? 0);
    types[col] = 'money';
    return col;
  };
  const cost = money('cost');
  const revenue = money('revenue');
  const table = fromArrays(data, types);
  const spec: FunnelSpec = {
    ...emptySpec('wide'),
    template: snap.spec.template,
    stages,
    cost,
    revenue,
    dimensions: dimension ? [dimension] : [],
  };
  return { table, spec };
}
