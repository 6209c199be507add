import { tmpdir } from 'node:os';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { buildDataSourceOptions } from '#common';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { connectorEntities } from '../database/entities.js';
import { connectorMigrations } from '../database/migrations/index.js';
import { OrderEventEntity } from './entities/order-event.entity.js';
import { OrderEntity } from './entities/order.entity.js';
import { MAX_EVENT_DETAIL } from './order-timeline.js';
import { OrderStore } from './order.store.js';
import { knownFromSent, shippedTrackingOf } from './shipment-tracking.js';
import { invoice, lineItem, shipment, unpaidInvoice } from '#test-support/connector/orders/invoice-fixture';

const databases = await availableDatabases();

/** Counts the reads of the orders table (`SELECT … FROM "anymarket_order"`), whatever the dialect quotes. */
class OrderReads implements TypeOrmLogger {
  count = 0;
  logQuery(query: string): void {
    if (/^\s*SELECT\b/i.test(query) && /\bFROM\s+["`]?anymarket_order["`]?(\s|$)/i.test(query)) this.count += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

describe.each(databases)('OrderStore on %s', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: OrderStore;
  const reads = new OrderReads();

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    dataSource = new DataSource({
      ...buildDataSourceOptions({
        target: database.target,
        dataDir: tmpdir(),
        runMigrations: true,
        entities: connectorEntities,
        migrations: connectorMigrations,
      }),
      logger: reads,
    });
    await dataSource.initialize();
    store = new OrderStore(dataSource.getRepository(OrderEntity), dataSource.getRepository(OrderEventEntity));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** An order made in ANYMARKET as PENDING from the unpaid invoice, and synced. */
  async function syncedUnpaidOrder(legacyId: number): Promise<OrderEntity> {
    const { order } = await store.recordInvoice(unpaidInvoice(legacyId), { accountId: 1 }, new Date());
    await store.markCreated(order.id, String(legacyId * 7), 'PENDING', [], new Date());
    await store.finish(order.id, { state: 'synced' }, new Date());
    return order;
  }

  it('records a newer invoice version with one read of the order row, and answers the row as it was written', async () => {
    const made = await syncedUnpaidOrder(501);
    reads.count = 0;
    const recorded = await store.recordInvoice(invoice(501, { updatedAt: '2025-03-10T14:09:00-03:00' }), { accountId: 1 }, new Date());
    expect(reads.count).toBe(1);
    expect(recorded).toMatchObject({
      needsWork: true,
      changed: true,
      order: { id: made.id, state: 'pending', targetStatus: 'PAID', anymarketStatus: 'PENDING' },
    });
    expect({ ...recorded.order }).toEqual({ ...(await dataSource.getRepository(OrderEntity).findOneByOrFail({ id: made.id })) });
  });

  it('answers the row as written when a newer version leaves the state alone (nothing new to send)', async () => {
    const made = await syncedUnpaidOrder(502);
    const recorded = await store.recordInvoice(unpaidInvoice(502, { updatedAt: '2025-03-10T14:09:00-03:00' }), { accountId: 1 }, new Date());
    expect(recorded).toMatchObject({ needsWork: false, changed: true, order: { state: 'synced', invoiceUpdatedAt: '2025-03-10T17:09:00.000Z' } });
    expect({ ...recorded.order }).toEqual({ ...(await dataSource.getRepository(OrderEntity).findOneByOrFail({ id: made.id })) });
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

  describe('shipments after the first', () => {
    const SHOES = lineItem(50401, 1, 1990);
    const BAG = lineItem(50402, 1, 12000);
    const first = shipment(541, '2025-03-11T08:15:00-03:00', [SHOES, BAG]);
    const sentInvoice = (legacyId: number, updatedAt: string, shipments = [first]) =>
      invoice(legacyId, { status: 'SENT', statusFlags: ['PAID', 'SENT'], lineItems: [SHOES, BAG], shipments, updatedAt });

    it('makes a shipped order pending when a newer version changes its tracking, and answers the version it replaced', async () => {
      const v1 = sentInvoice(504, '2025-03-11T09:00:00-03:00');
      const { order } = await store.recordInvoice(v1, { accountId: 1 }, new Date());
      await store.markCreated(order.id, '5040', 'PAID', [], new Date());
      await store.markStatus(order.id, 'SHIPPED', new Date(), knownFromSent(shippedTrackingOf(v1)));
      await store.finish(order.id, { state: 'synced' }, new Date());

      const quiet = await store.recordInvoice(sentInvoice(504, '2025-03-11T10:00:00-03:00'), { accountId: 1 }, new Date());
      expect(quiet).toMatchObject({ needsWork: false, changed: true, order: { state: 'synced' }, previous: { updatedAt: '2025-03-11T09:00:00-03:00' } });

      const corrected = sentInvoice(504, '2025-03-11T11:00:00-03:00', [{ ...first, trackingNumber: 'BR541-FIXED' }]);
      expect(await store.recordInvoice(corrected, { accountId: 1 }, new Date())).toMatchObject({ needsWork: true, order: { state: 'pending' } });
    });

    it('takes the tracking as known, with no work, for an order shipped before tracking was kept', async () => {
      const { order } = await store.recordInvoice(invoice(505), { accountId: 1 }, new Date());
      await store.markCreated(order.id, '5050', 'PAID', [], new Date());
      await store.markStatus(order.id, 'SHIPPED', new Date());
      await store.finish(order.id, { state: 'synced' }, new Date());
      const shipped = sentInvoice(505, '2025-03-11T09:00:00-03:00');
      expect(await store.recordInvoice(shipped, { accountId: 1 }, new Date())).toMatchObject({ needsWork: false, order: { state: 'synced' } });
      const row = await dataSource.getRepository(OrderEntity).findOneByOrFail({ id: order.id });
      expect(JSON.parse(row.anymarketTracking!)).toEqual(knownFromSent(shippedTrackingOf(shipped)));
    });
  });
});
