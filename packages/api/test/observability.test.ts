import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobName } from '../src/core/job-queue/job-names.ts';
import { watch, wsClient } from './support/graphql-ws-client.ts';
import { accountRow, importAccounts } from './support/fixtures.ts';
import { KPI_FIELDS } from './support/kpi-oracle.ts';
import { startObservedApi, type LogLine, type ObservedApi } from './support/observed-api.ts';
import type { Scrape } from './support/prometheus.ts';
import { sleep, waitFor } from './support/wait.ts';

/**
 * /metrics (prom-client, on METRICS_PORT) and the request lines (pino) of a real API, read the way an operator
 * would — scraped over HTTP, parsed from the text format — and compared with oracles the API does not compute:
 * the requests this test sent, what PostgreSQL received on the wire (a protocol-reading proxy), the rows in the
 * database, the messages a subscriber got.
 */

const CREATE_CAMPAIGN = `mutation CreateCampaign($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`;
const PAY = `mutation Pay($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const delta = (before: Scrape, after: Scrape, name: string, labels: Record<string, string> = {}) =>
  after.value(name, labels) - before.value(name, labels);

const requestLines = (lines: LogLine[]) =>
  lines.filter((line) => line.msg === 'request' || line.msg === 'slow request');

let campaignNumber = 0;
const campaignInput = () => ({
  input: { name: `Observed ${++campaignNumber}`, channel: 'CALL', filter: {}, queues: [{ name: 'Todas' }] },
});

describe('metrics and request lines, outbox relay off', () => {
  let observed: ObservedApi;

  beforeAll(async () => {
    // No relay: nothing but the requests of the test reaches the database, and committed events stay unpublished.
    observed = await startObservedApi({ outboxRelay: false });
  });
  afterAll(() => observed?.close());

  it('serves /metrics on its own port, not on the API port', async () => {
    const { api } = observed;
    expect(api.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(api.metricsUrl!).port).not.toBe(new URL(api.url).port);
    const metrics = await observed.scrape();
    for (const name of [
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_p99_seconds',
      'recupera_db_pool_connections',
    ]) {
      expect(metrics.has(name), name).toBe(true);
    }
    expect(metrics.value('recupera_db_pool_max_connections')).toBe(10); // DB_POOL_MAX of the test API

    const onApiPort = await fetch(`${api.url}/metrics`);
    expect(onApiPort.status).toBe(404);
    expect(await onApiPort.text()).not.toContain('recupera_graphql_requests_total');
    const elsewhere = await fetch(api.metricsUrl!.replace(/\/metrics$/, '/graphql'));
    expect(elsewhere.status).toBe(404);
  });

  it('counts requests, latencies and errors by operation', async () => {
    const before = await observed.scrape();
    for (let i = 0; i < 5; i += 1) await observed.api.ok('query Ping { __typename }');
    const anonymous = [];
    for (let i = 0; i < 2; i += 1)
      anonymous.push(await observed.api.gql('query Secret { campaigns { id } }', {}, null));
    const badKey = await observed.api.gql('query Refused { __typename }', {}, 'not-a-key-of-this-api-at-all');
    const after = await observed.scrape();

    expect(
      delta(before, after, 'recupera_graphql_requests_total', { operation: 'Ping', type: 'query', transport: 'http' }),
    ).toBe(5);
    expect(delta(before, after, 'recupera_graphql_request_duration_seconds_count', { operation: 'Ping' })).toBe(5);
    expect(delta(before, after, 'recupera_graphql_request_errors_total', { operation: 'Ping' })).toBe(0);

    const secretCode = anonymous[0]!.errors?.[0]?.extensions?.code as string;
    expect(anonymous.map((response) => response.errors?.[0]?.extensions?.code)).toEqual([secretCode, secretCode]);
    expect(delta(before, after, 'recupera_graphql_requests_total', { operation: 'Secret', type: 'query' })).toBe(2);
    expect(
      delta(before, after, 'recupera_graphql_request_errors_total', { operation: 'Secret', code: secretCode }),
    ).toBe(2);

    // Refused before GraphQL ran: no operation is known, the refusal's code is.
    expect(badKey.status).toBe(401);
    const badKeyCode = badKey.errors?.[0]?.extensions?.code as string;
    expect(delta(before, after, 'recupera_graphql_requests_total', { operation: '(unknown)' })).toBe(1);
    expect(
      delta(before, after, 'recupera_graphql_request_errors_total', { operation: '(unknown)', code: badKeyCode }),
    ).toBe(1);
  });

  it('carries the request id to the response, the SQL, the events written and the log line', async () => {
    const requestId = 'obs-test-0001';
    const linesBefore = observed.lines.length;
    const created = await observed.post(CREATE_CAMPAIGN, campaignInput(), requestId);
    expect(created.body.errors).toBeUndefined();
    expect(created.requestId).toBe(requestId);
    const campaignId = (created.body.data as { createCampaign: { id: string } }).createCampaign.id;

    const events = await observed.query<{ type: string; request_id: string | null }>(
      'select type, request_id from domain_event where aggregate_id = $1',
      [campaignId],
    );
    expect(events.length).toBeGreaterThan(0);
    expect(events.map((event) => event.request_id)).toEqual(events.map(() => requestId));

    const tagged = observed.tagged(requestId);
    expect(tagged.some((statement) => /insert into "domain_event"/i.test(statement.text))).toBe(true);
    const [line] = requestLines(observed.lines.slice(linesBefore));
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      requestId,
      transport: 'http',
      operation: 'CreateCampaign',
      operationType: 'mutation',
      status: 200,
      statements: tagged.length,
      keyId: 'admin-bootstrap',
      role: 'ADMIN',
      agencyId: null,
    });
    expect(line!.durationMs).toEqual(expect.any(Number));
    expect(JSON.stringify(observed.lines.slice(linesBefore))).not.toContain('test-admin-key');

    // A request id that could break out of a comment, or is too long, is replaced by a fresh one.
    for (const unsafe of ['bad */ drop table account; --', 'x'.repeat(65)]) {
      const answered = await observed.post('query Ping { __typename }', {}, unsafe);
      expect(answered.requestId).toMatch(UUID);
    }
    // A refused request gets an id too.
    const refused = await fetch(`${observed.api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer nope-nope-nope-nope' },
      body: '{"query":"{ __typename }"}',
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toMatch(UUID);
  });

  it('counts the statements of each request as PostgreSQL received them', async () => {
    const operations = [
      'query Campaigns { campaigns { id name queues { id } } }',
      'query Agencies { agencies { id name } }',
      'query Ping { __typename }',
      'query Accounts { accounts(first: 5) { edges { node { id } } } }',
    ];
    // Connections opened before measuring: a connection's own set-up statements are not any request's.
    await Promise.all(Array.from({ length: 10 }, () => observed.api.ok(operations[0]!)));
    // …and the audit trail's batched insert of the earlier mutation written (it is no request's).
    await sleep(500);
    const before = await observed.scrape(); // its own statement (the outbox gauges) is on the wire before this line
    const wireBefore = observed.wire.statements.length;
    const linesBefore = observed.lines.length;
    for (let round = 0; round < 3; round += 1) for (const operation of operations) await observed.api.ok(operation);
    await sleep(200);
    const onWire = observed.wire.statements.length - wireBefore;
    const after = await observed.scrape();

    expect(onWire).toBeGreaterThan(0);
    expect(delta(before, after, 'recupera_graphql_request_statements_sum')).toBe(onWire);
    expect(delta(before, after, 'recupera_graphql_request_statements_count')).toBe(12);

    // Each request's line: its statement count is the number of statements tagged with its id on the wire.
    const lines = requestLines(observed.lines.slice(linesBefore));
    expect(lines).toHaveLength(12);
    for (const line of lines) {
      expect(line.statements, `${String(line.operation)} ${String(line.requestId)}`).toBe(
        observed.tagged(line.requestId as string).length,
      );
    }
    expect(lines.reduce((sum, line) => sum + (line.statements as number), 0)).toBe(onWire);
    expect(lines.filter((line) => line.operation === 'Ping').every((line) => line.statements === 0)).toBe(true);
  });

  it('counts the prepared statements of a hot path, whose text stays fixed, and tags its transaction', async () => {
    await importAccounts(observed.api, [accountRow({ externalRef: 'OBS-PAY-1' })]);
    const [account] = await observed.query<{ id: string }>("select id from account where external_ref = 'OBS-PAY-1'");
    await sleep(500); // the import's audit entry written
    const wireBefore = observed.wire.statements.length;
    const linesBefore = observed.lines.length;
    const paid = await observed.post(
      PAY,
      { input: { accountId: account!.id, amount: '100.00', currency: 'PEN', reference: 'OBS-PAY-1' } },
      'obs-pay-0001',
    );
    expect(paid.body.errors).toBeUndefined();
    await sleep(500); // and the payment's
    const onWire = observed.wire.statements.slice(wireBefore);
    // The audit trail's batched insert is written by a timer after the request: not the request's statement.
    const audit = onWire.filter((statement) => /insert into audit_entry/i.test(statement.text));
    expect(audit).toHaveLength(1);
    const [line] = requestLines(observed.lines.slice(linesBefore));
    expect(line!.statements).toBe(onWire.length - audit.length);
    const prepared = onWire.filter((statement) => statement.name !== '');
    expect(prepared.length).toBeGreaterThan(0);
    for (const statement of prepared) expect(statement.text).not.toContain('request_id=');
    expect(observed.tagged('obs-pay-0001').map((statement) => statement.text.toLowerCase())).toContain(
      '/* request_id=obs-pay-0001 */ begin',
    );
    // The hot path writes its events in SQL of its own: they carry the request's id all the same.
    const events = await observed.query<{ type: string; request_id: string | null }>(
      `select type, request_id from domain_event where type like 'Payment%' and payload->>'accountId' = $1`,
      [account!.id],
    );
    expect(events.map((event) => event.type)).toContain('PaymentRecorded');
    expect(events.map((event) => event.request_id)).toEqual(events.map(() => 'obs-pay-0001'));

    const interaction = await observed.post(
      `mutation Call($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }`,
      { input: { accountId: account!.id, channel: 'CALL', disposition: 'NO_ANSWER', durationSeconds: 10 } },
      'obs-call-0001',
    );
    expect(interaction.body.errors).toBeUndefined();
    const [recorded] = await observed.query<{ request_id: string | null }>(
      `select request_id from domain_event where type = 'InteractionRecorded' and aggregate_id = $1`,
      [(interaction.body.data as { recordInteraction: { id: string } }).recordInteraction.id],
    );
    expect(recorded?.request_id).toBe('obs-call-0001');
  });

  it('reports the outbox backlog and the age of its oldest event', async () => {
    await observed.post(CREATE_CAMPAIGN, campaignInput());
    await sleep(1_100);
    const metrics = await observed.scrape();
    const [oracle] = await observed.query<{ waiting: number; age: number }>(
      `select count(*)::int as waiting,
              extract(epoch from clock_timestamp() - min(occurred_at))::float8 as age
         from domain_event where published_at is null`,
    );
    expect(oracle!.waiting).toBeGreaterThan(0);
    expect(metrics.value('recupera_outbox_unpublished_events')).toBe(oracle!.waiting);
    const lag = metrics.value('recupera_outbox_lag_seconds');
    expect(lag).toBeGreaterThanOrEqual(1);
    expect(lag).toBeLessThanOrEqual(oracle!.age);
  });

  it('reports job queue depths and failed runs', async () => {
    const labels = { queue: JobName.AccountImport };
    const before = await observed.scrape();
    // An import job that cannot exist: its first run throws, and its retry waits (3 attempts, 30 s apart).
    await observed.api.jobs.enqueue(JobName.AccountImport, { importJobId: 'not-an-import' });
    const after = await waitFor('the failed run to be counted', async () => {
      const metrics = await observed.scrape();
      return delta(before, metrics, 'recupera_job_failures_total', labels) > 0 ? metrics : null;
    });
    expect(delta(before, after, 'recupera_job_failures_total', { ...labels, final: 'false' })).toBe(1);
    expect(delta(before, after, 'recupera_job_failures_total', { ...labels, final: 'true' })).toBe(0);
    expect(after.value('recupera_job_queue_depth', { ...labels, state: 'delayed' })).toBe(1);
    expect(after.value('recupera_job_queue_depth', { ...labels, state: 'waiting' })).toBe(0);
  });
});

describe('live metrics, WebSocket operations and slow requests', () => {
  let observed: ObservedApi;

  beforeAll(async () => {
    // Every request is "slow" past 1 ms: the warn line is what this suite reads.
    observed = await startObservedApi({ env: { SLOW_REQUEST_MS: '1' } });
  });
  afterAll(() => observed?.close());

  it('logs a request slower than SLOW_REQUEST_MS at warn, with its statement count', async () => {
    const linesBefore = observed.lines.length;
    const answered = await observed.post('query Campaigns { campaigns { id queues { id } } }', {}, 'obs-slow-0001');
    expect(answered.status).toBe(200);
    const [line] = requestLines(observed.lines.slice(linesBefore));
    expect(line).toMatchObject({ level: 'warn', msg: 'slow request', requestId: 'obs-slow-0001' });
    expect(line!.durationMs as number).toBeGreaterThan(1);
    expect(line!.statements).toBe(observed.tagged('obs-slow-0001').length);
    expect(line!.statements as number).toBeGreaterThan(0);
  });

  it('counts subscribers, pushes, events applied and WebSocket operations', async () => {
    const unpublished = async () =>
      (
        await observed.query<{ n: number }>('select count(*)::int as n from domain_event where published_at is null')
      )[0]!.n;
    await waitFor('the outbox to be empty', async () => (await unpublished()) === 0);
    const [{ newest }] = (await observed.query<{ newest: string }>(
      'select coalesce(max(id), 0)::text as newest from domain_event',
    )) as [{ newest: string }];
    const linesBefore = observed.lines.length;
    const before = await observed.scrape();

    const live = watch<{ kpiUpdated: unknown }>(
      observed.api,
      'test-admin-key-do-not-use-in-production',
      `subscription Live($scope: KpiScope!, $window: KpiWindow!) { kpiUpdated(scope: $scope, window: $window) { ${KPI_FIELDS} } }`,
      { scope: {}, window: 'TODAY' },
    );
    await live.next(() => true);
    const open = await observed.scrape();
    expect(open.value('recupera_live_subscribers', { topic: 'kpis' })).toBe(1);
    expect(open.value('recupera_ws_connections')).toBe(1);
    expect(open.value('recupera_ws_operations')).toBe(1);

    // Writes whose events the relay publishes and the engine applies.
    for (let i = 0; i < 2; i += 1) await observed.post(CREATE_CAMPAIGN, campaignInput());
    const [{ written }] = (await observed.query<{ written: number }>(
      'select count(*)::int as written from domain_event where id > $1',
      [newest],
    )) as [{ written: number }];
    expect(written).toBeGreaterThan(0);
    const applied = await waitFor('the engine to apply every event', async () => {
      const metrics = await observed.scrape();
      return delta(before, metrics, 'recupera_live_events_applied_total') >= written ? metrics : null;
    });
    expect(delta(before, applied, 'recupera_live_events_applied_total')).toBe(written);

    // A query over the socket is a request of its own.
    const client = wsClient(observed.api, 'test-admin-key-do-not-use-in-production');
    await new Promise<void>((resolve, reject) =>
      client.subscribe(
        { query: 'query WsPing { __typename }' },
        { next: () => undefined, error: reject, complete: resolve },
      ),
    );
    await client.dispose();
    await sleep(300); // the push interval (100 ms): any update of the campaigns' events has been sent
    const after = await observed.scrape();
    expect(delta(before, after, 'recupera_live_pushes_total', { topic: 'kpis' })).toBe(live.messages.length);
    expect(delta(before, after, 'recupera_graphql_requests_total', { operation: 'WsPing', transport: 'ws' })).toBe(1);
    expect(delta(before, after, 'recupera_graphql_requests_total', { operation: 'Live', type: 'subscription' })).toBe(
      1,
    );
    const wsLines = requestLines(observed.lines.slice(linesBefore)).filter((line) => line.transport === 'ws');
    expect(wsLines.map((line) => [line.operation, line.operationType])).toEqual([
      ['Live', 'subscription'],
      ['WsPing', 'query'],
    ]);
    for (const line of wsLines) expect(line.requestId).toMatch(UUID);

    await live.close();
    await waitFor('the subscriber to be gone', async () => {
      const metrics = await observed.scrape();
      return metrics.value('recupera_live_subscribers', { topic: 'kpis' }) === 0 &&
        metrics.value('recupera_ws_connections') === 0
        ? metrics
        : null;
    });
  });
});
