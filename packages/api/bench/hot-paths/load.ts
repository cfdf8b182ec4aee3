/**
 * The hot-path bench's load: closed loops (every worker sends its next request as soon as the last one answered)
 * or paced loops (each worker starts one task per period, like an agent asking every 2 seconds), with what the
 * API process spent on them — CPU as the kernel counts it, statements as its driver sent them — per request.
 */
import { percentile } from '../support.ts';
import type { ApiProcess } from '../live/api-process.ts';

export interface PhaseFigures {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /**
   * API process CPU (user + system) over the phase, per request (or per task: see the phase), net of what the
   * idle process spends meanwhile (the outbox relay's polls, timers: see `idleRate`).
   */
  apiCpuMsPerRequest: number;
  /**
   * Statements the API sent while answering the phase's requests, per request (BEGIN and COMMIT included): what a
   * request itself sends.
   */
  statementsPerRequest: number;
  /** Round trips to PostgreSQL while answering the phase's requests, per request: statements sent together count once. */
  roundTripsPerRequest: number;
  /**
   * Every statement the API sent over the phase, per request, net of the idle ones: the requests' own plus the
   * background work they set off (the relay publishing their events, projectors, audit batches).
   */
  allStatementsPerRequest: number;
  /** The bench's own CPU per request: it shares the machine's cores with the API and PostgreSQL. */
  clientCpuMsPerRequest: number;
  errors: number;
}

/**
 * What a phase reads from the API: its CPU (one process, or a cluster's processes together) and, where a preload
 * counts them, its statements (`ask('statement-count')`; without it statements are not counted: NaN).
 */
export type MeasuredApi = Pick<ApiProcess, 'cpuMs'> & Partial<Pick<ApiProcess, 'ask'>>;

/**
 * A counter of the statement-counter preload: every statement, or those sent while answering a request (or their
 * round trips).
 */
const statementCount = (api: MeasuredApi, counter = 'statementCount'): Promise<number> =>
  api.ask ? api.ask<number>('statement-count', counter) : Promise.resolve(Number.NaN);

/** What the API process spends per second when no request comes: CPU ms and statements. */
export interface IdleRate {
  cpuMsPerSecond: number;
  statementsPerSecond: number;
}

/** Measures the API at rest for `seconds`. */
export async function idleRate(api: MeasuredApi, seconds: number): Promise<IdleRate> {
  const cpu0 = api.cpuMs();
  const statements0 = await statementCount(api);
  const started = performance.now();
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - started) / 1000;
  const statements = (await statementCount(api)) - statements0;
  return { cpuMsPerSecond: (api.cpuMs() - cpu0) / elapsed, statementsPerSecond: statements / elapsed };
}

export interface LoadOptions {
  workers: number;
  seconds: number;
  /** Paced: each worker starts a task every `periodMs` (staggered); closed loop when absent. */
  periodMs?: number;
  /**
   * The same load run first for this long, unmeasured: the phase's own code compiled and optimised (the API's
   * warm-up only ran `{ __typename }`), its pool connections open, so the figures are the steady state's.
   */
  warmupSeconds?: number;
}

/**
 * Runs `task` as `options` says and measures it; `task` returns how many API requests it made, and is told whether
 * it runs measured (not during the warm-up) if it keeps figures of its own.
 */
export async function measure(
  api: MeasuredApi,
  idle: IdleRate,
  options: LoadOptions,
  task: (worker: number, measured: boolean) => Promise<number>,
): Promise<PhaseFigures> {
  const times: number[] = [];
  let requests = 0;
  let errors = 0;
  /** Every worker runs `task` until `deadline`; only a measured run counts its requests, times and errors. */
  const run = (deadline: number, measured: boolean) =>
    Promise.all(
      Array.from({ length: options.workers }, async (_, worker) => {
        if (options.periodMs) await sleep((options.periodMs * worker) / options.workers);
        while (performance.now() < deadline) {
          const t0 = performance.now();
          try {
            // Not `requests += await task()`: that reads `requests` before the await, and sixteen workers would each
            // write back their own stale sum (most requests went uncounted, and every figure per request grew with
            // it).
            const made = await task(worker, measured);
            if (!measured) continue;
            requests += made;
            times.push(performance.now() - t0);
          } catch (error) {
            if (!measured) continue;
            errors += 1;
            if (errors <= 3) console.error(String(error).slice(0, 500));
          } finally {
            if (options.periodMs) await sleep(Math.max(0, t0 + options.periodMs - performance.now()));
          }
        }
      }),
    );
  if (options.warmupSeconds) await run(performance.now() + options.warmupSeconds * 1000, false);
  const cpu0 = api.cpuMs();
  const statements0 = await statementCount(api);
  const requestStatements0 = await statementCount(api, 'requestStatementCount');
  const requestRoundTrips0 = await statementCount(api, 'requestRoundTripCount');
  const client0 = process.cpuUsage();
  const started = performance.now();
  await run(started + options.seconds * 1000, true);
  const seconds = (performance.now() - started) / 1000;
  const client = process.cpuUsage(client0);
  const statements = (await statementCount(api)) - statements0;
  const requestStatements = (await statementCount(api, 'requestStatementCount')) - requestStatements0;
  const requestRoundTrips = (await statementCount(api, 'requestRoundTripCount')) - requestRoundTrips0;
  const cpuMs = api.cpuMs() - cpu0;
  const sorted = times.sort((a, b) => a - b);
  const per = (value: number) => (requests === 0 ? 0 : value / requests);
  return {
    requests,
    seconds,
    perSecond: requests / seconds,
    p50: percentile(sorted, 50) ?? 0,
    p95: percentile(sorted, 95) ?? 0,
    p99: percentile(sorted, 99) ?? 0,
    max: sorted.at(-1) ?? 0,
    apiCpuMsPerRequest: per(Math.max(0, cpuMs - idle.cpuMsPerSecond * seconds)),
    statementsPerRequest: per(requestStatements),
    roundTripsPerRequest: per(requestRoundTrips),
    allStatementsPerRequest: per(Math.max(0, statements - idle.statementsPerSecond * seconds)),
    clientCpuMsPerRequest: per((client.user + client.system) / 1000),
    errors,
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
