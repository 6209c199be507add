import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { HmacMarketplacerWebhookVerifier } from '#marketplacer';
import { SyncCadence, SyncJobRegistry } from '../sync/index.js';
import {
  ReplayedDto,
  WebhookEventDetailDto,
  WebhookEventDto,
  type FeedCadenceDto,
  type ListWebhookEventsQuery,
  type WebhooksStatusDto,
  type WebhookTypeDto,
} from './dto/webhooks.dto.js';
import { WebhookCoverage } from './webhook-coverage.js';
import type { WebhookEventState } from './entities/webhook-event.entity.js';
import { WebhookEventStore } from './webhook-event.store.js';
import { WebhookHandlers } from './webhook-handlers.js';
import { WebhookProcessing } from './webhook-events.queue.js';
import { webhooksErrors } from './webhooks.errors.js';
import { webhookReceiverUrl, type ReceiverAddressConfig } from './webhooks.config.js';

/** Failed events replayed by one call, at most (call again for more). */
const REPLAY_AT_MOST = 1_000;

/** Admins' view of the webhooks: whether deliveries arrive, every event and its state, replays. */
@Injectable()
export class WebhooksAdminService {
  constructor(
    private readonly store: WebhookEventStore,
    private readonly processing: WebhookProcessing,
    private readonly handlers: WebhookHandlers,
    private readonly coverage: WebhookCoverage,
    private readonly cadence: SyncCadence,
    private readonly registry: SyncJobRegistry,
    private readonly verifier: HmacMarketplacerWebhookVerifier,
    @Inject(APP_CONFIG) private readonly config: ReceiverAddressConfig,
  ) {}

  async status(): Promise<WebhooksStatusDto> {
    const now = new Date();
    const activity = new Map((await this.store.activity()).map((row) => [row.type, row]));
    const typeNames = [...new Set([...this.handlers.types(), ...activity.keys()])].sort();
    const types: WebhookTypeDto[] = typeNames.map((type) => {
      const seen = activity.get(type);
      return {
        type,
        handled: this.handlers.handlerOf(type) !== undefined,
        lastReceivedAt: seen?.lastReceivedAt.toISOString() ?? null,
        received: seen?.received ?? 0,
        arriving: seen !== undefined && this.coverage.isArriving(seen.lastReceivedAt, now),
      };
    });
    const feeds: FeedCadenceDto[] = [];
    for (const job of this.registry.all().filter((candidate) => candidate.webhookTypes?.length)) {
      feeds.push({ job: job.name, webhookTypes: [...job.webhookTypes!], intervalMs: job.intervalMs, currentIntervalMs: await this.cadence.intervalOf(job) });
    }
    const last =
      types
        .map((type) => type.lastReceivedAt)
        .filter((at): at is string => at !== null)
        .sort()
        .at(-1) ?? null;
    return {
      url: webhookReceiverUrl(this.config),
      hmacKeys: this.verifier.keyCount,
      lastReceivedAt: last,
      events: await this.store.countsByState(),
      types,
      feeds,
    };
  }

  async list(query: ListWebhookEventsQuery): Promise<WebhookEventDto[]> {
    const events = await this.store.list({ state: query.state, type: query.type, objectId: query.objectId, before: query.beforeId, limit: query.limit });
    return events.map((event) => WebhookEventDto.of(event));
  }

  /** Stored events per state (one grouped query). */
  countsByState(): Promise<Record<WebhookEventState, number>> {
    return this.store.countsByState();
  }

  async get(id: number): Promise<WebhookEventDetailDto> {
    const event = await this.store.get(id);
    if (!event) throw webhooksErrors.eventNotFound(id);
    return WebhookEventDetailDto.detailOf(event);
  }

  /** Processes the event again, whatever its final state (its object is re-read: harmless when nothing changed). */
  async replay(id: number): Promise<WebhookEventDto> {
    const event = await this.store.get(id);
    if (!event) throw webhooksErrors.eventNotFound(id);
    if (event.state === 'received') throw webhooksErrors.notReplayable(id);
    const [reopened] = await this.store.reopen([id]);
    await this.processing.enqueue(reopened);
    return WebhookEventDto.of(reopened);
  }

  async replayFailed(): Promise<ReplayedDto> {
    const reopened = await this.store.reopen(await this.store.ids('failed', REPLAY_AT_MOST));
    await this.processing.enqueueAll(reopened.map((event) => ({ event })));
    return { replayed: reopened.length };
  }
}
