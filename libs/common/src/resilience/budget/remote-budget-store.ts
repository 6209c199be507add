import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DatabaseTarget } from '../../database/database-url.js';
import type { BudgetPlan } from './budget-plan.js';

/** The table the Postgres store keeps one row per budget key in (created if missing): the times of the key's last slots. */
export const REMOTE_BUDGET_TABLE = 'remote_budget_slot';

/**
 * One attempt to take a key's slot. `taken`: the request may leave now. Otherwise `waitMs` is how
 * long until the key's next slot is free (by the store's clock). `used` is how many slots the key
 * has had within the last window (this one included): how full the budget is, for metrics and for
 * background work that yields.
 */
export type BudgetTake = { taken: true; used: number } | { taken: false; waitMs: number; used: number };

/**
 * Where remote budgets count: memory (one process, SQLite) or a Postgres table every replica on the
 * same database shares. One store per process; each key is a row (or map entry) holding the times of
 * its last `limit` slots as a ring (`sent`; the one to replace next at `taken mod limit`), changed in
 * one atomic step.
 */
export interface RemoteBudgetStore {
  readonly kind: 'memory' | 'postgres';
  /** Takes a slot of `key` (already prefixed and hashed) if `plan` has one free. `now` is the caller's clock; Postgres uses its own. */
  take(key: string, plan: BudgetPlan, now: number): Promise<BudgetTake>;
  close(): Promise<void>;
}

/** DI token of the process's RemoteBudgetStore. */
export const REMOTE_BUDGET_STORE = Symbol('RemoteBudgetStore');

/** Budgets in this process's memory: right for one process (the SQLite deployment) and for tests. */
export function memoryBudgetStore(): RemoteBudgetStore {
  const rings = new Map<string, { sent: number[]; taken: number }>();
  const usedIn = (sent: number[], now: number, windowMs: number) => sent.filter((at) => at > now - windowMs).length;
  return {
    kind: 'memory',
    take: (key, plan, now) => {
      let ring = rings.get(key);
      if (!ring) rings.set(key, (ring = { sent: [], taken: 0 }));
      const index = ring.taken % plan.limit;
      const freeAt = (ring.sent[index] ?? -Infinity) + plan.spanMs;
      if (freeAt > now) return Promise.resolve({ taken: false, waitMs: freeAt - now, used: usedIn(ring.sent, now, plan.windowMs) });
      ring.sent[index] = now;
      ring.taken += 1;
      return Promise.resolve({ taken: true, used: usedIn(ring.sent, now, plan.windowMs) });
    },
    close: () => Promise.resolve(),
  };
}

/**
 * One round trip takes a slot or says how long to wait. The upsert writes the slot's time over the
 * limit-th slot before it, only when that one is `span` old (row-locked, so two replicas never take
 * one slot); the second branch reads the row as it was when no slot was free. An element missing
 * (a new key, or a limit raised since) is free. Times are the database's clock in ms, so replicas'
 * clocks never enter the count. $1 key, $2 limit, $3 span, $4 window.
 */
const TAKE_SLOT = `
WITH clock AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now),
took AS (
  INSERT INTO ${REMOTE_BUDGET_TABLE} AS slot (key, sent, taken)
  SELECT $1, ARRAY[clock.now], 1 FROM clock
  ON CONFLICT (key) DO UPDATE
    SET sent[(slot.taken % $2::int)::int + 1] = EXCLUDED.sent[1],
        taken = slot.taken + 1
    WHERE COALESCE(slot.sent[(slot.taken % $2::int)::int + 1], '-Infinity') + $3 <= EXCLUDED.sent[1]
  RETURNING slot.sent
)
SELECT true AS taken, 0::float8 AS wait_ms, (SELECT count(*) FROM unnest(took.sent) at WHERE at > clock.now - $4)::int AS used
  FROM took, clock
UNION ALL
SELECT false, COALESCE(slot.sent[(slot.taken % $2::int)::int + 1], '-Infinity') + $3 - clock.now,
       (SELECT count(*) FROM unnest(slot.sent) at WHERE at > clock.now - $4)::int
  FROM ${REMOTE_BUDGET_TABLE} slot, clock
 WHERE slot.key = $1 AND NOT EXISTS (SELECT 1 FROM took)`;

/**
 * Budgets in Postgres, shared by every replica on `url`: a small pool of its own (the budget is
 * asked before every remote request, it must not queue behind TypeORM's work) and one table,
 * created here if missing, under a transaction-scoped advisory lock (two replicas starting together
 * would otherwise race on `CREATE TABLE IF NOT EXISTS`). Rows hold hashed keys only.
 */
export function postgresBudgetStore(url: string, poolSize = 4): RemoteBudgetStore {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client's error (the server restarted) must not crash the process; the next query fails on its own.
  pool.on('error', (error) => new Logger('RemoteBudget').warn({ msg: 'An idle budget connection to Postgres failed', error: error.message }));
  let table: Promise<void> | undefined;
  const tableReady = (): Promise<void> => {
    table ??= createTable(pool).catch((error: unknown) => {
      table = undefined; // the next take tries again
      throw toError(error);
    });
    return table;
  };
  return {
    kind: 'postgres',
    take: async (key, plan) => {
      await tableReady();
      const { rows } = await pool.query<{ taken: boolean; wait_ms: number; used: number }>(TAKE_SLOT, [key, plan.limit, plan.spanMs, plan.windowMs]);
      const [row] = rows;
      // No row: another replica inserted the key after this statement's snapshot; ask again at once.
      if (!row) return { taken: false, waitMs: 0, used: 0 };
      return row.taken ? { taken: true, used: row.used } : { taken: false, waitMs: Math.max(0, row.wait_ms), used: row.used };
    },
    close: () => pool.end(),
  };
}

async function createTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [REMOTE_BUDGET_TABLE]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${REMOTE_BUDGET_TABLE} (key varchar(255) PRIMARY KEY, sent float8[] NOT NULL, taken bigint NOT NULL)`,
    );
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

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
