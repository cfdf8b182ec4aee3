/**
 * The floor the live-KPI bench works on, created through the API and reused by later runs: a RUNNING in-house
 * campaign over young debt with one queue per bucket and the bench's agents on them, and one campaign per partner
 * agency over the accounts placed with it (so agency scopes get traffic). Also picks the accounts
 * the direct writes attempt, and the clock shift that puts the API inside the contact hours.
 */
import type pg from 'pg';
import type { Target } from './fact-writer.ts';

export const CAMPAIGN_NAME = 'Bench live-kpis';
const AGENT_PREFIX = 'Bench live agente';
const QUEUE_BUCKETS = ['D1_30', 'D31_60'] as const;

export interface Floor {
  campaignId: string;
  queueIds: string[];
  agentIds: string[];
  /** Agencies the campaign's accounts are placed with. */
  agencyIds: string[];
  targets: Target[];
  /** Seconds the campaigns started now took to start (null when every one was reused). */
  startSeconds: number | null;
}

type Post = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** POST /graphql with the given key; throws on any GraphQL error. */
export function poster(url: string, key: string): Post {
  return async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
}

interface CampaignSpec {
  name: string;
  agencyId: string | null;
  buckets: string[];
  queues: { name: string; filter?: { buckets: string[] } }[];
}

/** The campaign of `spec`, RUNNING: the one a previous run left, or created and started now (timed). */
async function ensureCampaign(
  post: Post,
  rows: <T>(text: string, params?: unknown[]) => Promise<T[]>,
  spec: CampaignSpec,
): Promise<{ id: string; startSeconds: number | null }> {
  const running = (
    await rows<{ id: string }>(`select id from campaign where name = $1 and status = 'RUNNING' limit 1`, [spec.name])
  )[0];
  if (running) return { id: running.id, startSeconds: null };
  // An interrupted run may have left one that never started.
  for (const { id } of await rows<{ id: string }>(
    `select id from campaign where name = $1 and status not in ('RUNNING', 'FINISHED')`,
    [spec.name],
  )) {
    await post('mutation ($id: ID!) { finishCampaign(id: $id) { id } }', { id });
  }
  const created = await post<{ createCampaign: { id: string } }>(
    'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }',
    {
      input: {
        name: spec.name,
        channel: 'CALL',
        ...(spec.agencyId ? { agencyId: spec.agencyId } : {}),
        filter: { buckets: spec.buckets },
        queues: spec.queues,
      },
    },
  );
  const id = created.createCampaign.id;
  const t0 = performance.now();
  // Queuing and scoring hundreds of thousands of accounts takes minutes here; the HTTP connection may not last as
  // long as the transaction, so what counts is the campaign's status.
  await post('mutation ($id: ID!) { startCampaign(id: $id) { id } }', { id }).catch((error: unknown) =>
    console.warn(`startCampaign: ${String(error)}; waiting for the campaign to run`),
  );
  while ((await rows(`select 1 from campaign where id = $1 and status = 'RUNNING'`, [id])).length === 0) {
    if (performance.now() - t0 > 900_000) throw new Error(`${spec.name} did not start in 15 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return { id, startSeconds: (performance.now() - t0) / 1000 };
}

export async function ensureFloor(post: Post, db: pg.Pool, agentCount: number): Promise<Floor> {
  const rows = async <T>(text: string, params: unknown[] = []) => (await db.query(text, params)).rows as T[];
  // In-house young debt (one queue per bucket), and one campaign per partner agency over what is placed with it.
  const partners = await rows<{ id: string; code: string }>('select id, code from agency where partner order by code');
  const specs: CampaignSpec[] = [
    {
      name: CAMPAIGN_NAME,
      agencyId: null,
      buckets: [...QUEUE_BUCKETS],
      queues: QUEUE_BUCKETS.map((bucket) => ({ name: `Joven ${bucket}`, filter: { buckets: [bucket] } })),
    },
    ...partners.map((partner) => ({
      name: `${CAMPAIGN_NAME} ${partner.code}`,
      agencyId: partner.id,
      buckets: ['D61_90'],
      queues: [{ name: 'Colocada D61_90' }],
    })),
  ];
  const campaigns: { id: string; startSeconds: number | null }[] = [];
  for (const spec of specs) campaigns.push(await ensureCampaign(post, rows, spec));
  const campaignId = campaigns[0]!.id;
  const queueIds = (
    await rows<{ id: string }>('select id from work_queue where campaign_id = $1 order by name', [campaignId])
  ).map((row) => row.id);

  const inHouse = (await rows<{ id: string }>('select id from agency where not partner order by code limit 1'))[0];
  if (!inHouse) throw new Error('the benchmark database has no in-house agency');
  const agentIds = (
    await rows<{ id: string }>('select id from agent where name like $1 order by name', [`${AGENT_PREFIX}%`])
  ).map((row) => row.id);
  for (let n = agentIds.length + 1; n <= agentCount; n += 1) {
    const created = await post<{ createAgent: { id: string } }>(
      'mutation ($name: String!, $agencyId: ID!) { createAgent(name: $name, agencyId: $agencyId) { id } }',
      { name: `${AGENT_PREFIX} ${String(n).padStart(3, '0')}`, agencyId: inHouse.id },
    );
    agentIds.push(created.createAgent.id);
  }
  agentIds.length = agentCount;
  // The agents split over the in-house queues; every one starts its shift logged out.
  for (const [index, queueId] of queueIds.entries()) {
    await post(
      'mutation ($agentIds: [ID!]!, $queueId: ID!) { assignAgents(agentIds: $agentIds, queueId: $queueId) { id } }',
      { agentIds: agentIds.filter((_, n) => n % queueIds.length === index), queueId },
    );
  }
  for (const agentId of agentIds) {
    await post('mutation ($a: ID!) { setAgentStatus(agentId: $a, status: LOGGED_OUT) { id } }', { a: agentId });
  }

  // A spread sample of each campaign's accounts for the direct writes, interleaved so every rate reaches all.
  const samples: Target[][] = [];
  for (const campaign of campaigns) {
    const sample = await rows<{ account_id: string; campaign_id: string; queue_id: string; agency_id: string | null }>(
      `select account_id, campaign_id, queue_id, agency_id from (
         select m.account_id, m.campaign_id, m.queue_id, a.agency_id, row_number() over (order by m.account_id) as n
           from queue_membership m join account a on a.id = m.account_id where m.campaign_id = $1) as members
        where n % 20 = 0 limit 6000`,
      [campaign.id],
    );
    samples.push(
      sample.map((row) => ({
        accountId: row.account_id,
        campaignId: row.campaign_id,
        queueId: row.queue_id,
        agencyId: row.agency_id,
      })),
    );
  }
  const targets: Target[] = [];
  for (let n = 0; n < Math.max(...samples.map((sample) => sample.length)); n += 1) {
    for (const sample of samples) if (sample[n]) targets.push(sample[n]!);
  }
  const agencyIds = [...new Set(targets.map((target) => target.agencyId).filter((id): id is string => id !== null))];
  const started = campaigns.map((campaign) => campaign.startSeconds).filter((value): value is number => value !== null);
  return {
    campaignId,
    queueIds,
    agentIds,
    agencyIds,
    targets,
    startSeconds: started.length ? started.reduce((total, value) => total + value, 0) : null,
  };
}

/** The local weekday (1 = Monday) and minute of day in `timeZone`. */
function localClock(at: Date, timeZone: string): { weekday: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(part('weekday')) + 1;
  return { weekday, minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

/** Minutes of the local day, [from, to). */
export interface LocalWindow {
  from: number;
  to: number;
}

/** 12:00–14:00 on a weekday in Lima is inside the PE, EC, US (Pacific included) and ES contact hours. */
export const EVERY_DEBTORS_HOURS: LocalWindow = { from: 12 * 60, to: 14 * 60 };

/**
 * Lima's own calling hours (07:00–20:00), less a few minutes at the start and half an hour for the run: enough for a
 * floor whose Peruvian debtors are callable (the others are simply not offered). Benches that measure the API's CPU
 * prefer it, because libfaketime — how the clock is moved otherwise — intercepts every clock read and wait of the
 * process and inflates its CPU several times over.
 */
export const LIMA_CALLING_HOURS: LocalWindow = { from: 7 * 60 + 5, to: 19 * 60 + 30 };

/**
 * How far the API's clock must move for the floor to be inside `window` on a weekday in `timeZone` (by default every
 * debtor's contact hours); 0 when it already is.
 */
export function contactHoursOffsetMs(
  timeZone: string,
  now = new Date(),
  window: LocalWindow = EVERY_DEBTORS_HOURS,
): number {
  const inHours = (at: Date) => {
    const local = localClock(at, timeZone);
    return local.weekday >= 1 && local.weekday <= 5 && local.minute >= window.from && local.minute < window.to;
  };
  if (inHours(now)) return 0;
  for (let step = 1; step <= 7 * 48; step += 1) {
    const candidate = new Date(now.getTime() + step * 30 * 60_000);
    if (inHours(candidate)) return candidate.getTime() - now.getTime();
  }
  throw new Error('no contact hours within a week');
}
