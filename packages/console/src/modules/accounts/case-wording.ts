/**
 * The case view's sentences, worded here from the codes and numbers the API sends (docs/api.md: the API writes
 * no sentence a person reads unless in the request's language; these it leaves to the console). A code this
 * console does not know yet, or a factor without its numbers, shows the API's own English sentence.
 */
import type { Money } from '@recupera/shared';
import type { MessageKey } from '../../i18n/index.ts';
import type { AccountCaseData, Offer } from './accounts-api.ts';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
export type CaseFactor = AccountCaseData['propensity']['factors'][number];

/** What the offer sentence needs formatted: money and calendar dates in the reader's language. */
export interface OfferFormat {
  money(money: Money): string;
  date(date: string): string;
}

/** `base.zero` for 0 and `base.one` for 1 where the catalogue has them, `base.other` otherwise. */
function counted(t: Translate, base: string, n: number, forms: readonly ('zero' | 'one')[]): string {
  const form = n === 0 && forms.includes('zero') ? 'zero' : n === 1 && forms.includes('one') ? 'one' : 'other';
  return t(`${base}.${form}` as MessageKey, { n });
}

/** One propensity factor in the reader's language. */
export function factorText(t: Translate, factor: CaseFactor): string {
  const { bucket, days, count } = factor.params ?? {};
  switch (factor.factor) {
    case 'BUCKET':
      return bucket ? t('factor.BUCKET', { bucket: t(`bucket.${bucket}` as MessageKey) }) : factor.detail;
    case 'RECENT_PAYMENT':
      return typeof days === 'number' ? counted(t, 'factor.RECENT_PAYMENT', days, ['zero', 'one']) : factor.detail;
    case 'JUST_REACHED':
      return typeof days === 'number' ? counted(t, 'factor.JUST_REACHED', days, ['zero', 'one']) : factor.detail;
    case 'RESTED':
      return typeof days === 'number' ? t('factor.RESTED', { n: days }) : factor.detail;
    case 'PROMISES_KEPT':
    case 'PROMISES_BROKEN':
    case 'REFUSALS':
      return typeof count === 'number' ? counted(t, `factor.${factor.factor}`, count, ['one']) : factor.detail;
    case 'NEVER_ATTEMPTED':
    case 'NO_VALID_CONTACT':
      return t(`factor.${factor.factor}`);
    default:
      return factor.detail;
  }
}

/** One offer in a sentence of the reader's language, with its amounts and deadline. */
export function offerText(t: Translate, f: OfferFormat, offer: Offer): string {
  const balance = f.money(offer.balance);
  const date = f.date(offer.validUntil);
  switch (offer.kind) {
    case 'PAY_IN_FULL':
      return t('offerText.PAY_IN_FULL', { balance, date });
    case 'SETTLEMENT':
      return offer.discount
        ? t('offerText.SETTLEMENT', { balance, amount: f.money(offer.amount), discount: f.money(offer.discount), date })
        : offer.description;
    case 'INSTALMENT_PLAN': {
      if (!offer.instalmentAmount || !offer.firstInstalment) return offer.description;
      const instalment = f.money(offer.instalmentAmount);
      const first = f.money(offer.firstInstalment);
      const n = offer.instalments;
      return offer.firstInstalment.amount === offer.instalmentAmount.amount
        ? t('offerText.INSTALMENT_PLAN', { n, instalment, balance, date })
        : t('offerText.INSTALMENT_PLAN.uneven', { n, first, rest: n - 1, instalment, balance, date });
    }
    default:
      return offer.description;
  }
}
