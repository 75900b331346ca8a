/**
 * The current language, reactive. `t(key)` reads it, so any template that calls `t` re-renders
 * when the user switches language.
 */
import { catalogs, interpolate, pickLocale, type Locale } from './catalog';

const STORAGE_KEY = 'fw.locale';
const WAN_KEY = 'fw.wan';

/** 万 / 亿 is how Chinese readers read large numbers: on unless the reader turned it off. */
function initialWan(): boolean {
  try {
    return globalThis.localStorage?.getItem(WAN_KEY) !== '0';
  } catch {
    return true;
  }
}

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    // storage can be blocked (private mode); the browser's language is good enough
  }
  return pickLocale(globalThis.navigator?.languages ?? ['en']);
}

class I18n {
  #locale = $state<Locale>(initialLocale());
  #wan = $state(initialWan());

  get locale(): Locale {
    return this.#locale;
  }

  /** BCP 47 tag for Intl and `<html lang>`. */
  get tag(): string {
    return this.#locale === 'zh' ? 'zh-CN' : 'en';
  }

  set locale(value: Locale) {
    this.#locale = value;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, value);
    } catch {
      // not kept across visits; still switched for this one
    }
  }

  /** Large counts and money in 万 / 亿 (Chinese only; English keeps thousands separators). */
  get wan(): boolean {
    return this.#wan && this.#locale === 'zh';
  }

  set wan(value: boolean) {
    this.#wan = value;
    try {
      globalThis.localStorage?.setItem(WAN_KEY, value ? '1' : '0');
    } catch {
      // not kept across visits
    }
  }
}

export const i18n = new I18n();

/** The message for `key` in the current language ('key' itself when missing, so it shows). */
export function t(key: string, params?: Record<string, string | number>): string {
  const text = catalogs[i18n.locale][key] ?? catalogs.en[key] ?? key;
  return interpolate(text, params);
}
