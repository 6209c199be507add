import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '#common';
import { createTestDatabase, isPostgresReachable, until, type TestDatabase } from '#common/testing';
import { connectorEntities } from '../database/entities.js';
import { connectorMigrations } from '../database/migrations/index.js';
import { InProcessWorkQueue } from './in-process-work-queue.js';
import { PgBossWorkQueue } from './pg-boss-work-queue.js';
import { isRecorded } from './pg-boss-workers.js';
import { describeWorkQueueContract } from '#test-support/connector/work/work-queue.contract';

describe('in-process (SQLite)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    const database = await createTestDatabase('sqlite', tmpdir());
    dataSource = new DataSource(
      buildDataSourceOptions({ target: database.target, dataDir: tmpdir(), runMigrations: true, entities: connectorEntities, migrations: connectorMigrations }),
    );
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  describeWorkQueueContract(
    'in-process (SQLite)',
    () => Promise.resolve(new InProcessWorkQueue(dataSource)),
    () => dataSource,
  );
});

const postgres = (await isPostgresReachable()) || process.env.CI ? describe : describe.skip;

postgres('pg-boss (Postgres)', () => {
  let database: TestDatabase;
  const boss = () => {
    if (database.target.type !== 'postgres') throw new Error('a Postgres test database');
    return new PgBossWorkQueue({
      connectionString: database.target.url,
      schema: 'pgboss',
      pollIntervalMs: 500,
      maintenanceIntervalMs: 60_000,
      failedRetentionDays: 1,
    });
  };

  /** The connector's own connections to the database, as a caller's transaction uses them (pg-boss has its own). */
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('postgres', '');
    dataSource = new DataSource({ type: 'postgres', url: (database.target as { url: string }).url });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  describeWorkQueueContract(
    'pg-boss (Postgres)',
    () => Promise.resolve(boss()),
    () => dataSource,
  );

  it('returns from stop only once pg-boss holds none of its workers (their loops ended), even with a job running at the stop', async () => {
    const name = `stop_${randomUUID().slice(0, 8)}`;
    let release: () => void = () => undefined;
    const started: string[] = [];
    const queue = boss();
    queue.define<{ n: number }>({
      name,
      concurrency: 2,
      retryLimit: 0,
      retryDelayMs: 0,
      expireInMs: 60_000,
      handler: async (job) => {
        started.push(String(job.data.n));
        await new Promise<void>((resolve) => (release = resolve));
      },
    });
    await queue.start();
    const workers = queue.liveWorkers();
    // pg-boss's internals are what pg-boss-workers.ts reads: each worker is recorded with its manager.
    expect(workers).toHaveLength(2);
    expect(workers.every(isRecorded)).toBe(true);
    await queue.send(name, { n: 1 });
    await until(() => started.length === 1, 'the job to start');

    const stopped = queue.stop();
    release();
    await stopped;

    expect(queue.liveWorkers()).toEqual([]);
  }, 90_000);

  it("retries a failed run by the one retry rule (within the first retry's ceiling), not by pg-boss's own back-off", async () => {
    const name = `retry_${randomUUID().slice(0, 8)}`;
    const queue = boss();
    let runs = 0;
    // pg-boss's back-off would wait 10 to 20 minutes before this first retry; the rule, under 10.
    const baseMs = 600_000;
    queue.define<{ n: number }>({
      name,
      concurrency: 1,
      retryLimit: 3,
      retryDelayMs: baseMs,
      expireInMs: 60_000,
      handler: async () => {
        runs += 1;
        throw new Error('remote down');
      },
    });
    try {
      await queue.start();
      const id = await queue.send(name, { n: 1 });
      const waiting = async () => {
        const client = new pg.Client({ connectionString: (database.target as { url: string }).url });
        await client.connect();
        try {
          const { rows } = await client.query<{ state: string; waitMs: string; output: { message: string } }>(
            `SELECT state, EXTRACT(EPOCH FROM (start_after - now())) * 1000 AS "waitMs", output FROM pgboss.job WHERE id = $1`,
            [id],
          );
          return rows[0];
        } finally {
          await client.end();
        }
      };
      await until(async () => (await waiting())?.state === 'retry', 'the failed run to wait for its retry');
      const row = (await waiting())!;
      expect(runs).toBe(1);
      expect(row.output).toEqual({ message: 'remote down' });
      expect(Number(row.waitMs)).toBeGreaterThan(0);
      expect(Number(row.waitMs)).toBeLessThan(baseMs);
    } finally {
      await queue.stop();
    }
  }, 90_000);

  it('creates its schema at start, and two replicas on one database run each job once and one key at a time', async () => {
    const name = `replicas_${randomUUID().slice(0, 8)}`;
    const runs: Array<{ replica: string; n: number }> = [];
    let active = 0;
    let most = 0;
    const replicas = ['a', 'b'].map((replica) => {
      const queue = boss();
      queue.define<{ n: number }>({
        name,
        concurrency: 3,
        retryLimit: 0,
        retryDelayMs: 0,
        expireInMs: 60_000,
        handler: async (job) => {
          active += 1;
          most = Math.max(most, active);
          runs.push({ replica, n: job.data.n });
          // Stays running across a few event-loop turns, so that an overlap would be seen.
          for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
          active -= 1;
        },
      });
      return queue;
    });
    try {
      await Promise.all(replicas.map((queue) => queue.start()));
      for (let n = 0; n < 12; n += 1) await replicas[n % 2].send(name, { n }, { key: 'one-product' });
      await until(() => runs.length === 12, 'every job to run', 60_000);
      await replicas[0].whenIdle(name);

      expect(runs.map((run) => run.n).sort((x, y) => x - y)).toEqual([...Array(12).keys()]);
      expect(most).toBe(1);
    } finally {
      await Promise.all(replicas.map((queue) => queue.stop()));
    }
  }, 90_000);
});
