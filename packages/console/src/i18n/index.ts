import { ref, watch } from 'vue';
import { en } from './en.ts';
import { es, type MessageKey, type Messages } from './es.ts';

export type { MessageKey } from './es.ts';

export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'es';
export const LOCALE_STORAGE_KEY = 'recupera.locale';

const catalogues: Record<Locale, Messages> = { es, en };

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    // Storage can throw (privacy mode, sandboxed iframe); the default language is a safe answer.
    return DEFAULT_LOCALE;
  }
}

// One locale for the whole app: every component that calls useI18n() re-renders on a switch.
const locale = ref<Locale>(readStoredLocale());

watch(
  locale,
  (value) => {
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, value);
    } catch {
      // Not persisting the choice is acceptable; the switch still works for this page.
    }
    if (typeof document !== 'undefined') document.documentElement.lang = value;
  },
  { immediate: true, flush: 'sync' },
);

/** The language the user reads the console in: sent to the API, which words what it writes for people in it. */
export function currentLocale(): Locale {
  return locale.value;
}

/** Formats `{name}` placeholders; unknown placeholders are left visible so a missing value is noticed. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function translate(lang: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return format(catalogues[lang][key], params);
}

export function useI18n() {
  const t = (key: MessageKey, params?: Record<string, string | number>): string => translate(locale.value, key, params);

  const setLocale = (value: Locale): void => {
    locale.value = value;
  };

  return { t, locale, setLocale, locales: LOCALES };
}
