import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Orm } from '../src/core/database/orm.ts';
import { openOrm } from '../src/app/database.ts';
import { asFixtureApi, startApiProcess, type ApiProcess } from './support/api-process.ts';
import { assignAgents, createCampaign, startCampaign } from './support/campaigns.ts';
import { accountRow, createAgency, createAgent, importAccounts, placeAccounts } from './support/fixtures.ts';
import {
  addDays,
  comparable,
  expectedKpis,
  KPIS_QUERY,
  limaMidnight,
  localDate,
  OPERATION_ZONE,
  WINDOWS,
  type KpisValue,
  type KpiWindowName,
  type Scope,
} from './support/kpi-oracle.ts';
import { EventTap } from './support/event-tap.ts';
import { watch, type Received, type Watch } from './support/graphql-ws-client.ts';
import { cents, decimal, RECORD_INTERACTION, RECORD_PAYMENT } from './support/outcomes.ts';
import { deleteKeysWithPrefix, uniqueQueuePrefix } from './support/redis.ts';
import { sql, TEST_ADMIN_KEY, type TestApi } from './support/test-api.ts';
import { cloneTemplate, type TestDatabase } from './support/test-database.ts';
import { sleep } from './support/wait.ts';

/**
 * Two real API processes (`src/main.ts`) on loopback, sharing one PostgreSQL database and one Redis (BullMQ and
 * the event bus, under a REDIS_PREFIX of this run so parallel runs never hear each other). Writes go to A; B's
 * subscribers must see them within a second of A's answer (B hears them only through Redis: A's relay publishes
 * what A committed — a tap on that channel checks each write's event crossed it), and `kpis` on A, on B and the
 * independent SQL oracle must agree. Then B is restarted while A keeps writing: rebuilt from the database, it
 * must agree again.
 *
 * The processes run on the system clock, so everything is written at the real now; accounts get a `created_at`
 * before the business day began (the one SQL write, as in kpis.test.ts) so recovery by bucket has figures.
 */

const LATENCY_LIMIT_MS = 1_000;

interface LiveKpis {
  attempts: number;
  promises: number;
  amountCollected: { amount: string; currency: string }[];
}
interface QueueCard {
  id: string;
  size: number;
  agents: { id: string }[];
  kpis: { attempts: number };
}

const KPI_SUBSCRIPTION = `subscription {
  kpiUpdated(scope: {}, window: TODAY) { attempts promises amountCollected { amount currency } asOf }
}`;
const QUEUE_SUBSCRIPTION = `subscription ($campaignId: ID!) {
  queueUpdated(campaignId: $campaignId) { id size agents { id } kpis(window: TODAY) { attempts } }
}`;

interface Acc {
  id: string;
  currency: 'PEN' | 'USD';
  alpha: boolean;
  queueId: string | null;
}

const DISPOSITIONS = ['NO_ANSWER', 'BUSY', 'THIRD_PARTY', 'REFUSED_TO_PAY', 'PROMISE_TO_PAY'] as const;

describe('two API processes sharing PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let orm: Orm;
  let redisPrefix: string;
  let a: ApiProcess;
  let b: ApiProcess;
  /** The fixtures' view of A, with this test's own connection for SQL. */
  let fx: TestApi;
  /** The run's event channel as the instances hear it. */
  let tap: EventTap;
  const subscribers: Watch<unknown>[] = [];
  const ids = {} as Record<'house' | 'alpha' | 'h1' | 'h2' | 'a1' | 'campaign' | 'joven' | 'resto', string>;
  const accounts: Acc[] = [];
  let writes = 0;

  const start = (name: string) =>
    startApiProcess({ name, databaseUrl: database.url, redisPrefix, pushIntervalMs: 100 }).then((api) => {
      console.log(
        `${name} healthy ${api.startupMs} ms after spawn (main.ts: ready in ${api.reportedReady}) at ${api.url}`,
      );
      return api;
    });

  function subscribe<T>(api: ApiProcess, query: string, variables?: Record<string, unknown>): Watch<T> {
    const subscriber = watch<T>(api, TEST_ADMIN_KEY, query, variables);
    subscribers.push(subscriber as Watch<unknown>);
    return subscriber;
  }

  beforeAll(async () => {
    // TODAY and the recovery base change at Lima midnight: do not straddle it.
    const untilMidnight = limaMidnight(addDays(localDate(new Date(), OPERATION_ZONE), 1)).getTime() - Date.now();
    if (untilMidnight < 90_000) await sleep(untilMidnight + 2_000);

    database = await cloneTemplate(inject('templateDatabase'));
    orm = await openOrm({ url: database.url, poolMax: 4 });
    redisPrefix = uniqueQueuePrefix();
    tap = new EventTap(`${redisPrefix}:events`);
    await tap.whenReady();
    [a, b] = await Promise.all([start('A'), start('B')]);
    fx = asFixtureApi(a, orm);

    const house = await createAgency(fx, { name: 'Equipo interno', partner: false });
    const alpha = await createAgency(fx, { name: 'Cobranzas Alfa', partner: true });
    Object.assign(ids, {
      house: house.id,
      alpha: alpha.id,
      h1: (await createAgent(fx, 'Ana Interna', house.id)).id,
      h2: (await createAgent(fx, 'Beto Interno', house.id)).id,
      a1: (await createAgent(fx, 'Gina Alfa', alpha.id)).id,
    });

    // Days past due on today's business date, across the buckets; every third account placed with Alfa.
    const today = localDate(new Date(), OPERATION_ZONE);
    const rows = [3, 10, 25, -2, 40, 75, 5, 15, 100, 20, 0, 130].map((dpd, index) =>
      accountRow({
        debtorName: `${index % 3 === 0 ? 'zzalpha' : 'zzhouse'} Deudor ${index}`,
        currency: index % 4 === 3 ? 'USD' : 'PEN',
        balance: decimal(50_000n + BigInt(index) * 12_345n),
        originalAmount: decimal(90_000n + BigInt(index) * 12_345n),
        dueDate: addDays(today, -dpd),
        timeZone: 'America/Lima',
      }),
    );
    await importAccounts(fx, rows);
    const refs = rows.map((row) => row.externalRef);
    // Existing when the business day began, so they are the base of recovery by bucket.
    await sql(fx, 'update account set created_at = ? where external_ref in (?)', [
      new Date(limaMidnight(today).getTime() - 3_600_000),
      refs,
    ]);
    expect(await placeAccounts(fx, { search: 'zzalpha' }, alpha.id)).toBe(4);

    const campaign = await createCampaign(fx, {
      name: 'Mora temprana',
      filter: {},
      queues: [
        { name: 'Deuda joven', filter: { buckets: ['CURRENT', 'D1_30'] }, priority: 2 },
        { name: 'Resto', priority: 1 },
      ],
    });
    await startCampaign(fx, campaign.id);
    Object.assign(ids, { campaign: campaign.id, joven: campaign.queues[0]!.id, resto: campaign.queues[1]!.id });
    await assignAgents(fx, [ids.h1], ids.joven);

    const found = await sql<{ id: string; currency: 'PEN' | 'USD'; agency_id: string | null; queue_id: string | null }>(
      fx,
      `select a.id, a.currency, a.agency_id, m.queue_id
         from account a left join queue_membership m on m.account_id = a.id
        where a.external_ref in (?) order by a.external_ref`,
      [refs],
    );
    for (const row of found) {
      accounts.push({ id: row.id, currency: row.currency, alpha: row.agency_id === ids.alpha, queueId: row.queue_id });
    }
    expect(accounts.filter((account) => account.queueId === ids.joven).length).toBeGreaterThan(0);
    expect(accounts.filter((account) => account.queueId === ids.resto).length).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await Promise.all(subscribers.map((subscriber) => subscriber.close()));
    await Promise.all([a?.stop(), b?.stop()]);
    tap?.close();
    await orm?.close(true);
    await database?.drop();
    if (redisPrefix) await deleteKeysWithPrefix(redisPrefix);
  });

  // ------------------------------------------------------------------------------------------------------------
  // Writes, all through A.

  /** Records the interaction on A; returns its id. */
  async function interact(account: Acc, disposition: (typeof DISPOSITIONS)[number]): Promise<string> {
    const input: Record<string, unknown> = {
      accountId: account.id,
      agentId: account.alpha ? ids.a1 : ids.h1,
      channel: 'CALL',
      disposition,
      durationSeconds: 30,
    };
    if (disposition === 'PROMISE_TO_PAY') {
      input.promise = { amount: '50.00', dueDate: addDays(localDate(new Date(), 'America/Lima'), 2) };
    }
    const { recordInteraction } = await a.ok<{ recordInteraction: { id: string } }>(RECORD_INTERACTION, { input });
    writes += 1;
    return recordInteraction.id;
  }

  /** Posts the payment on A; returns its id. */
  async function pay(account: Acc, amount: string): Promise<string> {
    const input = { accountId: account.id, amount, currency: account.currency, reference: `MI-${writes}-${amount}` };
    const { recordPayment } = await a.ok<{ recordPayment: { id: string } }>(RECORD_PAYMENT, { input });
    writes += 1;
    return recordPayment.id;
  }

  /** The next write of a steady mix: every kind of interaction, a small payment (never a payoff) every third. */
  async function someWrite(): Promise<void> {
    const account = accounts[writes % accounts.length]!;
    if (writes % 3 === 2) await pay(account, decimal(100n + BigInt(writes)));
    else await interact(account, DISPOSITIONS[writes % DISPOSITIONS.length]!);
  }

  /**
   * Runs `write` on A and waits for B's message satisfying `accept`; returns the delay after A's answer. When the
   * write names the event it committed (`[type, aggregateId]`), that event must also have crossed the channel both
   * instances share: B's own relay may publish A's events too, so B's message alone would not prove it.
   */
  async function delivered<T>(
    subscriber: Watch<T>,
    write: () => Promise<readonly [type: string, aggregateId: string] | void>,
    accept: (data: T) => boolean,
  ): Promise<{ message: Received<T>; delayMs: number; answeredAt: number }> {
    const from = subscriber.messages.length;
    const event = await write();
    const answeredAt = Date.now();
    const message = await subscriber.next(accept, from, 5_000);
    if (event) await tap.published(...event, 1_000);
    return { message, delayMs: message.at - answeredAt, answeredAt };
  }

  // ------------------------------------------------------------------------------------------------------------
  // Comparisons.

  const SCOPES = (): { label: string; scope: Scope }[] => [
    { label: 'operation', scope: {} },
    { label: 'campaign', scope: { campaignId: ids.campaign } },
    { label: 'queue joven', scope: { queueId: ids.joven } },
    { label: 'queue resto', scope: { queueId: ids.resto } },
    { label: 'agency alfa', scope: { agencyId: ids.alpha } },
    { label: 'agency house', scope: { agencyId: ids.house } },
    { label: 'agent h1', scope: { agentId: ids.h1 } },
    { label: 'agent a1', scope: { agentId: ids.a1 } },
  ];

  async function newestEvent(): Promise<string> {
    const [row] = await sql<{ id: string | null }>(fx, 'select max(id)::text as id from domain_event');
    return row?.id ?? '0';
  }

  /**
   * `kpis` of every scope and window on A and on B, identical but for `asOf`, and equal to the oracle at A's
   * `asOf`. Read again if anything committed while reading (a recurring job of either process), so the two
   * instances are compared on the same facts.
   */
  async function expectSameKpis(): Promise<number> {
    for (let round = 1; ; round += 1) {
      const before = await newestEvent();
      const answers: { label: string; scope: Scope; window: KpiWindowName; onA: KpisValue; onB: KpisValue }[] = [];
      for (const { label, scope } of SCOPES()) {
        for (const window of WINDOWS) {
          const [onA, onB] = await Promise.all(
            [a, b].map(async (api) => (await api.ok<{ kpis: KpisValue }>(KPIS_QUERY, { scope, window })).kpis),
          );
          answers.push({ label: `${label} ${window}`, scope, window, onA: onA!, onB: onB! });
        }
      }
      if ((await newestEvent()) !== before && round < 5) continue;
      for (const { label, scope, window, onA, onB } of answers) {
        const { asOf: _asOfA, ...figuresA } = onA;
        const { asOf: _asOfB, ...figuresB } = onB;
        expect(figuresB, `B equals A: ${label}`).toEqual(figuresA);
        const expected = await expectedKpis(fx, scope, window, new Date(onA.asOf));
        expect(comparable(onA, expected), `A equals the oracle: ${label}`).toEqual(expected);
      }
      return answers.length;
    }
  }

  // ------------------------------------------------------------------------------------------------------------

  it("delivers a write on A to B's kpiUpdated and queueUpdated subscribers within a second", async () => {
    const kpis = subscribe<{ kpiUpdated: LiveKpis }>(b, KPI_SUBSCRIPTION);
    const queues = subscribe<{ queueUpdated: QueueCard }>(b, QUEUE_SUBSCRIPTION, { campaignId: ids.campaign });
    // The snapshots first: nothing happened today yet.
    const snapshot = await kpis.next(() => true);
    expect(snapshot.data.kpiUpdated).toMatchObject({ attempts: 0, promises: 0, amountCollected: [] });
    const seen = new Set<string>();
    await queues.next((data) => seen.add(data.queueUpdated.id).size === 2);
    expect([...seen].sort()).toEqual([ids.joven, ids.resto].sort());

    const joven = accounts.find((account) => account.queueId === ids.joven && !account.alpha)!;
    const placed = accounts.find((account) => account.alpha)!;
    const delays: Record<string, number> = {};

    // An attempt: the operation's count and the queue card's.
    const cardsBefore = queues.messages.length;
    const attempt = await delivered(
      kpis,
      async () => ['InteractionRecorded', await interact(joven, 'NO_ANSWER')] as const,
      (data) => data.kpiUpdated.attempts === 1,
    );
    delays['recordInteraction → kpiUpdated'] = attempt.delayMs;
    const card = await queues.next(
      (data) => data.queueUpdated.id === ids.joven && data.queueUpdated.kpis.attempts === 1,
      cardsBefore,
    );
    delays['recordInteraction → queueUpdated'] = card.at - attempt.answeredAt;

    // A promise by the partner agency's agent.
    const promise = await delivered(
      kpis,
      async () => ['InteractionRecorded', await interact(placed, 'PROMISE_TO_PAY')] as const,
      (data) => data.kpiUpdated.attempts === 2 && data.kpiUpdated.promises === 1,
    );
    delays['recordInteraction (promise) → kpiUpdated'] = promise.delayMs;

    // A payment: amount collected, exact.
    const amount = '150.25';
    const paid = await delivered(
      kpis,
      async () => ['PaymentRecorded', await pay(joven, amount)] as const,
      (data) => data.kpiUpdated.amountCollected.some((money) => money.currency === joven.currency),
    );
    expect(paid.message.data.kpiUpdated.amountCollected).toEqual([{ amount, currency: joven.currency }]);
    expect(cents(paid.message.data.kpiUpdated.amountCollected[0]!.amount)).toBe(15_025n);
    delays['recordPayment → kpiUpdated'] = paid.delayMs;

    // A second agent on the young-debt queue: its card lists both.
    const assigned = await delivered(
      queues,
      async () => {
        await assignAgents(fx, [ids.h2], ids.joven);
        return ['AgentAssigned', ids.h2] as const;
      },
      (data) => data.queueUpdated.id === ids.joven && data.queueUpdated.agents.some((agent) => agent.id === ids.h2),
    );
    expect(assigned.message.data.queueUpdated.agents.map((agent) => agent.id).sort()).toEqual([ids.h1, ids.h2].sort());
    delays['assignAgents → queueUpdated'] = assigned.delayMs;

    console.log(`delivery A → B after the mutation's response (ms): ${JSON.stringify(delays)}`);
    for (const [what, delay] of Object.entries(delays)) {
      expect(delay, what).toBeLessThanOrEqual(LATENCY_LIMIT_MS);
    }
  });

  it('reports identical KPIs on A and B for every scope and window, equal to the oracle', async () => {
    for (let n = 0; n < 12; n += 1) await someWrite();
    const compared = await expectSameKpis();
    expect(compared).toBe(SCOPES().length * WINDOWS.length);
  });

  it('rebuilds B from the database after a restart while A kept writing', async () => {
    let writing = true;
    const written = { beforeStop: 0, whileDown: 0, afterRestart: 0 };
    let phase: keyof typeof written = 'beforeStop';
    const writer = (async () => {
      while (writing) {
        await someWrite();
        written[phase] += 1;
        await sleep(30);
      }
    })();
    await sleep(300);
    await b.stop();
    phase = 'whileDown';
    await Promise.all(subscribers.splice(0).map((subscriber) => subscriber.close()));
    b = await start('B (restarted)');
    phase = 'afterRestart';

    await sleep(300);
    writing = false;
    await writer;
    expect(written.whileDown).toBeGreaterThan(0);
    expect(written.afterRestart).toBeGreaterThan(0);
    await expectSameKpis();

    // B hears A again, live: `kpis` (read-your-writes) gives the count the next push must exceed by one.
    const attempts = (await b.ok<{ kpis: KpisValue }>(KPIS_QUERY, { scope: {}, window: 'TODAY' })).kpis.attempts;
    const kpis = subscribe<{ kpiUpdated: LiveKpis }>(b, KPI_SUBSCRIPTION);
    await kpis.next((data) => data.kpiUpdated.attempts === attempts);
    const live = await delivered(
      kpis,
      async () => ['InteractionRecorded', await interact(accounts[1]!, 'BUSY')] as const,
      (data) => data.kpiUpdated.attempts === attempts + 1,
    );
    console.log(`after B's restart: A → B in ${live.delayMs} ms; writes ${JSON.stringify(written)}`);
    expect(live.delayMs).toBeLessThanOrEqual(LATENCY_LIMIT_MS);
  }, 90_000); // a process start takes 10-20 s on a loaded two-core machine
});
