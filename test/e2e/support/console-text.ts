import { en } from '../../../packages/console/src/i18n/en.ts';
import { es, type MessageKey } from '../../../packages/console/src/i18n/es.ts';

export type { MessageKey };
export type Language = 'es' | 'en';

/**
 * The console's own dictionaries, so tests expect whatever the console means to show in each language;
 * a renamed or removed key breaks the typecheck here instead of a test silently asserting old words.
 */
export function consoleText(language: Language, key: MessageKey): string {
  return (language === 'es' ? es : en)[key];
}
