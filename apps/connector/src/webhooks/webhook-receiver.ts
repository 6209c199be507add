import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, currentTraceparent, GroupCommitter } from '#common';
import { readDelivery } from './webhook-delivery.js';
import { WebhookEventStore, type AcceptedDelivery, type RecordedDelivery } from './webhook-event.store.js';
import { WebhookProcessing, type QueuedEvent } from './webhook-events.queue.js';
import { WebhookIntakeFirst } from './webhook-intake-first.js';
import { WebhooksMetrics } from './webhooks.metrics.js';
import { webhooksErrors } from './webhooks.errors.js';
import type { WebhookEventState } from './entities/webhook-event.entity.js';
import type { SentWithin } from '../work/index.js';
import type { WebhooksConfig } from './webhooks.config.js';

/** What the receiver answers Marketplacer (2xx): the stored event and whether it was a redelivery. */
export interface ReceivedDelivery {
  eventId: number;
  duplicate: boolean;
  state: WebhookEventState;
}

/**
 * Takes a verified delivery (the access guard checked its signature over the raw body): stores it,
 * queues its processing, and only then lets it be answered 2xx, well inside Marketplacer's 30 s.
 * Deliveries arriving together are stored in one transaction and their jobs sent in one statement (a
 * group commit, ADR 0025): each is answered once the commit that holds it is done, so an answered
 * delivery is durable (ADR 0015) at one commit per group rather than per delivery. A redelivery
 * (same Idempotency-Key, already stored or earlier in the same group) stores nothing; it is queued
 * again only while still unprocessed (its first queueing may be what failed). When a group cannot be
 * stored its deliveries are stored one by one, each answered as it would have been alone. When the
 * database cannot store one: 503, so Marketplacer retries. Never a 4xx: Marketplacer disables a
 * webhook that answers one.
 */
@Injectable()
export class WebhookReceiver {
  private readonly logger = new Logger('Webhooks');
  private readonly committer: GroupCommitter<AcceptedDelivery, RecordedDelivery>;

  constructor(
    private readonly store: WebhookEventStore,
    private readonly processing: WebhookProcessing,
    private readonly metrics: WebhooksMetrics,
    private readonly intake: WebhookIntakeFirst,
    @Inject(APP_CONFIG) config: WebhooksConfig,
  ) {
    this.committer = new GroupCommitter<AcceptedDelivery, RecordedDelivery>(
      { commitGroup: (group) => this.storeGroup(group), commitOne: (accepted) => this.storeGroup([accepted], true).then(([one]) => one) },
      {
        maxGroup: config.webhookCommitGroupMax,
        onGroupFailed: (error, size) =>
          this.logger.warn({
            msg: 'could not store a group of webhook deliveries; storing each alone',
            deliveries: size,
            reason: error instanceof Error ? error.message : String(error),
          }),
      },
    );
  }

  async receive(req: Request): Promise<ReceivedDelivery> {
    return this.intake.receive(() => this.storeAndAnswer(req));
  }

  private async storeAndAnswer(req: Request): Promise<ReceivedDelivery> {
    const delivery = readDelivery((name) => req.header(name), req.body as Buffer);
    try {
      const { event, duplicate } = await this.committer.submit({ delivery, receivedAt: new Date(), traceparent: currentTraceparent() });
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

  /**
   * Stores the deliveries and queues the processing of every event still `received` once, in the flow
   * of the first of its deliveries here: a group in one transaction that holds both its events and their
   * jobs (one commit); `alone`, one delivery with the unique key as its check, then its job.
   */
  private async storeGroup(group: readonly AcceptedDelivery[], alone = false): Promise<RecordedDelivery[]> {
    if (alone) {
      const recorded = [await this.store.record(group[0])];
      await this.processing.enqueueAll(toQueue(group, recorded));
      return recorded;
    }
    let sent: SentWithin | undefined;
    const recorded = await this.store.recordAll(group, async (manager, stored) => {
      sent = await this.processing.enqueueAllWithin(manager, toQueue(group, stored));
    });
    sent?.committed();
    return recorded;
  }
}

/** The events still to process, once each, with the flow of the first of their deliveries in the group. */
function toQueue(group: readonly AcceptedDelivery[], recorded: readonly RecordedDelivery[]): QueuedEvent[] {
  const toQueue = new Map<number, QueuedEvent>();
  recorded.forEach(({ event }, index) => {
    if (event.state === 'received' && !toQueue.has(event.id)) toQueue.set(event.id, { event, traceparent: group[index].traceparent });
  });
  return [...toQueue.values()];
}
