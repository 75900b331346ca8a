/**
 * The headline figures beside a funnel, as data: which metric, its raw value and how to show it.
 * Screens render the list; scripts read `data-metric` / `data-value` off the rendered figures.
 */
import type { FunnelMetrics } from '../../core/engine/funnel';
import { ratio } from '../../core/engine/funnel';
import type { FunnelSpec } from '../../core/spec/spec';
import { stageNames } from '../../core/spec/stage-names';
import { i18n } from '../../i18n/i18n.svelte';

export type FigureFormat = 'money' | 'rate' | 'count' | 'multiple' | 'days';

export interface Figure {
  metric: string;
  /** i18n key of the label and its parameters. */
  label: string;
  params?: Record<string, string>;
  value: number | null;
  format: FigureFormat;
}

/** Cost, CPM, CPC, cost per last-stage unit, revenue, ROI (and ROAS, AOV) of a funnel. */
export function headlineFigures(m: FunnelMetrics, spec: FunnelSpec): Figure[] {
  const out: Figure[] = [];
  const last = m.stages.at(-1);
  if (m.cost !== null) {
    out.push({ metric: 'cost', label: 'metric.cost', value: m.cost, format: 'money' });
    // CPM only where the top is impressions: per thousand visitors or leads means nothing.
    if (spec.stages[0]?.id === 'impressions') {
      out.push({ metric: 'cpm', label: 'metric.cpm', value: m.costPerMille, format: 'money' });
    }
    const clicks = spec.stages.findIndex((s) => s.id === 'clicks');
    if (clicks >= 0) {
      out.push({
        metric: 'cpc',
        label: 'metric.cpc',
        value: ratio(m.cost, m.stages[clicks]?.count),
        format: 'money',
      });
    }
    if (last) {
      out.push({
        metric: 'cost-per-last',
        label: 'metric.cost-per-last',
        // A recognised stage by its name in the reader's language ("Cost per Orders", not 订单量).
        params: { stage: stageNames(spec, i18n.locale).at(-1) ?? last.label },
        value: m.costPerLast,
        format: 'money',
      });
    }
  }
  if (m.revenue !== null) {
    out.push({ metric: 'revenue', label: 'metric.revenue', value: m.revenue, format: 'money' });
    if (m.cost !== null) {
      out.push({ metric: 'roi', label: 'metric.roi', value: m.roi, format: 'rate' });
      out.push({ metric: 'roas', label: 'metric.roas', value: m.roas, format: 'multiple' });
    }
    out.push({ metric: 'aov', label: 'metric.aov', value: m.averageOrderValue, format: 'money' });
  }
  return out;
}
