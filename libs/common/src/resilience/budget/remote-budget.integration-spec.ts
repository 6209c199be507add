import pg from 'pg';
import { isPostgresReachable, TEST_POSTGRES_URL, createTestDatabase, type TestDatabase } from '#common/testing';
import { tmpdir } from 'node:os';
import { planBudget } from './budget-plan.js';
import { SlidingRemoteBudget, hashBudgetKey } from './remote-budget.js';
import { memoryBudgetStore, postgresBudgetStore, REMOTE_BUDGET_TABLE, type RemoteBudgetStore } from './remote-budget-store.js';

const postgres = await isPostgresReachable();
if (!postgres) console.warn(`*** SKIPPING the shared-budget Postgres suite: ${TEST_POSTGRES_URL} is not reachable ***`);

/** A recorded grant: which "process" got a slot, and when (wall clock). */
interface Grant {
  process: number;
  at: number;
}

/**
 * Two budget instances, each with its own store, as two connector processes have: on one Postgres
 * database they share one budget; in memory (SQLite, one process) each counts alone.
 */
describe('remote budgets shared through the store', () => {
  // 12 per 1,200 ms sliding: 36 requests take three spans of 1.5 s. The margin is wide (300 ms)
  // because the test records a grant when the waiter runs, which a loaded machine delays.
  const limit = { limit: 12, windowMs: 1200 };
  const plan = planBudget(limit, 300);

  async function burst(stores: RemoteBudgetStore[], requestsPerProcess: number, key = 'seller-token-1'): Promise<Grant[]> {
    const budgets = stores.map((store) => new SlidingRemoteBudget({ remote: 'Test', name: 'test', plan, store, maxWaitMs: 60_000 }));
    const grants: Grant[] = [];
    await Promise.all(
      budgets.flatMap((budget, process) =>
        Array.from({ length: requestsPerProcess }, async () => {
          await budget.acquire(key);
          grants.push({ process, at: Date.now() });
        }),
      ),
    );
    return grants;
  }

  function mostInAnyWindow(grants: Grant[], windowMs: number): number {
    return Math.max(...grants.map((grant) => grants.filter((other) => other.at >= grant.at && other.at < grant.at + windowMs).length));
  }

  (postgres ? describe : describe.skip)('on Postgres', () => {
    let database: TestDatabase;
    const stores: RemoteBudgetStore[] = [];

    beforeAll(async () => {
      database = await createTestDatabase('postgres', tmpdir());
    });
    afterAll(async () => {
      await Promise.all(stores.splice(0).map((store) => store.close()));
      await database?.drop();
    });

    function store(): RemoteBudgetStore {
      if (database.target.type !== 'postgres') throw new Error('expected Postgres');
      const created = postgresBudgetStore(database.target.url);
      stores.push(created);
      return created;
    }

    it('creates its table once when eight processes take their first slots together on a fresh database', async () => {
      const starting = Array.from({ length: 8 }, () => store()).flatMap((each, i) => [
        each.take(`marketplacer:${i}`, plan, Date.now(), 1),
        each.take(`anymarket:${i}`, plan, Date.now(), 1),
      ]);
      const taken = await Promise.all(starting);
      expect(taken.map((take) => take.taken)).toEqual(Array(16).fill(1));
    });

    it('takes a free slot in one step, and once the last `limit` are taken says how long until the oldest frees one, by the database clock', async () => {
      const only = store();
      for (let i = 1; i < limit.limit; i += 1) await expect(only.take('t:ring', plan, 0, 1)).resolves.toMatchObject({ taken: 1, used: i });
      // One left, two wanted: one taken, and the wait for the oldest.
      const last = await only.take('t:ring', plan, 0, 2);
      expect(last).toMatchObject({ taken: 1, used: limit.limit });
      const refused = await only.take('t:ring', plan, 0, 1);
      expect(refused).toMatchObject({ taken: 0, used: limit.limit });
      expect(last.waitMs).toBeGreaterThan(plan.spanMs - 1000);
      expect(refused.waitMs).toBeGreaterThan(plan.spanMs - 1000);
      expect(refused.waitMs).toBeLessThanOrEqual(plan.spanMs);
    });

    it('a key whose limit is raised since gets the new slots at once', async () => {
      const only = store();
      await expect(only.take('t:raised', planBudget({ limit: 2, windowMs: 60_000 }, 0), 0, 5)).resolves.toMatchObject({ taken: 2, used: 2 });
      await expect(only.take('t:raised', planBudget({ limit: 2, windowMs: 60_000 }, 0), 0, 1)).resolves.toMatchObject({ taken: 0 });
      await expect(only.take('t:raised', planBudget({ limit: 3, windowMs: 60_000 }, 0), 0, 1)).resolves.toMatchObject({ taken: 1, used: 3 });
    });

    it('two processes on one database never exceed one limit together, and both get slots', async () => {
      const grants = await burst([store(), store()], 18);
      expect(grants).toHaveLength(36);
      expect(new Set(grants.map((grant) => grant.process))).toEqual(new Set([0, 1]));
      expect(mostInAnyWindow(grants, limit.windowMs)).toBeLessThanOrEqual(limit.limit);
    }, 30_000);

    it('stores hashed keys only, in the remote_budget table', async () => {
      const secret = 'plain-api-key-do-not-store';
      await burst([store()], 1, secret);
      if (database.target.type !== 'postgres') throw new Error('expected Postgres');
      const client = new pg.Client({ connectionString: database.target.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ key: string }>(`SELECT key FROM ${REMOTE_BUDGET_TABLE}`);
        expect(rows.map((row) => row.key)).toContain(`test:${hashBudgetKey(secret)}`);
        expect(JSON.stringify(rows)).not.toContain(secret);
      } finally {
        await client.end();
      }
    });
  });

  it('in memory each process counts alone (why Postgres is needed for replicas)', async () => {
    const grants = await burst([memoryBudgetStore(), memoryBudgetStore()], limit.limit);
    // Each process spaces its own twelve: together more than one budget allows in a window.
    expect(mostInAnyWindow(grants, limit.windowMs)).toBeGreaterThan(limit.limit);
  });
});
