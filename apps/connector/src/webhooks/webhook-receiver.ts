import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { readDelivery } from './webhook-delivery.js';
import { WebhookEventStore } from './webhook-event.store.js';
import { WebhookProcessing } from './webhook-events.queue.js';
import { WebhooksMetrics } from './webhooks.metrics.js';
import { webhooksErrors } from './webhooks.errors.js';
import type { WebhookEventState } from './entities/webhook-event.entity.js';

/** What the receiver answers Marketplacer (2xx): the stored event and whether it was a redelivery. */
export interface ReceivedDelivery {
  eventId: number;
  duplicate: boolean;
  state: WebhookEventState;
}

/**
 * Takes a verified delivery (the access guard checked its signature over the raw body): stores it,
 * queues its processing, and only then lets it be answered 2xx, well inside Marketplacer's 30 s. A
 * redelivery (same Idempotency-Key) stores nothing; it is queued again only while still unprocessed
 * (its first queueing may be what failed). When the database cannot store it: 503, so Marketplacer
 * retries. Never a 4xx: Marketplacer disables a webhook that answers one.
 */
@Injectable()
export class WebhookReceiver {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly store: WebhookEventStore,
    private readonly processing: WebhookProcessing,
    private readonly metrics: WebhooksMetrics,
  ) {}

  async receive(req: Request): Promise<ReceivedDelivery> {
    const delivery = readDelivery((name) => req.header(name), req.body as Buffer);
    try {
      const { event, duplicate } = await this.store.record(delivery, new Date());
      if (event.state === 'received') await this.processing.enqueue(event);
      if (delivery.problem && !duplicate) {
        this.logger.warn({ msg: 'webhook delivery stored but not usable', eventId: event.id, sequence: delivery.sequence, problem: delivery.problem });
      }
      this.metrics.delivered(duplicate ? 'duplicate' : 'stored');
      return { eventId: event.id, duplicate, state: event.state };
    } catch (error) {
      this.metrics.delivered('not_stored');
      this.logger.error({
        msg: 'could not store a webhook delivery; answered 503 so that Marketplacer retries',
        sequence: delivery.sequence,
        type: delivery.objectType,
        reason: error instanceof Error ? error.message : String(error),
      });
      throw webhooksErrors.notStored(error);
    }
  }
}
