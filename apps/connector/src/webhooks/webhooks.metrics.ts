import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Metrics, webhookDeliveries, type WebhookDeliveryOutcome } from '#common';
import { WebhookEventStore } from './webhook-event.store.js';

/**
 * The webhooks' families: deliveries by outcome (counted as they are answered; `refused` by the
 * access guard), and at scrape time the stored events by state and, per object type, the seconds
 * since the last delivery (`type` is bounded by Marketplacer's webhook object types).
 */
@Injectable()
export class WebhooksMetrics implements OnModuleInit {
  private readonly deliveries;

  constructor(
    private readonly metrics: Metrics,
    private readonly store: WebhookEventStore,
  ) {
    this.deliveries = webhookDeliveries(metrics);
  }

  delivered(outcome: WebhookDeliveryOutcome): void {
    this.deliveries.inc({ outcome });
  }

  onModuleInit(): void {
    const events = this.metrics.gauge({
      name: 'connector_webhook_events',
      help: 'Stored webhook events by state: received (to process), processed, failed (an operator may replay them), ignored',
      labelNames: ['state'],
    });
    const sinceLast = this.metrics.gauge({
      name: 'connector_webhook_seconds_since_last_delivery',
      help: 'Seconds since the last stored delivery of each webhook object type',
      labelNames: ['type'],
    });
    this.metrics.onScrape('webhooks', async () => {
      const [counts, activity] = await Promise.all([this.store.countsByState(), this.store.activity()]);
      for (const [state, count] of Object.entries(counts)) events.set({ state }, count);
      const now = Date.now();
      sinceLast.reset();
      for (const type of activity) sinceLast.set({ type: type.type }, Math.max(0, (now - type.lastReceivedAt.getTime()) / 1000));
    });
  }
}
