import type { Counter } from 'prom-client';
import type { Metrics } from './metrics.js';

/**
 * How a webhook delivery was answered: `stored` (2xx, new), `duplicate` (2xx, its Idempotency-Key
 * was stored before), `refused` (401: no valid signature; counted by the access guard), `not_stored`
 * (503: the database could not store it; Marketplacer retries).
 */
export type WebhookDeliveryOutcome = 'stored' | 'duplicate' | 'refused' | 'not_stored';

/** `connector_webhook_deliveries_total{outcome}`: counted by the access guard (refused) and the receiver (the rest). */
export function webhookDeliveries(metrics: Metrics): Counter<'outcome'> {
  return metrics.counter({
    name: 'connector_webhook_deliveries_total',
    help: 'Marketplacer webhook deliveries by outcome: stored, duplicate, refused (bad signature), not_stored (503, Marketplacer retries)',
    labelNames: ['outcome'],
  });
}
