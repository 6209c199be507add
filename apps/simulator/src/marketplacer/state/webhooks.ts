import type { ChangeEvent, WebhookEntity } from './marketplacer-state.js';

/** Marketplacer's `WebhookKlassEnum`: the object type a webhook's events are generated for. */
export const WEBHOOK_KLASSES = [
  'REFUND_REQUEST',
  'REFUND_REQUEST_LINE_ITEM',
  'REMITTANCE_ADVICE',
  'VARIANT',
  'INVOICE',
  'INVOICE_ANNOTATION',
  'COMMISSION_PACKAGE',
  'ADVERT',
  'SHIPMENT',
  'RETURN_SHIPMENT',
  'SELLER',
  'SHIPPING_OPTION',
  'OPTION_TYPE',
  'OPTION_VALUE',
  'PROMOTION',
  'TAXON',
] as const;
export type WebhookKlass = (typeof WEBHOOK_KLASSES)[number];

/** `WebhookEventEnum`: a webhook's event filter (null: every event of its type). */
export type WebhookEventFilter = 'CREATE' | 'UPDATE' | 'DESTROY';

/** The webhook type of each entity the simulator fires change events for (the other types never fire). */
export const WEBHOOK_KLASS_OF: Record<WebhookEntity, WebhookKlass> = {
  Advert: 'ADVERT',
  Variant: 'VARIANT',
  Seller: 'SELLER',
  Invoice: 'INVOICE',
  Shipment: 'SHIPMENT',
  RefundRequest: 'REFUND_REQUEST',
  RemittanceAdvice: 'REMITTANCE_ADVICE',
  OptionType: 'OPTION_TYPE',
  OptionValue: 'OPTION_VALUE',
  Taxon: 'TAXON',
};

/** Marketplacer's documented default webhook query: the receiver learns the type, not even the id. */
export const DEFAULT_WEBHOOK_QUERY = 'query($id: ID!) { node(id: $id) { __typename } }';

/** A registered webhook, as Marketplacer's `Webhook` (hmacKey and headers are write-only there). */
export interface WebhookRecord {
  readonly kind: 'Webhook';
  readonly legacyId: number;
  type: WebhookKlass;
  eventName: WebhookEventFilter | null;
  url: string;
  enabled: boolean;
  /** null: Marketplacer's DEFAULT_WEBHOOK_QUERY. */
  queryString: string | null;
  /** null: signed with the simulator's configured key (SIMULATOR_WEBHOOK_HMAC_KEY), if any. */
  hmacKey: string | null;
  headers: Record<string, string> | null;
  maxRetries: number;
  concurrentSendLimit: number;
  allowSkip: boolean;
  sellerId: number | null;
  /**
   * Registered by the simulator itself for its configured URL (SIMULATOR_WEBHOOK_URL, or
   * `PUT /_control/marketplacer/webhooks`), not through webhookCreate: the control API's "the webhook".
   */
  configured: boolean;
  disabledReason: string | null;
  createdAt: number;
  updatedAt: number;
}

export type NewWebhook = Omit<WebhookRecord, 'kind' | 'legacyId' | 'disabledReason' | 'createdAt' | 'updatedAt'>;

/** The instance's webhooks, by database id. */
export class WebhookRegistry {
  private readonly records = new Map<number, WebhookRecord>();
  private nextId = 1;

  add(webhook: NewWebhook, now: number): WebhookRecord {
    const record: WebhookRecord = { kind: 'Webhook', legacyId: this.nextId++, ...webhook, disabledReason: null, createdAt: now, updatedAt: now };
    this.records.set(record.legacyId, record);
    return record;
  }

  get(legacyId: number): WebhookRecord | undefined {
    return this.records.get(legacyId);
  }

  /** Whether this very record is still registered (a reset or a removal makes it stale). */
  holds(record: WebhookRecord): boolean {
    return this.records.get(record.legacyId) === record;
  }

  remove(record: WebhookRecord): void {
    if (this.holds(record)) this.records.delete(record.legacyId);
  }

  /** Every webhook, by ascending id. */
  list(): WebhookRecord[] {
    return [...this.records.values()];
  }

  get table(): Map<number, WebhookRecord> {
    return this.records;
  }

  /** The webhooks (enabled or not) an event is for: its type, and no event filter or the event's own. */
  matching(event: ChangeEvent): WebhookRecord[] {
    const type = WEBHOOK_KLASS_OF[event.entity];
    const eventName = event.eventName.toUpperCase();
    return this.list().filter((webhook) => webhook.type === type && (webhook.eventName === null || webhook.eventName === eventName));
  }
}
