import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SyncModule } from '../sync/index.js';
import { WebhooksController } from './admin/webhooks.controller.js';
import { WebhookEventEntity } from './entities/webhook-event.entity.js';
import { MarketplacerWebhooksController } from './remotes/marketplacer-webhooks.controller.js';
import { WebhookCoverage } from './webhook-coverage.js';
import { WebhookEventStore } from './webhook-event.store.js';
import { WebhookHandlersModule } from './webhook-handlers.js';
import { WebhookIntakeFirst } from './webhook-intake-first.js';
import { WebhookProcessing } from './webhook-events.queue.js';
import { WebhookReceiver } from './webhook-receiver.js';
import { WebhooksMetrics } from './webhooks.metrics.js';
import { WebhooksAdminService } from './webhooks-admin.service.js';

/**
 * Marketplacer webhooks: the receiver (signature checked by the access guard, stored before 2xx), the
 * processing on the WorkQueue (dispatched to the contexts' registered handlers), the feeds' safety-net
 * cadence, and the admin API.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEventEntity]), SyncModule, WebhookHandlersModule],
  controllers: [MarketplacerWebhooksController, WebhooksController],
  providers: [WebhookEventStore, WebhookIntakeFirst, WebhookProcessing, WebhookReceiver, WebhookCoverage, WebhooksAdminService, WebhooksMetrics],
  exports: [WebhooksAdminService],
})
export class WebhooksModule {}
