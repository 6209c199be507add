import type { WorkQueue } from '../work/index.js';
import type { OrderSyncService } from './order-sync.service.js';
import type { OrderStore } from './order.store.js';
import type { OrdersConfig } from './orders.config.js';
import { ORDERS_QUEUE, OrderWork, orderGroup } from './orders.queue.js';

/** A WorkQueue that only records what is sent to it. */
function recordingQueue() {
  const sent: Array<{ queue: string; data: object; options: object }> = [];
  const queue = {
    send: (name: string, data: object, options: object = {}) => {
      sent.push({ queue: name, data, options });
      return Promise.resolve(`job-${sent.length}`);
    },
  } as unknown as WorkQueue;
  return { queue, sent };
}

describe('OrderWork.enqueue', () => {
  it("sends the order's job keyed by its invoice, in its account's group (the sellers take turns at the workers)", async () => {
    const { queue, sent } = recordingQueue();
    const work = new OrderWork(queue, {} as OrderSyncService, {} as OrderStore, {} as OrdersConfig);
    const startAfter = new Date('2026-01-02T03:04:05Z');

    await work.enqueue({ id: 7, invoiceId: 'SW52b2ljZS03', accountId: 3 });
    await work.enqueue({ id: 8, invoiceId: 'SW52b2ljZS04', accountId: 4 }, startAfter);

    expect(sent).toEqual([
      { queue: ORDERS_QUEUE, data: { orderId: 7 }, options: { key: 'SW52b2ljZS03', group: 'account:3' } },
      { queue: ORDERS_QUEUE, data: { orderId: 8 }, options: { key: 'SW52b2ljZS04', group: 'account:4', startAfter } },
    ]);
  });

  it('leaves an order without an account out of every group', () => {
    expect(orderGroup({ accountId: null })).toBeUndefined();
    expect(orderGroup({ accountId: 12 })).toBe('account:12');
  });
});
