import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullMqJobQueue } from '../src/core/job-queue/bullmq.adapter.ts';
import { PostgresFailedJobRecorder } from '../src/core/job-queue/failed-job.recorder.ts';
import { createLogger } from '../src/core/logger.ts';
import {
  CRASH_PROBE_JOB,
  crashProbeKeys,
  crashProbeWorkerTimings,
  type CrashProbeData,
} from './support/crash-probe.ts';
import { deleteKeysWithPrefix, testRedisUrl, uniqueQueuePrefix } from './support/redis.ts';
import { sql, startTestApi, type TestApi } from './support/test-api.ts';
import { waitFor } from './support/wait.ts';

const workerScript = fileURLToPath(new URL('./support/crash-probe.worker.ts', import.meta.url));
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** Starts the probe worker in a process of its own and resolves once its BullMQ worker listens. */
async function startWorker(prefix: string, databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript], {
    cwd: packageRoot,
    env: { ...process.env, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready:\n${output}`)));
  });
  return child;
}

describe('a BullMQ worker killed in the middle of a job', () => {
  let api: TestApi;
  let redis: Redis;
  const prefix = uniqueQueuePrefix();
  const keys = crashProbeKeys(prefix);
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    redis = new Redis(testRedisUrl());
    await sql(api, 'create table crash_probe_effect (job_id text primary key, written_by int not null)');
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    redis.disconnect();
    await deleteKeysWithPrefix(prefix);
    await api.close();
  });

  it('is run again by another worker, and its effect happens exactly once', async () => {
    const producer = new BullMqJobQueue({
      redisUrl: testRedisUrl(),
      prefix,
      recorder: new PostgresFailedJobRecorder(api.orm),
      logger: createLogger('silent'),
    });
    // Registered to produce only: this process never calls start(), so it runs no job.
    producer.register<CrashProbeData>(CRASH_PROBE_JOB, async () => {}, { attempts: 3, backoffMs: 100 });
    const inspector = new Queue(CRASH_PROBE_JOB, { connection: { url: testRedisUrl() }, prefix });
    const effects = () =>
      sql<{ job_id: string; written_by: number }>(
        api,
        'select job_id, written_by from crash_probe_effect order by job_id',
      );
    const starts = (jobId: string) => redis.lrange(keys.starts(jobId), 0, -1);

    try {
      const first = await startWorker(prefix, api.database.url);
      children.push(first);
      await producer.enqueue<CrashProbeData>(
        CRASH_PROBE_JOB,
        { effectFirst: false },
        { jobId: 'probe-effect-after-hold' },
      );
      await producer.enqueue<CrashProbeData>(
        CRASH_PROBE_JOB,
        { effectFirst: true },
        { jobId: 'probe-effect-before-hold' },
      );
      await waitFor('both jobs to start in the first worker, and the effect of one', async () => {
        const [after, before] = await Promise.all([
          starts('probe-effect-after-hold'),
          starts('probe-effect-before-hold'),
        ]);
        return after.length === 1 && before.length === 1 && (await effects()).length === 1;
      });
      // The first worker wrote one effect and holds both jobs: now it dies without a chance to clean up.
      expect(await effects()).toEqual([{ job_id: 'probe-effect-before-hold', written_by: first.pid }]);
      first.kill('SIGKILL');
      await once(first, 'exit');
      await redis.set(keys.release, '1');

      const second = await startWorker(prefix, api.database.url);
      children.push(second);
      await waitFor(
        'both jobs to complete in the second worker',
        async () =>
          (await inspector.getJobState('probe-effect-after-hold')) === 'completed' &&
          (await inspector.getJobState('probe-effect-before-hold')) === 'completed',
        crashProbeWorkerTimings.lockDurationMs * 15,
      );

      // Each job started twice — once per worker — and its effect is there once: the rerun of the job whose
      // effect the dead worker had written changed nothing.
      for (const jobId of ['probe-effect-after-hold', 'probe-effect-before-hold']) {
        expect((await starts(jobId)).map(Number)).toEqual([first.pid, second.pid]);
      }
      expect(await effects()).toEqual([
        { job_id: 'probe-effect-after-hold', written_by: second.pid },
        { job_id: 'probe-effect-before-hold', written_by: first.pid },
      ]);
      expect(await sql(api, 'select * from failed_job')).toEqual([]);

      second.kill('SIGTERM');
      const [code] = (await once(second, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      await inspector.close();
      await producer.close();
    }
  });
});
