import { currencyExponent, formatAmount } from '@recupera/shared';
import { Field, ObjectType } from 'type-graphql';

@ObjectType('Money', { description: 'An exact amount: `amount` is a decimal string such as "1234.50", never a float.' })
export class Money {
  @Field(() => String)
  amount!: string;

  @Field(() => String)
  currency!: string;

  /** From a stored `numeric` (which may carry extra trailing zeros) to the currency's canonical form. */
  static fromStored(stored: string, currency: string): Money {
    const money = new Money();
    money.amount = formatAmount(storedToMinor(stored, currency), currency);
    money.currency = currency;
    return money;
  }

  static fromMinor(minor: bigint, currency: string): Money {
    const money = new Money();
    money.amount = formatAmount(minor, currency);
    money.currency = currency;
    return money;
  }
}

/** `numeric(19,4)` text such as "1234.5000" to minor units of the currency, exactly. */
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
