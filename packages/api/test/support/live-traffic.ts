import { assignAgents, createCampaign, setAgentStatus, startCampaign } from './campaigns.ts';
import { accountRow, createAgency, createAgent, createApiKey, importAccountsAt, placeAccounts } from './fixtures.ts';
import { addDays, localDate } from './kpi-oracle.ts';
import { decimal, MINUTE, RECORD_INTERACTION, RECORD_PAYMENT } from './outcomes.ts';
import { Dice, DISPOSITIONS, type Disposition } from './random-traffic.ts';
import { sql, TEST_ADMIN_KEY, type TestApi } from './test-api.ts';

/**
 * Random collections traffic for the live KPI suite, driven through the public GraphQL API by several workers at
 * once. Each worker owns a disjoint share of the accounts (so concurrent writes never race on one account, which
 * is not what the suite measures) and a PRNG of its own seeded from the suite's seed.
 */

const DRAW: Disposition[] = [...DISPOSITIONS, 'PROMISE_TO_PAY', 'PROMISE_TO_PAY', 'PROMISE_TO_PAY'];
export const AGENT_STATUSES = ['AVAILABLE', 'ON_CONTACT', 'WRAP_UP', 'PAUSED', 'LOGGED_OUT'] as const;

type Owner = 'HOUSE' | 'PLACED' | 'ALPHA' | 'BETA';
const TAG: Record<Owner, string> = { HOUSE: 'zzhouse', PLACED: 'zzplaced', ALPHA: 'zzalpha', BETA: 'zzbeta' };

interface Acc {
  id: string;
  owner: Owner;
  worker: number;
  currency: string;
  timeZone: string;
  phones: string[];
  /** Cents, as the API keeps it. */
  balance: bigint;
  promise: { amount: bigint; paid: bigint; madeAt: number } | null;
}

interface Posted {
  input: Record<string, unknown>;
  id: string;
  key: string;
}

export type WorldIds = Record<
  'house' | 'alpha' | 'beta' | 'main' | 'joven' | 'media' | 'alfa' | 'alfaQ1' | 'alfaQ2',
  string
> &
  Record<'h1' | 'h2' | 'h3' | 'h4' | 'a1' | 'a2' | 'b1' | 'b2' | 'idle', string>;

export class LiveTraffic {
  readonly ids = {} as WorldIds;
  readonly keys = { alpha: '', beta: '', supervisor: '' };
  readonly accounts: Acc[] = [];
  readonly status = new Map<string, string>();
  /** Events sent, by kind, so the suite can show it is not vacuous. */
  readonly sent = { interactions: 0, payments: 0, repeats: 0, statusChanges: 0 };
  private readonly posted: Posted[][];
  private readonly dice: Dice[];
  private readonly main: Dice;
  private reference = 0;

  constructor(
    private readonly api: TestApi,
    readonly seed: number,
    readonly workers: number,
  ) {
    if (workers !== 8) throw new Error('one worker per working agent: 8');
    this.main = new Dice(seed);
    this.dice = Array.from({ length: workers }, (_, w) => new Dice(seed + 7_919 * (w + 1)));
    this.posted = Array.from({ length: workers }, () => []);
  }

  /** Agencies, keys, ~`count` accounts imported at `importAt` (the day before), campaigns, agents. */
  async setup(importAt: Date, businessDate: string, count: number): Promise<void> {
    const { api, main: d } = this;
    api.clock.set(importAt);
    const house = await createAgency(api, { name: 'Equipo interno', partner: false });
    const alpha = await createAgency(api, { name: 'Cobranzas Alfa', partner: true });
    const beta = await createAgency(api, { name: 'Recuperos Beta', partner: true });
    Object.assign(this.ids, { house: house.id, alpha: alpha.id, beta: beta.id });
    this.keys.alpha = await createApiKey(api, 'AGENCY', alpha.id);
    this.keys.beta = await createApiKey(api, 'AGENCY', beta.id);
    this.keys.supervisor = await createApiKey(api, 'SUPERVISOR');

    const owners: Owner[] = ['HOUSE', 'HOUSE', 'HOUSE', 'PLACED', 'ALPHA', 'ALPHA', 'BETA'];
    const rows = Array.from({ length: count }, (_, index) => {
      const owner = d.pick(owners);
      const balance = d.between(5_000n, 400_000n);
      const dpd = d.pick([() => -d.int(0, 10), () => d.int(1, 30), () => d.int(1, 30), () => d.int(31, 200)])();
      const phone = () => `+519${d.int(10_000_000, 99_999_999)}`;
      return {
        owner,
        row: accountRow({
          debtorName: `${TAG[owner]} Deudor ${index}`,
          currency: d.chance(0.7) ? 'PEN' : 'USD',
          balance: decimal(balance),
          originalAmount: decimal(balance + d.between(0n, 100_000n)),
          dueDate: addDays(businessDate, -dpd),
          timeZone: d.pick(['America/Lima', 'America/Lima', 'America/Lima', 'America/Bogota', 'Asia/Tokyo']),
          phones: d.chance(0.4) ? [phone(), phone()] : [phone()],
        }),
      };
    });
    const byRef = await importAccountsAt(
      api,
      rows.map(({ row }) => row),
      'Cartera en vivo',
      importAt,
    );
    const dealt: Record<Owner, number> = { HOUSE: 0, PLACED: 0, ALPHA: 0, BETA: 0 };
    rows.forEach(({ owner, row }) =>
      this.accounts.push({
        id: byRef.get(row.externalRef)!,
        owner,
        worker: this.workerFor(owner, dealt[owner]++),
        currency: row.currency,
        timeZone: row.timeZone!,
        phones: row.phones!,
        balance: BigInt(row.balance.replace('.', '')),
        promise: null,
      }),
    );
    await placeAccounts(api, { search: TAG.PLACED }, house.id);
    await placeAccounts(api, { search: TAG.ALPHA }, alpha.id);
    await placeAccounts(api, { search: TAG.BETA }, beta.id);

    const mainCampaign = await createCampaign(api, {
      name: 'Mora temprana',
      filter: { buckets: ['CURRENT', 'D1_30', 'D31_60'] },
      queues: [
        { name: 'Deuda joven', filter: { buckets: ['CURRENT', 'D1_30'] }, priority: 2 },
        { name: 'Deuda media', priority: 1 },
      ],
    });
    const alfa = await createCampaign(api, {
      name: 'Cartera Alfa',
      filter: {},
      agencyId: alpha.id,
      queues: [{ name: 'Alfa — joven', filter: { buckets: ['CURRENT', 'D1_30'] } }, { name: 'Alfa — resto' }],
    });
    await startCampaign(api, mainCampaign.id);
    await startCampaign(api, alfa.id);
    Object.assign(this.ids, {
      main: mainCampaign.id,
      joven: mainCampaign.queues[0]!.id,
      media: mainCampaign.queues[1]!.id,
      alfa: alfa.id,
      alfaQ1: alfa.queues[0]!.id,
      alfaQ2: alfa.queues[1]!.id,
    });
    const agent = async (name: string, agencyId: string) => (await createAgent(api, name, agencyId)).id;
    Object.assign(this.ids, {
      h1: await agent('Ana Interna', house.id),
      h2: await agent('Beto Interno', house.id),
      h3: await agent('Carla Interna', house.id),
      h4: await agent('Dario Interno', house.id),
      a1: await agent('Gina Alfa', alpha.id),
      a2: await agent('Hugo Alfa', alpha.id),
      b1: await agent('Iris Beta', beta.id),
      b2: await agent('Juan Beta', beta.id),
      idle: await agent('Fidel Ausente', house.id),
    });
    const { ids } = this;
    await assignAgents(api, [ids.h1, ids.h2], ids.joven);
    await assignAgents(api, [ids.h3, ids.h4], ids.media);
    await assignAgents(api, [ids.a1], ids.alfaQ1);
    await assignAgents(api, [ids.a2], ids.alfaQ2);
    for (const id of this.workingAgents()) {
      await setAgentStatus(api, id, 'AVAILABLE');
      this.status.set(id, 'AVAILABLE');
    }
  }

  /**
   * Worker w is the desktop of working agent w: an agent records one call at a time, as in production, so it
   * owns the accounts of its agency (dealt round-robin between the agency's agents).
   */
  private workerFor(owner: Owner, index: number): number {
    if (owner === 'ALPHA') return 4 + (index % 2);
    if (owner === 'BETA') return 6 + (index % 2);
    return index % 4;
  }

  workingAgents(): string[] {
    const { ids } = this;
    return [ids.h1, ids.h2, ids.h3, ids.h4, ids.a1, ids.a2, ids.b1, ids.b2];
  }

  /**
   * One step of the day at `at`: a couple of agents change status, then every worker sends `perWorker` random
   * events concurrently (one in five about something that happened up to 5 minutes earlier).
   */
  async tick(at: Date, perWorker: number): Promise<void> {
    this.api.clock.set(at);
    for (let n = 0; n < 2; n += 1) {
      const agentId = this.main.pick(this.workingAgents());
      const status = this.main.pick(AGENT_STATUSES.filter((s) => s !== this.status.get(agentId)));
      await setAgentStatus(this.api, agentId, status);
      this.status.set(agentId, status);
      this.sent.statusChanges += 1;
    }
    await Promise.all(
      Array.from({ length: this.workers }, async (_, worker) => {
        const d = this.dice[worker]!;
        for (let n = 0; n < perWorker; n += 1) {
          const happened = new Date(at.getTime() - (d.chance(0.2) ? d.int(0, 5 * MINUTE) : 0));
          const roll = d.next();
          if (roll < 0.64) await this.interact(worker, happened);
          else if (roll < 0.95) await this.pay(worker, happened);
          else await this.repeat(worker);
        }
      }),
    );
  }

  /**
   * One NO_ANSWER call at `at` by every working agent on an account of its queue (the partner Beta's, without a
   * campaign, on a Beta account): every scope the suite watches gets a fact at the checkpoint, so its
   * subscription recomputes at the checkpoint's instant.
   */
  async touch(at: Date): Promise<void> {
    this.api.clock.set(at);
    const { ids } = this;
    // Agent, queue, and the agency the account should be placed with (so "in-house × campaign" gets its fact).
    const plan: [string, string | null, string | null][] = [
      [ids.h1, ids.joven, ids.house],
      [ids.h2, ids.joven, null],
      [ids.h3, ids.media, null],
      [ids.h4, ids.media, ids.house],
      [ids.a1, ids.alfaQ1, ids.alpha],
      [ids.a2, ids.alfaQ2, ids.alpha],
      [ids.b1, null, ids.beta],
      [ids.b2, null, ids.beta],
    ];
    await Promise.all(
      plan.map(async ([agentId, queueId, agencyId]) => {
        const [row] = await sql<{ id: string }>(
          this.api,
          `select a.id from account a
            where a.balance > 0 and a.status in ('ACTIVE', 'PROMISED')
              and (?::uuid is null or exists (select 1 from queue_membership m where m.account_id = a.id and m.queue_id = ?))
            order by (a.agency_id is not distinct from ?::uuid) desc, a.id limit 1`,
          [queueId, queueId, agencyId],
        );
        if (!row) throw new Error(`no account to touch for agent ${agentId}`);
        const input = {
          accountId: row!.id,
          agentId,
          channel: 'CALL',
          disposition: 'NO_ANSWER',
          startedAt: at.toISOString(),
          durationSeconds: 17,
        };
        await this.send(RECORD_INTERACTION, input, TEST_ADMIN_KEY);
        this.sent.interactions += 1;
      }),
    );
  }

  /** Promises the due job resolved are over for the generator too. */
  forgetPromises(accountIds: string[]): void {
    for (const account of this.accounts) if (accountIds.includes(account.id)) account.promise = null;
  }

  private keyFor(d: Dice, owner: Owner): string {
    if (owner === 'ALPHA' && d.chance(0.6)) return this.keys.alpha;
    if (owner === 'BETA' && d.chance(0.6)) return this.keys.beta;
    return TEST_ADMIN_KEY;
  }

  private mine(worker: number): Acc[] {
    return this.accounts.filter((account) => account.worker === worker);
  }

  private async interact(worker: number, startedAt: Date): Promise<void> {
    const d = this.dice[worker]!;
    const account = d.pick(this.mine(worker).filter((a) => a.balance > 0n));
    const disposition = d.pick(DRAW);
    const channel =
      disposition === 'MESSAGE_SENT' || disposition === 'MESSAGE_REPLIED'
        ? d.pick(['SMS', 'WHATSAPP', 'EMAIL'])
        : d.chance(0.8)
          ? 'CALL'
          : 'WHATSAPP';
    const now = this.api.clock.now();
    const input: Record<string, unknown> = {
      accountId: account.id,
      agentId: channel !== 'CALL' && d.chance(0.3) ? null : this.workingAgents()[worker],
      channel,
      disposition,
      startedAt: startedAt.toISOString(),
      durationSeconds: d.int(0, 900),
    };
    if (disposition === 'PROMISE_TO_PAY') {
      const amount = account.balance <= 100n ? account.balance : d.between(100n, account.balance);
      input.promise = {
        amount: decimal(amount),
        dueDate: addDays(localDate(now, account.timeZone), d.pick([0, 0, 0, 1, 2, 3, 5])),
      };
      account.promise = { amount, paid: 0n, madeAt: startedAt.getTime() };
    }
    if (disposition === 'DISPUTE') account.promise = null;
    if (disposition === 'CALLBACK_REQUESTED') {
      input.callbackAt = new Date(now.getTime() + d.int(30, 48 * 60) * MINUTE).toISOString();
    }
    if (disposition === 'WRONG_NUMBER') input.contactPoint = d.pick(account.phones);
    await this.send(RECORD_INTERACTION, input, this.keyFor(d, account.owner));
    this.sent.interactions += 1;
  }

  /** Payments of promises (in full or part), unrelated ones, payoffs and overpayments. */
  private async pay(worker: number, paidAt: Date): Promise<void> {
    const d = this.dice[worker]!;
    const mine = this.mine(worker);
    const kind = d.pick(['promise', 'promise', 'promise', 'other', 'other', 'payoff', 'over'] as const);
    const promised = mine.filter((a) => a.promise && a.promise.madeAt <= paidAt.getTime());
    const account =
      kind === 'promise' && promised.length > 0
        ? d.pick(promised)
        : d.pick(mine.filter((a) => a.balance > 0n || kind === 'over'));
    const promise = account.promise && account.promise.madeAt <= paidAt.getTime() ? account.promise : null;
    let amount: bigint;
    if (kind === 'promise' && promise) {
      const owed = promise.amount - promise.paid;
      amount = d.chance(0.55) || owed <= 1n ? owed : d.between(1n, owed - 1n);
    } else if (kind === 'payoff' && account.balance > 0n) amount = account.balance;
    else if (kind === 'over' || account.balance === 0n) amount = account.balance + d.between(1n, 5_000n);
    else amount = d.between(1n, (account.balance * 6n) / 10n + 1n);
    const input = {
      accountId: account.id,
      amount: decimal(amount),
      currency: account.currency,
      paidAt: paidAt.toISOString(),
      reference: `LIVE-${this.seed}-${worker}-${++this.reference}`,
    };
    // An agency may post up to the balance plus the overpayment tolerance; more is the operation's to post.
    const overpaid = amount * 10n > account.balance * 11n;
    const key = overpaid ? TEST_ADMIN_KEY : this.keyFor(d, account.owner);
    const data = await this.send<{ recordPayment: { id: string } }>(RECORD_PAYMENT, input, key);
    this.posted[worker]!.push({ input, id: data.recordPayment.id, key });
    this.sent.payments += 1;
    account.balance -= amount < account.balance ? amount : account.balance;
    if (promise) {
      promise.paid += amount;
      if (promise.paid >= promise.amount || account.balance === 0n) account.promise = null;
    }
  }

  /** A payment feed retrying: the same reference, account, amount and currency (sometimes without paidAt). */
  private async repeat(worker: number): Promise<void> {
    const d = this.dice[worker]!;
    const posted = this.posted[worker]!;
    if (posted.length === 0) return this.pay(worker, this.api.clock.now());
    const first = d.pick(posted);
    const input = d.chance(0.5) ? first.input : { ...first.input, paidAt: undefined };
    const data = await this.send<{ recordPayment: { id: string } }>(RECORD_PAYMENT, input, first.key);
    if (data.recordPayment.id !== first.id) throw new Error(`retried ${String(first.input.reference)}: a new payment`);
    this.sent.repeats += 1;
  }

  private async send<T>(query: string, input: Record<string, unknown>, key: string): Promise<T> {
    const response = await this.api.gql<T>(query, { input }, key);
    if (response.errors?.length) throw new Error(`${JSON.stringify(input)}: ${JSON.stringify(response.errors)}`);
    return response.data as T;
  }
}
