/**
 * Exact money (docs/design.md: "Money is exact: integer minor units or decimal strings, never binary floats").
 *
 * Inside the code an amount is a `bigint` of minor units (cents, céntimos, fils); on the wire and in
 * GraphQL it is a canonical decimal string (`"1234.50"`), always with exactly the currency's number of
 * decimals. Parsing never rounds: an amount that cannot be represented in the currency is rejected.
 * No function here converts an amount to a JS `number`.
 */

/** Why an amount or currency was rejected; lets the API map the failure to a precise BAD_USER_INPUT message. */
export type MoneyErrorReason = 'FORMAT' | 'PRECISION' | 'NEGATIVE' | 'ZERO' | 'TOO_LARGE' | 'CURRENCY';

/** A rejected amount or currency code. */
export class MoneyError extends Error {
  override readonly name = 'MoneyError';

  constructor(
    /** The rule that was broken. */
    readonly reason: MoneyErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** An amount with its currency, as it travels in GraphQL (`Money { amount: String! currency: String! }`). */
export interface Money {
  /** Canonical decimal string, e.g. `"1234.50"`, `"-5.00"`, `"1234"` for JPY. */
  amount: string;
  /** ISO 4217 alphabetic code, e.g. `"PEN"`. */
  currency: string;
}

/**
 * Currencies the platform accepts (ISO 4217 alphabetic codes). Deliberately a closed list: a typo such as
 * "PNE" must be refused at the door rather than create a new currency bucket in every KPI.
 */
export const CURRENCY_CODES = [
  // Latin America
  'PEN',
  'USD',
  'COP',
  'MXN',
  'CLP',
  'ARS',
  'BRL',
  'BOB',
  'UYU',
  'PYG',
  'GTQ',
  'CRC',
  'DOP',
  'HNL',
  'NIO',
  'PAB',
  'VES',
  // Europe and elsewhere
  'EUR',
  'GBP',
  'CHF',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'CAD',
  'AUD',
  'NZD',
  'JPY',
  'CNY',
  'KRW',
  'INR',
  // Three-decimal currencies
  'KWD',
  'BHD',
  'OMR',
  'JOD',
  'TND',
] as const;

/** One of {@link CURRENCY_CODES}. */
export type CurrencyCode = (typeof CURRENCY_CODES)[number];

/** ISO 4217 minor units for the listed currencies whose exponent is not 2 (CLP and PYG have no minor unit). */
const NON_DEFAULT_EXPONENTS: Readonly<Partial<Record<CurrencyCode, number>>> = {
  CLP: 0,
  PYG: 0,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  BHD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
};

/**
 * Integer digits allowed before the decimal point. With at most 3 decimals that is 18 significant digits,
 * so every accepted amount fits a signed 64-bit integer of minor units (PostgreSQL `bigint`,
 * max ≈ 9.22 × 10^18) and a `numeric(18,3)` column.
 */
export const MAX_INTEGER_DIGITS = 15;

const AMOUNT_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;

/** True for a supported ISO 4217 code: three upper-case letters from {@link CURRENCY_CODES}. */
export function isCurrencyCode(code: string): code is CurrencyCode {
  return (CURRENCY_CODES as readonly string[]).includes(code);
}

/**
 * Number of decimals (ISO 4217 "minor unit") of a currency: 2 for PEN, USD, EUR and most others, 0 for
 * JPY and CLP, 3 for KWD and BHD. Throws `MoneyError('CURRENCY')` for an unsupported code.
 */
export function currencyExponent(code: string): number {
  if (!isCurrencyCode(code)) throw new MoneyError('CURRENCY', `Unsupported currency code: ${JSON.stringify(code)}`);
  return NON_DEFAULT_EXPONENTS[code] ?? 2;
}

/** Options for {@link parseAmount}. */
export interface ParseAmountOptions {
  /** Accept a leading minus (refunds, reversals, balance adjustments). Default false. */
  allowNegative?: boolean;
  /** Accept zero. Default true; payments and promises pass false. */
  allowZero?: boolean;
}

/**
 * Parses a decimal string into integer minor units of `currency`.
 *
 * Accepted: `"12"`, `"12.5"`, `"12.50"`, and extra decimals only when they are zeros (`"12.500"` is exactly
 * 12.50, so nothing is rounded). Rejected, with the `MoneyError.reason`:
 * - `FORMAT`: anything but `-?digits(.digits)?` — no spaces, thousands separators, `+`, exponents, or a
 *   bare `"."`/`"12."`;
 * - `PRECISION`: more significant decimals than the currency has (`"12.345"` in PEN) — never rounded;
 * - `TOO_LARGE`: more than {@link MAX_INTEGER_DIGITS} integer digits (leading zeros do not count);
 * - `NEGATIVE`: below zero unless `allowNegative`;
 * - `ZERO`: zero when `allowZero` is false (`"-0"` is zero, not negative);
 * - `CURRENCY`: unsupported currency code.
 */
export function parseAmount(amount: string, currency: string, opts: ParseAmountOptions = {}): bigint {
  const exponent = currencyExponent(currency);
  const match = AMOUNT_PATTERN.exec(amount);
  if (!match) throw new MoneyError('FORMAT', `Not a decimal amount: ${JSON.stringify(amount)}`);
  const [, sign = '', integerDigits = '', fractionDigits = ''] = match;

  const significantFraction = fractionDigits.replace(/0+$/, '');
  if (significantFraction.length > exponent) {
    throw new MoneyError('PRECISION', `${currency} allows ${exponent} decimals, got ${JSON.stringify(amount)}`);
  }
  const significantInteger = integerDigits.replace(/^0+/, '');
  if (significantInteger.length > MAX_INTEGER_DIGITS) {
    throw new MoneyError('TOO_LARGE', `Amount has more than ${MAX_INTEGER_DIGITS} integer digits`);
  }

  const magnitude = BigInt((significantInteger || '0') + significantFraction.padEnd(exponent, '0'));
  const minor = sign === '-' ? -magnitude : magnitude;
  if (minor < 0n && !opts.allowNegative) throw new MoneyError('NEGATIVE', `Amount must not be negative: ${amount}`);
  if (minor === 0n && opts.allowZero === false) throw new MoneyError('ZERO', 'Amount must be greater than zero');
  return minor;
}

/**
 * Canonical decimal string of `minor` units: exactly the currency's decimals, no grouping, a leading `-`
 * when negative (`1234_50n` PEN → `"1234.50"`, `-500n` → `"-5.00"`, `0n` → `"0.00"`, JPY `1234n` → `"1234"`).
 */
export function formatAmount(minor: bigint, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * Minor units of an amount as PostgreSQL's `numeric(19,4)` returns it ("1234.5000", which may carry more
 * fractional digits than the currency has): exact, and an error when a digit beyond the currency's precision is
 * not zero (a stored amount is never finer than its currency).
 */
export function storedToMinor(stored: string, currency: string): bigint {
  const negative = stored.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? stored.slice(1) : stored).split('.');
  const exponent = currencyExponent(currency);
  const kept = fraction.slice(0, exponent).padEnd(exponent, '0');
  if (/[1-9]/.test(fraction.slice(exponent))) {
    throw new Error(`Stored amount ${stored} has more precision than ${currency} allows`);
  }
  const minor = BigInt(whole + kept);
  return negative ? -minor : minor;
}

/** Alias of {@link formatAmount}, for call sites that read better with the explicit name. */
export const minorToDecimalString = formatAmount;

/** Re-emits an amount in canonical form (`"12.5"` → `"12.50"`); negatives allowed, same errors as {@link parseAmount}. */
export function normalizeAmount(amount: string, currency: string): string {
  return formatAmount(parseAmount(amount, currency, { allowNegative: true }), currency);
}

/** Minor units of a {@link Money}; negatives allowed. */
export function moneyToMinor(money: Money): bigint {
  return parseAmount(money.amount, money.currency, { allowNegative: true });
}

/** A canonical {@link Money} from minor units. */
export function moneyFromMinor(minor: bigint, currency: string): Money {
  return { amount: formatAmount(minor, currency), currency };
}

/**
 * Totals per currency — amounts in different currencies are never added together. The result is sorted
 * by currency code and has one entry per currency present (none for an empty input). Exact: 0.10 + 0.20
 * is 0.30.
 */
export function sumByCurrency(items: readonly Money[]): Money[] {
  const totals = new Map<string, bigint>();
  for (const item of items) {
    totals.set(item.currency, (totals.get(item.currency) ?? 0n) + moneyToMinor(item));
  }
  return [...totals.keys()].sort().map((currency) => moneyFromMinor(totals.get(currency) ?? 0n, currency));
}

/** Numeric comparison of two decimal amounts of the same currency: -1, 0 or 1 (`"2"` vs `"10.00"` is -1). */
export function compareAmounts(a: string, b: string, currency: string): -1 | 0 | 1 {
  const left = parseAmount(a, currency, { allowNegative: true });
  const right = parseAmount(b, currency, { allowNegative: true });
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Human formatting for the console, e.g. `{ amount: "1234.50", currency: "PEN" }` in `es-PE` →
 * `"S/ 1,234.50"`. The canonical decimal string is handed to `Intl.NumberFormat.format` as a string
 * (supported since ES2023 / Node 20), so values beyond 2^53 keep every digit. Always shows the currency's
 * ISO decimals, even where CLDR would show fewer. Throws `MoneyError` for a bad amount and `RangeError`
 * for a bad locale.
 */
export function formatMoneyForLocale(money: Money, locale: string): string {
  const exponent = currencyExponent(money.currency);
  const canonical = normalizeAmount(money.amount, money.currency) as `${number}`;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(canonical);
}
