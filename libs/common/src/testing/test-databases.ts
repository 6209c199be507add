import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseTarget } from '../database/database-url.js';

/**
 * Test databases: SQLite always; Postgres when reachable at TEST_POSTGRES_URL (default the local
 * trust-auth server). Outside CI an unreachable Postgres skips its suites with a loud warning; in CI
 * (CI=true) it fails them, so a green CI always means both databases were tested.
 */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  target: DatabaseTarget;
  /** Drops what `create` made. */
  drop(): Promise<void>;
}

let postgresReachable: Promise<boolean> | undefined;

export function isPostgresReachable(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return postgresReachable;
}

/** Which databases this run tests: throws in CI when Postgres is down, warns and leaves it out elsewhere. */
export async function availableDatabases(): Promise<Array<'sqlite' | 'postgres'>> {
  if (await isPostgresReachable()) return ['sqlite', 'postgres'];
  const message = `Postgres is not reachable at ${TEST_POSTGRES_URL}`;
  if (process.env.CI) throw new Error(`${message}; CI requires it (set TEST_POSTGRES_URL)`);
  // Loud on purpose, whatever the test output capture keeps: the run tested one database, not two.
  process.stderr.write(`\n*** SKIPPING POSTGRES SUITES: ${message}. Set TEST_POSTGRES_URL or start Postgres to run them. ***\n`);
  return ['sqlite'];
}

/** A fresh, empty database of the given kind: a temporary SQLite file, or a new Postgres database. */
export async function createTestDatabase(name: 'sqlite' | 'postgres', tmpDir: string): Promise<TestDatabase> {
  const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  if (name === 'sqlite') {
    return { name, target: { type: 'sqlite', path: `${tmpDir}/test_${suffix}.sqlite` }, drop: async () => undefined };
  }
  const database = `connector_test_${suffix}`;
  await adminQuery(`CREATE DATABASE "${database}"`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return {
    name,
    target: { type: 'postgres', url: url.toString() },
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
