import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { WorkQueue } from '../work/index.js';
import type { OrderEntity } from './entities/order.entity.js';
import { OrderSyncService } from './order-sync.service.js';
import { OrderStore } from './order.store.js';
import type { OrdersConfig } from './orders.config.js';
import { ordersQueue, type OrderJob } from './order-queue-settings.js';

/** The queue of order work (create, transitions) on the one WorkQueue. */
export const ORDERS_QUEUE = 'orders';

/**
 * Order work on the shared WorkQueue: one job per order with work, keyed by the invoice, so one order
 * is worked on by one run at a time on any replica (the feed, a force and an import may all ask for
 * it at once). The order row is the truth (state, attempts, nextAttemptAt): a job only says "look at
 * this order", so a duplicate or stale job costs one read. Transient failures are retried by the
 * domain (ORDER_RETRY_BASE_MS with jitter, ORDER_MAX_ATTEMPTS); the engine's own retries only cover a
 * handler that could not record its outcome, and what still fails is at GET /admin/work/failed.
 * Jobs are grouped by account: the sellers take turns at the workers (each seller token has its own
 * 10 requests/s), so one seller's sale of thousands of orders does not hold every other seller's
 * orders behind it, nor fill the workers with jobs waiting on that one token's budget.
 */
@Injectable()
export class OrderWork implements OnModuleInit {
  constructor(
    private readonly queue: WorkQueue,
    private readonly sync: OrderSyncService,
    private readonly store: OrderStore,
    @Inject(APP_CONFIG) private readonly config: OrdersConfig,
  ) {}

  onModuleInit(): void {
    this.queue.define(
      ordersQueue(
        ORDERS_QUEUE,
        this.config,
        (orderId) => this.run(orderId),
        () => this.unfinished(),
      ),
    );
  }

  /** Queues a look at the order (now, or at `startAfter`), in its account's turn. */
  async enqueue(order: Pick<OrderEntity, 'id' | 'invoiceId' | 'accountId'>, startAfter?: Date): Promise<void> {
    await this.queue.send<OrderJob>(
      ORDERS_QUEUE,
      { orderId: order.id },
      { key: order.invoiceId, group: orderGroup(order), ...(startAfter ? { startAfter } : {}) },
    );
  }

  private async run(orderId: number): Promise<void> {
    const outcome = await this.sync.process(orderId);
    if (outcome.kind === 'retry') await this.enqueue(outcome.order, outcome.at);
  }

  private async unfinished() {
    return (await this.store.unfinished()).map((order) => ({
      data: { orderId: order.id },
      key: order.invoiceId,
      group: orderGroup(order),
      ...(order.nextAttemptAt ? { startAfter: order.nextAttemptAt } : {}),
    }));
  }
}

/** The WorkQueue group of an order's work: its account (each account has its own ANYMARKET token and budget). */
export function orderGroup(order: Pick<OrderEntity, 'accountId'>): string | undefined {
  return order.accountId === null ? undefined : `account:${order.accountId}`;
}
