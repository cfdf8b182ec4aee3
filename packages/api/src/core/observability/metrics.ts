import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The API's one Prometheus registry (prom-client). Everything the API measures is registered here, once per
 * process; a process running several APIs (tests) shares it. The cluster primary aggregates the workers' copies of
 * it (prom-client's AggregatorRegistry.setRegistries(metricsRegistry) in each worker). Metric names, labels and
 * what each means: docs/architecture.md, "Observability".
 */
export const metricsRegistry = new Registry();

let defaultsEnabled = false;

/** Process CPU, memory, GC and event-loop lag (monitorEventLoopDelay) — prom-client's default collectors. */
export function enableDefaultMetrics(): void {
  if (defaultsEnabled) return;
  defaultsEnabled = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

/** Operation names are chosen by clients: the first ones seen get a label of their own, later ones share one. */
export const OPERATION_NAMES_MAX = 200;
const namedOperations = new Set<string>();

/**
 * The `operation` label: the client's operation name, `(anonymous)` for an unnamed one, `(unknown)` when the request
 * never resolved to one operation (refused before, or not parseable), `(other)` past {@link OPERATION_NAMES_MAX}
 * names. Parentheses cannot occur in a GraphQL name, so these never collide with a real one.
 */
export function operationLabel(name: string | null, type: string | null): string {
  if (type === null) return '(unknown)';
  if (name === null) return '(anonymous)';
  if (namedOperations.has(name)) return name;
  if (namedOperations.size >= OPERATION_NAMES_MAX) return '(other)';
  namedOperations.add(name);
  return name;
}

/** Error codes are ours or graphql-js's (a closed set); anything else counts as OTHER. */
export function errorCodeLabel(code: string): string {
  return /^[A-Z][A-Z0-9_]{0,47}$/.test(code) ? code : 'OTHER';
}

const registers = [metricsRegistry];

export const graphqlRequests = new Counter({
  name: 'recupera_graphql_requests_total',
  help: 'GraphQL operations answered, by operation name and type, over HTTP or WebSocket',
  labelNames: ['operation', 'type', 'transport'] as const,
  registers,
});

export const graphqlErrors = new Counter({
  name: 'recupera_graphql_request_errors_total',
  help: 'GraphQL operations answered with at least one error, by operation and the first error code',
  labelNames: ['operation', 'type', 'code'] as const,
  registers,
});

export const graphqlDuration = new Histogram({
  name: 'recupera_graphql_request_duration_seconds',
  help: 'Time from the request (or WebSocket operation) arriving to its answer, by operation',
  labelNames: ['operation', 'type'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
});

export const graphqlStatements = new Histogram({
  name: 'recupera_graphql_request_statements',
  help: 'SQL statements one operation sent to PostgreSQL, by operation',
  labelNames: ['operation', 'type'] as const,
  buckets: [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64],
  registers,
});

export const statementDuration = new Histogram({
  name: 'recupera_db_statement_duration_seconds',
  help:
    'Time of each SQL statement from sending it to its result: prepared (named) or text, in or out of a request; ' +
    'pipeline: statements sent together in one round trip (FastSql), timed together',
  labelNames: ['kind'] as const,
  buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  registers,
});

export const jobFailures = new Counter({
  name: 'recupera_job_failures_total',
  help: 'Job runs that threw, by job name; final="true" when it was the last attempt (the job lands in failed_job)',
  labelNames: ['queue', 'final'] as const,
  registers,
});

/** One value of a metric read when Prometheus scrapes, with its labels. */
export interface Sample {
  labels?: Record<string, string>;
  value: number;
}

/** Reads samples at scrape time; may be async (a query). A source that fails leaves its samples out of that scrape. */
export type SampleSource = () => Sample[] | Promise<Sample[]>;

interface SampledOptions {
  name: string;
  help: string;
  labelNames?: readonly string[];
  /** How the samples of several sources (several APIs in one process) and several cluster workers combine. */
  combine?: 'sum' | 'max';
}

/** A metric read from sources at scrape time: `add` returns the function that removes the source again. */
export interface Sampled {
  add(source: SampleSource): () => void;
}

async function combined(sources: Set<SampleSource>, combine: 'sum' | 'max') {
  const values = new Map<string, Sample>();
  const read = await Promise.all(
    [...sources].map((source) =>
      Promise.resolve()
        .then(source)
        .catch(() => []),
    ),
  );
  for (const sample of read.flat()) {
    const key = JSON.stringify(sample.labels ?? {});
    const before = values.get(key);
    const value = !before
      ? sample.value
      : combine === 'max'
        ? Math.max(before.value, sample.value)
        : before.value + sample.value;
    values.set(key, { labels: sample.labels ?? {}, value });
  }
  return [...values.values()];
}

/** A gauge whose value is read at scrape time (pool use, queue depths, subscribers, outbox lag). */
export function sampledGauge(options: SampledOptions): Sampled {
  const sources = new Set<SampleSource>();
  const combine = options.combine ?? 'sum';
  new Gauge({
    name: options.name,
    help: options.help,
    labelNames: options.labelNames ?? [],
    aggregator: combine,
    registers,
    async collect() {
      const samples = await combined(sources, combine);
      this.reset();
      for (const sample of samples) this.set(sample.labels ?? {}, sample.value);
    },
  });
  return { add: (source) => (sources.add(source), () => sources.delete(source)) };
}

/** A counter kept by the code it counts (a plain number there) and read at scrape time (engine, hub). */
export function sampledCounter(options: Omit<SampledOptions, 'combine'>): Sampled {
  const sources = new Set<SampleSource>();
  new Counter({
    name: options.name,
    help: options.help,
    labelNames: options.labelNames ?? [],
    registers,
    async collect() {
      const samples = await combined(sources, 'sum');
      this.reset();
      for (const sample of samples) this.inc(sample.labels ?? {}, sample.value);
    },
  });
  return { add: (source) => (sources.add(source), () => sources.delete(source)) };
}

export const poolConnections = sampledGauge({
  name: 'recupera_db_pool_connections',
  help: 'Connections of the database pool: total open, idle, and requests waiting for one (state)',
  labelNames: ['state'],
});

export const poolMax = sampledGauge({
  name: 'recupera_db_pool_max_connections',
  help: 'Most connections the pool opens (DB_POOL_MAX)',
});

export const outboxLag = sampledGauge({
  name: 'recupera_outbox_lag_seconds',
  help: 'Age of the oldest domain event not yet published by the outbox relay (0 when none waits)',
  combine: 'max',
});

export const outboxBacklog = sampledGauge({
  name: 'recupera_outbox_unpublished_events',
  help: 'Domain events committed and not yet published (counted up to 100000)',
  combine: 'max',
});

export const liveEventsApplied = sampledCounter({
  name: 'recupera_live_events_applied_total',
  help: 'Domain events the live KPI engine applied (duplicates of at-least-once delivery not counted)',
});

export const liveSubscribers = sampledGauge({
  name: 'recupera_live_subscribers',
  help: 'Live subscriptions by topic: kpis (kpiUpdated), queues (queueUpdated), agents (agentUpdated)',
  labelNames: ['topic'],
});

export const livePushes = sampledCounter({
  name: 'recupera_live_pushes_total',
  help: 'Messages handed to live subscribers, by topic (snapshots and coalesced updates)',
  labelNames: ['topic'],
});

export const wsConnections = sampledGauge({
  name: 'recupera_ws_connections',
  help: 'Open GraphQL WebSocket connections with a valid key',
});

export const wsOperations = sampledGauge({
  name: 'recupera_ws_operations',
  help: 'Operations running on the WebSocket connections (mostly subscriptions)',
});

export const jobQueueDepth = sampledGauge({
  name: 'recupera_job_queue_depth',
  help: 'Jobs by name and state (waiting, active, delayed); with BullMQ the shared queues, so workers report the max',
  labelNames: ['queue', 'state'],
  combine: 'max',
});
