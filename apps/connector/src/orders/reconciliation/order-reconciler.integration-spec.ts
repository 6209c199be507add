import { availableDatabases, eventually } from '#common/testing';
import { invoice } from '#test-support/connector/orders/invoice-fixture';
import { ListingsTestKit, type TestAccount } from '#test-support/connector/products/listings-test-kit';
import { OrdersSimulator } from '#test-support/orders-simulator';
import { AccountsService } from '../../accounts/index.js';
import { OrderStore } from '../order.store.js';
import { OrderReconciler } from './order-reconciler.js';
import { OrderReconciliationStore } from './order-reconciliation.store.js';

const databases = await availableDatabases();
const LONG_AGO = new Date('2025-03-10T18:00:00Z');
const ANYMARKET_API = '/anymarket/marketplace/api';

/**
 * OrderReconciler against the simulated ANYMARKET started in this process, on both databases: a status
 * ANYMARKET reached that the connector was not told is reported and never moved back; a paid order
 * ANYMARKET lacks is pushed again through the order's work; nothing differing sends nothing but the list reads.
 */
describe.each(databases)('orders reconciliation on %s', (kind) => {
  let kit: ListingsTestKit;
  let account: TestAccount;
  let sim: OrdersSimulator;
  let orders: OrderStore;

  beforeAll(async () => {
    kit = await ListingsTestKit.start(kind);
    account = await kit.activateAccount('22449504.', 301, { initialDateForOrderImport: '2020-01-01' });
    sim = new OrdersSimulator(kit.simulator.url);
    orders = kit.app.app.get(OrderStore);
  });

  afterAll(() => kit?.stop());

  const reconcile = async () => kit.app.app.get(OrderReconciler).reconcile((await kit.app.app.get(AccountsService).findActiveAccountById(account.id))!);

  /** An order recorded long ago, created in ANYMARKET as PAID and synced. */
  async function syncedPaidOrder(legacyId: number) {
    const { order } = await orders.recordInvoice(invoice(legacyId), { accountId: account.id }, LONG_AGO);
    const created = await sim.createOrderAsMarketplace(account.token, { marketPlaceId: String(legacyId), status: 'PAID', idAccount: account.idAccount });
    await orders.markCreated(order.id, String(created.id), 'PAID', [], LONG_AGO);
    await orders.finish(order.id, { state: 'synced' }, LONG_AGO);
    return order;
  }

  it('reports a status ANYMARKET reached unbeknown to the connector, and pushes a paid order ANYMARKET lacks again', async () => {
    const shipped = await syncedPaidOrder(91_001);
    await sim.sellerChange('91001', { status: 'SHIPPED', tracking: { carrier: 'Jadlog', number: 'JD-1', shippedDate: '2026-03-01T10:00:00-03:00' } });
    const lost = await orders.recordInvoice(invoice(91_002), { accountId: account.id }, LONG_AGO);
    await orders.finish(lost.order.id, { state: 'error', lastError: 'lost' }, LONG_AGO);

    const result = await reconcile();

    expect(result).toMatchObject({ outcome: 'complete', counts: { ordersCompared: 1, aheadCount: 1, missingCount: 1, pushedAgain: 1, movedForward: 0 } });
    const findings = await kit.app.app.get(OrderReconciliationStore).findingsOf(account.id, { limit: 50 });
    expect(findings.map(({ kind, marketPlaceId, repair }) => ({ kind, marketPlaceId, repair }))).toEqual(
      expect.arrayContaining([
        { kind: 'ahead', marketPlaceId: '91001', repair: null },
        { kind: 'missing', marketPlaceId: '91002', repair: 'pushed-again' },
      ]),
    );
    // Never moved back: ANYMARKET keeps SHIPPED, the connector's order keeps what it knew, its timeline says why.
    expect((await sim.heldOrder('91001')).order.status).toBe('SHIPPED');
    expect(await orders.get(shipped.id)).toMatchObject({ anymarketStatus: 'PAID', state: 'synced' });
    expect((await orders.timeline(shipped.id)).map((event) => event.detail).join('\n')).toMatch(/ANYMARKET has SHIPPED.*never moved back/);
    // The paid order is created in ANYMARKET by its own work.
    const pushed = await eventually(
      () => orders.get(lost.order.id),
      (order) => order?.state !== 'pending',
      'the pushed order settled',
    );
    expect(pushed).toMatchObject({ state: 'synced', anymarketStatus: 'PAID' });
    expect(pushed!.anymarketOrderId).not.toBeNull();
    expect((await sim.heldOrder('91002')).order.status).toBe('PAID');
  });

  it('sends ANYMARKET nothing but the list reads when nothing more differs, and keeps reporting what still does', async () => {
    const before = (await sim.anymarketCalls()).length;
    const result = await reconcile();
    expect(result).toMatchObject({
      outcome: 'complete',
      counts: { ordersCompared: 2, aheadCount: 1, missingCount: 0, pushedAgain: 0, movedForward: 0, statusAdopted: 0 },
    });
    const calls = (await sim.anymarketCalls()).slice(before);
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([`GET ${ANYMARKET_API}/orders`]);
    expect(calls[0]).toMatchObject({ query: { limit: '100', createdAfter: '2020-01-01T00:00:00.000Z' } });
    const findings = await kit.app.app.get(OrderReconciliationStore).findingsOf(account.id, { limit: 50 });
    // The missing order is in ANYMARKET now: that finding is gone; the one still seen stays.
    expect(findings.map((finding) => finding.kind)).toEqual(['ahead']);
  });
});
