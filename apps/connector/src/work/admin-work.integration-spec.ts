import { tmpdir } from 'node:os';
import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import request from 'supertest';
import { availableDatabases, createTestDatabase, until, type TestDatabase } from '#common/testing';
import { startConnectorTestApp, TEST_ADMIN_TOKEN, type ConnectorTestApp } from '#test-support/connector/connector-test-app';
import { WorkQueue } from './work-queue.js';

const databases = await availableDatabases();
const ADMIN = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

/** A queue whose handler fails until the test lets it pass, defined as any context defines its own. */
@Injectable()
class ProbeQueue implements OnModuleInit {
  failing = true;
  runs = 0;
  constructor(private readonly queue: WorkQueue) {}
  onModuleInit(): void {
    this.queue.define<{ orderId: number }>({
      name: 'probe',
      concurrency: 1,
      retryLimit: 0,
      retryDelayMs: 0,
      expireInMs: 60_000,
      handler: async () => {
        this.runs += 1;
        if (this.failing) throw new Error('Marketplacer said no');
      },
    });
  }
}

@Module({ providers: [ProbeQueue] })
class ProbeModule {}

describe.each(databases)('admin work API on %s', (kind) => {
  let database: TestDatabase;
  let connector: ConnectorTestApp;

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    connector = await startConnectorTestApp(database.target, {}, [ProbeModule]);
  });
  afterAll(async () => {
    await connector?.close();
    await database?.drop();
  });

  const http = () => request(connector.app.getHttpServer());

  it('lists a job that failed for good with its error, runs it again on request, and then forgets it', async () => {
    const id = await connector.app.get(WorkQueue).send('probe', { orderId: 42 }, { key: 'order-42' });
    await until(async () => (await http().get('/admin/work/failed?queue=probe').set(ADMIN)).body.length === 1, 'the job to fail', 30_000);

    const failed = await http().get('/admin/work/failed').set(ADMIN).expect(200);
    expect(failed.body).toEqual([
      {
        id,
        queue: 'probe',
        key: 'order-42',
        data: { orderId: 42 },
        error: 'Marketplacer said no',
        attempts: 1,
        createdAt: expect.any(String),
        failedAt: expect.any(String),
      },
    ]);
    expect((await http().get('/admin/work/failed?queue=listings').set(ADMIN).expect(200)).body).toEqual([]);

    const probe = connector.app.get(ProbeQueue);
    probe.failing = false;
    await http().post(`/admin/work/failed/${id}/retry`).set(ADMIN).expect(200, { id, retried: true });
    await connector.app.get(WorkQueue).whenIdle('probe');
    expect(probe.runs).toBe(2);
    expect((await http().get('/admin/work/failed').set(ADMIN).expect(200)).body).toEqual([]);

    const again = await http().post(`/admin/work/failed/${id}/retry`).set(ADMIN).expect(404);
    expect(again.body.error.code).toBe('WORK_JOB_NOT_FOUND');
  });

  it('refuses an id that is not a UUID and a limit out of range, with 400', async () => {
    await http().post('/admin/work/failed/42/retry').set(ADMIN).expect(400);
    const limit = await http().get('/admin/work/failed?limit=0').set(ADMIN).expect(400);
    expect(limit.body.error.code).toBe('VALIDATION_FAILED');
    await http().get('/admin/work/failed').expect(401);
  });
});
