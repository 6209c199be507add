import type { MarketplacerState } from '../state/marketplacer-state.js';
import type { WebhookEventFilter, WebhookKlass, WebhookRecord } from '../state/webhooks.js';
import { FieldErrors, isBlank, lookup, ok, type Outcome } from './payload.js';

/** `WebhookCreateInput` / `WebhookInput` (every attribute optional on update). */
export interface WebhookAttributes {
  allowSkip?: boolean | null;
  concurrentSendLimit?: number | null;
  enabled?: boolean | null;
  eventName?: WebhookEventFilter | null;
  headers?: unknown;
  hmacKey?: string | null;
  maxRetries?: number | null;
  queryString?: string | null;
  sellerId?: string | null;
  type?: WebhookKlass | null;
  url?: string | null;
}

export type WebhookOutcome = Outcome & { webhook: WebhookRecord | null };

/** Marketplacer's documented bounds and defaults (graph-doc webhookcreateinput). */
export const MAX_RETRIES = { min: 0, max: 50, default: 25 };
export const CONCURRENT_SEND_LIMIT = { min: 1, max: 200, default: 100 };

/** INFERRED: the messages are Rails' presence, format and numericality wordings; Marketplacer documents only the bounds. */
function checkAttributes(errors: FieldErrors, a: WebhookAttributes, creating: boolean): void {
  if (creating || a.url !== undefined) {
    if (isBlank(a.url)) errors.add('url', "can't be blank");
    else if (!isHttpUrl(a.url!)) errors.add('url', 'is invalid');
  }
  if ((creating || a.type !== undefined) && !a.type) errors.add('type', "can't be blank");
  checkRange(errors, 'maxRetries', a.maxRetries, MAX_RETRIES);
  checkRange(errors, 'concurrentSendLimit', a.concurrentSendLimit, CONCURRENT_SEND_LIMIT);
  if (a.headers !== undefined && a.headers !== null && headersOf(a.headers) === undefined)
    errors.add('headers', 'must be a JSON object of header names and values');
}

function checkRange(errors: FieldErrors, field: string, value: number | null | undefined, range: { min: number; max: number }): void {
  if (value === null || value === undefined) return;
  if (value < range.min) errors.add(field, `must be greater than or equal to ${range.min}`);
  if (value > range.max) errors.add(field, `must be less than or equal to ${range.max}`);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Headers given as a JSON object (or its text) of string values; undefined when they are not. */
function headersOf(value: unknown): Record<string, string> | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed);
  return entries.every(([, v]) => typeof v === 'string') ? Object.fromEntries(entries as [string, string][]) : undefined;
}

const blankToNull = (value: string | null | undefined): string | null => (isBlank(value) ? null : value!);

/** webhookCreate: url and type required; maxRetries 0..50 (25), concurrentSendLimit 1..200 (100). */
export function createWebhook(state: MarketplacerState, input: { attributes: WebhookAttributes }): WebhookOutcome {
  const errors = new FieldErrors();
  const a = input.attributes;
  checkAttributes(errors, a, true);
  const seller = lookup(errors, 'sellerId', a.sellerId, 'Seller', state.sellers);
  if (errors.any) return { ...errors.outcome(), webhook: null };
  const webhook = state.webhooks.add(
    {
      type: a.type!,
      eventName: a.eventName ?? null,
      url: a.url!.trim(),
      // INFERRED: Marketplacer does not document the default; a webhook is active unless created disabled.
      enabled: a.enabled ?? true,
      queryString: blankToNull(a.queryString),
      hmacKey: blankToNull(a.hmacKey),
      headers: a.headers === undefined || a.headers === null ? null : headersOf(a.headers)!,
      maxRetries: a.maxRetries ?? MAX_RETRIES.default,
      concurrentSendLimit: a.concurrentSendLimit ?? CONCURRENT_SEND_LIMIT.default,
      allowSkip: a.allowSkip ?? false,
      sellerId: seller?.legacyId ?? null,
      configured: false,
    },
    state.now(),
  );
  return { ...ok(), webhook };
}

/** webhookUpdate: changes the attributes given; `enabled: true` re-enables a webhook disabled after a refused delivery. */
export function updateWebhook(state: MarketplacerState, input: { webhookId: string; attributes?: WebhookAttributes | null }): WebhookOutcome {
  const errors = new FieldErrors();
  const webhook = lookup(errors, 'webhookId', input.webhookId, 'Webhook', state.webhooks.table);
  const a = input.attributes ?? {};
  checkAttributes(errors, a, false);
  const seller = lookup(errors, 'sellerId', a.sellerId, 'Seller', state.sellers);
  if (errors.any || !webhook) return { ...errors.outcome(), webhook: null };
  if (a.type) webhook.type = a.type;
  if (a.eventName !== undefined) webhook.eventName = a.eventName;
  if (a.url) webhook.url = a.url.trim();
  if (a.queryString !== undefined) webhook.queryString = blankToNull(a.queryString);
  if (a.hmacKey !== undefined) webhook.hmacKey = blankToNull(a.hmacKey);
  if (a.headers !== undefined) webhook.headers = a.headers === null ? null : headersOf(a.headers)!;
  if (a.maxRetries !== undefined && a.maxRetries !== null) webhook.maxRetries = a.maxRetries;
  if (a.concurrentSendLimit !== undefined && a.concurrentSendLimit !== null) webhook.concurrentSendLimit = a.concurrentSendLimit;
  if (a.allowSkip !== undefined && a.allowSkip !== null) webhook.allowSkip = a.allowSkip;
  if (a.sellerId !== undefined) webhook.sellerId = seller?.legacyId ?? null;
  if (a.enabled !== undefined && a.enabled !== null) {
    webhook.enabled = a.enabled;
    webhook.disabledReason = a.enabled ? null : 'disabled through webhookUpdate';
  }
  webhook.updatedAt = state.now();
  return { ...ok(), webhook };
}
