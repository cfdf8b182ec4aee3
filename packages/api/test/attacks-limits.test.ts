import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountRow,
  countRows,
  createAgency,
  createApiKey,
  expectError,
  expectNoInternals,
  importAccounts,
  placeAccounts,
  postRaw,
  type AgencyData,
} from './support/fixtures.ts';
import { startTestApi, type GraphQLResponse, type TestApi } from './support/test-api.ts';
import { sleep } from './support/wait.ts';

/**
 * Issue 10 ("The partner boundary"), attacks 1 and 2 (HTTP part): each reproduced as it was reported, at a size that
 * proves the point quickly, against the documented defaults (docs/security.md, "Limits"): depth 12, 30 aliases,
 * 4,000 tokens, cost 100,000, 16kb anonymous and 512kb keyed bodies. Each refusal must carry its own code and the
 * limit it hit, and leave the database as it was.
 */

const DEFAULT_MAX_DEPTH = 12;
const DEFAULT_MAX_ALIASES = 30;
const DEFAULT_MAX_DIRECTIVES = 20;
const DEFAULT_MAX_TOKENS = 4_000;
const DEFAULT_MAX_COST = 20_000;
const ANONYMOUS_BODY_BYTES = 16 * 1024;
const KEYED_BODY_BYTES = 512 * 1024;
const ANONYMOUS_PER_SECOND = 30;

/** The tables an attack must not change. */
const TABLES = ['account', 'interaction', 'payment', 'promise_to_pay', 'domain_event', 'agency', 'agent'];

/** Rows the agency holds: the page size the reported attack asked for. */
const PLACED = 500;

/**
 * `accounts → interactions → account → interactions …` nested until the selection is `depth` fields deep (the
 * cycle of the report: Interaction.account leads back to Account.interactions).
 */
function nestedAccounts(depth: number): string {
  // accounts(1) edges(2) node(3), then alternating interactions/account, then id as the deepest field.
  const cycle: string[] = [];
  for (let level = 4; level < depth; level += 1) cycle.push(level % 2 === 0 ? 'interactions' : 'account');
  const inner = cycle.reduceRight((selection, field) => `${field} { ${selection} }`, 'id');
  return `{ accounts(first: 1) { edges { node { ${inner} } } } }`;
}

/** A document with `count` aliases of `field`. */
function aliased(count: number, field: string): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}

/**
 * The report's per-row fields (contact rules, queue place and offers) on the largest round page the default cost
 * limit (20,000) lets through: 120 rows cost 19,441 (a 500-row page, the report's, costs 81,001 and is refused).
 */
const WORST_PAGE_ROWS = 120;
const PER_ROW_PAGE = `accounts(first: ${WORST_PAGE_ROWS}) { edges { node { id contactCheck { allowed reasons } queuePlace { score } offers { kind } } } }`;

/** POSTs a body announced as `announcedBytes` long but sends only its first `sentBytes`, and waits for the answer. */
function postAnnounced(
  url: string,
  headers: Record<string, string>,
  announcedBytes: number,
  sentBytes: number,
): Promise<{ status: number; body: string; sentWhenAnswered: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = request(
      `${url}/graphql`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': announcedBytes, ...headers } },
      (res) => {
        const sentWhenAnswered = sent;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body, sentWhenAnswered });
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close its side after answering; the answer is what counts.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    const chunk = Buffer.alloc(sentBytes, 'a');
    chunk.write('{"query":"');
    req.write(chunk, () => (sent = sentBytes));
    // The rest is never sent: a server that waits to read the whole body never answers.
  });
}

describe('issue 10: limits of one operation and of a request', () => {
  let api: TestApi;
  let agency: AgencyData;
  let agencyKey: string;
  let otherKey: string;

  beforeAll(async () => {
    // The costliest allowed page takes seconds of wall time on a loaded test machine: the default 10 s budget is not
    // what these tests are about (an instance of its own checks the budget), so it does not decide them here.
    api = await startTestApi({ env: { OPERATION_TIME_BUDGET_MS: '60000' } });
    agency = await createAgency(api, { code: 'ATAQUE', name: 'Agencia Atacante' });
    agencyKey = await createApiKey(api, 'AGENCY', agency.id);
    otherKey = await createApiKey(api, 'SUPERVISOR');
    const rows = Array.from({ length: PLACED }, () => accountRow({ debtorName: 'Deudor Colocado' }));
    expect(await importAccounts(api, rows)).toBe(PLACED);
    expect(await placeAccounts(api, { search: 'Deudor Colocado' }, agency.id)).toBe(PLACED);
  });
  afterAll(() => api.close());

  async function refused(query: string, key: string | null, code: string, limit: number): Promise<GraphQLResponse> {
    const before = await countRows(api, TABLES);
    const response = await api.gql(query, {}, key);
    expectNoInternals(JSON.stringify(response));
    const error = expectError(response, code);
    expect(error.extensions?.limit).toBe(limit);
    // Refused before execution: no field was resolved, so there is no data at all.
    expect(response.data ?? null).toBeNull();
    expect(await countRows(api, TABLES)).toEqual(before);
    return response;
  }

  describe('attack 1: any key could kill the API with one query', () => {
    it('refuses the reported 16-deep accounts → interactions → account nesting with QUERY_TOO_DEEP, unexecuted', async () => {
      const response = await refused(nestedAccounts(16), agencyKey, 'QUERY_TOO_DEEP', DEFAULT_MAX_DEPTH);
      expect(response.status).toBe(400);
      // 50 deep (the report's 4.3 GB) is the same refusal.
      await refused(nestedAccounts(50), agencyKey, 'QUERY_TOO_DEEP', DEFAULT_MAX_DEPTH);
    });

    it('lets the same cycle through the depth rule at the limit, and refuses it one level deeper', async () => {
      // At depth 12 the cycle multiplies four lists of interactions: the cost limit is what stops it there, with
      // its own code — not the depth rule.
      const atLimit = await api.gql(nestedAccounts(DEFAULT_MAX_DEPTH), {}, agencyKey);
      expect(atLimit.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COSTLY']);
      // Two lists deep it runs.
      const shallower = await api.gql<{ accounts: { edges: unknown[] } }>(nestedAccounts(8), {}, agencyKey);
      expect(shallower.errors).toBeUndefined();
      expect(shallower.data!.accounts.edges).toHaveLength(1);
      await refused(nestedAccounts(DEFAULT_MAX_DEPTH + 1), agencyKey, 'QUERY_TOO_DEEP', DEFAULT_MAX_DEPTH);
    });

    it('refuses ten aliases of a 500-row page with per-row fields as QUERY_TOO_COSTLY, naming the cost', async () => {
      const response = await refused(aliased(10, PER_ROW_PAGE), agencyKey, 'QUERY_TOO_COSTLY', DEFAULT_MAX_COST);
      // The price is ten times that of one page (each alias is priced alone), far over the limit.
      const cost = response.errors![0]!.extensions!.cost as number;
      expect(cost).toBeGreaterThan(DEFAULT_MAX_COST);
      const one = await api.gql(aliased(1, PER_ROW_PAGE), {}, agencyKey);
      expect(one.errors).toBeUndefined();
    });

    it('refuses 1,000 aliases of accounts(first: 500) { totalCount } before parsing them all (TOO_MANY_TOKENS)', async () => {
      const document = aliased(1_000, 'accounts(first: 500) { totalCount }');
      // Small enough a body for a key (the refusal is the document's, not the transport's).
      expect(Buffer.byteLength(JSON.stringify({ query: document }))).toBeLessThan(KEYED_BODY_BYTES);
      await refused(document, agencyKey, 'TOO_MANY_TOKENS', DEFAULT_MAX_TOKENS);
    });

    it('refuses one alias past the alias limit with TOO_MANY_ALIASES even when the document is short', async () => {
      await refused(
        aliased(DEFAULT_MAX_ALIASES + 1, 'accounts(first: 1) { totalCount }'),
        agencyKey,
        'TOO_MANY_ALIASES',
        DEFAULT_MAX_ALIASES,
      );
      const atLimit = await api.gql(aliased(DEFAULT_MAX_ALIASES, 'accounts(first: 1) { totalCount }'), {}, agencyKey);
      expect(atLimit.errors).toBeUndefined();
    });

    it('refuses more directives than allowed with TOO_MANY_DIRECTIVES', async () => {
      const fields = (count: number) => Array.from({ length: count }, () => 'totalCount @include(if: true)').join(' ');
      await refused(
        `{ accounts(first: 1) { ${fields(DEFAULT_MAX_DIRECTIVES + 1)} } }`,
        agencyKey,
        'TOO_MANY_DIRECTIVES',
        DEFAULT_MAX_DIRECTIVES,
      );
      const atLimit = await api.gql(`{ accounts(first: 1) { ${fields(DEFAULT_MAX_DIRECTIVES)} } }`, {}, agencyKey);
      expect(atLimit.errors).toBeUndefined();
    });

    it("keeps another client's trivial query fast while the worst allowed per-row page runs", async () => {
      // The costliest shape the limits still let through: the largest page with every per-row field. Run once first
      // so what is measured is the steady state, not the first compilation of its code paths.
      expect((await api.gql(`{ ${PER_ROW_PAGE} }`, {}, agencyKey)).errors).toBeUndefined();
      const warm = await api.gql('{ me { role } }', {}, otherKey);
      expect(warm.errors, JSON.stringify(warm.errors)).toBeUndefined();
      const worst = api.gql<{ accounts: { edges: unknown[] } }>(`{ ${PER_ROW_PAGE} }`, {}, agencyKey);
      let worstDone = false;
      void worst.then(() => (worstDone = true));
      // How long each trivial query waited, as the CPU this process (the API and the test, one event loop) spent
      // meanwhile: on a machine shared with other jobs wall time stretches with the load, CPU time does not, and a
      // single event loop cannot answer sooner than the work queued ahead of it.
      const waits: { wallMs: number; cpuMs: number }[] = [];
      while (!worstDone && waits.length < 20) {
        const wall = performance.now();
        const cpu = process.cpuUsage();
        const trivial = await api.gql<{ me: { role: string } }>('{ me { role } }', {}, otherKey);
        const used = process.cpuUsage(cpu);
        waits.push({ wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 });
        expect(trivial.data?.me.role).toBe('SUPERVISOR');
      }
      const answer = await worst;
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.accounts.edges).toHaveLength(WORST_PAGE_ROWS);
      expect(waits.length).toBeGreaterThan(1);
      // The report: every other client blocked for 20 s.
      expect(Math.max(...waits.map((wait) => wait.cpuMs)), JSON.stringify(waits)).toBeLessThan(1_000);
    });
  });

  describe('attack 1: no per-request time limit', () => {
    it('stops an allowed but slow operation at the time budget with TIME_BUDGET_EXCEEDED, on a deployment set to 100 ms', async () => {
      // A second instance of the same deployment, with the smallest budget the setting allows.
      const strict = await startTestApi({ sharedDatabase: api.database, env: { OPERATION_TIME_BUDGET_MS: '100' } });
      try {
        const response = await strict.gql(`{ ${PER_ROW_PAGE} }`, {}, agencyKey);
        expectNoInternals(JSON.stringify(response));
        const codes = new Set(response.errors?.map((error) => error.extensions?.code));
        expect([...codes]).toEqual(['TIME_BUDGET_EXCEEDED']);
        expect(response.errors![0]!.extensions?.limit).toBe(100);
        // The same page on the instance with a budget it fits in is answered whole.
        expect((await api.gql(`{ ${PER_ROW_PAGE} }`, {}, agencyKey)).errors).toBeUndefined();
      } finally {
        await strict.close();
      }
    });
  });

  describe('attack 2 (HTTP): bodies read before the key was checked', () => {
    it('answers a 10 MB anonymous query document with 413 BODY_TOO_LARGE, unparsed, without stalling anyone', async () => {
      // The report's body: one huge GraphQL document, 3.9 s of a blocked event loop once parsed.
      const document = aliased(330_000, 'accounts { totalCount }');
      const body = JSON.stringify({ query: document });
      expect(body.length).toBeGreaterThan(10 * 1024 * 1024);
      const started = performance.now();
      const refusal = postRaw(api, body, { 'content-type': 'application/json' });
      const trivial = await api.gql<{ me: { role: string } }>('{ me { role } }', {}, otherKey);
      const trivialMs = performance.now() - started;
      const answer = await refusal;
      const elapsed = performance.now() - started;
      expect(trivial.data?.me.role).toBe('SUPERVISOR');
      expect(answer.status).toBe(413);
      expectNoInternals(answer.text);
      const error = expectError({ ...(JSON.parse(answer.text) as GraphQLResponse), status: 413 }, 'BODY_TOO_LARGE');
      // The limit of a request without a key, not the parser's or the document's refusal: it was never parsed.
      expect(error.extensions?.limit).toBe(ANONYMOUS_BODY_BYTES);
      expect(elapsed).toBeLessThan(2_000);
      expect(trivialMs).toBeLessThan(1_000);
    });

    it('refuses an announced 10 MB anonymous body at once from its Content-Length, before it is sent', async () => {
      const answer = await postAnnounced(api.url, {}, 10 * 1024 * 1024, 1024);
      expect(answer.status).toBe(413);
      expect(answer.sentWhenAnswered).toBeLessThanOrEqual(1024);
      const error = expectError({ ...(JSON.parse(answer.body) as GraphQLResponse), status: 413 }, 'BODY_TOO_LARGE');
      expect(error.extensions?.limit).toBe(ANONYMOUS_BODY_BYTES);
    });

    it('refuses an unknown key before its body is read (401), whatever the body announces', async () => {
      const answer = await postAnnounced(
        api.url,
        { authorization: 'Bearer rk_admin_never-issued-000000000000000000000000' },
        10 * 1024 * 1024,
        1024,
      );
      expect(answer.status).toBe(401);
      expectError({ ...(JSON.parse(answer.body) as GraphQLResponse), status: 401 }, 'UNAUTHENTICATED');
    });

    it('counts requests with a key that is not valid against their address, like anonymous ones (RATE_LIMITED)', async () => {
      const guesses = await Promise.all(
        Array.from({ length: ANONYMOUS_PER_SECOND * 2 }, (_, i) =>
          api.gql('{ __typename }', {}, `rk_admin_guess-${i}`),
        ),
      );
      const limited = guesses.filter((response) => response.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(limited.length + guesses.filter((response) => response.status === 401).length).toBe(guesses.length);
      expect(expectError(limited[0]!, 'RATE_LIMITED').extensions).toMatchObject({ limit: ANONYMOUS_PER_SECOND });
      // A valid key is counted by key, not by address: it is not held back by the guesses from its address.
      expect((await api.gql('{ __typename }', {}, agencyKey)).status).toBe(200);
      // The next tests send anonymous requests from this address: let its second pass.
      await sleep(1_100);
    });

    it("gives a valid key's body 512kb, and an anonymous query 16kb", async () => {
      const padding = (bytes: number) => JSON.stringify({ query: `{ __typename }${' '.repeat(bytes)}` });
      const keyed = await postRaw(api, padding(KEYED_BODY_BYTES), {
        'content-type': 'application/json',
        authorization: `Bearer ${agencyKey}`,
      });
      expect(keyed.status).toBe(413);
      expect(
        expectError({ ...(JSON.parse(keyed.text) as GraphQLResponse), status: 413 }, 'BODY_TOO_LARGE').extensions
          ?.limit,
      ).toBe(KEYED_BODY_BYTES);
      const anonymous = await postRaw(api, padding(ANONYMOUS_BODY_BYTES), { 'content-type': 'application/json' });
      expect(anonymous.status).toBe(413);
      // Under the limit, the same key's padded query is answered.
      const fits = await postRaw(api, padding(100 * 1024), {
        'content-type': 'application/json',
        authorization: `Bearer ${agencyKey}`,
      });
      expect(fits.status).toBe(200);
      expect(JSON.parse(fits.text)).toEqual({ data: { __typename: 'Query' } });
    });
  });
});
