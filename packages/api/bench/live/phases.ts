/**
 * The two load phases of the live-KPI bench, each measured on the API child and the subscribers: the traffic
 * simulator through GraphQL, and direct SQL writes at a target rate.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type pg from 'pg';
import { TrafficSimulator } from '../../src/simulator/traffic-simulator.ts';
import { percentile } from '../support.ts';
import { sqlDelta, type ApiProcess, type SqlTotals } from './api-process.ts';
import type { FactWriter } from './fact-writer.ts';
import type { KpiSubscribers } from './kpi-subscribers.ts';

export interface PhaseContext {
  api: ApiProcess;
  db: pg.Pool;
  subscribers: KpiSubscribers;
  apiNow: () => number;
  pushIntervalMs: number;
  kpiSource: 'engine' | 'sql';
}

export interface Phase1Result {
  seconds: number;
  agents: number;
  requests: number;
  requestsPerSecond: number;
  interactions: number;
  errors: number;
  domainEvents: number;
  domainEventsPerSecond: number;
  messagesPerSubscriber: number;
  rssPeakMiB: number;
  quiescedInSeconds: number | null;
}

export interface LatencySummary {
  count: number;
  censored: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface StepResult {
  targetPerSecond: number;
  seconds: number;
  written: number;
  writtenPerSecond: number;
  commits: number;
  ingestedPerSecond: number;
  outboxBacklogAtEnd: number;
  drainSeconds: number;
  latencyMs: LatencySummary;
  /**
   * Where the latency goes: commit → the API computing the message (`asOf`: relay, engine, the topic's turn), and
   * computed → arrival, per update received (fan-out, network, the bench clients' own event loop).
   */
  latencySplitMs: { untilComputed: { p50: number; p99: number }; transit: { p50: number; p99: number } };
  messagesPerSubscriber: number;
  pushedUpdates: number;
  sql: SqlTotals;
  kpiSqlMsPerUpdate: number;
  livePathSqlMsPerUpdate: number;
  serverActiveMs: number;
  rss: { peakMiB: number; meanMiB: number };
  /** The API's memory by kind at the end of the drain (MiB): V8 heap reserved and used, buffers outside it. */
  memoryMiB: { rss: number; heapTotal: number; heapUsed: number; liveHeapAfterGc: number; external: number };
  /** The API process's CPU over the step and drain: share of one core, and per message it sent. */
  apiCpu: { shareOfOneCore: number; msPerMessage: number };
  /**
   * The bench process (the subscribers' 5,000 connections, the fact writer, the timestamps) over the same span: its
   * CPU share of one core, and its event-loop delay — a message that arrives while this loop is busy is
   * timestamped late by up to that much, so its p99 bounds the part of the latency p99 that is the clients' own.
   */
  client: { cpuShareOfOneCore: number; eventLoopDelayMs: { p50: number; p99: number; max: number } };
  saturated: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function scalar(db: pg.Pool, text: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ value: string | null }>(text, params);
  return Number(rows[0]?.value ?? 0);
}

const unpublished = (db: pg.Pool) =>
  scalar(db, 'select count(*)::text as value from domain_event where published_at is null');
const activeTime = (db: pg.Pool) =>
  scalar(db, 'select active_time::text as value from pg_stat_database where datname = current_database()');

/** Waits until the outbox is empty and no message arrived for a while; the seconds it took, null if it never did. */
async function quiesce(context: PhaseContext, timeoutMs: number): Promise<number | null> {
  const started = performance.now();
  const quietMs = Math.max(1_000, context.pushIntervalMs * 4);
  while (performance.now() - started < timeoutMs) {
    if (context.subscribers.quietForMs > quietMs && (await unpublished(context.db)) === 0) {
      return (performance.now() - started) / 1000;
    }
    await sleep(200);
  }
  return null;
}

/** The simulator at full speed through the API's GraphQL endpoint. */
export async function runPhase1(
  context: PhaseContext,
  options: { seconds: number; speed: number; agentIds: string[]; adminKey: string },
): Promise<Phase1Result> {
  const { api, db, subscribers } = context;
  const firstEvent = await scalar(db, 'select coalesce(max(id), 0)::text as value from domain_event');
  // Every request the simulator sends is a fetch to the API: count them there.
  let requests = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    requests += 1;
    return realFetch(input, init);
  };
  const messages0 = subscribers.messages;
  const simulator = new TrafficSimulator({
    endpoint: api.url,
    apiKey: options.adminKey,
    speed: options.speed,
    agentIds: options.agentIds,
    minIdleMs: 20,
    requestTimeoutMs: 30_000,
    now: () => new Date(context.apiNow()),
  });
  const t0 = performance.now();
  let agents = 0;
  try {
    agents = await simulator.start();
    await sleep(options.seconds * 1000);
    await simulator.stop();
  } finally {
    globalThis.fetch = realFetch;
  }
  const t1 = performance.now();
  const seconds = (t1 - t0) / 1000;
  const stats = simulator.snapshot();
  const domainEvents = await scalar(db, 'select count(*)::text as value from domain_event where id > $1', [firstEvent]);
  const quiescedInSeconds = await quiesce(context, context.kpiSource === 'sql' ? 60_000 : 20_000);
  const result: Phase1Result = {
    seconds,
    agents,
    requests,
    requestsPerSecond: requests / seconds,
    interactions: stats.interactions,
    errors: stats.errors,
    domainEvents,
    domainEventsPerSecond: domainEvents / seconds,
    messagesPerSubscriber: (subscribers.messages - messages0) / subscribers.count,
    rssPeakMiB: api.rssBetween(t0, t1).peakMiB,
    quiescedInSeconds,
  };
  console.log(
    `[${context.kpiSource}] phase 1: ${agents} simulated agents, ${result.requestsPerSecond.toFixed(0)} GraphQL ` +
      `requests/s, ${result.domainEventsPerSecond.toFixed(0)} domain events/s, ${stats.interactions} interactions, ` +
      `${stats.errors} errors${stats.errors ? ` ${JSON.stringify(stats.errorsByCode)}` : ''}`,
  );
  return result;
}

function summariseLatency(sorted: number[], censored: number): LatencySummary {
  if (sorted.length === 0) return { count: 0, censored, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  return {
    count: sorted.length,
    censored,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
  };
}

/** One rate of direct writes, then a drain until every subscriber saw every commit of its scope. */
export async function runStep(
  context: PhaseContext,
  writer: FactWriter,
  rate: number,
  seconds: number,
): Promise<StepResult> {
  const { api, db, subscribers } = context;
  await quiesce(context, context.kpiSource === 'sql' ? 60_000 : 20_000);
  subscribers.beginStep();
  const attempts0 = subscribers.attemptsOf('all TODAY');
  const messages0 = subscribers.messages;
  const sql0 = await api.sqlTiming();
  const active0 = await activeTime(db);
  const apiCpu0 = api.cpuMs();
  const clientCpu0 = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const t0 = performance.now();
  const written = await writer.run(rate, seconds, (commit) => subscribers.committed(commit));
  const t1 = performance.now();
  const ingested = subscribers.attemptsOf('all TODAY') - attempts0;
  const backlog = await unpublished(db);
  const drainLimitMs = context.kpiSource === 'sql' ? 10_000 : 5_000;
  while (subscribers.unseen > 0 && performance.now() - t1 < drainLimitMs) await sleep(20);
  const t2 = performance.now();
  loopDelay.disable();
  const apiCpuMs = api.cpuMs() - apiCpu0;
  const clientCpu = process.cpuUsage(clientCpu0);
  const { latencies, censored, untilComputed, transit } = subscribers.stepLatencies();
  if (censored > 0) {
    console.log(
      `[${context.kpiSource}] ${rate}/s: still unseen after the drain, by topic: ` +
        `${JSON.stringify(subscribers.unseenByTopic())}; errors sent, by topic: ` +
        JSON.stringify(Object.fromEntries(subscribers.errorsByTopic)),
    );
  }
  const sql = sqlDelta(sql0, await api.sqlTiming());
  // Asked last: it runs a full collection in the API (the step's figures are all taken by then).
  const memory = await api.ask<NodeJS.MemoryUsage & { liveHeapAfterGc: number }>('memory', 'memory');
  const mib = (bytes: number) => bytes / 1_048_576;
  // PostgreSQL publishes a busy backend's counters about once a second: let the last ones land.
  await sleep(1_100);
  const serverActiveMs = (await activeTime(db)) - active0;
  const updates = subscribers.updatesBetween(t0, t2);
  const ms = (category: keyof SqlTotals) => sql[category]?.ms ?? 0;
  const kpiSql = ms('outstanding') + ms('engineSync') + ms('kpiRecompute');
  const latencyMs = summariseLatency(latencies, censored);
  const split = (values: number[]) => ({ p50: percentile(values, 50), p99: percentile(values, 99) });
  const result: StepResult = {
    targetPerSecond: rate,
    seconds: written.seconds,
    written: written.written,
    writtenPerSecond: written.written / written.seconds,
    commits: written.commits,
    ingestedPerSecond: ingested / ((t1 - t0) / 1000),
    outboxBacklogAtEnd: backlog,
    drainSeconds: (t2 - t1) / 1000,
    latencyMs,
    latencySplitMs: { untilComputed: split(untilComputed), transit: split(transit) },
    messagesPerSubscriber: (subscribers.messages - messages0) / subscribers.count,
    pushedUpdates: updates,
    sql,
    kpiSqlMsPerUpdate: updates ? kpiSql / updates : NaN,
    livePathSqlMsPerUpdate: updates ? (kpiSql + ms('relay')) / updates : NaN,
    serverActiveMs,
    rss: api.rssBetween(t0, t2),
    memoryMiB: {
      rss: mib(memory.rss),
      heapTotal: mib(memory.heapTotal),
      heapUsed: mib(memory.heapUsed),
      liveHeapAfterGc: mib(memory.liveHeapAfterGc),
      external: mib(memory.external),
    },
    apiCpu: {
      shareOfOneCore: apiCpuMs / (t2 - t0),
      msPerMessage: apiCpuMs / Math.max(1, subscribers.messages - messages0),
    },
    client: {
      cpuShareOfOneCore: (clientCpu.user + clientCpu.system) / 1000 / (t2 - t0),
      eventLoopDelayMs: {
        p50: loopDelay.percentile(50) / 1e6,
        p99: loopDelay.percentile(99) / 1e6,
        max: loopDelay.max / 1e6,
      },
    },
    saturated: latencyMs.p50 > 5_000 || censored > latencies.length * 0.1,
  };
  console.log(
    `[${context.kpiSource}] ${rate}/s: wrote ${result.writtenPerSecond.toFixed(0)}/s, ingested ` +
      `${result.ingestedPerSecond.toFixed(0)}/s, latency p50/p95/p99 ${latencyMs.p50.toFixed(0)}/` +
      `${latencyMs.p95.toFixed(0)}/${latencyMs.p99.toFixed(0)} ms (${censored} censored; commit→computed p50/p99 ` +
      `${result.latencySplitMs.untilComputed.p50.toFixed(0)}/${result.latencySplitMs.untilComputed.p99.toFixed(0)}, ` +
      `computed→arrival ${result.latencySplitMs.transit.p50.toFixed(0)}/${result.latencySplitMs.transit.p99.toFixed(0)}), ` +
      `${updates} updates, ` +
      `KPI SQL ${result.kpiSqlMsPerUpdate.toFixed(2)} ms/update, RSS ${result.rss.peakMiB.toFixed(0)} MiB (at the end: ` +
      `V8 heap ${result.memoryMiB.heapUsed.toFixed(0)} used of ${result.memoryMiB.heapTotal.toFixed(0)}, ` +
      `${result.memoryMiB.liveHeapAfterGc.toFixed(0)} live after a full GC, ` +
      `${result.memoryMiB.external.toFixed(0)} outside); API CPU ` +
      `${(result.apiCpu.shareOfOneCore * 100).toFixed(0)}% of a core, ${(result.apiCpu.msPerMessage * 1000).toFixed(1)} µs/message; ` +
      `clients CPU ${(result.client.cpuShareOfOneCore * 100).toFixed(0)}% of a core, event-loop delay p50/p99/max ` +
      `${result.client.eventLoopDelayMs.p50.toFixed(0)}/${result.client.eventLoopDelayMs.p99.toFixed(0)}/` +
      `${result.client.eventLoopDelayMs.max.toFixed(0)} ms`,
  );
  return result;
}
