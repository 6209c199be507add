import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, Metrics } from '#common';
import { ORDER_STATES } from './entities/order.entity.js';
import { OrderStore } from './order.store.js';
import type { OrdersConfig } from './orders.config.js';

/** Orders by state, and those waiting too long (ORDERS_WAITING_ALERT_SECONDS), read at scrape time in one query. */
@Injectable()
export class OrdersMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly store: OrderStore,
    @Inject(APP_CONFIG) private readonly config: Pick<OrdersConfig, 'ordersWaitingAlertSeconds'>,
  ) {}

  onModuleInit(): void {
    const orders = this.metrics.gauge({
      name: 'connector_orders',
      help: 'Orders (one per Marketplacer invoice) by state: pending (work queued), synced, error (ANYMARKET refused it), unrouted (no account chosen), skipped',
      labelNames: ['state'],
    });
    const waiting = this.metrics.gauge({
      name: 'connector_orders_waiting_too_long',
      help: 'Orders still pending or unrouted longer than ORDERS_WAITING_ALERT_SECONDS after their creation or last sync',
    });
    const threshold = this.metrics.gauge({ name: 'connector_orders_waiting_alert_seconds', help: 'ORDERS_WAITING_ALERT_SECONDS, as configured' });
    threshold.set(this.config.ordersWaitingAlertSeconds);
    this.metrics.onScrape('orders', async () => {
      const counts = await this.store.countsByState(new Date(Date.now() - this.config.ordersWaitingAlertSeconds * 1000));
      const byState = new Map(counts.map((row) => [row.state, row]));
      for (const state of ORDER_STATES) orders.set({ state }, byState.get(state)?.count ?? 0);
      waiting.set(counts.reduce((sum, row) => sum + row.waitingTooLong, 0));
    });
  }
}
