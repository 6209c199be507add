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
        each.take(`marketplacer:${i}`, plan, { now: Date.now(), wanted: 1, horizonMs: 0, late: [] }),
        each.take(`anymarket:${i}`, plan, { now: Date.now(), wanted: 1, horizonMs: 0, late: [] }),
      ]);
      const taken = await Promise.all(starting);
      expect(taken.map((take) => take.delays)).toEqual(Array(16).fill([0]));
    });

    it("takes slots at the plan's pace within the horizon in one step, and says when the next would come, by the database clock", async () => {
      const only = store();
      // 12 per 1,200 ms: 100 ms apart. Five wanted, a 250 ms horizon: now, +100, +200.
      const first = await only.take('t:pace', plan, { now: 0, wanted: 5, horizonMs: 250, late: [] });
      expect(first.delays).toHaveLength(3);
      expect(first.delays[0]).toBe(0);
      expect(first.delays[1]).toBeCloseTo(100, 6);
      expect(first.delays[2]).toBeCloseTo(200, 6);
      expect(first.used).toBe(3);
      expect(first.nextInMs).toBeCloseTo(300, 6);
      const second = await only.take('t:pace', plan, { now: 0, wanted: 1, horizonMs: 0, late: [] });
      expect(second.delays).toEqual([]);
      expect(second.nextInMs).toBeGreaterThan(200);
      expect(second.nextInMs).toBeLessThanOrEqual(300);
    });

    it('a full ring frees its next slot a window and the margin after the oldest', async () => {
      const only = store();
      const taken = await only.take('t:ring', plan, { now: 0, wanted: limit.limit, horizonMs: 60_000, late: [] });
      expect(taken.delays).toHaveLength(limit.limit);
      expect(taken.nextInMs).toBeCloseTo(plan.spanMs, 6);
    });

    it('a slot reported late is counted from when it left: the slot a window later moves by as much', async () => {
      const only = store();
      const ring = planBudget({ limit: 2, windowMs: 2000 }, 0);
      const taken = await only.take('t:late', ring, { now: 0, wanted: 2, horizonMs: 60_000, late: [] });
      expect(taken.nextInMs).toBeCloseTo(2000, 6);
      const [first] = taken.slots;
      const after = await only.take('t:late', ring, { now: 0, wanted: 0, horizonMs: 0, late: [{ slotAt: first, leftAt: first + 300 }] });
      expect(after.nextInMs).toBeGreaterThan(2000);
      expect(after.nextInMs).toBeLessThanOrEqual(2300);
    });

    it('a key whose limit is raised since gets the new slots', async () => {
      const only = store();
      // 2 per 2 s with a 5 s margin: slots at 0 and +1 s, the third 7 s after the first.
      const two = planBudget({ limit: 2, windowMs: 2000 }, 5000);
      await expect(only.take('t:raised', two, { now: 0, wanted: 2, horizonMs: 60_000, late: [] })).resolves.toMatchObject({
        delays: [0, 1000],
        nextInMs: 7000,
      });
      // Raised to 3: the third comes at the pace (1 s after the second), not a span after the first.
      const three = planBudget({ limit: 3, windowMs: 3000 }, 5000);
      const raised = await only.take('t:raised', three, { now: 0, wanted: 1, horizonMs: 60_000, late: [] });
      expect(raised.delays).toHaveLength(1);
      expect(raised.delays[0]).toBeLessThanOrEqual(2000);
    });

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
