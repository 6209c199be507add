/** Marketplacer's webhook types (`WebhookKlassEnum`, 2023 schema): the kind of object a webhook delivers. */
export const MARKETPLACER_WEBHOOK_TYPES = [
  'ADVERT',
  'COMMISSION_PACKAGE',
  'INVOICE',
  'INVOICE_ANNOTATION',
  'OPTION_TYPE',
  'OPTION_VALUE',
  'PROMOTION',
  'REFUND_REQUEST',
  'REFUND_REQUEST_LINE_ITEM',
  'REMITTANCE_ADVICE',
  'RETURN_SHIPMENT',
  'SELLER',
  'SHIPMENT',
  'SHIPPING_OPTION',
  'TAXON',
  'VARIANT',
] as const;
export type MarketplacerWebhookType = (typeof MARKETPLACER_WEBHOOK_TYPES)[number];

/** A webhook's event filter (`WebhookEventEnum`); a webhook without one delivers every event of its type. */
export const MARKETPLACER_WEBHOOK_EVENTS = ['CREATE', 'UPDATE', 'DESTROY'] as const;
export type MarketplacerWebhookEvent = (typeof MARKETPLACER_WEBHOOK_EVENTS)[number];

/** One operator webhook as Marketplacer lists it (never its HMAC key or headers: the API does not show them). */
export interface MarketplacerWebhook {
  /** Global id. */
  id: string;
  type: MarketplacerWebhookType;
  /** The one event it delivers; null = every event of its type. */
  eventName: MarketplacerWebhookEvent | null;
  /** Where Marketplacer POSTs the deliveries. */
  url: string;
  /** As Marketplacer answers it: null on a webhook whose flag was never set. */
  enabled: boolean | null;
  /** The GraphQL query whose answer a delivery carries; null = Marketplacer's default (`node { __typename }` only). */
  queryString: string | null;
  maxRetries: number;
}

/** `webhookCreate` attributes the connector sets. */
export interface MarketplacerWebhookCreate {
  type: MarketplacerWebhookType;
  url: string;
  queryString: string;
  enabled: boolean;
  /** The key deliveries are signed with (`Marketplacer-Hmac-256`). A secret: never logged. */
  hmacKey: string;
  /** Null or absent: every event of the type. */
  eventName?: MarketplacerWebhookEvent | null;
}

/** `webhookUpdate` attributes the connector repairs; absent = unchanged. */
export interface MarketplacerWebhookUpdate {
  queryString?: string;
  enabled?: boolean;
}

/**
 * Port: the operator's webhooks in Marketplacer (graph-doc `webhook`, `webhookcreateinput`; 2023 schema),
 * read and repaired by the connector's live contract check. Refusals are MarketplacerErrors
 * (`MARKETPLACER_VALIDATION_FAILED` with Marketplacer's messages, `MARKETPLACER_NOT_FOUND` for an
 * unknown webhook id).
 */
export abstract class MarketplacerWebhooks {
  /** Every webhook of the instance (every page read: an instance has a handful). */
  abstract listWebhooks(): Promise<MarketplacerWebhook[]>;

  /**
   * `webhookCreate`. Webhooks carry no external id, so a create whose answer was lost is not repeated
   * (another webhook could result): the caller reads the list again to see whether it was made.
   */
  abstract createWebhook(input: MarketplacerWebhookCreate): Promise<MarketplacerWebhook>;

  /** `webhookUpdate` of the webhook with this global id: only the attributes given change. Repeating it is harmless. */
  abstract updateWebhook(id: string, changes: MarketplacerWebhookUpdate): Promise<MarketplacerWebhook>;
}
