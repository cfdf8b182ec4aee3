/**
 * `nextAccount` under a contact centre's load, through the real HTTP API, on the 1,000,000-account benchmark
 * portfolio (see support.ts; the same database as the accounts bench).
 *
 * Creates and starts an in-house campaign over young debt (D1_30 + D31_60, about 540,000 accounts; the start is
 * timed), puts 30 in-house agents on its queue, AVAILABLE, and lets them all pull `nextAccount` in a loop for
 * BENCH_SECONDS, each offer followed by a NO_ANSWER `recordInteraction` (or, where that mutation is not
 * implemented, released by moving the clock past the reservation). The clock stands at a weekday 10:00 in
 * Lima. Baselines measured in the same run: `{ __typename }` over the same HTTP path with the same 30-way
 * concurrency, and `nextAccount` for a single agent. Prints p50/p95/p99 and throughput, writes
 * bench/results/next-account.json, and finishes the campaign so a rerun starts afresh.
 */
import { systemEm } from '../src/core/database/orm.ts';
import { RESERVATION_MINUTES } from '../src/modules/queues/next-account.service.ts';
import {
  ACCOUNTS,
  ADMIN_KEY,
  BENCH_NOW,
  benchClock,
  openBenchDatabase,
  percentile,
  post as postAs,
  postRaw as postRawAs,
  startBenchServer,
  writeResults,
} from './support.ts';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 5);
const POOL = Number(process.env.BENCH_POOL ?? 20);
const CAMPAIGN_PREFIX = 'Bench next-account';
const AGENT_PREFIX = 'Bench agente';

const clock = benchClock();
const orm = await openBenchDatabase(clock, { poolMax: POOL });
const server = await startBenchServer(clock, { poolMax: POOL });
const post = <T>(query: string, variables: Record<string, unknown> = {}) =>
  postAs<T>(server, query, variables, ADMIN_KEY);
const postRaw = <T>(query: string, variables: Record<string, unknown> = {}) =>
  postRawAs<T>(server, query, variables, ADMIN_KEY);
const rows = <T>(text: string, params: unknown[] = []) => systemEm(orm).getConnection().execute<T[]>(text, params);

interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond: number;
}

function summarise(times: number[], seconds: number): Summary {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
    perSecond: sorted.length / seconds,
  };
}

const ms = (value: number) => value.toFixed(1).padStart(7);
function line(name: string, summary: Summary): void {
  console.log(
    name.padEnd(44),
    ms(summary.p50),
    ms(summary.p95),
    ms(summary.p99),
    ms(summary.max),
    String(summary.count).padStart(7),
    summary.perSecond.toFixed(0).padStart(7),
  );
}

/** Runs `task` in `workers` concurrent loops for `seconds`; the latency of every call, and the wall time. */
async function loadLoop(
  workers: number,
  seconds: number,
  task: (worker: number) => Promise<void>,
): Promise<{ times: number[]; seconds: number }> {
  const times: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await task(worker);
        times.push(performance.now() - t0);
      }
    }),
  );
  return { times, seconds: (performance.now() - started) / 1000 };
}

// Leftovers of an interrupted run hold accounts: finish them first.
const leftovers = await rows<{ id: string }>(`select id from campaign where name like ? and status <> 'FINISHED'`, [
  `${CAMPAIGN_PREFIX}%`,
]);
for (const { id } of leftovers) await post('mutation ($id: ID!) { finishCampaign(id: $id) { id } }', { id });
// Finished campaigns leave dead queue rows behind; autovacuum may be off on a bench server, so clean up here.
await rows('vacuum analyze queue_membership');

// 30 in-house agents, created once and reused by later runs.
const inHouse = (await rows<{ id: string }>(`select id from agency where not partner order by code limit 1`))[0];
if (!inHouse) throw new Error('the benchmark database has no in-house agency');
const agents = (
  await rows<{ id: string }>('select id from agent where name like ? order by name', [`${AGENT_PREFIX}%`])
).map((row) => row.id);
for (let n = agents.length + 1; n <= AGENTS; n += 1) {
  const created = await post<{ createAgent: { id: string } }>(
    'mutation ($name: String!, $agencyId: ID!) { createAgent(name: $name, agencyId: $agencyId) { id } }',
    { name: `${AGENT_PREFIX} ${String(n).padStart(2, '0')}`, agencyId: inHouse.id },
  );
  agents.push(created.createAgent.id);
}
agents.length = AGENTS;

clock.set(BENCH_NOW);
const campaign = (
  await post<{ createCampaign: { id: string; queues: { id: string }[] } }>(
    'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id queues { id } } }',
    {
      input: {
        name: `${CAMPAIGN_PREFIX} ${new Date().toISOString()}`,
        channel: 'CALL',
        filter: { buckets: ['D1_30', 'D31_60'] },
        queues: [{ name: 'Deuda joven' }],
      },
    },
  )
).createCampaign;
const queueId = campaign.queues[0]!.id;

console.log(`nextAccount on ${ACCOUNTS.toLocaleString('en')} accounts, ${AGENTS} agents, pool ${POOL}`);
const startT0 = performance.now();
await post('mutation ($id: ID!) { startCampaign(id: $id) { id } }', { id: campaign.id });
const startSeconds = (performance.now() - startT0) / 1000;
const [{ members }] = (await rows<{ members: string }>(
  'select count(*)::text as members from queue_membership where queue_id = ?',
  [queueId],
)) as [{ members: string }];
console.log(
  `startCampaign: ${Number(members).toLocaleString('en')} accounts queued and scored in ${startSeconds.toFixed(1)} s`,
);

await post(
  'mutation ($agentIds: [ID!]!, $queueId: ID!) { assignAgents(agentIds: $agentIds, queueId: $queueId) { id } }',
  {
    agentIds: agents,
    queueId,
  },
);
for (const agent of agents) {
  await post('mutation ($a: ID!) { setAgentStatus(agentId: $a, status: LOGGED_OUT) { id } }', { a: agent });
  await post('mutation ($a: ID!) { setAgentStatus(agentId: $a, status: AVAILABLE) { id } }', { a: agent });
}

const NEXT = 'mutation ($agentId: ID!) { nextAccount(agentId: $agentId) { id } }';
const RECORD = `mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }`;

async function next(agentId: string): Promise<string | null> {
  const body = await postRaw<{ nextAccount: { id: string } | null }>(NEXT, { agentId });
  if (body.errors) throw new Error(`nextAccount: ${JSON.stringify(body.errors)}`);
  return body.data!.nextAccount?.id ?? null;
}

/** Records the NO_ANSWER that releases the account; false when the mutation is not implemented. */
async function recordNoAnswer(accountId: string, agentId: string): Promise<boolean> {
  const body = await postRaw(RECORD, {
    input: { accountId, agentId, channel: 'CALL', disposition: 'NO_ANSWER', durationSeconds: 25 },
  });
  if (body.errors?.[0]?.extensions?.code === 'NOT_IMPLEMENTED') return false;
  if (body.errors) throw new Error(`recordInteraction: ${JSON.stringify(body.errors)}`);
  return true;
}

// Is recordInteraction there yet? Try it on one offer.
const probe = await next(agents[0]!);
if (!probe) throw new Error('nextAccount handed nothing on a fresh campaign');
const recording = await recordNoAnswer(probe, agents[0]!);
console.log(
  recording
    ? 'each offer is followed by a NO_ANSWER recordInteraction'
    : 'recordInteraction is NOT_IMPLEMENTED: offers are released by moving the clock past the reservation',
);
/** Without recordInteraction, the clock jumps past the reservation every second so held accounts come back. */
let ticker: NodeJS.Timeout | null = null;
function startClockTicker(): void {
  if (recording || ticker) return;
  ticker = setInterval(() => clock.set(new Date(clock.now().getTime() + (RESERVATION_MINUTES + 1) * 60_000)), 1000);
}
function stopClockTicker(): void {
  if (ticker) clearInterval(ticker);
  ticker = null;
}

// Baseline 1: the transport alone, with the same concurrency.
const typename = await loadLoop(AGENTS, BASELINE_SECONDS, async () => {
  await post('{ __typename }');
});

// Baseline 2: one agent alone (recording is not timed).
const singleTimes: number[] = [];
startClockTicker();
const singleStart = performance.now();
while (performance.now() < singleStart + BASELINE_SECONDS * 1000) {
  const t0 = performance.now();
  const offer = await next(agents[0]!);
  singleTimes.push(performance.now() - t0);
  if (offer && recording) await recordNoAnswer(offer, agents[0]!);
}
const single = summarise(singleTimes, (performance.now() - singleStart) / 1000);
stopClockTicker();

// The load: every agent pulls, works (records), pulls again.
const nextTimes: number[] = [];
const recordTimes: number[] = [];
const offered = new Set<string>();
let empty = 0;
let reoffered = 0;
startClockTicker();
const load = await loadLoop(AGENTS, SECONDS, async (worker) => {
  const agent = agents[worker]!;
  const t0 = performance.now();
  const offer = await next(agent);
  nextTimes.push(performance.now() - t0);
  if (!offer) {
    empty += 1;
    return;
  }
  // With outcomes recorded, a worked account is not due again for hours: no account may come twice.
  if (offered.has(offer)) reoffered += 1;
  offered.add(offer);
  if (recording) {
    const r0 = performance.now();
    await recordNoAnswer(offer, agent);
    recordTimes.push(performance.now() - r0);
  }
});
stopClockTicker();

const baseline = summarise(typename.times, typename.seconds);
const pulls = summarise(nextTimes, load.seconds);
const records = summarise(recordTimes, load.seconds);
const cycle = summarise(load.times, load.seconds);
console.log(
  `${AGENTS} agents for ${load.seconds.toFixed(1)} s: ${offered.size} accounts offered, ${empty} empty answers` +
    (recording ? `, ${reoffered} offered twice` : ''),
);
console.log('ms'.padEnd(44), '    p50', '    p95', '    p99', '    max', '  calls', '  per s');
line(`{ __typename }, ${AGENTS} concurrent (baseline)`, baseline);
line('nextAccount, 1 agent alone (baseline)', single);
line(`nextAccount, ${AGENTS} agents`, pulls);
if (recording) {
  line(`recordInteraction NO_ANSWER, ${AGENTS} agents`, records);
  line('  one agent cycle (next + record)', cycle);
}
const ratios = {
  p50ToTypename: pulls.p50 / baseline.p50,
  p95ToTypename: pulls.p95 / baseline.p95,
  p50ToSingleAgent: pulls.p50 / single.p50,
};
console.log(
  `nextAccount p50 = ${ratios.p50ToTypename.toFixed(1)} × { __typename } p50 at the same concurrency, ` +
    `${ratios.p50ToSingleAgent.toFixed(1)} × one agent alone; ` +
    `${(offered.size / load.seconds).toFixed(0)} accounts handed out per second`,
);

const written = await writeResults('next-account', {
  at: new Date().toISOString(),
  accounts: ACCOUNTS,
  agents: AGENTS,
  seconds: load.seconds,
  pool: POOL,
  release: recording ? 'recordInteraction NO_ANSWER' : 'clock moved past the reservation',
  startCampaign: { seconds: startSeconds, queued: Number(members) },
  offers: offered.size,
  emptyAnswers: empty,
  offeredTwice: recording ? reoffered : null,
  baseline: { typename: baseline, singleAgentNextAccount: single },
  nextAccount: pulls,
  recordInteraction: recording ? records : null,
  agentCycle: cycle,
  ratios,
});
console.log(`wrote ${written}`);

// Clean up: the campaign ends (its accounts leave the queue, its agents are unassigned), the agents log out.
clock.set(BENCH_NOW);
const finishT0 = performance.now();
await post('mutation ($id: ID!) { finishCampaign(id: $id) { id } }', { id: campaign.id });
console.log(`finishCampaign in ${((performance.now() - finishT0) / 1000).toFixed(1)} s`);
for (const agent of agents) {
  await post('mutation ($a: ID!) { setAgentStatus(agentId: $a, status: LOGGED_OUT) { id } }', { a: agent });
}
await rows('vacuum analyze queue_membership');
await server.close();
await orm.close(true);
