import { formatAmount, storedToMinor } from '@recupera/shared';
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
