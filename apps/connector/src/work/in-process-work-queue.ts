import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { In, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { currentTraceparent, inPowerOfTwoChunks, insertRows, inSpan, parseTraceparent, retryDelay } from '#common';
import { WorkJobEntity } from './entities/work-job.entity.js';
import {
  GROUP_RANK_CAP,
  WorkQueue,
  type BatchJob,
  type FailedJob,
  type FailedJobFilter,
  type QueueDefinition,
  type QueueStats,
  type SendOptions,
  type SentWithin,
} from './work-queue.js';
import { workErrors } from './work.errors.js';

/** How many failed jobs are kept for admins (the oldest deleted first). */
const FAILED_KEPT = 1_000;

interface PendingJob {
  id: string;
  queue: string;
  data: object;
  key: string | null;
  dueAt: number;
  attempt: number;
  /** The flow that sent it: each run is a span of that trace. */
  traceparent: string | null;
  /** Whose work it is (SendOptions.group): groups take turns. Not stored: after a restart every job has rank 0. */
  group: string | null;
  /** How many jobs of its group were waiting when it was queued (capped): lower ranks start first. */
  rank: number;
  /** Queued order within the queue: equal ranks start in it. */
  seq: number;
}

interface QueueState {
  definition: QueueDefinition<object>;
  /** Sorted by rank, then seq: the first due job whose key is free is the next to start. */
  pending: PendingJob[];
  /** Waiting jobs per group (absent: none), each job's rank at queueing. */
  waitingByGroup: Map<string, number>;
  nextSeq: number;
  /** The latest due time of any job queued so far: once it is past, every pending job is due (armTimer has nothing to look for). */
  latestDueAt: number;
  running: number;
  busyKeys: Set<string>;
  timer: NodeJS.Timeout | null;
  idleWaiters: Array<() => void>;
}

/**
 * The WorkQueue of the embedded, one-process deployment (SQLite). Every job is a `work_job` row,
 * written before `send` resolves, updated when a run fails (its next attempt and due time, or failed
 * for good) and deleted when one succeeds; `start` reloads the pending rows, so what `send` accepted
 * survives a crash (ADR 0015). Scheduling is in the process: due jobs run up to each queue's
 * concurrency, lowest group rank first (SendOptions.group), a key runs one job at a time, and a throw
 * is retried with back-off (full jitter).
 */
export class InProcessWorkQueue extends WorkQueue {
  private readonly logger = new Logger('Work');
  private readonly jobs: Repository<WorkJobEntity>;
  private readonly queues = new Map<string, QueueState>();
  private readonly runs = new Set<Promise<void>>();
  /** Keys held by runKeyed in scopes that name no queue (a queue's keys are in its busyKeys). */
  private readonly scopeKeys = new Map<string, Set<string>>();
  /** runKeyed callers waiting for a key: woken whenever a key is freed, each then looks again. */
  private keyWaiters: Array<() => void> = [];
  private started = false;
  private stopped = false;

  constructor(
    dataSource: DataSource,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.jobs = dataSource.getRepository(WorkJobEntity);
  }

  define<T extends object>(definition: QueueDefinition<T>): void {
    if (this.queues.has(definition.name)) throw workErrors.queueDefinedTwice(definition.name);
    this.queues.set(definition.name, {
      definition: definition as unknown as QueueDefinition<object>,
      pending: [],
      waitingByGroup: new Map(),
      nextSeq: 0,
      latestDueAt: 0,
      running: 0,
      busyKeys: new Set(),
      timer: null,
      idleWaiters: [],
    });
  }

  /** Reloads the pending jobs of every defined queue, sends what each queue's `recover` finds, then runs what is due. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.reload();
    for (const state of this.queues.values()) {
      for (const job of (await state.definition.recover?.()) ?? []) await this.send(state.definition.name, job.data, job);
      this.pump(state);
    }
  }

  /** Takes no new run, and waits for the running ones to end. What is left stays in its rows for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const state of this.queues.values()) if (state.timer) clearTimeout(state.timer);
    await Promise.allSettled([...this.runs]);
  }

  async send<T extends object>(queue: string, data: T, options: SendOptions = {}): Promise<string> {
    const [id] = await this.sendMany(queue, [{ ...options, data }]);
    return id;
  }

  /** Multi-row inserts in one commit (on SQLite one fsync for the whole batch), then the jobs are queued up in their groups' turns. */
  async sendMany<T extends object>(queue: string, jobs: ReadonlyArray<BatchJob<T>>): Promise<string[]> {
    this.stateOf(queue);
    if (jobs.length === 0) return [];
    // One statement (one commit) for a batch of one chunk; more chunks in a transaction of their own.
    const sent =
      inPowerOfTwoChunks(jobs).length === 1
        ? await this.sendManyWithin(this.jobs.manager, queue, jobs)
        : await this.jobs.manager.transaction((manager) => this.sendManyWithin(manager, queue, jobs));
    sent.committed();
    return sent.ids;
  }

  /** The rows by `manager`'s statements; the jobs are queued up only once the caller's transaction committed. */
  async sendManyWithin<T extends object>(manager: EntityManager, queue: string, jobs: ReadonlyArray<BatchJob<T>>): Promise<SentWithin> {
    const state = this.stateOf(queue);
    const flow = currentTraceparent();
    const pending = jobs.map((each): PendingJob => ({
      id: randomUUID(),
      queue,
      // What a handler gets is what the row holds (JSON), before and after a restart alike.
      data: JSON.parse(JSON.stringify(each.data)) as object,
      key: each.key ?? null,
      dueAt: each.startAfter?.getTime() ?? this.now(),
      attempt: 1,
      traceparent: each.traceparent === undefined ? flow : each.traceparent,
      group: each.group ?? null,
      rank: 0,
      seq: 0,
    }));
    const createdAt = new Date(this.now());
    const rows = pending.map((job) => ({
      id: job.id,
      queue,
      key: job.key,
      data: JSON.stringify(job.data),
      state: 'pending' as const,
      attempt: 1,
      dueAt: new Date(job.dueAt),
      lastError: null,
      createdAt,
      failedAt: null,
      traceparent: job.traceparent,
    }));
    // Chunks of a few sizes keep a few statement shapes. Nothing to read back: every column is given.
    for (const chunk of inPowerOfTwoChunks(rows)) await insertRows(manager, WorkJobEntity, chunk);
    let queued = false;
    return {
      ids: pending.map((job) => job.id),
      committed: () => {
        if (queued) return;
        queued = true;
        for (const job of pending) queueUp(state, job);
        // Lets the caller (a remote that recorded the work) answer before the work starts.
        setImmediate(() => this.pump(state));
      },
    };
  }

  async listFailed(filter: FailedJobFilter): Promise<FailedJob[]> {
    const rows = await this.jobs.find({
      where: { state: 'failed', ...(filter.queue === undefined ? {} : { queue: filter.queue }) },
      order: { failedAt: 'DESC', createdAt: 'DESC' },
      take: filter.limit,
    });
    return rows.map((row) => ({
      id: row.id,
      queue: row.queue,
      key: row.key,
      data: JSON.parse(row.data) as object,
      error: row.lastError ?? 'unknown error',
      attempts: row.attempt,
      createdAt: row.createdAt,
      failedAt: row.failedAt,
    }));
  }

  /** Waiting, delayed and running from this process's memory (it is the only one on SQLite); failed from the table. */
  async stats(): Promise<QueueStats[]> {
    const failedRows = await this.jobs
      .createQueryBuilder('job')
      .select('job.queue', 'queue')
      .addSelect('COUNT(*)', 'failed')
      .where('job.state = :failed', { failed: 'failed' })
      .groupBy('job.queue')
      .getRawMany<{ queue: string; failed: number | string }>();
    const failed = new Map(failedRows.map((row) => [row.queue, Number(row.failed)]));
    const now = this.now();
    return [...this.queues.entries()].map(([queue, state]) => {
      const due = state.pending.filter((job) => job.dueAt <= now);
      const oldestDueAt = due.reduce((oldest, job) => Math.min(oldest, job.dueAt), now);
      return {
        queue,
        waiting: due.length,
        delayed: state.pending.length - due.length,
        oldestWaitingSeconds: (now - oldestDueAt) / 1000,
        running: state.running,
        failed: failed.get(queue) ?? 0,
      };
    });
  }

  async retry(id: string): Promise<boolean> {
    const row = await this.jobs.findOneBy({ id, state: 'failed' });
    if (!row) return false;
    const state = this.stateOf(row.queue);
    const job: PendingJob = { ...pendingOf(row), dueAt: this.now(), attempt: row.attempt + 1 };
    const { affected } = await this.jobs.update(
      { id, state: 'failed' },
      { state: 'pending', attempt: job.attempt, dueAt: new Date(job.dueAt), failedAt: null },
    );
    if (affected !== 1) return false;
    queueUp(state, job);
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

  async runKeyed<R>(scope: string, key: string, work: () => Promise<R>): Promise<R> {
    const state = this.queues.get(scope);
    const busy = state?.busyKeys ?? this.scopeKeysOf(scope);
    while (busy.has(key)) await new Promise<void>((resolve) => this.keyWaiters.push(resolve));
    busy.add(key);
    try {
      return await work();
    } finally {
      busy.delete(key);
      this.keyFreed();
      // A job that waited for this key may now run.
      if (state) this.pump(state);
    }
  }

  private scopeKeysOf(scope: string): Set<string> {
    let keys = this.scopeKeys.get(scope);
    if (!keys) this.scopeKeys.set(scope, (keys = new Set()));
    return keys;
  }

  private keyFreed(): void {
    for (const wake of this.keyWaiters.splice(0)) wake();
  }

  /** The pending rows of the defined queues (a run cut short by a crash included: it runs again), not already held. */
  private async reload(): Promise<void> {
    const rows = await this.jobs.findBy({ state: 'pending', queue: In([...this.queues.keys()]) });
    for (const row of rows) {
      const state = this.stateOf(row.queue);
      if (state.pending.some((job) => job.id === row.id)) continue;
      queueUp(state, pendingOf(row));
    }
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
      leftWaiting(state, job);
      this.run(state, job);
    }
    this.armTimer(state, now);
    if (this.isIdle(state)) for (const wake of state.idleWaiters.splice(0)) wake();
  }

  private armTimer(state: QueueState, now: number): void {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    // It runs on every send and every run's end, with the whole backlog pending during a burst: no pass
    // at all while no job can be due later, else one pass, no copy.
    if (state.latestDueAt <= now) return;
    let next = Infinity;
    for (const job of state.pending) if (job.dueAt > now && job.dueAt < next) next = job.dueAt;
    if (next === Infinity) return;
    state.timer = setTimeout(() => this.pump(state), next - now);
    state.timer.unref();
  }

  private run(state: QueueState, job: PendingJob): void {
    state.running += 1;
    if (job.key !== null) state.busyKeys.add(job.key);
    const run = this.runAndRecord(state, job)
      .catch((error: unknown) =>
        // The row keeps the job as it was: it runs again at the next start (handlers are idempotent).
        this.logger.error({
          msg: "could not record a job's outcome",
          queue: job.queue,
          jobId: job.id,
          reason: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        state.running -= 1;
        if (job.key !== null) {
          state.busyKeys.delete(job.key);
          this.keyFreed();
        }
        this.runs.delete(run);
        this.pump(state);
      });
    this.runs.add(run);
  }

  /** One run, in a span of the trace that sent the job (its log lines and outbound calls name that trace). */
  private runAndRecord(state: QueueState, job: PendingJob): Promise<void> {
    const attributes = { 'job.queue': job.queue, 'job.id': job.id, 'job.attempt': job.attempt };
    return inSpan(
      `job ${job.queue}`,
      'consumer',
      parseTraceparent(job.traceparent),
      async (span) => {
        try {
          await state.definition.handler({ id: job.id, queue: job.queue, data: job.data, key: job.key, attempt: job.attempt });
        } catch (error) {
          span.fail(error);
          return this.failedRun(state, job, error);
        }
        await this.jobs.delete({ id: job.id });
      },
      { attributes },
    );
  }

  private async failedRun(state: QueueState, job: PendingJob, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const { retryLimit, retryDelayMs } = state.definition;
    if (job.attempt <= retryLimit) {
      const waitMs = retryDelay(job.attempt, { baseMs: retryDelayMs });
      this.logger.warn({ msg: 'job failed; retrying', queue: job.queue, jobId: job.id, attempt: job.attempt, retryInMs: waitMs, reason });
      const next = { ...job, attempt: job.attempt + 1, dueAt: this.now() + waitMs };
      await this.jobs.update({ id: job.id }, { attempt: next.attempt, dueAt: new Date(next.dueAt), lastError: reason });
      queueUp(state, next);
      return;
    }
    this.logger.error({ msg: 'job failed for good', queue: job.queue, jobId: job.id, attempts: job.attempt, reason });
    await this.jobs.update({ id: job.id }, { state: 'failed', lastError: reason, failedAt: new Date(this.now()) });
    await this.dropFailedBeyondKept();
  }

  /** Keeps the newest FAILED_KEPT failed jobs. */
  private async dropFailedBeyondKept(): Promise<void> {
    const beyond = await this.jobs.find({
      select: { id: true },
      where: { state: 'failed' },
      order: { failedAt: 'DESC', createdAt: 'DESC' },
      skip: FAILED_KEPT,
    });
    if (beyond.length > 0) await this.jobs.delete({ id: In(beyond.map((row) => row.id)) });
  }
}

/** A row as the job it holds, due and at the attempt it says (its group is not stored: rank 0). */
function pendingOf(row: WorkJobEntity): PendingJob {
  return {
    id: row.id,
    queue: row.queue,
    data: JSON.parse(row.data) as object,
    key: row.key,
    dueAt: row.dueAt.getTime(),
    attempt: row.attempt,
    traceparent: row.traceparent,
    group: null,
    rank: 0,
    seq: 0,
  };
}

/**
 * Queues `job` as waiting: ranked by its group's waiting jobs (SendOptions.group), numbered after every
 * job queued before it, and placed in `pending` by (rank, seq) with a binary search, so `pump` takes
 * the first due job with a free key without sorting.
 */
function queueUp(state: QueueState, job: PendingJob): void {
  job.seq = state.nextSeq++;
  state.latestDueAt = Math.max(state.latestDueAt, job.dueAt);
  job.rank = 0;
  if (job.group !== null) {
    const waiting = state.waitingByGroup.get(job.group) ?? 0;
    job.rank = Math.min(waiting, GROUP_RANK_CAP);
    state.waitingByGroup.set(job.group, waiting + 1);
  }
  let low = 0;
  let high = state.pending.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const other = state.pending[middle];
    if (other.rank < job.rank || (other.rank === job.rank && other.seq < job.seq)) low = middle + 1;
    else high = middle;
  }
  state.pending.splice(low, 0, job);
}

/** A job left the waiting ones (it starts): its group has one fewer waiting. */
function leftWaiting(state: QueueState, job: PendingJob): void {
  if (job.group === null) return;
  const waiting = (state.waitingByGroup.get(job.group) ?? 1) - 1;
  if (waiting > 0) state.waitingByGroup.set(job.group, waiting);
  else state.waitingByGroup.delete(job.group);
}
