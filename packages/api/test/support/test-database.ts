import { randomBytes } from 'node:crypto';
import { createDatabase, dropDatabase } from '../../src/core/database/admin.ts';

/** The PostgreSQL server tests run on: the machine's own, unless TEST_DATABASE_URL says otherwise. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file. */
export async function cloneTemplate(template: string): Promise<TestDatabase> {
  const name = `recupera_test_${randomBytes(6).toString('hex')}`;
  const url = await createDatabase(testServerUrl(), name, template);
  return { url, name, drop: () => dropDatabase(testServerUrl(), name) };
}
