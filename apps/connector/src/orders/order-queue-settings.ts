import type { QueueDefinition, RecoveredJob } from '../work/index.js';
import type { OrdersConfig } from './orders.config.js';

/** What an orders queue's job names: the order to look at (its row is the truth). */
export interface OrderJob {
  orderId: number;
}

/**
 * An orders queue on the one WorkQueue (`orders`, `order-updates`): the ORDER_* concurrency, retries
 * and expiry, a job per order keyed by its invoice, and the unfinished rows re-queued at start.
 */
export function ordersQueue(
  name: string,
  config: OrdersConfig,
  run: (orderId: number) => Promise<void>,
  recover: () => Promise<RecoveredJob<OrderJob>[]>,
): QueueDefinition<OrderJob> {
  return {
    name,
    handler: (job) => run(job.data.orderId),
    concurrency: config.orderConcurrency,
    retryLimit: config.orderMaxAttempts,
    retryDelayMs: config.orderRetryBaseMs,
    expireInMs: config.orderRunExpiryMs,
    recover,
  };
}
