import { Injectable } from '@nestjs/common';
import { MarketplacerClient } from '../client/marketplacer-client.js';
import { WebhookCreateDocument, type WebhookFieldsFragment, WebhooksDocument, WebhookUpdateDocument } from '../contract/generated/graphql.js';
import { checkMutationPayload, requirePayloadObject } from '../errors/mutation-payload.js';
import { MAX_PAGE_SIZE, pageOf, paginate } from '../pagination/paginate.js';
import {
  type MarketplacerWebhook,
  type MarketplacerWebhookCreate,
  MarketplacerWebhooks,
  type MarketplacerWebhookUpdate,
} from '../ports/marketplacer-webhooks.port.js';
import { globalIdOf } from './fulfilment-input.js';

/**
 * The Webhooks port on the shared Apollo client. `webhookCreate` is sent with only safe retries
 * (repeated only when Marketplacer cannot have made the webhook): a webhook has no external id to
 * find a lost create by, so the caller reads the list again instead. `webhookUpdate` sets values, so
 * it retries like a query. The HMAC key travels in the variables only; nothing here logs them.
 */
@Injectable()
export class ApolloMarketplacerWebhooks extends MarketplacerWebhooks {
  constructor(private readonly client: MarketplacerClient) {
    super();
  }

  async listWebhooks(): Promise<MarketplacerWebhook[]> {
    const found: MarketplacerWebhook[] = [];
    const pages = paginate(async (after) => {
      const { webhooks } = await this.client.query(WebhooksDocument, { first: MAX_PAGE_SIZE, after });
      return pageOf('webhooks', webhooks, toWebhook);
    });
    for await (const page of pages) found.push(...page.nodes);
    return found;
  }

  async createWebhook(input: MarketplacerWebhookCreate): Promise<MarketplacerWebhook> {
    const attributes = {
      type: input.type,
      url: input.url,
      queryString: input.queryString,
      enabled: input.enabled,
      hmacKey: input.hmacKey,
      eventName: input.eventName ?? undefined,
    };
    const { webhookCreate } = await this.client.mutate(WebhookCreateDocument, { input: { attributes } }, { onlySafeRetries: true });
    // webhookCreate acts on no existing record: a "No object found" names a reference in the input.
    const payload = checkMutationPayload('webhookCreate', webhookCreate, []);
    return toWebhook(requirePayloadObject('webhookCreate', 'webhook', payload.webhook));
  }

  async updateWebhook(id: string, changes: MarketplacerWebhookUpdate): Promise<MarketplacerWebhook> {
    const webhookId = globalIdOf('Webhook', id, 'webhookId');
    const attributes = { queryString: changes.queryString, enabled: changes.enabled };
    const { webhookUpdate } = await this.client.mutate(WebhookUpdateDocument, { input: { webhookId, attributes } });
    const payload = checkMutationPayload('webhookUpdate', webhookUpdate, ['webhookId']);
    return toWebhook(requirePayloadObject('webhookUpdate', 'webhook', payload.webhook));
  }
}

export function toWebhook(webhook: WebhookFieldsFragment): MarketplacerWebhook {
  return {
    id: webhook.id,
    type: webhook.type,
    eventName: webhook.eventName,
    url: webhook.url,
    enabled: webhook.enabled,
    queryString: webhook.queryString,
    maxRetries: webhook.maxRetries,
  };
}
