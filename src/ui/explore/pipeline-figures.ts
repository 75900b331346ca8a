/**
 * Record data's extra figures, as data for the headline and the funnel table: win rate, won
 * amount, open and weighted pipeline, median cycle; and per stage row `data-median-days`
 * (median days from entering the stage to entering the next; empty when unknown and on the
 * last stage).
 */
import type { RecordMetrics } from '../../core/engine/pipeline';
import type { Figure } from './headline';

export function pipelineFigures(m: RecordMetrics): Figure[] {
  return [
    { metric: 'win-rate', label: 'metric.win-rate', value: m.winRate, format: 'rate' },
    { metric: 'won-amount', label: 'metric.won-amount', value: m.wonAmount, format: 'money' },
    {
      metric: 'open-pipeline',
      label: 'metric.open-pipeline',
      value: m.openAmount,
      format: 'money',
    },
    {
      metric: 'weighted-pipeline',
      label: 'metric.weighted-pipeline',
      value: m.weightedAmount,
      format: 'money',
    },
    {
      metric: 'cycle-median',
      label: 'metric.cycle-median',
      value: m.cycle?.median ?? null,
      format: 'days',
    },
  ];
}

/** The extra attributes of each stage row of the funnel table. */
export function medianDaysRows(m: RecordMetrics): Record<string, string>[] {
  return m.stages.map((s) => {
    const median = s.toNext?.median;
    return { 'data-median-days': median == null ? '' : String(median) };
  });
}
