import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server the run creates its database on: the machine's own unless TEST_DATABASE_URL says. */
export function serverUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

export interface RunDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty database of this run's own; the API migrates and seeds it at start. */
export async function createRunDatabase(): Promise<RunDatabase> {
  // Random, not the pid: two runs on one machine (or a run and a killed run's leftover) never collide.
  const name = `recupera_e2e_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database "${name}"`);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    // `with (force)` ends connections a killed API may have left open.
    drop: () => adminQuery(`drop database if exists "${name}" with (force)`),
  };
}
