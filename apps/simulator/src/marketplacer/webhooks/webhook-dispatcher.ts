import { createHmac, randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { globalId } from '../state/global-id.js';
import type { ChangeEvent } from '../state/marketplacer-state.js';

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

/** Sends one HTTP request; the default is fetch with Marketplacer's 30 s timeout. */
export type WebhookSender = (url: string, init: { headers: Record<string, string>; body: string }) => Promise<number>;

const TIMEOUT_MS = 30_000;
const MAX_BACKOFF_MS = 60_000;
const KEEP_DELIVERIES = 1_000;

const fetchSender: WebhookSender = async (url, init) => {
  const response = await fetch(url, { method: 'POST', headers: init.headers, body: init.body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
};

/** base64(HMAC-SHA256(UTF-8 key, raw body)), Marketplacer's `Marketplacer-Hmac-256`. */
export function webhookSignature(hmacKey: string, body: string): string {
  return createHmac('sha256', Buffer.from(hmacKey, 'utf8')).update(body, 'utf8').digest('base64');
}

/**
 * Marketplacer-style webhook delivery: one POST per change event with the Marketplacer headers, in
 * order, retried with exponential backoff on network errors, timeouts, 5xx and 429 (bounded by
 * maxRetries); any other non-2xx answer fails the event and DISABLES the webhook, as Marketplacer does,
 * until it is re-enabled through the control API.
 */
export class WebhookDispatcher {
  private readonly logger = new Logger('MarketplacerWebhooks');
  private readonly deliveries: Delivery[] = [];
  private readonly queue: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private sequence = 0;
  private enabled = true;
  private disabledReason: string | null = null;
  private skippedWhileDisabled = 0;
  private pumping = false;
  private stopped = false;

  constructor(
    private settings: WebhookSettings,
    private readonly buildPayload: (event: ChangeEvent) => unknown,
    private readonly send: WebhookSender = fetchSender,
  ) {}

  /** Changes the target at run time; `enabled: true` re-enables a webhook disabled by a 4xx. */
  configure(change: { url?: string | null; hmacKey?: string | null; enabled?: boolean }): void {
    if (change.url !== undefined) this.settings = { ...this.settings, url: change.url ?? undefined };
    if (change.hmacKey !== undefined) this.settings = { ...this.settings, hmacKey: change.hmacKey ?? undefined };
    if (change.enabled !== undefined) {
      this.enabled = change.enabled;
      this.disabledReason = change.enabled ? null : 'disabled through the control API';
    }
  }

  status() {
    return {
      url: this.settings.url ?? null,
      hmacKeySet: this.settings.hmacKey !== undefined,
      vertical: this.settings.vertical,
      maxRetries: this.settings.maxRetries,
      retryBaseMs: this.settings.retryBaseMs,
      enabled: this.enabled,
      disabledReason: this.disabledReason,
      lastSequence: this.sequence,
      pending: this.deliveries.filter((d) => d.status === 'pending' || d.status === 'retrying').length,
      skippedWhileDisabled: this.skippedWhileDisabled,
    };
  }

  list(limit = 100): Delivery[] {
    return this.deliveries.slice(-Math.max(0, limit));
  }

  clearLog(): void {
    const open = this.deliveries.filter((d) => d.status === 'pending' || d.status === 'retrying');
    this.deliveries.splice(0, this.deliveries.length, ...open);
  }

  /** Called for every state change. Without a URL nothing is built or sent. */
  publish(event: ChangeEvent): void {
    const url = this.settings.url;
    if (!url || this.stopped) return;
    if (!this.enabled) {
      this.skippedWhileDisabled++;
      return;
    }
    const sequence = ++this.sequence;
    const id = globalId('WebhookEvent', sequence);
    const body = JSON.stringify({ id, event_name: event.eventName, payload: this.buildPayload(event) });
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'Marketplacer Client/1.0.0',
      'Marketplacer-Sequence': String(sequence),
      'Marketplacer-Vertical': this.settings.vertical,
      'Idempotency-Key': Buffer.from(`${this.settings.vertical}:${sequence}`, 'utf8').toString('base64'),
      traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
    };
    if (this.settings.hmacKey !== undefined) headers['Marketplacer-Hmac-256'] = webhookSignature(this.settings.hmacKey, body);
    const delivery: Delivery = {
      id,
      sequence,
      entity: event.entity,
      nodeId: globalId(event.entity, event.legacyId),
      eventName: event.eventName,
      url,
      status: 'pending',
      attempts: [],
      nextAttemptAt: null,
      headers,
      body,
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > KEEP_DELIVERIES) this.deliveries.splice(0, this.deliveries.length - KEEP_DELIVERIES);
    this.queue.push(delivery);
    void this.pump();
  }

  /** Stops sending (module shutdown): clears retry timers so the process can exit. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
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
    if (!this.enabled) {
      delivery.status = 'cancelled';
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
      this.disable(`HTTP ${httpStatus} for webhook event ${delivery.id} (sequence ${delivery.sequence})`);
      return;
    }
    if (delivery.attempts.length > this.settings.maxRetries) {
      delivery.status = 'failed';
      delivery.nextAttemptAt = null;
      this.logger.warn({ msg: 'webhook delivery failed after retries', sequence: delivery.sequence, httpStatus, error });
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

  /** Marketplacer disables a webhook whose endpoint answers a 4xx other than 429 (or a redirect). */
  private disable(reason: string): void {
    this.enabled = false;
    this.disabledReason = reason;
    this.logger.warn({ msg: 'webhook disabled', reason });
    for (const delivery of this.queue.splice(0)) delivery.status = 'cancelled';
    for (const delivery of this.deliveries) if (delivery.status === 'retrying') delivery.status = 'cancelled';
  }
}
