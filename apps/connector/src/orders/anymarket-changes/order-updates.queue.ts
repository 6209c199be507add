import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { WorkQueue, type RecoveredJob } from '../../work/index.js';
import type { OrderEntity } from '../entities/order.entity.js';
import { OrderUpdateApplier } from './order-update.applier.js';
import { OrderUpdateStore } from './order-update.store.js';
import { OrderStore } from '../order.store.js';
import type { OrdersConfig } from '../orders.config.js';
import { ordersQueue, type OrderJob } from '../order-queue-settings.js';

/** The queue of ANYMARKET → Marketplacer order changes on the one WorkQueue. */
export const ORDER_UPDATES_QUEUE = 'order-updates';

/**
 * ANYMARKET's order changes on the shared WorkQueue, keyed by the invoice: one run per order at a
 * time, so a remote repeated while the first is applied waits and then finds the work done. The
 * `anymarket_order_update` row is the truth; a job only says "look at this order".
 */
@Injectable()
export class OrderUpdateWork implements OnModuleInit {
  constructor(
    private readonly queue: WorkQueue,
    private readonly applier: OrderUpdateApplier,
    private readonly updates: OrderUpdateStore,
    private readonly orders: OrderStore,
    @Inject(APP_CONFIG) private readonly config: OrdersConfig,
  ) {}

  onModuleInit(): void {
    this.queue.define(
      ordersQueue(
        ORDER_UPDATES_QUEUE,
        this.config,
        (orderId) => this.run(orderId),
        () => this.unfinished(),
      ),
    );
  }

  async enqueue(order: Pick<OrderEntity, 'id' | 'invoiceId'>, startAfter?: Date): Promise<void> {
    await this.queue.send<OrderJob>(ORDER_UPDATES_QUEUE, { orderId: order.id }, { key: order.invoiceId, ...(startAfter ? { startAfter } : {}) });
  }

  private async run(orderId: number): Promise<void> {
    const outcome = await this.applier.process(orderId);
    if (outcome.kind === 'retry') await this.enqueue(outcome.order, outcome.at);
  }

  private async unfinished(): Promise<RecoveredJob<OrderJob>[]> {
    const pending = await this.updates.pending();
    const jobs: RecoveredJob<OrderJob>[] = [];
    for (const update of pending) {
      const order = await this.orders.get(update.orderId);
      if (order) jobs.push({ data: { orderId: order.id }, key: order.invoiceId, ...(update.nextAttemptAt ? { startAfter: update.nextAttemptAt } : {}) });
    }
    return jobs;
  }
}
