import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useI18n, type Locale } from '../../i18n/index.ts';
import { useApiKey } from '../../session/use-api-key.ts';
import { signInAs, viewerAnswer } from '../../test-support/app.ts';
import { jsonResponse, stubFetch } from '../../test-support/responses.ts';
import type { AccountCaseData } from './accounts-api.ts';
import AccountCase from './AccountCase.vue';

const pen = (amount: string) => ({ amount, currency: 'PEN' });
const params = (patch: Record<string, unknown>) => ({ bucket: null, days: null, count: null, ...patch });

/** A case as the API answers it: codes and numbers, with its English sentences beside them. */
const ACCOUNT: AccountCaseData = {
  id: 'acc-1',
  externalRef: 'MOV-00000001',
  status: 'ACTIVE',
  bucket: 'D91_120',
  daysPastDue: 100,
  dueDate: '2026-08-16',
  balance: pen('1200.50'),
  originalAmount: pen('8000.00'),
  agency: null,
  debtor: {
    name: 'Rosa Quispe Mamani',
    documentId: '45678912',
    phones: ['+51987654321'],
    emails: [],
    timeZone: 'America/Lima',
    doNotContact: false,
  },
  propensity: {
    score: 0.27,
    factors: [
      { factor: 'BUCKET', effect: 0.2, detail: 'base odds for D91_120', params: params({ bucket: 'D91_120' }) },
      {
        factor: 'JUST_REACHED',
        effect: -0.1,
        detail: 'reached 0 day(s) ago: give them time',
        params: params({ days: 0 }),
      },
      { factor: 'REFUSALS', effect: -0.07, detail: 'refused to pay 1 time(s)', params: params({ count: 1 }) },
    ],
  },
  queuePlace: null,
  contactCheck: { allowed: false, reasons: ['OUTSIDE_HOURS'], nextOpportunity: null },
  interactions: [],
  promises: [],
  payments: [],
  offers: [
    {
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
    },
    {
      kind: 'SETTLEMENT',
      amount: pen('960.40'),
      balance: pen('1200.50'),
      discount: pen('240.10'),
      instalments: 1,
      instalmentAmount: null,
      firstInstalment: null,
      discountRate: 0.2,
      validUntil: '2026-12-04',
      description: 'Settle the balance of 1200.50 PEN with one payment of 960.40 PEN (240.10 PEN off) by 2026-12-04.',
    },
  ],
};

const texts = (wrapper: ReturnType<typeof mount>, testId: string) =>
  wrapper.findAll(`[data-testid="${testId}"]`).map((node) => node.text().replace(/\s/g, ' '));

async function mountCase(locale: Locale) {
  useI18n().setLocale(locale);
  const wrapper = mount(AccountCase, { props: { id: 'acc-1' }, global: { stubs: { RouterLink: true } } });
  await flushPromises();
  return wrapper;
}

describe('the case view’s sentences', () => {
  beforeEach(async () => {
    stubFetch({ '/graphql': viewerAnswer('SUPERVISOR', null, () => jsonResponse({ data: { account: ACCOUNT } })) });
    await signInAs();
  });
  afterEach(() => useApiKey().signOut());

  it('words factors and offers in Spanish, with none of the API’s English', async () => {
    const wrapper = await mountCase('es');
    expect(texts(wrapper, 'factor-text')).toEqual([
      'Probabilidad base del tramo 91–120 días',
      'Contactado hoy: conviene darle tiempo',
      'Se negó a pagar 1 vez',
    ]);
    expect(texts(wrapper, 'offer-text')).toEqual([
      'Pagar el saldo total de S/ 1,200.50 hasta el 24 dic. 2026.',
      'Cancelar el saldo de S/ 1,200.50 con un único pago de S/ 960.40 (S/ 240.10 de descuento) hasta el 4 dic. 2026.',
    ]);
    const page = wrapper.text();
    for (const english of [
      ...ACCOUNT.propensity.factors.map((f) => f.detail),
      ...ACCOUNT.offers.map((o) => o.description),
    ]) {
      expect(page).not.toContain(english);
    }
    expect(page).toContain('Fuera del horario permitido');
  });

  it('words them in English', async () => {
    const wrapper = await mountCase('en');
    expect(texts(wrapper, 'factor-text')).toEqual([
      'Base odds for 91–120 days',
      'Reached today: give them time',
      'Refused to pay once',
    ]);
    expect(texts(wrapper, 'offer-text')).toEqual([
      'Pay the full balance of PEN 1,200.50 by Dec 24, 2026.',
      'Settle the balance of PEN 1,200.50 with one payment of PEN 960.40 (PEN 240.10 off) by Dec 4, 2026.',
    ]);
    expect(wrapper.text()).toContain('Outside the allowed hours');
  });
});
