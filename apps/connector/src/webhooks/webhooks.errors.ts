import { DomainError } from '#common';

/** The Webhooks context's coded errors (mapped to HTTP once, by the global filter). */
export class WebhooksError extends DomainError {}

export const webhooksErrors = {
  /** 503: Marketplacer retries a 5xx, and a delivery that was not stored must be delivered again. */
  notStored: (cause: unknown) => new WebhooksError('WEBHOOK_NOT_STORED', 'unavailable', 'The delivery could not be stored; send it again later', [], { cause }),
  eventNotFound: (id: number) => new WebhooksError('WEBHOOK_EVENT_NOT_FOUND', 'not_found', `Webhook event ${id} was not found`),
  notReplayable: (id: number) =>
    new WebhooksError('WEBHOOK_EVENT_NOT_REPLAYABLE', 'conflict', `Webhook event ${id} is waiting to be processed already; it is not replayed`),
};
