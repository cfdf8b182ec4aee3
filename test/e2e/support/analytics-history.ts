import pg from 'pg';
import { DEMO_KEYS } from './demo-keys.ts';
import { graphqlData } from './graphql.ts';

/**
 * Weeks of collection history for the analytics screen, written through the public API before the tests start: the
 * demo seed has a portfolio but no past attempts. ~140 accounts of their own (Lima, Madrid and New York debtors) in
 * a campaign with a challenger, ~700 attempts at past instants of the last 10 weeks with the patterns a manager
 * would look for (evenings reach more debtors, the challenger obtains more promises), promises and payments made
 * yesterday (so today's live figures, which other tests check, do not move). The campaign is paused afterwards, so
 * the queues board keeps showing the demo's running campaigns.
 *
 * One deliberate SQL write: `importAccounts` stamps `created_at` with the time of the import, and the roll matrix
 * counts accounts that existed when the period began; the history's accounts are dated back 120 days.
 */

export const HISTORY_CAMPAIGN = 'Recordatorio temprano';
const HISTORY_TAG = 'HISTORIAL';

const ZONES = [
  { zone: 'America/Lima', currency: 'PEN', offset: -5, phone: '+51987000' },
  { zone: 'Europe/Madrid', currency: 'EUR', offset: 1, phone: '+34600000' },
  { zone: 'America/New_York', currency: 'USD', offset: -5, phone: '+12125550' },
] as const;

const DAY = 86_400_000;

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function seedAnalyticsHistory(baseUrl: string, databaseUrl: string): Promise<void> {
  const random = mulberry32(20261124);
  const key = DEMO_KEYS.admin;
  const now = Date.now();
  const isoDate = (instant: number) => new Date(instant).toISOString().slice(0, 10);

  const rows = Array.from({ length: 141 }, (_, n) => {
    const zone = ZONES[n % ZONES.length]!;
    return {
      externalRef: `HIST-${n}`,
      debtorName: `${HISTORY_TAG} Deudor ${n}`,
      documentId: `HIST${String(n).padStart(6, '0')}`,
      phones: [`${zone.phone}${String(n).padStart(3, '0')}`],
      timeZone: zone.zone,
      originalAmount: '1200.00',
      balance: String(400 + (n % 9) * 100) + '.00',
      currency: zone.currency,
      dueDate: isoDate(now - (5 + ((n * 13) % 150)) * DAY),
    };
  });
  await graphqlData(
    baseUrl,
    key,
    `mutation ($accounts: [ImportAccountInput!]!) {
      importAccounts(creditorName: "Analítica Demo S.A.", portfolioName: "Historial", accounts: $accounts) { imported }
    }`,
    { accounts: rows },
  );
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`update account set created_at = now() - interval '120 days' where external_ref like 'HIST-%'`);
  } finally {
    await client.end();
  }

  const { createCampaign } = await graphqlData<{ createCampaign: { id: string } }>(
    baseUrl,
    key,
    `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
    {
      input: {
        name: HISTORY_CAMPAIGN,
        channel: 'CALL',
        filter: { search: HISTORY_TAG },
        queues: [{ name: 'Historial' }],
        script: 'Buenos días, le llamamos para recordarle el pago de su cuenta.',
        challenger: {
          name: 'Oferta de cuotas',
          share: 0.5,
          script: 'Buenos días, podemos ofrecerle pagar su cuenta en cuotas sin intereses.',
        },
      },
    },
  );
  await graphqlData(baseUrl, key, `mutation ($id: ID!) { startCampaign(id: $id) { id } }`, { id: createCampaign.id });
  const { accounts: page } = await graphqlData<{
    accounts: {
      edges: {
        node: {
          id: string;
          balance: { currency: string };
          debtor: { timeZone: string };
          queuePlace: { variant: string } | null;
        };
      }[];
    };
  }>(
    baseUrl,
    key,
    `query { accounts(filter: { search: "${HISTORY_TAG}" }, first: 200) {
      edges { node { id balance { currency } debtor { timeZone } queuePlace { variant } } } } }`,
  );
  const accounts = page.edges.map(({ node }) => ({
    id: node.id,
    currency: node.balance.currency,
    zone: ZONES.find((zone) => zone.zone === node.debtor.timeZone) ?? ZONES[0],
    challenger: node.queuePlace?.variant === 'CHALLENGER',
  }));

  const promised = new Map<string, number>();
  const dueDate = isoDate(now + 7 * DAY);
  for (let n = 0; n < 700; n += 1) {
    const index = Math.floor(random() * accounts.length);
    const account = accounts[index]!;
    const zone = account.zone;
    const daysAgo = 2 + Math.floor(random() * 68);
    const localHour = 8 + Math.floor(random() * 13);
    const day = new Date(now - daysAgo * DAY);
    // Roughly that local hour (standard time): the heat map places it exactly, in the debtor's zone.
    const startedAt = Date.UTC(
      day.getUTCFullYear(),
      day.getUTCMonth(),
      day.getUTCDate(),
      localHour - zone.offset,
      Math.floor(random() * 60),
    );
    const channel = random() < 0.75 ? 'CALL' : 'WHATSAPP';
    // Evenings and early mornings reach more debtors; the challenger's offer gets more promises.
    const reach = localHour >= 18 ? 0.55 : localHour <= 9 ? 0.4 : 0.22;
    const r = random();
    let disposition: string;
    if (r < reach) {
      const promiseOdds = account.challenger ? 0.4 : 0.2;
      const q = random();
      disposition =
        q < promiseOdds ? 'PROMISE_TO_PAY' : q < 0.7 ? 'REFUSED_TO_PAY' : q < 0.85 ? 'THIRD_PARTY' : 'ALREADY_PAID';
    } else {
      disposition = channel === 'CALL' ? (random() < 0.7 ? 'NO_ANSWER' : 'VOICEMAIL') : 'MESSAGE_SENT';
    }
    if (disposition === 'PROMISE_TO_PAY' && promised.has(account.id)) disposition = 'REFUSED_TO_PAY';
    const amount = 50 + Math.floor(random() * 200);
    if (disposition === 'PROMISE_TO_PAY') promised.set(account.id, amount);
    await graphqlData(
      baseUrl,
      key,
      `mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }`,
      {
        input: {
          accountId: account.id,
          channel,
          disposition,
          startedAt: new Date(Math.min(startedAt, now - 2 * DAY)).toISOString(),
          ...(disposition === 'PROMISE_TO_PAY' ? { promise: { amount: `${amount}.00`, dueDate } } : {}),
        },
      },
    );
  }
  // Paused once its history is recorded: the live boards follow the demo's running campaigns, not this one.
  await graphqlData(baseUrl, key, `mutation ($id: ID!) { pauseCampaign(id: $id) { id } }`, { id: createCampaign.id });

  let reference = 0;
  for (const [accountId, amount] of promised) {
    reference += 1;
    if (reference % 3 === 0) continue;
    const account = accounts.find((candidate) => candidate.id === accountId)!;
    await graphqlData(baseUrl, key, `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`, {
      input: {
        accountId,
        amount: `${reference % 3 === 1 ? amount : Math.ceil(amount / 2)}.00`,
        currency: account.currency,
        paidAt: new Date(now - DAY).toISOString(),
        reference: `HIST-PAY-${reference}`,
      },
    });
  }
}
