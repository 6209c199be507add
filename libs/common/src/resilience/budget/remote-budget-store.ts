import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DatabaseTarget } from '../../database/database-url.js';
import type { BudgetPlan } from './budget-plan.js';

/** The table the Postgres store keeps one row per budget key in (created if missing). */
export const REMOTE_BUDGET_TABLE = 'remote_budget_slot';

/**
 * One attempt to take a key's slot. `taken`: the request may leave now. Otherwise `waitMs` is how
 * long until the key's next slot (by the store's clock). `recent` is how many requests the key has
 * had within about the last window (a count decaying with the window as its time constant): how full
 * the budget is, for metrics and for background work that yields.
 */
export type BudgetTake = { taken: true; recent: number } | { taken: false; waitMs: number; recent: number };

/**
 * Where remote budgets count: memory (one process, SQLite) or a Postgres table every replica on the
 * same database shares. One store per process; each key is a row (or map entry) holding the next
 * free slot (GCRA's "theoretical arrival time") and the decaying count, changed in one atomic step.
 */
export interface RemoteBudgetStore {
  readonly kind: 'memory' | 'postgres';
  /** Takes the next slot of `key` (already prefixed and hashed) if it is due under `plan`. `now` is the caller's clock; Postgres uses its own. */
  take(key: string, plan: BudgetPlan, now: number): Promise<BudgetTake>;
  close(): Promise<void>;
}

/** DI token of the process's RemoteBudgetStore. */
export const REMOTE_BUDGET_STORE = Symbol('RemoteBudgetStore');

interface SlotState {
  /** The next slot's time (GCRA's TAT). */
  nextAt: number;
  recent: number;
  recentAt: number;
}

/** Budgets in this process's memory: right for one process (the SQLite deployment) and for tests. */
export function memoryBudgetStore(): RemoteBudgetStore {
  const slots = new Map<string, SlotState>();
  return {
    kind: 'memory',
    take: (key, plan, now) => {
      const state = slots.get(key);
      const recent = state ? decayed(state.recent, now - state.recentAt, plan.windowMs) : 0;
      if (state && state.nextAt - plan.toleranceMs > now) return Promise.resolve({ taken: false, waitMs: state.nextAt - plan.toleranceMs - now, recent });
      slots.set(key, { nextAt: Math.max(state?.nextAt ?? now, now) + plan.intervalMs, recent: recent + 1, recentAt: now });
      return Promise.resolve({ taken: true, recent: recent + 1 });
    },
    close: () => Promise.resolve(),
  };
}

/** A count of events decayed over `elapsedMs` with `windowMs` as the time constant. */
function decayed(count: number, elapsedMs: number, windowMs: number): number {
  return count * Math.exp(-Math.max(0, elapsedMs) / windowMs);
}

/**
 * One round trip takes a slot or says how long to wait: the upsert advances the key's next slot only
 * when it is due (row-locked, so two replicas never take one slot), and the second branch reads the
 * row as it was when the slot was not due. Times are the database's clock in ms, so replicas' clocks
 * never enter the count. $1 key, $2 interval, $3 tolerance, $4 window.
 */
const TAKE_SLOT = `
WITH clock AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now),
taken AS (
  INSERT INTO ${REMOTE_BUDGET_TABLE} AS slot (key, next_at, recent, recent_at)
  SELECT $1, clock.now + $2, 1, clock.now FROM clock
  ON CONFLICT (key) DO UPDATE
    SET next_at = GREATEST(slot.next_at, EXCLUDED.recent_at) + $2,
        recent = slot.recent * exp(LEAST(0, slot.recent_at - EXCLUDED.recent_at) / $4) + 1,
        recent_at = EXCLUDED.recent_at
    WHERE slot.next_at - $3 <= EXCLUDED.recent_at
  RETURNING slot.recent
)
SELECT true AS taken, 0::float8 AS wait_ms, taken.recent FROM taken
UNION ALL
SELECT false, slot.next_at - $3 - clock.now, slot.recent * exp(LEAST(0, slot.recent_at - clock.now) / $4)
  FROM ${REMOTE_BUDGET_TABLE} slot, clock
 WHERE slot.key = $1 AND NOT EXISTS (SELECT 1 FROM taken)`;

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
      const { rows } = await pool.query<{ taken: boolean; wait_ms: number; recent: number }>(TAKE_SLOT, [key, plan.intervalMs, plan.toleranceMs, plan.windowMs]);
      const [row] = rows;
      // No row: another replica inserted the key after this statement's snapshot; its slot is one interval away at most.
      if (!row) return { taken: false, waitMs: plan.intervalMs, recent: 0 };
      return row.taken ? { taken: true, recent: row.recent } : { taken: false, waitMs: Math.max(0, row.wait_ms), recent: row.recent };
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
      `CREATE TABLE IF NOT EXISTS ${REMOTE_BUDGET_TABLE} (key varchar(255) PRIMARY KEY, next_at float8 NOT NULL, recent float8 NOT NULL, recent_at float8 NOT NULL)`,
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
