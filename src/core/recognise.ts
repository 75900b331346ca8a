/**
 * Recognise a funnel from a table's headers: the zero-click mapping.
 */
import { emptySpec, type FunnelSpec } from './spec';
import type { Table } from './table';

export interface Reason {
  /** i18n key explaining the choice, with its parameters. */
  key: string;
  params: Record<string, string | number>;
}

const STAGES: { id: string; label: string; names: string[] }[] = [
  { id: 'impressions', label: '展现量', names: ['展现量', '展现', 'impressions', 'impr.'] },
  { id: 'clicks', label: '点击量', names: ['点击量', '点击', 'clicks'] },
  { id: 'visits', label: '访问量', names: ['访问量', '访问', 'visits'] },
  { id: 'consultations', label: '咨询量', names: ['咨询量', '咨询', 'consultations', 'leads'] },
  { id: 'orders', label: '订单量', names: ['订单量', '订单', 'orders'] },
];

/**
 * A spec for the table, with the reason for each choice.
 *
 * @example
 * recogniseSpec(fromArrays({ 展现量: [100], 点击量: [3] })).spec.stages.map((s) => s.label)
 * // ['展现量', '点击量']
 */
export function recogniseSpec(table: Table): { spec: FunnelSpec; reasons: Reason[] } {
  const spec = emptySpec('wide');
  const reasons: Reason[] = [];
  const byName = new Map(table.columns.map((c) => [c.name.trim().toLowerCase(), c]));
  for (const stage of STAGES) {
    const col = stage.names.map((n) => byName.get(n)).find((c) => c?.kind === 'number');
    if (col) {
      spec.stages.push({
        id: stage.id,
        label: col.name,
        source: { kind: 'column', column: col.name },
      });
      reasons.push({ key: 'map.reason.stage', params: { column: col.name } });
    }
  }
  if (spec.stages.length) spec.template = 'search-ads';
  const money = (names: string[]) =>
    names.map((n) => byName.get(n)).find((c) => c?.kind === 'number')?.name ?? null;
  spec.cost = money(['消费', 'cost', 'spend']);
  spec.revenue = money(['销售额', 'revenue']);
  spec.date = table.columns.find((c) => c.kind === 'date')?.name ?? null;
  spec.dimensions = table.columns
    .filter((c) => c.kind === 'text' && c.type === 'category')
    .map((c) => c.name);
  return { spec, reasons };
}
