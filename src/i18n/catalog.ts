/**
 * The zh-CN and en catalogues, merged from one file per area of the app (messages/*.ts).
 * Add an area by importing it here; keys are namespaced by area ('import.', 'map.', …).
 */
import { app } from './messages/app';
import { explore } from './messages/explore';
import { glossary } from './messages/glossary';
import { start } from './messages/start';
import { importArea } from './messages/import';
import { mapping } from './messages/mapping';
import { decide } from './messages/decide';
import { keep } from './messages/keep';
import { events } from './messages/events';
import { parquet } from './messages/parquet';
import { sql } from './messages/sql';
import { review } from './messages/review';
import { rows } from './messages/rows';
import { join } from './messages/join';

export type Locale = 'en' | 'zh';
export const LOCALES: Locale[] = ['zh', 'en'];

const areas = [
  app,
  glossary,
  importArea,
  start,
  explore,
  mapping,
  decide,
  keep,
  review,
  parquet,
  events,
  sql,
  rows,
  join,
];

function merge(locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const area of areas) Object.assign(out, area[locale]);
  return out;
}

export const catalogs: Record<Locale, Record<string, string>> = {
  en: merge('en'),
  zh: merge('zh'),
};

/** Fill `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** The language a browser asks for: Chinese for any zh-*, else English. */
export function pickLocale(languages: readonly string[]): Locale {
  for (const l of languages) {
    const lower = l.toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
