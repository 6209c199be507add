import { createHmac, randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { globalId } from '../state/global-id.js';
import type { ChangeEvent, WebhookEntity } from '../state/marketplacer-state.js';
import { DEFAULT_WEBHOOK_QUERY, WEBHOOK_KLASS_OF, WebhookRegistry, type WebhookRecord } from '../state/webhooks.js';
import { WEBHOOK_QUERIES } from './webhook-queries.js';

/** The simulator's configured webhook target (SIMULATOR_WEBHOOK_* variables, `PUT /_control/marketplacer/webhooks`). */
export interface WebhookSettings {
  url: string | undefined;
  hmacKey: string | undefined;
  vertical: string;
  maxRetries: number;
  retryBaseMs: number;
}

export type DeliveryStatus = 'pending' | 'retrying' | 'sent' | 'failed' | 'cancelled';

export interface DeliveryAttempt {
  at: string;
  httpStatus?: number;
  error?: string;
}

export interface Delivery {
  id: string;
  sequence: number;
  /** Global id of the registered webhook this delivery is for. */
  webhookId: string;
  entity: string;
  nodeId: string;
  eventName: string;
  url: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  nextAttemptAt: string | null;
  headers: Record<string, string>;
  body: string;
}

/** Sends one HTTP request and answers its status. */
export type WebhookSender = (url: string, init: { headers: Record<string, string>; body: string }) => Promise<number>;

const TIMEOUT_MS = 30_000;
const MAX_BACKOFF_MS = 60_000;
const KEEP_DELIVERIES = 1_000;

/** Sends with fetch, Marketplacer's 30 s timeout, no redirects followed. */
export const fetchWebhookSender: WebhookSender = async (url, init) => {
  const response = await fetch(url, { method: 'POST', headers: init.headers, body: init.body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
};

/** base64(HMAC-SHA256(UTF-8 key, raw body)), Marketplacer's `Marketplacer-Hmac-256`. */
export function webhookSignature(hmacKey: string, body: string): string {
  return createHmac('sha256', Buffer.from(hmacKey, 'utf8')).update(body, 'utf8').digest('base64');
}

/** Runs a webhook's query for an event: the delivery's `payload`. */
export type PayloadBuilder = (event: ChangeEvent, queryString: string) => unknown;

/** A dispatcher's own registry, for tests that use no simulated instance. */
function ownRegistry(): () => WebhookRegistry {
  const registry = new WebhookRegistry();
  return () => registry;
}

/**
 * Marketplacer-style webhook delivery, driven by the instance's webhook registry: for every change
 * event, one POST to each enabled webhook of the event's type (whose event filter is unset or the
 * event's), carrying the answer of that webhook's query (Marketplacer's default query when it has
 * none), signed with its own HMAC key or else the configured one. The Marketplacer headers are added;
 * deliveries go one at a time, in order, retried with exponential backoff on network errors, timeouts,
 * 5xx and 429 (bounded by the webhook's maxRetries); any other non-2xx answer fails the event and
 * DISABLES the webhook, as Marketplacer does, until it is re-enabled (webhookUpdate, or the control API).
 *
 * The configured URL (SIMULATOR_WEBHOOK_URL, `PUT /_control/marketplacer/webhooks`) is registered as
 * one webhook per type the simulator fires events for, with the simulator's webhook queries: the
 * control API's "the webhook", enabled, disabled and re-enabled together.
 */
export class WebhookDispatcher {
  private readonly logger = new Logger('MarketplacerWebhooks');
  private readonly deliveries: Delivery[] = [];
  private readonly queue: Delivery[] = [];
  private readonly targets = new WeakMap<Delivery, WebhookRecord>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private sequence = 0;
  /** Whether the configured webhooks are enabled (they are registered anew after a reset). */
  private configuredEnabled = true;
  private configuredDisabledReason: string | null = null;
  private skippedWhileDisabled = 0;
  private pumping = false;
  private stopped = false;

  constructor(
    private settings: WebhookSettings,
    private readonly buildPayload: PayloadBuilder,
    private readonly send: WebhookSender = fetchWebhookSender,
    private readonly registry: () => WebhookRegistry = ownRegistry(),
  ) {
    this.registerConfigured();
  }

  /** Changes the target at run time; `enabled: true` re-enables the configured webhooks after a 4xx disabled them. */
  configure(change: { url?: string | null; hmacKey?: string | null; enabled?: boolean }): void {
    if (change.hmacKey !== undefined) this.settings = { ...this.settings, hmacKey: change.hmacKey ?? undefined };
    if (change.enabled !== undefined) this.setConfiguredEnabled(change.enabled, change.enabled ? null : 'disabled through the control API');
    if (change.url !== undefined) {
      this.settings = { ...this.settings, url: change.url ?? undefined };
      this.registerConfigured();
    }
  }

  /**
   * Makes the registry hold the configured webhooks: one per type the simulator fires events for, to
   * the configured URL, with the simulator's query for that type; none without a URL. Called again
   * after a reset (the new instance's registry starts empty).
   */
  registerConfigured(): void {
    const registry = this.registry();
    const existing = this.configuredWebhooks();
    const url = this.settings.url;
    if (!url) {
      for (const webhook of existing) registry.remove(webhook);
      return;
    }
    for (const [entity, queryString] of Object.entries(WEBHOOK_QUERIES) as [WebhookEntity, string][]) {
      const type = WEBHOOK_KLASS_OF[entity];
      const webhook = existing.find((candidate) => candidate.type === type);
      if (webhook) {
        webhook.url = url;
        continue;
      }
      const added = registry.add(
        {
          type,
          eventName: null,
          url,
          enabled: this.configuredEnabled,
          queryString,
          hmacKey: null,
          headers: null,
          maxRetries: this.settings.maxRetries,
          // The simulator delivers one event at a time.
          concurrentSendLimit: 1,
          allowSkip: false,
          sellerId: null,
          configured: true,
        },
        Date.now(),
      );
      added.disabledReason = this.configuredDisabledReason;
    }
  }

  status() {
    const configured = this.configuredWebhooks();
    const disabled = configured.find((webhook) => !webhook.enabled);
    return {
      url: this.settings.url ?? null,
      hmacKeySet: this.settings.hmacKey !== undefined,
      vertical: this.settings.vertical,
      maxRetries: this.settings.maxRetries,
      retryBaseMs: this.settings.retryBaseMs,
      enabled: configured.length ? !disabled : this.configuredEnabled,
      disabledReason: configured.length ? (disabled?.disabledReason ?? null) : this.configuredDisabledReason,
      lastSequence: this.sequence,
      pending: this.deliveries.filter((d) => d.status === 'pending' || d.status === 'retrying').length,
      skippedWhileDisabled: this.skippedWhileDisabled,
      webhooks: this.registry().list().map(webhookView),
    };
  }

  list(limit = 100): Delivery[] {
    return this.deliveries.slice(-Math.max(0, limit));
  }

  clearLog(): void {
    const open = this.deliveries.filter((d) => d.status === 'pending' || d.status === 'retrying');
    this.deliveries.splice(0, this.deliveries.length, ...open);
  }

  /** Called for every state change: one delivery per enabled webhook the event is for. */
  publish(event: ChangeEvent): void {
    if (this.stopped) return;
    const payloads = new Map<string, unknown>();
    for (const webhook of this.registry().matching(event)) {
      if (!webhook.enabled) {
        this.skippedWhileDisabled++;
        continue;
      }
      const queryString = webhook.queryString ?? DEFAULT_WEBHOOK_QUERY;
      if (!payloads.has(queryString)) payloads.set(queryString, this.buildPayload(event, queryString));
      this.enqueue(event, webhook, payloads.get(queryString));
    }
  }

  /** Stops sending (module shutdown): clears retry timers so the process can exit. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private configuredWebhooks(): WebhookRecord[] {
    return this.registry()
      .list()
      .filter((webhook) => webhook.configured);
  }

  private setConfiguredEnabled(enabled: boolean, reason: string | null): void {
    this.configuredEnabled = enabled;
    this.configuredDisabledReason = reason;
    for (const webhook of this.configuredWebhooks()) {
      webhook.enabled = enabled;
      webhook.disabledReason = reason;
    }
  }

  private enqueue(event: ChangeEvent, webhook: WebhookRecord, payload: unknown): void {
    const sequence = ++this.sequence;
    const id = globalId('WebhookEvent', sequence);
    const body = JSON.stringify({ id, event_name: event.eventName, payload });
    const headers: Record<string, string> = {
      ...webhook.headers,
      'Content-Type': 'application/json',
      'User-Agent': 'Marketplacer Client/1.0.0',
      'Marketplacer-Sequence': String(sequence),
      'Marketplacer-Vertical': this.settings.vertical,
      'Idempotency-Key': Buffer.from(`${this.settings.vertical}:${sequence}`, 'utf8').toString('base64'),
      traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
    };
    const hmacKey = webhook.hmacKey ?? this.settings.hmacKey;
    if (hmacKey !== undefined) headers['Marketplacer-Hmac-256'] = webhookSignature(hmacKey, body);
    const delivery: Delivery = {
      id,
      sequence,
      webhookId: globalId('Webhook', webhook.legacyId),
      entity: event.entity,
      nodeId: globalId(event.entity, event.legacyId),
      eventName: event.eventName,
      url: webhook.url,
      status: 'pending',
      attempts: [],
      nextAttemptAt: null,
      headers,
      body,
    };
    this.targets.set(delivery, webhook);
    this.deliveries.push(delivery);
    if (this.deliveries.length > KEEP_DELIVERIES) this.deliveries.splice(0, this.deliveries.length - KEEP_DELIVERIES);
    this.queue.push(delivery);
    void this.pump();
  }

  /** Delivers queued events one at a time, in order. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0 && !this.stopped) await this.attempt(this.queue.shift()!);
    } finally {
      this.pumping = false;
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    if (delivery.status === 'cancelled') return;
    const webhook = this.targets.get(delivery)!;
    if (!webhook.enabled) {
      delivery.status = 'cancelled';
      delivery.nextAttemptAt = null;
      return;
    }
    let httpStatus: number | undefined;
    let error: string | undefined;
    try {
      httpStatus = await this.send(delivery.url, { headers: delivery.headers, body: delivery.body });
    } catch (cause) {
      error = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    }
    delivery.attempts.push({ at: new Date().toISOString(), ...(httpStatus === undefined ? { error } : { httpStatus }) });
    if (httpStatus !== undefined && httpStatus >= 200 && httpStatus < 300) {
      delivery.status = 'sent';
      delivery.nextAttemptAt = null;
      return;
    }
    const retryable = httpStatus === undefined || httpStatus === 429 || httpStatus >= 500;
    if (!retryable) {
      delivery.status = 'failed';
      delivery.nextAttemptAt = null;
      this.disable(webhook, `HTTP ${httpStatus} for webhook event ${delivery.id} (sequence ${delivery.sequence})`);
      return;
    }
    if (delivery.attempts.length > webhook.maxRetries) {
      delivery.status = 'failed';
      delivery.nextAttemptAt = null;
      this.logger.warn({ msg: 'webhook delivery failed after retries', webhookId: delivery.webhookId, sequence: delivery.sequence, httpStatus, error });
      return;
    }
    const delay = Math.min(MAX_BACKOFF_MS, this.settings.retryBaseMs * 2 ** (delivery.attempts.length - 1));
    delivery.status = 'retrying';
    delivery.nextAttemptAt = new Date(Date.now() + delay).toISOString();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.queue.push(delivery);
      void this.pump();
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  /**
   * Marketplacer disables a webhook whose endpoint answers a 4xx other than 429 (or a redirect). The
   * configured webhooks are disabled together (they are the control API's one webhook); a webhook
   * made through webhookCreate alone. Their waiting deliveries are cancelled.
   */
  private disable(webhook: WebhookRecord, reason: string): void {
    if (webhook.configured) this.setConfiguredEnabled(false, reason);
    webhook.enabled = false;
    webhook.disabledReason = reason;
    this.logger.warn({ msg: 'webhook disabled', webhookId: globalId('Webhook', webhook.legacyId), reason });
    const stillEnabled = (delivery: Delivery) => this.targets.get(delivery)?.enabled ?? false;
    for (const delivery of this.queue) if (!stillEnabled(delivery)) delivery.status = 'cancelled';
    this.queue.splice(0, this.queue.length, ...this.queue.filter((delivery) => delivery.status !== 'cancelled'));
    for (const delivery of this.deliveries) {
      if (delivery.status === 'retrying' && !stillEnabled(delivery)) {
        delivery.status = 'cancelled';
        delivery.nextAttemptAt = null;
      }
    }
  }
}

/** A registered webhook as the control API shows it: its HMAC key only as set or not, its headers only by name. */
function webhookView(webhook: WebhookRecord) {
  return {
    id: globalId('Webhook', webhook.legacyId),
    legacyId: webhook.legacyId,
    type: webhook.type,
    eventName: webhook.eventName,
    url: webhook.url,
    enabled: webhook.enabled,
    disabledReason: webhook.disabledReason,
    configured: webhook.configured,
    queryString: webhook.queryString,
    hmacKeySet: webhook.hmacKey !== null,
    headerNames: Object.keys(webhook.headers ?? {}),
    maxRetries: webhook.maxRetries,
    concurrentSendLimit: webhook.concurrentSendLimit,
    allowSkip: webhook.allowSkip,
    sellerId: webhook.sellerId === null ? null : globalId('Seller', webhook.sellerId),
  };
}
