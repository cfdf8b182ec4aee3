import type { TestProject } from 'vitest/node';
import { createDatabase, databaseUrl, dropDatabase } from '../../src/core/database/admin.ts';
import { migrate } from '../../src/core/database/orm.ts';
import { openOrm } from '../../src/app/database.ts';
import { testServerUrl } from './test-database.ts';

/**
 * Migrates one template database per run; each test file clones it (CREATE DATABASE … TEMPLATE), which takes
 * a fraction of a second, instead of migrating its own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = testServerUrl();
  const template = `recupera_test_template_${process.pid}`;
  await dropDatabase(serverUrl, template);
  await createDatabase(serverUrl, template);
  const orm = await openOrm({ url: databaseUrl(serverUrl, template), poolMax: 2 });
  try {
    await migrate(orm);
  } finally {
    await orm.close(true);
  }
  project.provide('templateDatabase', template);
  return async () => {
    await dropDatabase(serverUrl, template);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
