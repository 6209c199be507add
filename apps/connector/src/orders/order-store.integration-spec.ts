import { tmpdir } from 'node:os';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '#common';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { connectorEntities } from '../database/entities.js';
import { connectorMigrations } from '../database/migrations/index.js';
import { OrderEventEntity } from './entities/order-event.entity.js';
import { OrderEntity } from './entities/order.entity.js';
import { MAX_EVENT_DETAIL } from './order-timeline.js';
import { OrderStore } from './order.store.js';
import { invoice } from './testing/invoice-fixture.js';

const databases = await availableDatabases();

describe.each(databases)('OrderStore on %s', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: OrderStore;

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    dataSource = new DataSource(
      buildDataSourceOptions({ target: database.target, dataDir: tmpdir(), runMigrations: true, entities: connectorEntities, migrations: connectorMigrations }),
    );
    await dataSource.initialize();
    store = new OrderStore(dataSource.getRepository(OrderEntity), dataSource.getRepository(OrderEventEntity));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('appends timeline entries given as one object: at now unless `at` says when, no detail unless given, a long one bounded', async () => {
    const { order } = await store.recordInvoice(invoice(503), { accountId: 1 }, new Date());
    const before = Date.now();
    await store.addEvent({ orderId: order.id, source: 'admin', action: 're-push', outcome: 'info' });
    await store.addEvent({ orderId: order.id, source: 'anymarket', action: 'POST /orders', outcome: 'failed', detail: 'x'.repeat(MAX_EVENT_DETAIL + 10) });
    await store.addEvent({ orderId: order.id, source: 'remote', action: 'force', outcome: 'ok', detail: 'asked', at: new Date('2026-01-02T03:04:05.678Z') });
    const [repush, post, force] = await store.timeline(order.id);
    expect(repush).toMatchObject({ source: 'admin', action: 're-push', outcome: 'info', detail: null });
    expect(repush.at.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(post.detail).toHaveLength(MAX_EVENT_DETAIL);
    expect(force).toMatchObject({ source: 'remote', action: 'force', outcome: 'ok', detail: 'asked', at: new Date('2026-01-02T03:04:05.678Z') });
  });
});
