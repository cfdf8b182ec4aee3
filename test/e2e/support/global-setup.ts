import type { TestProject } from 'vitest/node';
import { seedAnalyticsHistory } from './analytics-history.ts';
import { startApi, type ApiProcess } from './api-process.ts';
import { buildConsole, type ConsoleBuild } from './console-build.ts';
import { createRunDatabase, type RunDatabase } from './database.ts';

/**
 * One console build, one database and one API for the whole run: every test file drives the same server,
 * found through `inject('baseUrl')`. Tests that change data must therefore create their own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // An API already running with SEED_DEMO=always and SIMULATE=0, for quick runs while writing a test.
  const reuse = process.env.E2E_BASE_URL;
  if (reuse) {
    project.provide('baseUrl', reuse.replace(/\/$/, ''));
    return async () => {};
  }
  let build: ConsoleBuild | undefined;
  let database: RunDatabase | undefined;
  let api: ApiProcess | undefined;

  const teardown = async () => {
    // Each step runs even if an earlier one failed, so nothing outlives the run.
    const results = await Promise.allSettled([
      (async () => {
        try {
          await api?.stop();
        } finally {
          // Dropped with force, so this works even when the API had to be killed.
          await database?.drop();
        }
      })(),
      build?.remove(),
    ]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  };

  try {
    build = await buildConsole();
    database = await createRunDatabase();
    api = await startApi({
      databaseUrl: database.url,
      redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      consoleDist: build.dir,
    });
    await seedAnalyticsHistory(api.baseUrl, database.url);
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide('baseUrl', api.baseUrl);
  return teardown;
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
