import type { EntityManager } from 'typeorm';

/**
 * The one mechanism for per-item background work (a listing change today; an order push, a
 * shipment, a refund, a webhook event next). A context defines a queue once (its handler, how many
 * run at a time, how a failure is retried) and sends jobs to it; the engine runs them, retries a
 * handler that throws with back-off (retryDelay in libs/common: the rule every per-item retry
 * follows), keeps what failed for good where admins can see and retry it, and never runs two jobs
 * with the same `key` at the same time, across every replica.
 *
 * Two adapters keep one contract (test/support/connector/work/work-queue.contract.ts): pg-boss on Postgres (jobs in its
 * schema, any number of replicas) and an in-process queue on SQLite (one process, jobs in the
 * `work_job` table). On both, a job is recorded before `send` resolves, so work a caller accepted
 * survives a crash (ADR 0015); `recover` is the second net, for a crash between a domain row's commit
 * and its job's send. Handlers must therefore be idempotent: a job cut short by a crash runs again,
 * and recovery may send a job twice.
 */
export abstract class WorkQueue {
  /** Starts the workers (and recovery) once every queue is defined: at application bootstrap. Jobs sent before only wait. */
  abstract start(): Promise<void>;

  /** Takes no new job and waits for the running ones: before application shutdown. */
  abstract stop(): Promise<void>;

  /** Defines a queue; call before the application has started (e.g. in a provider's onModuleInit). */
  abstract define<T extends object>(definition: QueueDefinition<T>): void;

  /** Enqueues one job; resolves with its id once it is recorded in the database (it then survives a crash). */
  abstract send<T extends object>(queue: string, data: T, options?: SendOptions): Promise<string>;

  /**
   * Enqueues several jobs of one queue in one statement (one commit): for a caller that accepted them
   * together (the webhook receiver's group commit, ADR 0025). Resolves with their ids, in order, once
   * every one is recorded; when it rejects, none is.
   */
  abstract sendMany<T extends object>(queue: string, jobs: ReadonlyArray<BatchJob<T>>): Promise<string[]>;

  /**
   * Enqueues several jobs of one queue as part of the caller's transaction on the connector's database
   * (`manager`: a transactional outbox, ADR 0025): their rows are written by that transaction's
   * statements, so they exist exactly when the caller's rows do, at one commit for both. Once the
   * transaction committed, the caller calls `committed()`: the jobs are queued up (in process) or the
   * workers told (pg-boss); none runs before. When the transaction rolls back, no job was sent.
   */
  abstract sendManyWithin<T extends object>(manager: EntityManager, queue: string, jobs: ReadonlyArray<BatchJob<T>>): Promise<SentWithin>;

  /** Jobs that failed for good (every retry spent), newest first. */
  abstract listFailed(filter: FailedJobFilter): Promise<FailedJob[]>;

  /** Per defined queue, what it holds now (metrics, the console): one query for every queue. */
  abstract stats(): Promise<QueueStats[]>;

  /** Runs a failed job again (one more attempt); false when no failed job has that id. */
  abstract retry(id: string): Promise<boolean>;

  /** Resolves once `queue` has nothing waiting, due later or running (tests and tools; bounded by `timeoutMs`). */
  abstract whenIdle(queue: string, timeoutMs?: number): Promise<void>;

  /**
   * Runs `work` now, in this process, holding `key` of `scope` as a job with that key holds it: it
   * waits while a job of the queue named `scope` (or another such run) holds the key, on any replica,
   * and such jobs wait for it. For per-item work whose caller needs its outcome at once (a listing
   * report counted in a feed run); `scope` may also name no queue (a one-at-a-time admin action).
   */
  abstract runKeyed<R>(scope: string, key: string, work: () => Promise<R>): Promise<R>;
}

export interface QueueDefinition<T extends object> {
  /** Stable name: it is stored with every job and shown to admins (lower case, e.g. `listings`). */
  name: string;
  /** Does the work. Throwing means "try again later" (up to `retryLimit` times), then the job fails for good. */
  handler: (job: WorkJob<T>) => Promise<void>;
  /** Most jobs of this queue running at once in one process. */
  concurrency: number;
  /** Retries after a throw, the first attempt not counted. */
  retryLimit: number;
  /** The first retry's longest wait, doubled for each further one (retryDelay, the one rule: full jitter); on Postgres at least a second. */
  retryDelayMs: number;
  /** A run still going after this long is presumed dead (its process crashed) and retried elsewhere. */
  expireInMs: number;
  /**
   * The work the domain rows say is unfinished, sent again at start. Jobs are durable (a sent job is
   * found again without it): this covers a crash between a row's commit and its job's send, which
   * leaves no job behind. Sends must be harmless twice.
   */
  recover?: () => Promise<Array<RecoveredJob<T>>>;
}

export interface SendOptions {
  /** Jobs with the same key never run at the same time (e.g. one ANYMARKET product's SKUs). */
  key?: string;
  /** Not before this time (a retry the domain scheduled). */
  startAfter?: Date;
  /**
   * Whose work this is (e.g. one seller's account): groups take turns. A job's rank is how many jobs
   * of its group were waiting when it was sent (at most GROUP_RANK_CAP); due jobs start lowest rank
   * first, equal ranks in the order sent. So one group's backlog (a seller's sale of 5,000 orders)
   * never holds the other groups' work behind it: their first jobs start before its second, their
   * second before its third. Jobs without a group have rank 0.
   */
  group?: string;
}

/**
 * Ranks beyond this are all equal (served in the order sent): counting a group's waiting jobs stops
 * there, so a send costs the same whatever one group's backlog.
 */
export const GROUP_RANK_CAP = 1_000;

/** What `sendManyWithin` answers: the jobs' ids, in order, and what to call once the caller's transaction committed. */
export interface SentWithin {
  ids: string[];
  committed(): void;
}

/** One job of `sendMany`. */
export interface BatchJob<T extends object> extends SendOptions {
  data: T;
  /**
   * The W3C `traceparent` of the flow that accepted this job, when the jobs of one call come from
   * different flows (each delivery of a group has its own trace); the calling flow's when absent.
   */
  traceparent?: string | null;
}

export interface RecoveredJob<T extends object> extends SendOptions {
  data: T;
}

/** What a handler receives. */
export interface WorkJob<T extends object> {
  id: string;
  queue: string;
  data: T;
  key: string | null;
  /** 1 on the first run, 2 on the first retry, and so on. */
  attempt: number;
}

export interface FailedJob {
  id: string;
  queue: string;
  key: string | null;
  data: object;
  /** The last error's message. */
  error: string;
  attempts: number;
  createdAt: Date;
  failedAt: Date | null;
}

/** What one queue holds now. */
export interface QueueStats {
  queue: string;
  /** Due and waiting for a worker. */
  waiting: number;
  /** Scheduled for later (a retry's backoff, a deferral). */
  delayed: number;
  /** How long the job due longest has waited for a worker (seconds; 0 when none waits). */
  oldestWaitingSeconds: number;
  running: number;
  /** Failed for good (every retry spent), kept for an operator's retry. */
  failed: number;
}

export interface FailedJobFilter {
  queue?: string;
  limit: number;
}
