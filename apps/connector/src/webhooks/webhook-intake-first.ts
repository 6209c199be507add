import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import type { WebhooksConfig } from './webhooks.config.js';

/**
 * Intake before processing (ADR 0025): while deliveries are being received (at least one in flight),
 * stored events are processed at most WEBHOOK_CONCURRENCY_WHILE_RECEIVING at a time, so a burst's
 * processing (a Marketplacer read and the feed's work per event) does not take the CPU and the database
 * turns that answering Marketplacer within its 30 s needs; once no delivery is in flight, processing is
 * back to WEBHOOK_CONCURRENCY. Processing never stops: the floor of one keeps the backlog moving under
 * a sustained burst. The backlog is durable (stored events, their jobs), so slower processing loses nothing.
 */
@Injectable()
export class WebhookIntakeFirst {
  private receiving = 0;
  private processing = 0;
  private waiters: Array<() => void> = [];
  private readonly whileReceiving: number;

  constructor(@Inject(APP_CONFIG) config: Pick<WebhooksConfig, 'webhookConcurrencyWhileReceiving'>) {
    this.whileReceiving = config.webhookConcurrencyWhileReceiving;
  }

  /** Runs a delivery's receipt (storing it, answering it), counted as intake. */
  async receive<T>(work: () => Promise<T>): Promise<T> {
    this.receiving += 1;
    try {
      return await work();
    } finally {
      this.receiving -= 1;
      if (this.receiving === 0) this.wake();
    }
  }

  /** Runs an event's processing once intake leaves room for it. */
  async process<T>(work: () => Promise<T>): Promise<T> {
    while (this.receiving > 0 && this.processing >= this.whileReceiving) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.processing += 1;
    try {
      return await work();
    } finally {
      this.processing -= 1;
      this.wake();
    }
  }

  /** Events being processed now, and deliveries being received (tests, metrics). */
  get state(): { receiving: number; processing: number; waiting: number } {
    return { receiving: this.receiving, processing: this.processing, waiting: this.waiters.length };
  }

  /** Every waiter looks again (a handful at most: one per worker of the queue). */
  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}
