import { PROPENSITY_FACTORS } from '@recupera/shared';
import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney } from '../../format/format.ts';
import { translate, type Locale, type MessageKey } from '../../i18n/index.ts';
import type { Offer } from './accounts-api.ts';
import { factorText, offerText, type CaseFactor } from './case-wording.ts';

// Intl puts a no-break space between currency and number; compare what a reader sees.
const plain = (s: string) => s.replace(/\s/g, ' ');
const t = (lang: Locale) => (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
const f = (lang: Locale) => ({
  money: (m: { amount: string; currency: string }) => formatMoney(m, lang),
  date: (d: string) => formatDate(d, lang),
});

function factor(
  code: string,
  params: Partial<NonNullable<CaseFactor['params']>> | null,
  detail = 'api words',
): CaseFactor {
  return {
    factor: code,
    effect: 0.1,
    detail,
    params: params === null ? null : { bucket: null, days: null, count: null, ...params },
  } as CaseFactor;
}

const pen = (amount: string) => ({ amount, currency: 'PEN' });
const offer = (patch: Partial<Offer>): Offer => ({
  kind: 'PAY_IN_FULL',
  amount: pen('1200.50'),
  balance: pen('1200.50'),
  discount: null,
  instalments: 1,
  instalmentAmount: null,
  firstInstalment: null,
  discountRate: null,
  validUntil: '2026-12-24',
  description: 'Pay the full balance of 1200.50 PEN by 2026-12-24.',
  ...patch,
});

describe('propensity factors in the reader’s language', () => {
  const cases: [CaseFactor, string, string][] = [
    [factor('BUCKET', { bucket: 'D1_30' }), 'Probabilidad base del tramo 1–30 días', 'Base odds for 1–30 days'],
    [factor('RECENT_PAYMENT', { days: 0 }), 'Pagó hoy', 'Paid today'],
    [factor('RECENT_PAYMENT', { days: 1 }), 'Pagó ayer', 'Paid yesterday'],
    [factor('RECENT_PAYMENT', { days: 30 }), 'Pagó hace 30 días', 'Paid 30 days ago'],
    [factor('PROMISES_KEPT', { count: 1 }), 'Cumplió 1 promesa', '1 promise kept'],
    [factor('PROMISES_KEPT', { count: 2 }), 'Cumplió 2 promesas', '2 promises kept'],
    [factor('PROMISES_BROKEN', { count: 3 }), 'Incumplió 3 promesas', '3 promises broken'],
    [factor('REFUSALS', { count: 1 }), 'Se negó a pagar 1 vez', 'Refused to pay once'],
    [factor('REFUSALS', { count: 4 }), 'Se negó a pagar 4 veces', 'Refused to pay 4 times'],
    [factor('JUST_REACHED', { days: 0 }), 'Contactado hoy: conviene darle tiempo', 'Reached today: give them time'],
    [
      factor('JUST_REACHED', { days: 2 }),
      'Contactado hace 2 días: conviene darle tiempo',
      'Reached 2 days ago: give them time',
    ],
    [
      factor('NEVER_ATTEMPTED', {}),
      'Nunca contactado: el primer contacto es la mejor palanca',
      'Never contacted: first contact is the strongest lever',
    ],
    [factor('RESTED', { days: 14 }), 'Sin intentos desde hace 14 días', 'No attempt for 14 days'],
    [
      factor('NO_VALID_CONTACT', {}),
      'Todos sus teléfonos y correos conocidos están marcados como erróneos',
      'Every known phone and e-mail is marked wrong',
    ],
  ];

  const named = cases.map(([input, spanish, english]) => {
    const value = input.params?.bucket ?? input.params?.days ?? input.params?.count ?? '';
    return [`${input.factor} ${value}`.trim(), input, spanish, english] as const;
  });

  it.each(named)('words %s in Spanish and English', (_, input, spanish, english) => {
    expect(factorText(t('es'), input)).toBe(spanish);
    expect(factorText(t('en'), input)).toBe(english);
  });

  it('words every factor the score can name', () => {
    expect(new Set(cases.map(([input]) => input.factor))).toEqual(new Set(PROPENSITY_FACTORS));
  });

  it('shows the API’s sentence for a code it does not know, or a factor without its numbers', () => {
    expect(factorText(t('es'), factor('SEASONALITY', {}, 'pays in December'))).toBe('pays in December');
    expect(factorText(t('es'), factor('RESTED', null, 'no attempt for 9 days'))).toBe('no attempt for 9 days');
  });
});

describe('offers in the reader’s language', () => {
  const settlement = offer({
    kind: 'SETTLEMENT',
    amount: pen('960.40'),
    discount: pen('240.10'),
    discountRate: 0.2,
    validUntil: '2026-12-04',
  });
  const evenPlan = offer({
    kind: 'INSTALMENT_PLAN',
    balance: pen('600.00'),
    amount: pen('600.00'),
    instalments: 6,
    instalmentAmount: pen('100.00'),
    firstInstalment: pen('100.00'),
    validUntil: '2026-12-09',
  });
  const unevenPlan = offer({
    kind: 'INSTALMENT_PLAN',
    instalments: 6,
    instalmentAmount: pen('200.08'),
    firstInstalment: pen('200.10'),
    validUntil: '2026-12-09',
  });

  it('words them in Spanish, with soles and dates the Peruvian way', () => {
    const es = (o: Offer) => plain(offerText(t('es'), f('es'), o));
    expect(es(offer({}))).toBe('Pagar el saldo total de S/ 1,200.50 hasta el 24 dic. 2026.');
    expect(es(settlement)).toBe(
      'Cancelar el saldo de S/ 1,200.50 con un único pago de S/ 960.40 (S/ 240.10 de descuento) hasta el 4 dic. 2026.',
    );
    expect(es(evenPlan)).toBe('6 cuotas mensuales de S/ 100.00 (S/ 600.00 en total), la primera hasta el 9 dic. 2026.');
    expect(es(unevenPlan)).toBe(
      '6 cuotas mensuales: la primera de S/ 200.10 y luego 5 de S/ 200.08 (S/ 1,200.50 en total); la primera hasta el 9 dic. 2026.',
    );
  });

  it('words them in English', () => {
    const en = (o: Offer) => plain(offerText(t('en'), f('en'), o));
    expect(en(offer({}))).toBe('Pay the full balance of PEN 1,200.50 by Dec 24, 2026.');
    expect(en(settlement)).toBe(
      'Settle the balance of PEN 1,200.50 with one payment of PEN 960.40 (PEN 240.10 off) by Dec 4, 2026.',
    );
    expect(en(unevenPlan)).toBe(
      '6 monthly instalments: PEN 200.10 first, then 5 × PEN 200.08 (PEN 1,200.50 in total), the first by Dec 9, 2026.',
    );
  });

  it('shows the API’s sentence for a kind it does not know', () => {
    const unknown = offer({ kind: 'DEBT_SWAP' as Offer['kind'], description: 'Swap it.' });
    expect(offerText(t('es'), f('es'), unknown)).toBe('Swap it.');
  });
});
