import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApi, type LaunchedApi } from './support/api-launcher.ts';
import { graphqlClient } from './support/graphql-http-client.ts';
import { sleep, waitFor } from './support/wait.ts';

/**
 * Issue 9's "at night and at the weekend": `pnpm start`'s real main.ts on the embedded PostgreSQL, with the machine's
 * clock set to Saturday 5 December 2026, 02:00 in Lima (07:00 UTC) by Debian's libfaketime — when Peru allows no
 * collection call. The demo runs on the demo clock (docs/demo.md): seeded and served on Monday 07:00, its simulated
 * floor makes attempts within 20 seconds of "ready". A restart an hour later goes on from there, never back.
 *
 * Only Node's clock is faked (FAKETIME_ONLY_CMDS=node): the embedded PostgreSQL keeps the real time, as a database
 * server on another machine would; nothing in the API takes "now" from it for a business decision.
 */

const MANAGER = 'demo-manager-0000-recupera';
const LIBFAKETIME = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/faketime/libfaketimeMT.so.1',
].find((file) => fs.existsSync(file));
const lima = (wall: string) => Date.parse(`${wall}-05:00`);

let folder: string;
let pgPort: number;
/** The latest demo time the first run answered. */
let lastDemoNow = 0;
const running = new Set<LaunchedApi>();

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** main.ts as `pnpm start` runs it, its clock set to `fakeUtc` (then running on at real speed). */
async function startAt(fakeUtc: string): Promise<LaunchedApi> {
  const api = await launchApi({
    name: `the demo at ${fakeUtc} UTC`,
    env: {
      LD_PRELOAD: LIBFAKETIME!,
      FAKETIME: `@${fakeUtc}`,
      FAKETIME_ONLY_CMDS: 'node',
      // FAKETIME is read in the process's zone.
      TZ: 'UTC',
      // The embedded path: no DATABASE_URL, whatever the test run has set.
      DATABASE_URL: '',
      REDIS_URL: '',
      SEED_DEMO: '',
      DEMO_CLOCK: '',
      EMBEDDED_PG_DIR: path.join(folder, 'postgres'),
      EMBEDDED_PG_PORT: String(pgPort),
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_ACCOUNTS: '300',
      SIMULATE: '1',
      SIMULATION_SPEED: '500',
      CONSOLE_DIST: path.join(folder, 'no-console'),
      LOG_LEVEL: 'info',
    },
    startTimeoutMs: 90_000,
  });
  running.add(api);
  return api;
}

async function stop(api: LaunchedApi): Promise<void> {
  await api.stop();
  running.delete(api);
}

const OPERATION = `{ operation { now businessDate demoClock { active offsetMs } } kpis(scope: {}, window: TODAY) { attempts } }`;
interface Answer {
  operation: { now: string; businessDate: string; demoClock: { active: boolean; offsetMs: number } };
  kpis: { attempts: number };
}

beforeAll(() => {
  if (!LIBFAKETIME) throw new Error('libfaketime is missing: apt-get install faketime (Debian, Ubuntu)');
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'recupera-demo-night-'));
  // As root the embedded PostgreSQL runs as another user, who must reach the data folder.
  fs.chmodSync(folder, 0o755);
});

beforeAll(async () => {
  pgPort = await freePort();
});

afterAll(async () => {
  for (const api of running) await api.stop();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe('the demo started at night', () => {
  it('started on Saturday 02:00 in Lima, works Monday 07:00: attempts rise within 20 seconds of ready', async () => {
    const api = await startAt('2026-12-05 07:00:00');
    expect(api.output()).toMatch(/Demo time {4}Mon 2026-12-07 07:00 \(America\/Lima\), 5[23] h \d\d min ahead/);
    const { ok } = graphqlClient(api.url, { key: MANAGER });

    const ready = Date.now();
    const moving = await waitFor(
      'attempts on the demo floor',
      async () => {
        const answer = await ok<Answer>(OPERATION);
        return answer.kpis.attempts > 0 ? answer : null;
      },
      20_000,
    );
    const seconds = (Date.now() - ready) / 1000;
    expect(seconds).toBeLessThanOrEqual(20);
    console.log(
      `demo at Saturday 02:00 Lima: ready in ${(api.startupMs / 1000).toFixed(1)} s, first attempts ${seconds.toFixed(1)} s later`,
    );

    // Monday morning in Lima, a few seconds of demo time after the opening; the API's own rules allow calls.
    expect(moving.operation.businessDate).toBe('2026-12-07');
    expect(moving.operation.demoClock.active).toBe(true);
    const now = Date.parse(moving.operation.now);
    expect(now).toBeGreaterThanOrEqual(lima('2026-12-07T07:00:00'));
    expect(now).toBeLessThan(lima('2026-12-07T07:05:00'));
    const { accounts } = await ok<{ accounts: { edges: { node: { contactCheck: { reasons: string[] } } }[] } }>(
      `{ accounts(first: 50) { edges { node { contactCheck { reasons } } } } }`,
    );
    const timeRules = accounts.edges
      .flatMap((edge) => edge.node.contactCheck.reasons)
      .filter((reason) => ['OUTSIDE_HOURS', 'NOT_A_CONTACT_DAY', 'PUBLIC_HOLIDAY'].includes(reason));
    expect(timeRules).toEqual([]);

    await sleep(1_000);
    const later = await ok<Answer>(OPERATION);
    expect(later.kpis.attempts).toBeGreaterThanOrEqual(moving.kpis.attempts);
    lastDemoNow = Date.parse(later.operation.now);
    await stop(api);
  }, 150_000);

  it('an hour of real time later, a restart goes on from Monday, never back to real time', async () => {
    const api = await startAt('2026-12-05 08:00:00');
    expect(api.output()).not.toContain('seeding the demo portfolio');
    const { ok } = graphqlClient(api.url, { key: MANAGER });
    const { operation } = await ok<Answer>(OPERATION);
    expect(operation.businessDate).toBe('2026-12-07');
    // The offset of the first start (Monday 07:00 minus its real start) carried on by an hour of real time.
    const now = Date.parse(operation.now);
    expect(lastDemoNow).toBeGreaterThan(0);
    expect(now).toBeGreaterThan(lastDemoNow);
    expect(now).toBeGreaterThanOrEqual(lima('2026-12-07T07:55:00'));
    expect(now).toBeLessThan(lima('2026-12-07T08:05:00'));
    await stop(api);
  }, 150_000);
});
