import { formatAmount, OFFER_KINDS, type Offer as OfferRule, type OfferKind as OfferKindName } from '@recupera/shared';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Money } from '../../core/graphql/money.type.ts';
import { DateScalar } from '../../core/graphql/scalars.ts';

export const OfferKind = Object.fromEntries(OFFER_KINDS.map((kind) => [kind, kind])) as {
  [K in OfferKindName]: K;
};
registerEnumType(OfferKind, {
  name: 'OfferKind',
  description: 'PAY_IN_FULL is always offered; SETTLEMENT and INSTALMENT_PLAN when the offer rules allow them.',
});

@ObjectType('Offer', { description: 'Something the agent may offer the debtor today, within the offer rules.' })
export class OfferType {
  @Field(() => OfferKind)
  kind!: OfferKindName;

  @Field(() => Money, { description: 'What the debtor pays in total.' })
  amount!: Money;

  @Field(() => Int, { description: '1 for a one-off payment.' })
  instalments!: number;

  @Field(() => Money, {
    nullable: true,
    description: 'Each instalment from the second on; the first also carries the rounding remainder. Null if one-off.',
  })
  instalmentAmount!: Money | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the balance forgiven (0.2 = 20 %), rounded for display; null when nothing is forgiven.',
  })
  discountRate!: number | null;

  @Field(() => DateScalar, { description: 'Last day to accept the offer and make its first payment.' })
  validUntil!: string;

  @Field(() => Money, { description: 'The outstanding balance the offer settles.' })
  balance!: Money;

  @Field(() => Money, { nullable: true, description: 'The part of the balance forgiven; null when nothing is.' })
  discount!: Money | null;

  @Field(() => Money, {
    nullable: true,
    description: 'The first instalment (it carries the rounding remainder); null if one-off.',
  })
  firstInstalment!: Money | null;

  @Field(() => String, {
    description:
      "The offer in one English sentence, with its amounts, whatever the language asked for: a client words it in its reader's language from kind and the amounts (docs/api.md).",
  })
  description!: string;
}

function money(minor: bigint, currency: string): Money {
  const value = new Money();
  value.amount = formatAmount(minor, currency);
  value.currency = currency;
  return value;
}

/** The wire shape of one offer computed by the shared rules. */
export function toOfferType(offer: OfferRule): OfferType {
  const type = new OfferType();
  type.kind = offer.kind;
  type.amount = money(offer.amountMinor, offer.currency);
  type.instalments = offer.instalments;
  type.instalmentAmount =
    offer.instalmentAmountMinor === null ? null : money(offer.instalmentAmountMinor, offer.currency);
  type.discountRate = offer.discountRate;
  type.validUntil = offer.validUntil;
  type.balance = money(offer.balanceMinor, offer.currency);
  type.discount = offer.discountMinor > 0n ? money(offer.discountMinor, offer.currency) : null;
  type.firstInstalment = offer.instalments > 1 ? money(offer.scheduleMinor[0]!, offer.currency) : null;
  type.description = offer.description;
  return type;
}
