// What other contexts and the composition floor may use of webhooks (ADR 0018): everything else in this folder is internal.
export { WebhookEventEntity } from './entities/webhook-event.entity.js';
export { feedOutcome } from './feed-outcome.js';
export { WebhookHandlers, WebhookHandlersModule } from './webhook-handlers.js';
export type { WebhookOutcome } from './webhook-handlers.js';
export { WEBHOOK_RECEIVER_PATH, webhookReceiverUrl, webhooksConfigShape } from './webhooks.config.js';
export type { ReceiverAddressConfig } from './webhooks.config.js';
export { WebhooksModule } from './webhooks.module.js';
export { WebhooksAdminService } from './webhooks-admin.service.js';
export type { WebhookEventState } from './entities/webhook-event.entity.js';
export type { WebhookEventDto } from './dto/webhooks.dto.js';
