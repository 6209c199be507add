import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, realTiming, type Timing } from '#common';
import type { WebhooksConfig } from './webhooks.config.js';

/** The clock and timer of WebhookIntakeFirst (tests give a virtual one). */
export const INTAKE_TIMING = Symbol('INTAKE_TIMING');

type IntakeConfig = Pick<WebhooksConfig, 'webhookConcurrencyWhileReceiving' | 'webhookEventsPerSecondWhileReceiving'>;

/**
 * Intake before processing (ADR 0025, ADR 0027): while deliveries are being received (at least one in
 * flight), stored events are processed at most WEBHOOK_CONCURRENCY_WHILE_RECEIVING at a time, and an event
 * starts at most every 1 / WEBHOOK_EVENTS_PER_SECOND_WHILE_RECEIVING seconds after the previous start.
 * Processing an event is a Marketplacer read, the feed's work and several small commits; on Postgres those
 * commits queue with the deliveries' own (one WAL flush at a time), so even one event at a time cut the
 * receiver's throughput by ~40 % in a probe. Once no delivery is in flight, processing is back to
 * WEBHOOK_CONCURRENCY at once. Processing never stops (the floor: that many events per second keep a
 * sustained burst's backlog moving), and the backlog is durable (stored events, their jobs), so slower
 * processing loses nothing. A lone delivery's event starts at once: its previous start is long past.
 */
@Injectable()
export class WebhookIntakeFirst {
  private receiving = 0;
  private processing = 0;
  private waiters: Array<() => void> = [];
  private readonly whileReceiving: number;
  private readonly gapMs: number;
  private lastStartAt = Number.NEGATIVE_INFINITY;
  /** A wake-up is due when the gap since the last start has passed (one at a time). */
  private gapTimer: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) config: IntakeConfig,
    @Optional() @Inject(INTAKE_TIMING) private readonly timing: Pick<Timing, 'now' | 'sleep'> = realTiming,
  ) {
    this.whileReceiving = config.webhookConcurrencyWhileReceiving;
    this.gapMs = 1000 / config.webhookEventsPerSecondWhileReceiving;
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
    while (!this.mayStart()) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.processing += 1;
    this.lastStartAt = this.timing.now();
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

  /** No delivery in flight: yes (the queue's own concurrency bounds it). Else a free slot, and the gap since the last start passed. */
  private mayStart(): boolean {
    if (this.receiving === 0) return true;
    if (this.processing >= this.whileReceiving) return false;
    const dueIn = this.lastStartAt + this.gapMs - this.timing.now();
    if (dueIn <= 0) return true;
    this.wakeIn(dueIn);
    return false;
  }

  /** Every waiter looks again (a handful at most: one per worker of the queue). */
  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private wakeIn(ms: number): void {
    if (this.gapTimer) return;
    this.gapTimer = this.timing.sleep(ms).then(() => {
      this.gapTimer = null;
      this.wake();
    });
  }
}
