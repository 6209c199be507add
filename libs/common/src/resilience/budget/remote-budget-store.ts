import { Logger } from '@nestjs/common';
import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DatabaseTarget } from '../../database/database-url.js';
import type { BudgetPlan } from './budget-plan.js';

/** The table rate-limiter-flexible creates (if missing) in the connector's Postgres database. */
export const REMOTE_BUDGET_TABLE = 'remote_budget';

/**
 * Where remote budgets count: memory (one process, SQLite) or a Postgres table every replica on the
 * same database shares. One store per process; a limiter per remote (its rows prefixed by `name`).
 */
export interface RemoteBudgetStore {
  readonly kind: 'memory' | 'postgres';
  /** A limiter of `plan.points` per `plan.subWindowMs` per key, ready to use once the promise resolves. */
  limiter(name: string, plan: BudgetPlan): Promise<RateLimiterAbstract>;
  close(): Promise<void>;
}

/** DI token of the process's RemoteBudgetStore. */
export const REMOTE_BUDGET_STORE = Symbol('RemoteBudgetStore');

/** Budgets in this process's memory: right for one process (the SQLite deployment) and for tests. */
export function memoryBudgetStore(): RemoteBudgetStore {
  return {
    kind: 'memory',
    limiter: (name, plan) => Promise.resolve(new RateLimiterMemory({ keyPrefix: name, ...limits(plan) })),
    close: () => Promise.resolve(),
  };
}

/**
 * Budgets in Postgres, shared by every replica on `url`: a small pool of its own (the budget is
 * asked before every remote request, it must not queue behind TypeORM's work) and one table,
 * `remote_budget`, created here if missing. Not by rate-limiter-flexible: its `CREATE TABLE IF NOT
 * EXISTS` races when two limiters (or replicas) start together (Postgres answers `type "remote_budget"
 * already exists`), so the creation runs once per store under a transaction-scoped advisory lock.
 * Rows hold hashed keys only.
 */
export function postgresBudgetStore(url: string, poolSize = 4): RemoteBudgetStore {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client's error (the server restarted) must not crash the process; the next query fails on its own.
  pool.on('error', (error) => new Logger('RemoteBudget').warn({ msg: 'An idle budget connection to Postgres failed', error: error.message }));
  let table: Promise<void> | undefined;
  const tableReady = (): Promise<void> => {
    table ??= createTable(pool).catch((error: unknown) => {
      table = undefined; // the next limiter tries again
      throw toError(error);
    });
    return table;
  };
  return {
    kind: 'postgres',
    limiter: async (name, plan) => {
      await tableReady();
      return new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName: REMOTE_BUDGET_TABLE,
        tableCreated: true,
        keyPrefix: name,
        ...limits(plan),
      });
    },
    close: () => pool.end(),
  };
}

/** The table rate-limiter-flexible expects (its own statement), made by one session at a time. */
async function createTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [REMOTE_BUDGET_TABLE]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${REMOTE_BUDGET_TABLE} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The store that fits the app's database: Postgres shares budgets across replicas; SQLite (or no
 * database at all) is one process, so memory.
 */
export function remoteBudgetStoreFor(target: DatabaseTarget | undefined): RemoteBudgetStore {
  return target?.type === 'postgres' ? postgresBudgetStore(target.url) : memoryBudgetStore();
}

function limits(plan: BudgetPlan): { points: number; duration: number } {
  // rate-limiter-flexible counts durations in seconds; whole milliseconds keep Postgres' bigint expiry exact.
  return { points: plan.points, duration: Math.round(plan.subWindowMs) / 1000 };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
