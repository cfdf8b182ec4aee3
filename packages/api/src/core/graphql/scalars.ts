import { isIsoDate, LATEST_DATE, OLDEST_DATE } from '@recupera/shared';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw invalid(`Date must be a calendar date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  // ISO strings of four-digit years order like the dates they name.
  if (value < OLDEST_DATE) throw invalid(`Date must be ${OLDEST_DATE} or later, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * A date a client sends: also no later than LATEST_DATE, so the day after it exists (a period `to` 9999-12-31 was an
 * internal error, found by fuzzing). Only on input: a stored date is still written out whatever it is.
 */
function parseInputDate(value: unknown): string {
  const date = parseDate(value);
  if (date > LATEST_DATE) throw invalid(`Date must be ${LATEST_DATE} or earlier, got ${JSON.stringify(value)}`);
  return date;
}

/** A calendar date kept as the string `YYYY-MM-DD`: no time zone can shift it by a day. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'ISO-8601 calendar date, e.g. 2026-11-24',
  serialize: (value) => parseDate(value),
  parseValue: parseInputDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid('Date must be a string such as "2026-11-24"');
    return parseInputDate(ast.value);
  },
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid(`DateTime must be an ISO-8601 instant with an offset, got ${JSON.stringify(value)}`);
  }
  return new Date(value);
}

/** An instant; always written in UTC (`2026-11-24T15:04:05.000Z`), read with any explicit offset. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO-8601 instant, e.g. 2026-11-24T15:04:05.000Z',
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new Error('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid('DateTime must be a string');
    return parseDateTime(ast.value);
  },
});
