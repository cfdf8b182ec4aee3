import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { systemEm, type Orm } from '../src/core/database/orm.ts';
import { openOrm } from '../src/app/database.ts';
import { BullMqJobQueue } from '../src/core/job-queue/bullmq.adapter.ts';
import { PostgresFailedJobRecorder } from '../src/core/job-queue/failed-job.recorder.ts';
import { InProcessJobQueue } from '../src/core/job-queue/in-process.adapter.ts';
import { UnknownJobError, type JobContext, type JobData, type JobQueue } from '../src/core/job-queue/job-queue.ts';
import { createLogger } from '../src/core/logger.ts';
import { deleteKeysWithPrefix, testRedisUrl, uniqueQueuePrefix } from './support/redis.ts';
import { cloneTemplate, type TestDatabase } from './support/test-database.ts';
import { sleep, waitFor } from './support/wait.ts';

/**
 * The JobQueue contract, run against both adapters: whatever a job relies on must hold on the zero-setup
 * in-process queue and on BullMQ alike. BullMQ runs on the real local Redis under a prefix of its own per
 * test, deleted afterwards.
 */

interface FailedJobRow extends Record<string, unknown> {
  queue: string;
  job_id: string;
  data: Record<string, unknown>;
  attempts: number;
  error: string;
}

let database: TestDatabase;
let orm: Orm;

beforeAll(async () => {
  database = await cloneTemplate(inject('templateDatabase'));
  orm = await openOrm({ url: database.url, poolMax: 5 });
});

afterAll(async () => {
  await orm.close(true);
  await database.drop();
});

async function failedJobs(jobId: string): Promise<FailedJobRow[]> {
  return systemEm(orm).execute<FailedJobRow[]>(
    'select queue, job_id, data, attempts, error from failed_job where job_id = ?',
    [jobId],
  );
}

const adapters: Record<string, () => { queue: JobQueue; cleanup: () => Promise<void> }> = {
  'in-process': () => ({
    queue: new InProcessJobQueue({ recorder: new PostgresFailedJobRecorder(orm), logger: createLogger('silent') }),
    cleanup: async () => {},
  }),
  bullmq: () => {
    const prefix = uniqueQueuePrefix();
    return {
      queue: new BullMqJobQueue({
        redisUrl: testRedisUrl(),
        prefix,
        recorder: new PostgresFailedJobRecorder(orm),
        logger: createLogger('silent'),
      }),
      cleanup: () => deleteKeysWithPrefix(prefix),
    };
  },
};

describe.each(Object.keys(adapters))('JobQueue contract: %s adapter', (adapter) => {
  let queue: JobQueue;
  let cleanup: () => Promise<void>;
  let closed = false;

  const fresh = () => {
    ({ queue, cleanup } = adapters[adapter]!());
    closed = false;
  };
  const close = async () => {
    if (closed) return;
    closed = true;
    await queue.close();
    await cleanup();
  };

  afterEach(async () => {
    await close();
  });

  it('runs a job with its data, its id and the attempt number', async () => {
    fresh();
    const runs: { data: JobData; context: JobContext }[] = [];
    queue.register('echo', async (data, context) => void runs.push({ data, context }), { attempts: 3 });
    await queue.start();
    const id = await queue.enqueue('echo', { text: 'hola', nested: { amount: '12.50' }, list: [1, 2] });
    await waitFor('the job to run', () => runs.length === 1);
    expect(runs[0]!.data).toEqual({ text: 'hola', nested: { amount: '12.50' }, list: [1, 2] });
    expect(runs[0]!.context).toEqual({ jobId: id, name: 'echo', attempt: 1, maxAttempts: 3 });
  });

  it('holds jobs enqueued before start until start', async () => {
    fresh();
    let ran = 0;
    queue.register('early', async () => void (ran += 1));
    await queue.enqueue('early', {});
    await sleep(300);
    expect(ran).toBe(0);
    await queue.start();
    await waitFor('the held job to run', () => ran === 1);
  });

  it('runs a delayed job no earlier than its delay', async () => {
    fresh();
    let ranAt = 0;
    queue.register('later', async () => void (ranAt = Date.now()));
    await queue.start();
    const enqueuedAt = Date.now();
    await queue.enqueue('later', {}, { delayMs: 700 });
    await sleep(300);
    expect(ranAt).toBe(0);
    await waitFor('the delayed job', () => ranAt > 0);
    expect(ranAt - enqueuedAt).toBeGreaterThanOrEqual(650);
  });

  it('retries a failing job with exponential backoff until it succeeds', async () => {
    fresh();
    const starts: { attempt: number; at: number }[] = [];
    queue.register(
      'flaky',
      async (_data, context) => {
        starts.push({ attempt: context.attempt, at: Date.now() });
        if (context.attempt < 3) throw new Error(`transient failure ${context.attempt}`);
      },
      { attempts: 4, backoffMs: 150 },
    );
    await queue.start();
    const id = await queue.enqueue('flaky', {});
    await waitFor('the third attempt', () => starts.length === 3);
    await sleep(700); // a fourth run would start within 600 ms (150 × 2²)
    expect(starts.map((start) => start.attempt)).toEqual([1, 2, 3]);
    const [first, second, third] = starts;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(140);
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(290);
    expect(await failedJobs(id)).toEqual([]);
  });

  it('writes a job that fails for good to failed_job, with its data, attempts and error', async () => {
    fresh();
    let runs = 0;
    queue.register(
      'doomed',
      async () => {
        runs += 1;
        throw new Error('the gateway refused the message');
      },
      { attempts: 2, backoffMs: 50 },
    );
    await queue.start();
    const id = await queue.enqueue('doomed', { promiseId: 'p-1' });
    const [row] = await waitFor('the failed_job row', () => failedJobs(id).then((rows) => (rows.length ? rows : null)));
    expect(row).toMatchObject({ queue: 'doomed', job_id: id, data: { promiseId: 'p-1' }, attempts: 2 });
    expect(row!.error).toContain('the gateway refused the message');
    await sleep(300);
    expect(runs).toBe(2);
    expect(await failedJobs(id)).toHaveLength(1);
  });

  it('runs a job id once however often it is enqueued, before and after it ran', async () => {
    fresh();
    let runs = 0;
    queue.register('once', async () => {
      await sleep(100);
      runs += 1;
    });
    await queue.start();
    const ids = await Promise.all([1, 2, 3].map(() => queue.enqueue('once', { n: 1 }, { jobId: 'reminder-abc' })));
    expect(ids).toEqual(['reminder-abc', 'reminder-abc', 'reminder-abc']);
    await waitFor('the job to run', () => runs === 1);
    await queue.enqueue('once', { n: 2 }, { jobId: 'reminder-abc' });
    await sleep(400);
    expect(runs).toBe(1);
  });

  it('repeats a scheduled job, and scheduling the name again replaces the repeat', async () => {
    fresh();
    const seen: number[] = [];
    queue.register('tick', async (data) => void seen.push(data.version as number));
    await queue.start();
    await queue.schedule('tick', { everyMs: 250 }, { version: 1 });
    await waitFor('two repeats', () => seen.length >= 2, 3_000);
    await queue.schedule('tick', { everyMs: 250 }, { version: 2 });
    await sleep(400);
    const before = seen.length;
    await sleep(1_500);
    const during = seen.slice(before);
    // One repeat every 250 ms: six in 1.5 s, give or take timer slack; a doubled schedule would give twelve.
    expect(during.length).toBeGreaterThanOrEqual(3);
    expect(during.length).toBeLessThanOrEqual(8);
    expect(during.every((version) => version === 2)).toBe(true);
  });

  it('fires a cron schedule read in a time zone', async () => {
    fresh();
    let runs = 0;
    queue.register('every-second', async () => void (runs += 1));
    await queue.start();
    await queue.schedule('every-second', { cron: '* * * * * *', timeZone: 'America/Lima' }, {});
    await waitFor('a cron run', () => runs >= 1, 3_000);
  });

  it('runs at most `concurrency` jobs of a name at once', async () => {
    fresh();
    let running = 0;
    let most = 0;
    let done = 0;
    queue.register(
      'parallel',
      async () => {
        running += 1;
        most = Math.max(most, running);
        await sleep(200);
        running -= 1;
        done += 1;
      },
      { concurrency: 2 },
    );
    await queue.start();
    for (let n = 0; n < 5; n += 1) await queue.enqueue('parallel', { n });
    await waitFor('all five', () => done === 5, 5_000);
    expect(most).toBe(2);
  });

  it('refuses unknown job names, ids the queue cannot keep apart, and registrations after start', async () => {
    fresh();
    queue.register('known', async () => {});
    await expect(queue.enqueue('unknown', {})).rejects.toBeInstanceOf(UnknownJobError);
    await expect(queue.enqueue('known', {}, { jobId: 'a:b' })).rejects.toThrow(/":"/);
    await expect(queue.enqueue('known', {}, { jobId: '42' })).rejects.toThrow(/integer/);
    await queue.start();
    expect(() => queue.register('late', async () => {})).toThrow(/before start/);
  });

  it('lets the running job finish on close', async () => {
    fresh();
    let started = false;
    let finished = false;
    queue.register('slow', async () => {
      started = true;
      await sleep(400);
      finished = true;
    });
    await queue.start();
    await queue.enqueue('slow', {});
    await waitFor('the job to start', () => started);
    await close();
    expect(finished).toBe(true);
  });
});
