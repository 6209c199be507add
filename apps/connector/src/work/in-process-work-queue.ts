import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { fullJitterBackoff } from '#common';
import { WorkQueue, type FailedJob, type FailedJobFilter, type QueueDefinition, type SendOptions } from './work-queue.js';
import { workErrors } from './work.errors.js';

/** How many failed jobs a process keeps for admins (oldest dropped first). */
const FAILED_KEPT = 1_000;
/** Longest wait before a retry (the delay doubles from the queue's retryDelayMs). */
const RETRY_CAP_MS = 3_600_000;

interface PendingJob {
  id: string;
  queue: string;
  data: object;
  key: string | null;
  dueAt: number;
  attempt: number;
  createdAt: Date;
}

interface QueueState {
  definition: QueueDefinition<object>;
  pending: PendingJob[];
  running: number;
  busyKeys: Set<string>;
  timer: NodeJS.Timeout | null;
  idleWaiters: Array<() => void>;
}

/**
 * The WorkQueue of the embedded, one-process deployment (SQLite): jobs live in memory, due ones run
 * up to each queue's concurrency, a key runs one job at a time, and a throw is retried with
 * back-off. What a restart loses, `recover` finds again in the domain rows.
 */
export class InProcessWorkQueue extends WorkQueue {
  readonly durable = false;
  private readonly logger = new Logger('Work');
  private readonly queues = new Map<string, QueueState>();
  private readonly failed: Array<FailedJob & { retryable: PendingJob }> = [];
  private readonly runs = new Set<Promise<void>>();
  private started = false;
  private stopped = false;

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  define<T extends object>(definition: QueueDefinition<T>): void {
    if (this.queues.has(definition.name)) throw workErrors.queueDefinedTwice(definition.name);
    this.queues.set(definition.name, {
      definition: definition as unknown as QueueDefinition<object>,
      pending: [],
      running: 0,
      busyKeys: new Set(),
      timer: null,
      idleWaiters: [],
    });
  }

  /** Re-enqueues what each queue's `recover` finds, then runs what is due. */
  async start(): Promise<void> {
    this.started = true;
    for (const state of this.queues.values()) {
      for (const job of (await state.definition.recover?.()) ?? []) await this.send(state.definition.name, job.data, job);
      this.pump(state);
    }
  }

  /** Takes no new job, and waits for the running ones to end. What is left is found again by `recover`. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const state of this.queues.values()) if (state.timer) clearTimeout(state.timer);
    await Promise.allSettled([...this.runs]);
  }

  async send<T extends object>(queue: string, data: T, options: SendOptions = {}): Promise<string> {
    const state = this.stateOf(queue);
    const job: PendingJob = {
      id: randomUUID(),
      queue,
      data,
      key: options.key ?? null,
      dueAt: options.startAfter?.getTime() ?? this.now(),
      attempt: 1,
      createdAt: new Date(this.now()),
    };
    state.pending.push(job);
    // Lets the caller (a remote that recorded the work) answer before the work starts.
    setImmediate(() => this.pump(state));
    return job.id;
  }

  async listFailed(filter: FailedJobFilter): Promise<FailedJob[]> {
    const jobs = this.failed.filter((job) => filter.queue === undefined || job.queue === filter.queue);
    return jobs
      .slice(-filter.limit)
      .reverse()
      .map(({ retryable: _retryable, ...job }) => job);
  }

  async retry(id: string): Promise<boolean> {
    const index = this.failed.findIndex((job) => job.id === id);
    if (index < 0) return false;
    const [{ retryable }] = this.failed.splice(index, 1);
    const state = this.stateOf(retryable.queue);
    state.pending.push({ ...retryable, dueAt: this.now() });
    setImmediate(() => this.pump(state));
    return true;
  }

  async whenIdle(queue: string, timeoutMs = 30_000): Promise<void> {
    const state = this.stateOf(queue);
    if (this.isIdle(state)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(workErrors.notIdle(queue, timeoutMs)), timeoutMs);
      state.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private stateOf(queue: string): QueueState {
    const state = this.queues.get(queue);
    if (!state) throw workErrors.unknownQueue(queue);
    return state;
  }

  private isIdle(state: QueueState): boolean {
    return state.pending.length === 0 && state.running === 0;
  }

  /** Starts due jobs whose key is free, up to the queue's concurrency; arms a timer for the next one due later. */
  private pump(state: QueueState): void {
    if (!this.started || this.stopped) return;
    const now = this.now();
    while (state.running < state.definition.concurrency) {
      const index = state.pending.findIndex((job) => job.dueAt <= now && (job.key === null || !state.busyKeys.has(job.key)));
      if (index < 0) break;
      const [job] = state.pending.splice(index, 1);
      this.run(state, job);
    }
    this.armTimer(state, now);
    if (this.isIdle(state)) for (const wake of state.idleWaiters.splice(0)) wake();
  }

  private armTimer(state: QueueState, now: number): void {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    const later = state.pending.filter((job) => job.dueAt > now).map((job) => job.dueAt);
    if (later.length === 0) return;
    state.timer = setTimeout(() => this.pump(state), Math.min(...later) - now);
    state.timer.unref();
  }

  private run(state: QueueState, job: PendingJob): void {
    state.running += 1;
    if (job.key !== null) state.busyKeys.add(job.key);
    const { definition } = state;
    const run = definition
      .handler({ id: job.id, queue: job.queue, data: job.data, key: job.key, attempt: job.attempt })
      .catch((error: unknown) => this.failedRun(state, job, error))
      .finally(() => {
        state.running -= 1;
        if (job.key !== null) state.busyKeys.delete(job.key);
        this.runs.delete(run);
        this.pump(state);
      });
    this.runs.add(run);
  }

  private failedRun(state: QueueState, job: PendingJob, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    const { retryLimit, retryDelayMs } = state.definition;
    if (job.attempt <= retryLimit) {
      const waitMs = fullJitterBackoff(job.attempt, retryDelayMs, RETRY_CAP_MS, Math.random);
      this.logger.warn({ msg: 'job failed; retrying', queue: job.queue, jobId: job.id, attempt: job.attempt, retryInMs: waitMs, reason });
      state.pending.push({ ...job, attempt: job.attempt + 1, dueAt: this.now() + waitMs });
      return;
    }
    this.logger.error({ msg: 'job failed for good', queue: job.queue, jobId: job.id, attempts: job.attempt, reason });
    this.failed.push({
      id: job.id,
      queue: job.queue,
      key: job.key,
      data: job.data,
      error: reason,
      attempts: job.attempt,
      createdAt: job.createdAt,
      failedAt: new Date(this.now()),
      retryable: { ...job, attempt: job.attempt + 1 },
    });
    if (this.failed.length > FAILED_KEPT) this.failed.shift();
  }
}
