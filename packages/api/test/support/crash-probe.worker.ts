/**
 * A BullMQ worker in a process of its own, for the crash test (job-worker-crash.test.ts): the test SIGKILLs it
 * in the middle of a job. Run as `node --import tsx test/support/crash-probe.worker.ts` with
 * REDIS_URL, QUEUE_PREFIX and DATABASE_URL set; prints `ready` once its worker listens.
 *
 * The `crash-probe` job records each start (Redis list, with this process id), writes its effect — one row
 * keyed by job id, inserted only if absent — and holds until the test sets the release key. `effectFirst`
 * chooses whether the effect comes before the hold (the dead worker did it) or after (the next one must).
 */
import { Redis } from 'ioredis';
import { systemEm } from '../../src/core/database/orm.ts';
import { openOrm } from '../../src/app/database.ts';
import { BullMqJobQueue } from '../../src/core/job-queue/bullmq.adapter.ts';
import { PostgresFailedJobRecorder } from '../../src/core/job-queue/failed-job.recorder.ts';
import { createLogger } from '../../src/core/logger.ts';
import { CRASH_PROBE_JOB, crashProbeKeys, crashProbeWorkerTimings, type CrashProbeData } from './crash-probe.ts';

const redisUrl = process.env.REDIS_URL!;
const prefix = process.env.QUEUE_PREFIX!;
const orm = await openOrm({ url: process.env.DATABASE_URL!, poolMax: 2 });
const redis = new Redis(redisUrl);
const keys = crashProbeKeys(prefix);

const queue = new BullMqJobQueue({
  redisUrl,
  prefix,
  recorder: new PostgresFailedJobRecorder(orm),
  logger: createLogger('warn'),
  ...crashProbeWorkerTimings,
});

async function effect(jobId: string): Promise<void> {
  await systemEm(orm).execute(
    'insert into crash_probe_effect (job_id, written_by) values (?, ?) on conflict (job_id) do nothing',
    [jobId, process.pid],
  );
}

queue.register<CrashProbeData>(
  CRASH_PROBE_JOB,
  async (data, context) => {
    await redis.rpush(keys.starts(context.jobId), String(process.pid));
    if (data.effectFirst) await effect(context.jobId);
    while ((await redis.get(keys.release)) === null) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!data.effectFirst) await effect(context.jobId);
  },
  { attempts: 3, backoffMs: 100, concurrency: 2 },
);
await queue.start();
process.stdout.write('ready\n');

process.on('SIGTERM', () => {
  void (async () => {
    await queue.close();
    await orm.close(true);
    redis.disconnect();
    process.exit(0);
  })();
});
