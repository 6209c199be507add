import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { MarketplacerContractStatus, WEBHOOK_TYPE_FEATURES } from '#marketplacer';
import { SyncCadence, type SyncJob } from '../sync/index.js';
import { WebhookEventStore } from './webhook-event.store.js';
import type { WebhooksConfig } from './webhooks.config.js';

/**
 * Polling as the safety net: while a feed's webhook types are arriving (one received within
 * WEBHOOK_HEALTHY_WINDOW_MS), the feed runs every WEBHOOK_SAFETY_NET_INTERVAL_MS instead of its own
 * interval, so a quiet marketplace with webhooks costs almost no Operator API budget; when they stop
 * arriving (a webhook disabled, a key rotated wrongly), the feed's own interval is back at its next run.
 */
@Injectable()
export class WebhookCoverage implements OnModuleInit {
  constructor(
    private readonly cadence: SyncCadence,
    private readonly store: WebhookEventStore,
    @Inject(APP_CONFIG) private readonly config: WebhooksConfig,
    // Absent where a test composes the module without Marketplacer: then nothing is switched off.
    @Optional() private readonly contract?: MarketplacerContractStatus,
  ) {}

  onModuleInit(): void {
    this.cadence.advise(async (job) => ((await this.arriving(job)) ? this.config.webhookSafetyNetIntervalMs : null));
  }

  /** Whether a type last received at `lastReceivedAt` is arriving: received within the healthy window. */
  isArriving(lastReceivedAt: Date, now = new Date()): boolean {
    return lastReceivedAt > this.windowStart(now);
  }

  /**
   * Whether one of the job's webhook types is arriving. A type whose processing is off (its contract
   * feature: the live schema refuses the document its handler re-reads with) covers nothing.
   */
  private async arriving(job: Pick<SyncJob, 'webhookTypes'>): Promise<boolean> {
    const processed = (job.webhookTypes ?? []).filter((type) => {
      const feature = WEBHOOK_TYPE_FEATURES[type];
      return !feature || !this.contract?.featureOff(feature);
    });
    if (!processed.length) return false;
    return this.store.receivedSince(processed, this.windowStart(new Date()));
  }

  private windowStart(now: Date): Date {
    return new Date(now.getTime() - this.config.webhookHealthyWindowMs);
  }
}
