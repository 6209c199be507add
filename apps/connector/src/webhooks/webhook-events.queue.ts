import { Inject, Injectable, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import { APP_CONFIG, currentFlow, inSpan, parseTraceparent, type SpanParent } from '#common';
import { MarketplacerContractStatus, WEBHOOK_TYPE_FEATURES } from '#marketplacer';
import type { EntityManager } from 'typeorm';
import { isPermanentFailure, WorkQueue, type BatchJob, type SentWithin, type WorkJob } from '../work/index.js';
import type { WebhookEventEntity } from './entities/webhook-event.entity.js';
import { WebhookEventStore, type EventToProcess } from './webhook-event.store.js';
import { WebhookHandlers } from './webhook-handlers.js';
import { WebhookIntakeFirst } from './webhook-intake-first.js';
import type { WebhooksConfig } from './webhooks.config.js';

/** The queue of webhook events on the one WorkQueue. */
export const WEBHOOK_EVENTS_QUEUE = 'webhook-events';

const EXPIRE_MS = 5 * 60_000;
/** Events re-sent at start (SQLite keeps jobs in memory); more wait for the next start or a replay. */
const RECOVER_AT_MOST = 10_000;

interface WebhookJob {
  eventId: number;
}

/**
 * Processes stored webhook events on the WorkQueue, one job per event keyed by its object, so the
 * events of one object are handled one at a time on any replica. For each event:
 * - older (by `Marketplacer-Sequence`) than one of the same object already applied: ignored;
 * - a later event of the same object is waiting: ignored (superseded; that one re-reads the object);
 * - no handler for its type: ignored;
 * - its type's contract feature is off (the live schema refuses the document its handler re-reads with):
 *   failed at once with MARKETPLACER_FEATURE_OFF naming the feature and the document, never sent (replay
 *   it once the contract check passes; the feeds catch the change meanwhile);
 * - else its context's handler re-reads the object and does the feed's work: processed (or ignored
 *   when the object is nobody's here). A handler that throws is retried, then the event is failed (at
 *   once when the failure is permanent: another attempt would be refused the same way).
 * The event row is the truth: a job only says "look at this event", so a repeated job costs one read.
 */
@Injectable()
export class WebhookProcessing implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly queue: WorkQueue,
    private readonly store: WebhookEventStore,
    private readonly handlers: WebhookHandlers,
    private readonly intake: WebhookIntakeFirst,
    @Inject(APP_CONFIG) private readonly config: WebhooksConfig,
    // Absent where a test composes the module without Marketplacer: then nothing is switched off.
    @Optional() private readonly contract?: MarketplacerContractStatus,
  ) {}

  onModuleInit(): void {
    this.queue.define<WebhookJob>({
      name: WEBHOOK_EVENTS_QUEUE,
      handler: (job) => this.run(job),
      concurrency: this.config.webhookConcurrency,
      // A handler that throws (Marketplacer or ANYMARKET unreachable) is retried, then the event is failed.
      retryLimit: this.config.webhookMaxRetries,
      retryDelayMs: this.config.webhookRetryBaseMs,
      expireInMs: EXPIRE_MS,
      recover: async () => (await this.store.waiting(RECOVER_AT_MOST)).map((event) => ({ data: { eventId: event.id }, key: keyOf(event) })),
    });
  }

  /** Queues the event's processing. */
  async enqueue(event: WebhookEventEntity): Promise<void> {
    await this.queue.send<WebhookJob>(WEBHOOK_EVENTS_QUEUE, { eventId: event.id }, { key: keyOf(event) });
  }

  /**
   * Queues the processing of events stored together, in one send (one commit), each job in the flow of
   * its own delivery (`traceparent`: the job's span is a child of that delivery's request), or in the
   * calling flow when it names none.
   */
  async enqueueAll(events: ReadonlyArray<QueuedEvent>): Promise<void> {
    if (events.length === 0) return;
    await this.queue.sendMany<WebhookJob>(WEBHOOK_EVENTS_QUEUE, events.map(jobOf));
  }

  /**
   * As enqueueAll, within the transaction that stores the events (`manager`: one commit for the events
   * and their jobs); call `committed()` on the answer once it committed.
   */
  enqueueAllWithin(manager: EntityManager, events: ReadonlyArray<QueuedEvent>): Promise<SentWithin> {
    return this.queue.sendManyWithin<WebhookJob>(manager, WEBHOOK_EVENTS_QUEUE, events.map(jobOf));
  }

  private async run(job: WorkJob<WebhookJob>): Promise<void> {
    // Intake first: while deliveries arrive, events start one at a time and a few per second (WebhookIntakeFirst); the event is read once it is this job's turn.
    await this.intake.process(async () => {
      // One read: the event and where its object stands (applied sequence, a newer event waiting).
      const read = await this.store.forProcessing(job.data.eventId);
      if (!read || read.event.state !== 'received') return;
      const { event } = read;
      const attributes = { 'webhook.event_id': event.id, 'webhook.type': event.objectType ?? undefined, 'webhook.sequence': event.sequence ?? undefined };
      await inSpan(`webhook event ${event.objectType ?? 'unknown'}`, 'internal', deliveryFlowOf(event), () => this.process(job, read), { attributes });
    });
  }

  private async process(job: WorkJob<WebhookJob>, read: EventToProcess): Promise<void> {
    const now = () => new Date();
    const { event } = read;
    const skip = this.reasonToSkip(read);
    if (skip) {
      await this.store.finish(event.id, 'ignored', skip, event.attempts, now());
      return;
    }
    const handler = this.handlers.handlerOf(event.objectType!)!;
    const attempts = event.attempts + 1;
    const off = this.featureOffFor(event.objectType!);
    if (off) {
      this.logger.warn({ msg: 'webhook event failed: its contract feature is off', eventId: event.id, type: event.objectType, reason: off });
      await this.store.finish(event.id, 'failed', off, attempts, now());
      return;
    }
    try {
      const outcome = await handler({ type: event.objectType!, id: event.objectId!, eventName: event.eventName });
      const state = outcome.applied ? 'processed' : 'ignored';
      await this.store.finish(event.id, state, outcome.note, attempts, now());
      this.logger.debug({ msg: `webhook event ${state}`, eventId: event.id, type: event.objectType, note: outcome.note });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // A refusal another attempt would meet again (a GraphQL or 4xx refusal) is not retried.
      const last = job.attempt > this.config.webhookMaxRetries || isPermanentFailure(error);
      this.logger.warn({ msg: last ? 'webhook event failed' : 'webhook event will be retried', eventId: event.id, type: event.objectType, reason });
      if (last) {
        await this.store.finish(event.id, 'failed', reason, attempts, now());
        return;
      }
      await this.store.noteAttempt(event.id, reason, attempts);
      throw error;
    }
  }

  /** MARKETPLACER_FEATURE_OFF's message while the feature of this type of webhook is off; null while it is on. */
  private featureOffFor(type: string): string | null {
    const feature = WEBHOOK_TYPE_FEATURES[type];
    if (!feature) return null;
    try {
      this.contract?.assertFeature(feature);
      return null;
    } catch (error) {
      return `MARKETPLACER_FEATURE_OFF: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  private reasonToSkip({ event, appliedSequence: applied, newerWaiting: newer }: EventToProcess): string | null {
    if (!event.objectType || !event.objectId) return 'the delivery names no object';
    if (!this.handlers.handlerOf(event.objectType)) return `no context handles ${event.objectType} webhooks`;
    if (event.sequence !== null && applied !== null && applied > event.sequence)
      return `older than sequence ${applied}, already applied to this ${event.objectType}`;
    if (newer)
      return `superseded by event ${newer.id}${newer.sequence === null ? '' : ` (sequence ${newer.sequence})`}, which re-reads this ${event.objectType}`;
    return null;
  }
}

/**
 * Where an event's processing runs: in the trace of its delivery, whichever path queued it (the
 * delivery itself, a replay, the recovery at start). Under the job's span when the job is of that
 * trace already (the delivery queued it), else under the delivery's span.
 */
function deliveryFlowOf(event: Pick<WebhookEventEntity, 'traceparent'>): SpanParent {
  const delivery = parseTraceparent(event.traceparent);
  if (!delivery || currentFlow()?.traceId === delivery.traceId) return 'current';
  return delivery;
}

/** An event to process, and the flow of the delivery that brought it (null: the calling flow's). */
export interface QueuedEvent {
  event: WebhookEventEntity;
  traceparent?: string | null;
}

function jobOf({ event, traceparent }: QueuedEvent): BatchJob<WebhookJob> {
  return { data: { eventId: event.id }, key: keyOf(event), traceparent };
}

/** Events of one object never run at once; an event without an object is its own key. */
function keyOf(event: WebhookEventEntity): string {
  return event.objectType && event.objectId ? `${event.objectType}:${event.objectId}` : `event:${event.id}`;
}
