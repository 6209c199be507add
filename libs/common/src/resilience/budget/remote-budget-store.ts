import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DatabaseTarget } from '../../database/database-url.js';
import type { BudgetPlan } from './budget-plan.js';

/** The table the Postgres store keeps one row per budget key in (created if missing): the times of the key's last slots. */
export const REMOTE_BUDGET_TABLE = 'remote_budget_slot';

/**
 * One attempt to take up to `wanted` slots of a key: `slots` holds each slot's time (by the store's
 * clock) and `delays` how long from now its request may leave (0 for now; never more than the horizon
 * asked for), for the first `slots.length` waiters in order. `nextInMs` is when the slot after them
 * would come. `used` is how many slots the key has within the last window (these included): how full
 * the budget is, for metrics and for background work that yields.
 */
export interface BudgetTake {
  slots: number[];
  delays: number[];
  nextInMs: number;
  used: number;
}

/** A slot whose request left later than its time (a busy event loop): the slot's time, and when it really left (store's clock). */
export interface LateSlot {
  slotAt: number;
  leftAt: number;
}

export interface TakeRequest {
  /** The caller's clock (the memory store's); Postgres uses its own. */
  now: number;
  wanted: number;
  /** Slots are taken only if they come within this many ms. */
  horizonMs: number;
  /** Slots of this key that left late since the last take: their times are moved to when they left. */
  late: LateSlot[];
}

/**
 * Where remote budgets count: memory (one process, SQLite) or a Postgres table every replica on the
 * same database shares. One store per process; each key is a row (or map entry) holding the times of
 * its last `limit` slots as a ring (`sent`; the one to replace next at `taken mod limit`), changed in
 * one atomic step.
 */
export interface RemoteBudgetStore {
  readonly kind: 'memory' | 'postgres';
  /** Takes up to `wanted` slots of `key` (already prefixed and hashed) under `plan`, each at the first time the plan allows, in one step. */
  take(key: string, plan: BudgetPlan, request: TakeRequest): Promise<BudgetTake>;
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
    take: (key, plan, { now, wanted, horizonMs, late }) => {
      let ring = rings.get(key);
      if (!ring) rings.set(key, (ring = { sent: [], taken: 0 }));
      for (const { slotAt, leftAt } of late) {
        const index = ring.sent.indexOf(slotAt);
        if (index >= 0) ring.sent[index] = Math.max(slotAt, leftAt);
      }
      const slots: number[] = [];
      let at = nextSlotAt(ring, plan, now);
      while (slots.length < wanted && at <= now + horizonMs) {
        ring.sent[ring.taken % plan.limit] = at;
        ring.taken += 1;
        slots.push(at);
        at = nextSlotAt(ring, plan, now);
      }
      const used = ring.sent.filter((sentAt) => sentAt > now - plan.windowMs).length;
      return Promise.resolve({ slots, delays: slots.map((slot) => slot - now), nextInMs: at - now, used });
    },
    close: () => Promise.resolve(),
  };
}

/**
 * The Postgres side of `take`, one call per attempt (the same steps as the memory store): locks the
 * key's row, moves the late slots to when they left, writes the time of each slot it takes over the
 * limit-th slot before it, and answers the slots, their delays, when the next slot would come and the
 * slots in the last window. A missing element (a new key, a limit raised since) is free. Times are the
 * database's clock in ms, so replicas' clocks never enter the count.
 */
/**
 * Versioned: a change of its arguments or result columns gets a new name (CREATE OR REPLACE cannot
 * change those, and replicas of the previous version keep calling theirs during a rolling upgrade).
 */
const TAKE_FUNCTION_NAME = `${REMOTE_BUDGET_TABLE}_take_v1`;

const TAKE_FUNCTION = `
CREATE OR REPLACE FUNCTION ${TAKE_FUNCTION_NAME}(
  p_key text, p_limit int, p_span float8, p_gap float8, p_window float8, p_wanted int, p_horizon float8,
  p_late_slots float8[], p_late_left float8[]
) RETURNS TABLE (slots float8[], next_in_ms float8, now_ms float8, used int) LANGUAGE plpgsql AS $$
DECLARE
  v_now float8 := extract(epoch FROM clock_timestamp()) * 1000;
  v_sent float8[];
  v_taken bigint;
  v_slots float8[] := '{}';
  v_at float8;
  v_index int;
BEGIN
  INSERT INTO ${REMOTE_BUDGET_TABLE} (key, sent, taken) VALUES (p_key, '{}', 0) ON CONFLICT (key) DO NOTHING;
  SELECT s.sent, s.taken INTO v_sent, v_taken FROM ${REMOTE_BUDGET_TABLE} s WHERE s.key = p_key FOR UPDATE;
  FOR i IN 1 .. COALESCE(cardinality(p_late_slots), 0) LOOP
    v_index := array_position(v_sent, p_late_slots[i]);
    IF v_index IS NOT NULL THEN
      v_sent[v_index] := GREATEST(v_sent[v_index], p_late_left[i]);
    END IF;
  END LOOP;
  LOOP
    v_at := GREATEST(
      v_now,
      COALESCE(v_sent[(v_taken % p_limit)::int + 1], '-Infinity') + p_span,
      CASE WHEN v_taken > 0 THEN COALESCE(v_sent[((v_taken - 1) % p_limit)::int + 1], '-Infinity') + p_gap ELSE '-Infinity' END
    );
    EXIT WHEN cardinality(v_slots) >= p_wanted OR v_at > v_now + p_horizon;
    v_sent[(v_taken % p_limit)::int + 1] := v_at;
    v_taken := v_taken + 1;
    v_slots := v_slots || v_at;
  END LOOP;
  IF cardinality(v_slots) > 0 OR COALESCE(cardinality(p_late_slots), 0) > 0 THEN
    UPDATE ${REMOTE_BUDGET_TABLE} SET sent = v_sent, taken = v_taken WHERE key = p_key;
  END IF;
  RETURN QUERY SELECT v_slots, v_at - v_now, v_now, (SELECT count(*)::int FROM unnest(v_sent) AS sent_at WHERE sent_at > v_now - p_window);
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
    take: async (key, plan, { wanted, horizonMs, late }) => {
      await tableReady();
      const { rows } = await pool.query<{ slots: number[]; next_in_ms: number; now_ms: number; used: number }>(
        `SELECT * FROM ${TAKE_FUNCTION_NAME}($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [key, plan.limit, plan.spanMs, plan.gapMs, plan.windowMs, wanted, horizonMs, late.map((slot) => slot.slotAt), late.map((slot) => slot.leftAt)],
      );
      const [row] = rows;
      const slots = row.slots.map(Number);
      return { slots, delays: slots.map((slot) => slot - row.now_ms), nextInMs: Number(row.next_in_ms), used: row.used };
    },
    close: () => pool.end(),
  };
}

async function createTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [REMOTE_BUDGET_TABLE]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${REMOTE_BUDGET_TABLE} (key varchar(255) PRIMARY KEY, sent float8[] NOT NULL, taken bigint NOT NULL)`);
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
