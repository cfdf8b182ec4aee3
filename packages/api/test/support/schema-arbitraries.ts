import fc from 'fast-check';
import {
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';
import type { RootOperation } from './schema-operations.ts';

/**
 * fast-check arbitraries of an operation's arguments, generated from their GraphQL types (docs/security-testing.md):
 * hostile text (NUL, lone surrogates, emoji, long and huge strings), numbers at and past their limits, money strings
 * with many digits, signs and exponents, unknown enum values (sent as variables, so they reach coercion), empty lists
 * and lists of empty strings, random and real ids, far-away dates — and now and then a null where one is required.
 */

/** Text a database or a parser may choke on. */
const hostileText = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00',
  '\uDBFF\uDBFF',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  'Ñandú Ávila Öztürk',
  "'; drop table account; --",
  '%s%n%x',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '\\',
  '"',
  '\u202Eevil',
  '\r\n\t',
);

/** Strings past any sensible field length, up to a request body past the limit. */
const longText = fc.oneof(
  fc.integer({ min: 200, max: 5_000 }).map((length) => 'x'.repeat(length)),
  fc.integer({ min: 100, max: 2_000 }).map((length) => '😀'.repeat(length)),
  fc.constant('y'.repeat(70_000)),
  fc.constant('z'.repeat(600_000)),
);

/** Decimal amounts as a client might send them, valid and not. */
const moneyText = fc.oneof(
  fc.constantFrom(
    '0',
    '0.00',
    '-1',
    '-0.01',
    '1e5',
    '1E-3',
    '1.2.3',
    '1,50',
    ' 10 ',
    'NaN',
    'Infinity',
    '+5',
    '.5',
    '5.',
    '0x10',
    '99999999999999999999999999999999.99',
    '0.00000000000000000001',
    '922337203685477.5807',
    '922337203685477.5808',
    '1' + '0'.repeat(400),
  ),
  fc
    .bigInt({ min: -(10n ** 30n), max: 10n ** 30n })
    .map((value) => `${value}.${String(value % 10000n).replace('-', '')}`),
  fc.double({ noNaN: true }).map(String),
);

const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 3, arbitrary: hostileText },
  { weight: 1, arbitrary: longText },
);

const MONEY_NAMES = /amount|balance|rate|target|minBalance|maxBalance/i;

function stringArbitrary(name: string): fc.Arbitrary<string> {
  return MONEY_NAMES.test(name) ? fc.oneof(moneyText, anyText) : anyText;
}

const calendarDate = fc
  .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, date.toISOString().indexOf('T')));
const dateText = fc.oneof(
  calendarDate,
  fc.constantFrom('2026-11-24', '1900-01-01', '0001-01-01', '9999-12-31', '2026-02-30', '2026-13-01', '26-11-24', ''),
  anyText,
);
const instantText = fc.oneof(
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom('2026-11-24T15:00:00Z', '2026-11-24T15:00:00+14:00', '2026-11-24', '2026-11-24T25:00:00Z', 'now'),
  anyText,
);

const INT_EDGES = [0, 1, -1, 2, 100, 1_000, 10_000, 200_000, 2_147_483_647, -2_147_483_648];
const intValue = fc.oneof(
  fc.constantFrom(...INT_EDGES),
  fc.integer(),
  // Past GraphQL's Int: graphql-js refuses them as variables.
  fc.constantFrom(2_147_483_648, -2_147_483_649, 1e15, 0.5),
);
const floatValue = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 1, -0, 0.999999, 1.000001, 1e308, -1e308, 5e-324),
);

function idArbitrary(knownIds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...knownIds) },
    { weight: 3, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: anyText },
  );
}

export interface ArbitraryOptions {
  /** Real ids of the test's fixtures: random ids alone would stop at "not found". */
  knownIds: readonly string[];
}

function valueArbitrary(type: GraphQLInputType, name: string, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const nullable = getNullableType(type);
  let value: fc.Arbitrary<unknown>;
  if (isListType(nullable)) {
    const item = valueArbitrary(nullable.ofType, name, options);
    value = fc.oneof(
      fc.constant([]),
      fc.array(item, { minLength: 1, maxLength: 4 }),
      fc.array(fc.constant(''), { minLength: 1, maxLength: 3 }),
    );
  } else if (isEnumType(nullable)) {
    const names = nullable.getValues().map((entry) => entry.name);
    value = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: anyText });
  } else if (isInputObjectType(nullable)) {
    value = fieldsArbitrary(Object.values(nullable.getFields()), options);
  } else {
    switch (nullable.name) {
      case 'ID':
        value = idArbitrary(options.knownIds);
        break;
      case 'Int':
        value = intValue;
        break;
      case 'Float':
        value = floatValue;
        break;
      case 'Boolean':
        value = fc.boolean();
        break;
      case 'Date':
        value = dateText;
        break;
      case 'DateTime':
        value = instantText;
        break;
      default:
        value = stringArbitrary(name);
    }
  }
  // A null (or a value of another type) where one is required: the request is refused before any resolver runs.
  return isNonNullType(type)
    ? fc.oneof({ weight: 19, arbitrary: value }, { weight: 1, arbitrary: fc.constantFrom(null, 42, 'x', {}) })
    : fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
}

function fieldsArbitrary(
  fields: readonly (GraphQLArgument | GraphQLInputField)[],
  options: ArbitraryOptions,
): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(
    fields.map((field) => [field.name, valueArbitrary(field.type, field.name, options)]),
  );
  const requiredKeys = fields
    .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
    .map((field) => field.name);
  return fc.record(model, { requiredKeys });
}

/** Arguments of `operation` as variables: required ones always, optional ones now and then. */
export function argumentsArbitrary(
  operation: RootOperation,
  options: ArbitraryOptions,
): fc.Arbitrary<Record<string, unknown>> {
  return fieldsArbitrary(operation.field.args, options);
}
