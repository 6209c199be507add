import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Postgres for benchmarks: BENCH_POSTGRES_URL (else the tests' server, else the local trust-auth one). */
export const BENCH_POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database of its own for one benchmark run (as replicas.bench.ts makes one), dropped with `drop` even while connections remain. */
export async function createFreshDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
