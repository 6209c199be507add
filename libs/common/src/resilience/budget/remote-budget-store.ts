import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DatabaseTarget } from '../../database/database-url.js';
import type { BudgetPlan } from './budget-plan.js';

/** The table the Postgres store keeps one row per budget key in (created if missing): the times of the key's last slots. */
export const REMOTE_BUDGET_TABLE = 'remote_budget_slot';

/**
 * One attempt to take up to `wanted` slots of a key: `delays` holds, for each slot taken, how long
 * from now its request may leave (0 for now; never more than the horizon asked for), the first
 * `delays.length` waiters in order. `nextInMs` is when the slot after them would come (by the store's
 * clock). `used` is how many slots the key has within the last window (these included): how full the
 * budget is, for metrics and for background work that yields.
 */
export interface BudgetTake {
  delays: number[];
  nextInMs: number;
  used: number;
}

/**
 * Where remote budgets count: memory (one process, SQLite) or a Postgres table every replica on the
 * same database shares. One store per process; each key is a row (or map entry) holding the times of
 * its last `limit` slots as a ring (`sent`; the one to replace next at `taken mod limit`), changed in
 * one atomic step.
 */
export interface RemoteBudgetStore {
  readonly kind: 'memory' | 'postgres';
  /**
   * Takes up to `wanted` slots of `key` (already prefixed and hashed) under `plan`, each at the
   * first time the plan allows if that is within `horizonMs` from now, in one step. `now` is the
   * caller's clock; Postgres uses its own.
   */
  take(key: string, plan: BudgetPlan, now: number, wanted: number, horizonMs: number): Promise<BudgetTake>;
  close(): Promise<void>;
}

/** DI token of the process's RemoteBudgetStore. */
export const REMOTE_BUDGET_STORE = Symbol('RemoteBudgetStore');

/** The time the plan allows a key's next slot: `span` after the limit-th before it, `gap` after the last. */
function nextSlotAt(ring: { sent: number[]; taken: number }, plan: BudgetPlan, now: number): number {
  const oldest = ring.sent[ring.taken % plan.limit] ?? -Infinity;
  const last = ring.taken > 0 ? (ring.sent[(ring.taken - 1) % plan.limit] ?? -Infinity) : -Infinity;
  return Math.max(now, oldest + plan.spanMs, last + plan.gapMs);
}

/** Budgets in this process's memory: right for one process (the SQLite deployment) and for tests. */
export function memoryBudgetStore(): RemoteBudgetStore {
  const rings = new Map<string, { sent: number[]; taken: number }>();
  return {
    kind: 'memory',
    take: (key, plan, now, wanted, horizonMs) => {
      let ring = rings.get(key);
      if (!ring) rings.set(key, (ring = { sent: [], taken: 0 }));
      const delays: number[] = [];
      let at = nextSlotAt(ring, plan, now);
      while (delays.length < wanted && at <= now + horizonMs) {
        ring.sent[ring.taken % plan.limit] = at;
        ring.taken += 1;
        delays.push(at - now);
        at = nextSlotAt(ring, plan, now);
      }
      const used = ring.sent.filter((sentAt) => sentAt > now - plan.windowMs).length;
      return Promise.resolve({ delays, nextInMs: at - now, used });
    },
    close: () => Promise.resolve(),
  };
}

/**
 * The Postgres side of `take`, one call per attempt (the same steps as the memory store): locks the
 * key's row, writes the time of each slot it takes over the limit-th slot before it, and answers the
 * delays, when the next slot would come and the slots in the last window. A missing element (a new
 * key, a limit raised since) is free. Times are the database's clock in ms, so replicas' clocks never
 * enter the count.
 */
const TAKE_FUNCTION = `
CREATE OR REPLACE FUNCTION ${REMOTE_BUDGET_TABLE}_take(
  p_key text, p_limit int, p_span float8, p_gap float8, p_window float8, p_wanted int, p_horizon float8
) RETURNS TABLE (delays float8[], next_in_ms float8, used int) LANGUAGE plpgsql AS $$
DECLARE
  v_now float8 := extract(epoch FROM clock_timestamp()) * 1000;
  v_sent float8[];
  v_taken bigint;
  v_delays float8[] := '{}';
  v_at float8;
BEGIN
  INSERT INTO ${REMOTE_BUDGET_TABLE} (key, sent, taken) VALUES (p_key, '{}', 0) ON CONFLICT (key) DO NOTHING;
  SELECT s.sent, s.taken INTO v_sent, v_taken FROM ${REMOTE_BUDGET_TABLE} s WHERE s.key = p_key FOR UPDATE;
  LOOP
    v_at := GREATEST(
      v_now,
      COALESCE(v_sent[(v_taken % p_limit)::int + 1], '-Infinity') + p_span,
      CASE WHEN v_taken > 0 THEN COALESCE(v_sent[((v_taken - 1) % p_limit)::int + 1], '-Infinity') + p_gap ELSE '-Infinity' END
    );
    EXIT WHEN cardinality(v_delays) >= p_wanted OR v_at > v_now + p_horizon;
    v_sent[(v_taken % p_limit)::int + 1] := v_at;
    v_taken := v_taken + 1;
    v_delays := v_delays || (v_at - v_now);
  END LOOP;
  IF cardinality(v_delays) > 0 THEN
    UPDATE ${REMOTE_BUDGET_TABLE} SET sent = v_sent, taken = v_taken WHERE key = p_key;
  END IF;
  RETURN QUERY SELECT v_delays, v_at - v_now, (SELECT count(*)::int FROM unnest(v_sent) AS sent_at WHERE sent_at > v_now - p_window);
END $$`;

/**
 * Budgets in Postgres, shared by every replica on `url`: a small pool of its own (the budget is
 * asked before every remote request, it must not queue behind TypeORM's work), one table and its
 * `_take` function, created (or brought up to date) here under a transaction-scoped advisory lock
 * (two replicas starting together would otherwise race on `CREATE … IF NOT EXISTS`). Rows hold
 * hashed keys only.
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
    take: async (key, plan, _now, wanted, horizonMs) => {
      await tableReady();
      const { rows } = await pool.query<{ delays: number[]; next_in_ms: number; used: number }>(
        `SELECT * FROM ${REMOTE_BUDGET_TABLE}_take($1, $2, $3, $4, $5, $6, $7)`,
        [key, plan.limit, plan.spanMs, plan.gapMs, plan.windowMs, wanted, horizonMs],
      );
      const [row] = rows;
      return { delays: row.delays.map(Number), nextInMs: Number(row.next_in_ms), used: row.used };
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
    await client.query(TAKE_FUNCTION);
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
