/**
 * What a template's stages, rates and phases are called in each language (DOMAIN.md §1–§5):
 * a stage recognised from `展现量` or `Impr.` reads "Impressions" to an English reader and 展现量
 * to a Chinese one; the search-ads funnel's step rates have names of their own (点击率 …) and its
 * stages fall into three phases (推广 / 网站 / 线下销售). A stage the user named, or one no
 * template knows, keeps its own label. Tables are keyed by the template's stage ids
 * (templates.ts), never by data.
 */
import type { FunnelSpec, StageSpec } from './spec';
import { VALUE_TEMPLATES, WIDE_TEMPLATES, type TemplateStage } from './templates';

export type NameLocale = 'zh' | 'en';

/** A name in both languages. */
export interface Named {
  zh: string;
  en: string;
}

const TEMPLATE_STAGES = new Map<string, Map<string, TemplateStage>>(
  [...WIDE_TEMPLATES, ...VALUE_TEMPLATES].map((t) => [
    t.id,
    new Map(t.stages.map((s) => [s.id, s])),
  ]),
);

/** The step rates that have a name of their own, keyed `template/upper→lower`. */
const NAMED_RATES = new Map<string, Named & { term: string }>([
  ['search-ads/impressions→clicks', { zh: '点击率', en: 'Click-through rate', term: 'ctr' }],
  ['search-ads/clicks→visits', { zh: '访问转化率', en: 'Visit rate', term: 'visit-rate' }],
  [
    'search-ads/visits→consultations',
    { zh: '咨询转化率', en: 'Consultation rate', term: 'consult-rate' },
  ],
  ['search-ads/consultations→orders', { zh: '订单转化率', en: 'Order rate', term: 'order-rate' }],
]);

const PROMOTION: Named = { zh: '推广', en: 'Promotion' };
const WEBSITE: Named = { zh: '网站', en: 'Website' };
const OFFLINE: Named = { zh: '线下销售', en: 'Offline sales' };

/** The phase each stage of a template belongs to, keyed `template/stage`. */
const PHASES = new Map<string, Named>([
  ['search-ads/impressions', PROMOTION],
  ['search-ads/clicks', PROMOTION],
  ['search-ads/visits', WEBSITE],
  ['search-ads/consultations', WEBSITE],
  ['search-ads/conversions', WEBSITE],
  ['search-ads/orders', OFFLINE],
]);

/**
 * The template stage a spec's stage was recognised as, or null when the user named it (its label
 * is neither its column or value nor the template's own name) or no template knows it.
 */
export function recognisedStage(spec: FunnelSpec, stage: StageSpec): TemplateStage | null {
  const known = TEMPLATE_STAGES.get(spec.template)?.get(stage.id);
  if (!known) return null;
  const src = stage.source;
  const own =
    (src.kind === 'column' && src.column === stage.label) ||
    (src.kind === 'value' && src.value === stage.label) ||
    stage.label === known.zh ||
    stage.label === known.en;
  return own ? known : null;
}

/**
 * The names to show for a spec's stages in the reader's language: a recognised stage by its
 * template name, any other by its label.
 *
 * @example
 * // a search-ads spec whose first column is headed 展现量
 * stageNames(spec, 'en') // ['Impressions', 'Clicks', …]
 * stageNames(spec, 'zh') // ['展现量', '点击量', …]
 */
export function stageNames(spec: FunnelSpec | null, locale: NameLocale): string[] {
  if (!spec) return [];
  return spec.stages.map((s) => recognisedStage(spec, s)?.[locale] ?? s.label);
}

/** The header or value a stage came from, when it differs from the name shown; else null. */
export function stageSource(spec: FunnelSpec, k: number, locale: NameLocale): string | null {
  const s = spec.stages[k];
  if (!s) return null;
  const shown = stageNames(spec, locale)[k];
  const from =
    s.source.kind === 'column'
      ? s.source.column
      : s.source.kind === 'value'
        ? s.source.value
        : s.label;
  return from !== shown ? from : null;
}

/**
 * The own name of the step rate into stage k (点击率 for clicks after impressions in the search-ads
 * funnel), with its glossary term; null for a step with no name of its own.
 */
export function namedRate(spec: FunnelSpec, k: number): (Named & { term: string }) | null {
  const upper = spec.stages[k - 1];
  const lower = spec.stages[k];
  if (!upper || !lower) return null;
  if (!recognisedStage(spec, upper) || !recognisedStage(spec, lower)) return null;
  return NAMED_RATES.get(`${spec.template}/${upper.id}→${lower.id}`) ?? null;
}

/**
 * The phases of a spec's stages as runs of neighbouring stages (推广: impressions and clicks …),
 * or [] when its template has none or a stage falls outside them.
 *
 * @example
 * phases(searchAdsSpec) // [{ zh: '推广', en: 'Promotion', from: 0, to: 1 }, …]
 */
export function phases(spec: FunnelSpec | null): (Named & { from: number; to: number })[] {
  if (!spec) return [];
  const each = spec.stages.map((s) =>
    recognisedStage(spec, s) ? PHASES.get(`${spec.template}/${s.id}`) : undefined,
  );
  if (each.length === 0 || each.some((p) => p === undefined)) return [];
  const out: (Named & { from: number; to: number })[] = [];
  each.forEach((p, k) => {
    const last = out.at(-1);
    if (last && last.zh === p!.zh) last.to = k;
    else out.push({ zh: p!.zh, en: p!.en, from: k, to: k });
  });
  return out;
}
