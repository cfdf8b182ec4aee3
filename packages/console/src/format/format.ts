import { formatAmount, type Money } from '@recupera/shared';
import type { Locale } from '../i18n/index.ts';

/** Shown for a rate whose denominator was zero (docs/design.md: null is "—", never 0). */
export const NO_VALUE = '—';

// Spanish as spoken where the operation runs (S/ for soles); English with US conventions.
const LOCALE_TAGS: Record<Locale, string> = { es: 'es-PE', en: 'en-US' };

export function localeTag(locale: Locale): string {
  return LOCALE_TAGS[locale];
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(tag: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const cacheKey = `${tag}|${JSON.stringify(options)}`;
  let cached = numberFormats.get(cacheKey);
  if (!cached) {
    cached = new Intl.NumberFormat(tag, options);
    numberFormats.set(cacheKey, cached);
  }
  return cached;
}

/**
 * Formats an exact decimal string in its currency. Intl accepts the string itself, so no amount ever
 * passes through a binary float on its way to the screen.
 */
export function formatMoney(money: Money, locale: Locale): string {
  return numberFormat(localeTag(locale), { style: 'currency', currency: money.currency }).format(
    money.amount as Intl.StringNumericLiteral,
  );
}

/** Amount of `currency` in a per-currency list, as an exact decimal string ("0.00" when absent). */
export function amountIn(list: readonly Money[], currency: string): string {
  return list.find((m) => m.currency === currency)?.amount ?? formatAmount(0n, currency);
}

/** Every currency of a list, the operation's first; zero in the operation's currency when empty. */
export function formatMoneyList(list: readonly Money[], currency: string, locale: Locale): string {
  if (list.length === 0) return formatMoney({ amount: formatAmount(0n, currency), currency }, locale);
  const ordered = [...list].sort((a, b) => Number(b.currency === currency) - Number(a.currency === currency));
  return ordered.map((m) => formatMoney(m, locale)).join(' · ');
}

export function formatRate(rate: number | null | undefined, locale: Locale, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return NO_VALUE;
  return numberFormat(localeTag(locale), {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(rate);
}

export function formatCount(value: number | null | undefined, locale: Locale, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return numberFormat(localeTag(locale), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
    value,
  );
}

/** A span of time in words a wall screen reads at a glance: "45 s", "4 min", "2 h 05 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return NO_VALUE;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A running clock for time in status: "04:09", "1:02:03". */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** An instant in the operation's time zone, whatever the browser's zone is. */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(localeTag(locale), {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatTime(iso: string | Date, locale: Locale, timeZone: string, seconds = false): string {
  return new Intl.DateTimeFormat(localeTag(locale), {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(typeof iso === 'string' ? new Date(iso) : iso);
}

/**
 * A calendar date (`YYYY-MM-DD`) has no zone: it is read and printed in UTC so that no zone shifts it
 * to the day before.
 */
export function formatDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(localeTag(locale), { timeZone: 'UTC', dateStyle: 'medium' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
