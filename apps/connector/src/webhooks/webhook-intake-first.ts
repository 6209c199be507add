import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, realTiming, type Timing } from '#common';
import type { WebhooksConfig } from './webhooks.config.js';

/** The clock and timer of WebhookIntakeFirst (tests give a virtual one). */
export const INTAKE_TIMING = Symbol('INTAKE_TIMING');

type IntakeConfig = Pick<WebhooksConfig, 'webhookConcurrencyWhileReceiving' | 'webhookEventsPerSecondWhileReceiving'>;

/**
 * Intake counts as going on this long after its last delivery was answered: a burst's next deliveries
 * are on their way. On SQLite a group commit answers every delivery of the group in one turn, so
 * between two groups none is in flight for a moment; without this, each such moment started every
 * waiting event at full concurrency.
 */
export const INTAKE_QUIET_MS = 100;

/**
 * Intake before processing (ADR 0025, ADR 0027): while deliveries are being received (at least one in
 * flight), stored events are processed at most WEBHOOK_CONCURRENCY_WHILE_RECEIVING at a time, and an event
 * starts at most every 1 / WEBHOOK_EVENTS_PER_SECOND_WHILE_RECEIVING seconds after the previous start.
 * Processing an event is a Marketplacer read, the feed's work and several small commits; on Postgres those
 * commits queue with the deliveries' own (one WAL flush at a time), so even one event at a time cut the
 * receiver's throughput by ~40 % in a probe. Once intake is quiet (below), processing is back to
 * WEBHOOK_CONCURRENCY at once. Processing never stops (the floor: that many events per second keep a
 * sustained burst's backlog moving), and the backlog is durable (stored events, their jobs), so slower
 * processing loses nothing. A lone delivery's event starts at once: its previous start is long past.
 * "While receiving" includes INTAKE_QUIET_MS after the last delivery was answered.
 */
@Injectable()
export class WebhookIntakeFirst {
  private receiving = 0;
  private processing = 0;
  private waiters: Array<() => void> = [];
  private readonly whileReceiving: number;
  private readonly gapMs: number;
  private lastStartAt = Number.NEGATIVE_INFINITY;
  private lastReceivedAt = Number.NEGATIVE_INFINITY;
  /** When the earliest wake-up armed is due (the gap since the last start, or intake's quiet time, passed). */
  private wakeAt = Number.POSITIVE_INFINITY;

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
      this.lastReceivedAt = this.timing.now();
      // Waiters look again once intake has been quiet for INTAKE_QUIET_MS.
      if (this.receiving === 0 && this.waiters.length > 0) this.wakeIn(INTAKE_QUIET_MS);
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

  /**
   * Intake quiet (no delivery in flight nor answered within INTAKE_QUIET_MS): yes (the queue's own
   * concurrency bounds it). Else a free slot, and the gap since the last start passed.
   */
  private mayStart(): boolean {
    const now = this.timing.now();
    const quietIn = this.receiving > 0 ? Number.POSITIVE_INFINITY : this.lastReceivedAt + INTAKE_QUIET_MS - now;
    if (quietIn <= 0) return true;
    // Look again once intake is quiet, whatever holds this start back now.
    if (quietIn !== Number.POSITIVE_INFINITY) this.wakeIn(quietIn);
    if (this.processing >= this.whileReceiving) return false;
    const dueIn = this.lastStartAt + this.gapMs - now;
    if (dueIn <= 0) return true;
    this.wakeIn(dueIn);
    return false;
  }

  /** Every waiter looks again (a handful at most: one per worker of the queue). */
  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Wakes the waiters in `ms`, unless a wake-up is armed for that time or earlier. */
  private wakeIn(ms: number): void {
    const at = this.timing.now() + ms;
    if (this.wakeAt <= at) return;
    this.wakeAt = at;
    void this.timing.sleep(ms).then(() => {
      if (this.wakeAt === at) this.wakeAt = Number.POSITIVE_INFINITY;
      this.wake();
    });
  }
}
