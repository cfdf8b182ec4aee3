/** The languages the API writes sentences for people in (the console's): everything else is codes and numbers. */
export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Partner systems that say nothing read English. */
export const DEFAULT_LANGUAGE: Language = 'en';

/**
 * The first of our languages an `Accept-Language` header (or a WebSocket's `language` parameter) asks for,
 * by preference order (`q`), e.g. "es-PE,es;q=0.9,en;q=0.8" → es; the default when it names none of them.
 */
export function languageFrom(header: string | null | undefined): Language {
  if (!header) return DEFAULT_LANGUAGE;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const quality = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { primary: tag.trim().toLowerCase().split('-')[0]!, q: quality ? Number(quality) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const match = ranked.find((entry) => (LANGUAGES as readonly string[]).includes(entry.primary));
  return (match?.primary as Language | undefined) ?? DEFAULT_LANGUAGE;
}
