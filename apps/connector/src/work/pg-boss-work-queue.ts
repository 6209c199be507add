import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { aliveWorkers } from './pg-boss-workers.js';
import { PostgresKeyLocks } from './postgres-key-locks.js';
import { currentTraceparent, fullJitterBackoff, inSpan, parseTraceparent, quoteIdentifier, retryDelay } from '#common';
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

/** How often `stop` looks whether pg-boss still holds a worker (a check of state, not a wait for a duration). */
const STOP_CHECK_MS = 25;
/** Past this, `stop` stops waiting for pg-boss's loops and says so (never seen in the tests). */
const STOP_LIMIT_MS = 60_000;

export interface PgBossWorkQueueSettings {
  connectionString: string;
  /** The schema pg-boss creates and migrates at start. */
  schema: string;
  /** How often an idle worker looks for jobs sent by other replicas (a send in this process wakes them at once). */
  pollIntervalMs: number;
  /** How often pg-boss fails expired runs (so they are retried) and archives old jobs. */
  maintenanceIntervalMs: number;
  /** How long failed jobs stay listed for admins. */
  failedRetentionDays: number;
}

/** What is stored in a job: the context's data, how often the job has found its key busy, and the flow that sent it. */
interface Envelope {
  payload: object;
  deferrals?: number;
  /** The W3C `traceparent` of the sender's flow: each run is a span of that trace. */
  traceparent?: string | null;
  /** SendOptions.group: counted (indexed, GROUP_INDEX) for a new job's rank, kept as pg-boss's priority. */
  group?: string | null;
}

/** Where a group's waiting jobs are counted: pg-boss's job table, by queue and group, waiting rows only. */
const GROUP_INDEX = 'work_job_group_waiting';
/**
 * The waiting jobs of a queue in the order pg-boss's fetch takes them (src/plans.js fetchNextJob:
 * `ORDER BY priority desc, created_on, id LIMIT n`). pg-boss's own index for it (job_i5: name,
 * start_after) makes every fetch read and sort the queue's whole backlog: with thousands of webhook
 * events waiting, each fetch read thousands of rows, and fetches slowed as the backlog grew. In this
 * order a fetch reads the first waiting rows and stops at its LIMIT.
 */
const FETCH_ORDER_INDEX = 'work_job_fetch_order';

/** Wait of a job whose key another run holds: at least KEY_BUSY_MIN_MS, plus a jitter doubling from KEY_BUSY_BASE_MS per deferral up to KEY_BUSY_MAX_MS. */
const KEY_BUSY_MIN_MS = 100;
const KEY_BUSY_BASE_MS = 250;
const KEY_BUSY_MAX_MS = 5_000;
/** The shortest wait before a retry here: pg-boss's own unit (it counts delays in whole seconds). */
const MIN_RETRY_WAIT_MS = 1_000;
/** runKeyed callers holding (or waiting for) a key at once; more wait for one of these connections. */
const KEYED_RUNS_HELD = 4;

/**
 * The WorkQueue on pg-boss 10 (Postgres): jobs are rows in the `pgboss` schema, so any number of
 * replicas share them. A handler that throws with retries left is put back in `retry` here, due
 * after the one retry rule's wait (retryDelay, at least MIN_RETRY_WAIT_MS), as the in-process queue
 * does; its last throw is left to pg-boss, which fails it for good. pg-boss fails a run that outlives
 * its expiry (a crashed process) and retries it with its own back-off, and keeps failed jobs.
 *
 * Per-key serialization is ours, not pg-boss's: its `singleton` and `stately` policies enforce "one
 * active job per key" with a unique index that makes the whole fetch fail when the oldest waiting job's
 * key is busy, so one product with many SKUs would stall every other product's work (see
 * node_modules/pg-boss/src/plans.js fetchNextJob, and ADR 0003). Instead the key is stored in
 * `singleton_key` under the `standard` policy, and a run takes a Postgres advisory lock on it
 * (PostgresKeyLocks); a job whose key is busy is sent again a little later (backing off), and the
 * fetched copy completes.
 *
 * Groups take turns (SendOptions.group) through pg-boss's own order (priority first, then creation):
 * a job's priority is minus its rank, the count of its group's waiting jobs when it is sent, read
 * through an index of ours on pg-boss's job table (GROUP_INDEX) and capped at GROUP_RANK_CAP.
 */
export class PgBossWorkQueue extends WorkQueue {
  private readonly logger = new Logger('Work');
  private readonly boss: PgBoss;
  /** pg-boss's connections, ours to close: only once every worker stopped (see stop). */
  private readonly pool: pg.Pool;
  private readonly definitions = new Map<string, QueueDefinition<object>>();
  private readonly workers = new Map<string, string[]>();
  private locks: PostgresKeyLocks | null = null;
  /** runKeyed's locks, on connections of their own: a caller waiting for a key never takes one a job run needs. */
  private keyedRunLocks: PostgresKeyLocks | null = null;
  /** Handler runs in progress: what `stop` waits on, with the workers pg-boss still holds. */
  private running = 0;
  private ready: Promise<void> | null = null;
  private preparation: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;

  constructor(private readonly settings: PgBossWorkQueueSettings) {
    super();
    this.pool = new pg.Pool({ connectionString: settings.connectionString, max: 4, application_name: 'pgboss' });
    this.pool.on('error', (error: Error) => this.logger.error({ msg: 'a pg-boss connection failed', reason: error.message }));
    this.boss = new PgBoss({
      db: { executeSql: (text: string, values: unknown[]) => this.pool.query(text, values) },
      schema: settings.schema,
      migrate: true,
      supervise: true,
      schedule: false,
      maintenanceIntervalSeconds: Math.max(1, Math.round(settings.maintenanceIntervalMs / 1000)),
      archiveCompletedAfterSeconds: 3_600,
      archiveFailedAfterSeconds: settings.failedRetentionDays * 86_400,
      deleteAfterDays: settings.failedRetentionDays,
    });
    this.boss.on('error', (error: Error) => this.logger.error({ msg: 'pg-boss reported an error', reason: error.message }));
  }

  define<T extends object>(definition: QueueDefinition<T>): void {
    if (this.definitions.has(definition.name)) throw workErrors.queueDefinedTwice(definition.name);
    this.definitions.set(definition.name, definition as unknown as QueueDefinition<object>);
  }

  /** Creates (or migrates) the schema and the queues, then starts the workers and recovery. */
  start(): Promise<void> {
    this.ready ??= this.startOnce();
    return this.ready;
  }

  /**
   * The schema and the queues, once: what `send` and the admin reads need. A process that never
   * starts (a one-shot command) records jobs without running them.
   */
  private prepared(): Promise<void> {
    this.preparation ??= this.prepareOnce();
    return this.preparation;
  }

  private async prepareOnce(): Promise<void> {
    const held = [...this.definitions.values()].reduce((sum, definition) => sum + definition.concurrency, 0);
    this.locks = new PostgresKeyLocks(this.settings.connectionString, held + 1);
    // Replicas that start together would deadlock in pg-boss's own schema and queue creation: one at a time.
    await this.locks.withLock('work-queue', 'setup', () => this.setUp());
  }

  private async startOnce(): Promise<void> {
    await this.prepared();
    for (const definition of this.definitions.values()) {
      const ids: string[] = [];
      for (let i = 0; i < definition.concurrency; i += 1) {
        ids.push(
          await this.boss.work<Envelope>(
            definition.name,
            { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: this.settings.pollIntervalMs / 1000 },
            ([job]) => this.run(definition, job),
          ),
        );
      }
      this.workers.set(definition.name, ids);
    }
    for (const definition of this.definitions.values()) {
      for (const job of (await definition.recover?.()) ?? []) await this.sendEnvelope(definition.name, { payload: job.data }, job);
    }
  }

  /** pg-boss's schema (created or migrated at its start), then each queue with its retry settings. */
  private async setUp(): Promise<void> {
    await this.boss.start();
    for (const definition of this.definitions.values()) {
      const options = {
        name: definition.name,
        policy: 'standard' as const,
        retryLimit: definition.retryLimit,
        retryDelay: Math.ceil(definition.retryDelayMs / 1000),
        retryBackoff: true,
        expireInSeconds: Math.max(1, Math.ceil(definition.expireInMs / 1000)),
      };
      await this.boss.createQueue(definition.name, options);
      // createQueue leaves an existing queue as it was: this applies changed settings.
      await this.boss.updateQueue(definition.name, options);
    }
    // On the partitioned parent: every queue's partition has it, those attached later too.
    await this.query(
      `CREATE INDEX IF NOT EXISTS ${GROUP_INDEX} ON ${quoteIdentifier(this.settings.schema)}.job (name, (data->>'group')) WHERE state < 'active'`,
      [],
    );
    await this.query(
      `CREATE INDEX IF NOT EXISTS ${FETCH_ORDER_INDEX} ON ${quoteIdentifier(this.settings.schema)}.job (name, priority DESC, created_on, id) WHERE state < 'active'`,
      [],
    );
  }

  /**
   * Stops fetching, waits for running jobs (up to 30 s), and closes the connections once nothing of
   * pg-boss can use them. pg-boss's own stop returns while its per-queue "off work" loops (manager.js
   * offWork) still poll once a second until every worker has stopped; a worker caught mid-fetch stops
   * only after it ran what that fetch returned (pg-boss checks `stopping` before fetching, not after).
   * And a fetch still waiting for one of the pool's few connections when the pool ends never gets one
   * (pg-pool serves no waiter once ending), so its worker would never stop and its queue's loop would
   * poll for ever. So pg-boss does not close the pool: this waits until no handler runs and pg-boss holds
   * none of the queue's workers (their loops ended: pg-boss-workers.ts), then closes it. Nothing of the
   * queue outlives the stop (a test's torn-down module registry, a process that exits next).
   */
  stop(): Promise<void> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    await this.stopPreparedOnce();
    // After the workers: a keyed run still going ended with them (stop waits while one runs).
    await this.keyedRunLocks?.close();
  }

  private async stopPreparedOnce(): Promise<void> {
    if (!this.preparation) {
      // Never started nor sent to: only keyed runs may be going.
      const since = Date.now();
      while (this.running > 0 && Date.now() - since <= STOP_LIMIT_MS) await sleep(STOP_CHECK_MS);
      return;
    }
    // A failed start or preparation was reported to its caller; what it opened is closed all the same.
    await this.ready?.catch(() => undefined);
    await this.preparation.catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000, close: false });
    const ids = [...this.workers.values()].flat();
    const since = Date.now();
    while (this.running > 0 || aliveWorkers(ids).length > 0) {
      if (Date.now() - since > STOP_LIMIT_MS) {
        this.logger.warn({ msg: "pg-boss still holds workers after the stop's limit", workers: aliveWorkers(ids), running: this.running });
        break;
      }
      await sleep(STOP_CHECK_MS);
    }
    await this.pool.end();
    await this.locks?.close();
  }

  /** The workers of this queue pg-boss still holds (none once `stop` returned). */
  liveWorkers(): string[] {
    return aliveWorkers([...this.workers.values()].flat());
  }

  async send<T extends object>(queue: string, data: T, options: SendOptions = {}): Promise<string> {
    if (!this.definitions.has(queue)) throw workErrors.unknownQueue(queue);
    await this.prepared();
    return this.sendEnvelope(queue, { payload: data, traceparent: currentTraceparent() }, options);
  }

  /** A new job: in its group's turn (priorityOf), keyed and due as `options` say. */
  private async sendEnvelope(queue: string, envelope: Envelope, options: SendOptions): Promise<string> {
    const group = options.group ?? null;
    return this.insert(queue, { ...envelope, group }, options.key ?? null, options.startAfter?.toISOString() ?? null, await this.priorityOf(queue, group));
  }

  /**
   * A new job's pg-boss priority: minus its rank, the jobs of its group already waiting plus `ahead`
   * of them sent before it in the same batch (capped at GROUP_RANK_CAP); 0 without a group. Equal
   * ranks start in creation order, which the jobs of one batch share (they start in any order).
   */
  private async priorityOf(queue: string, group: string | null, ahead = 0): Promise<number> {
    if (group === null) return 0;
    return -Math.min(GROUP_RANK_CAP, (await this.waitingOfGroup(queue, group)) + ahead);
  }

  /** How many jobs of `group` wait in `queue` (created or in retry), counted up to GROUP_RANK_CAP. */
  private async waitingOfGroup(queue: string, group: string): Promise<number> {
    const [row] = await this.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM (
         SELECT 1 FROM ${quoteIdentifier(this.settings.schema)}.job WHERE name = $1 AND state < 'active' AND data->>'group' = $2 LIMIT $3
       ) waiting`,
      [queue, group, GROUP_RANK_CAP],
    );
    return row.count;
  }

  /** One pg-boss `insert` (one statement) for the whole batch, each job with its own id, key and flow; the workers told at once. */
  async sendMany<T extends object>(queue: string, jobs: ReadonlyArray<BatchJob<T>>): Promise<string[]> {
    const sent = await this.insertBatch(queue, jobs);
    sent.committed();
    return sent.ids;
  }

  /**
   * pg-boss's `insert` run on the caller's transaction (its `db` option: the statement goes through
   * `manager`, the connector's own database, where pg-boss's schema is): the jobs commit with the
   * caller's rows. `committed` tells the workers.
   */
  sendManyWithin<T extends object>(manager: EntityManager, queue: string, jobs: ReadonlyArray<BatchJob<T>>): Promise<SentWithin> {
    return this.insertBatch(queue, jobs, { executeSql: async (text, values) => ({ rows: (await manager.query(text, values)) as unknown[] }) });
  }

  /** The batch's one `insert`, on pg-boss's own pool or on `db` (a caller's transaction); `committed` wakes the workers when a job is due now. */
  private async insertBatch<T extends object>(queue: string, jobs: ReadonlyArray<BatchJob<T>>, db?: PgBoss.Db): Promise<SentWithin> {
    if (!this.definitions.has(queue)) throw workErrors.unknownQueue(queue);
    if (jobs.length === 0) return { ids: [], committed: () => undefined };
    await this.prepared();
    const rows = await this.rowsOf(queue, jobs);
    await (db ? this.boss.insert(rows, { db }) : this.boss.insert(rows));
    const due = jobs.some((each) => each.startAfter === undefined);
    return { ids: rows.map((row) => row.id), committed: () => (due ? this.wake(queue) : undefined) };
  }

  /** pg-boss's rows of a batch: grouped jobs take their turns as send() gives them (one count per grouped job; the webhooks' jobs have none). */
  private async rowsOf<T extends object>(queue: string, jobs: ReadonlyArray<BatchJob<T>>): Promise<Array<PgBoss.JobInsert<Envelope> & { id: string }>> {
    const flow = currentTraceparent();
    const rows = [];
    const sentOfGroup = new Map<string, number>();
    for (const each of jobs) {
      const group = each.group ?? null;
      const ahead = group === null ? 0 : (sentOfGroup.get(group) ?? 0);
      if (group !== null) sentOfGroup.set(group, ahead + 1);
      const priority = await this.priorityOf(queue, group, ahead);
      rows.push({
        id: randomUUID(),
        name: queue,
        data: { payload: each.data, traceparent: each.traceparent === undefined ? flow : each.traceparent, group } satisfies Envelope,
        ...(each.key !== undefined ? { singletonKey: each.key } : {}),
        ...(each.startAfter !== undefined ? { startAfter: each.startAfter.toISOString() } : {}),
        ...(priority !== 0 ? { priority } : {}),
      });
    }
    return rows;
  }

  async listFailed(filter: FailedJobFilter): Promise<FailedJob[]> {
    await this.prepared();
    const schema = quoteIdentifier(this.settings.schema);
    const params: unknown[] = [filter.limit];
    const byQueue = filter.queue === undefined ? '' : `AND name = $${params.push(filter.queue)}`;
    const rows = await this.query<FailedRow>(
      `SELECT id, name, singleton_key, data, output, retry_count, created_on, completed_on FROM ${schema}.job
        WHERE state = 'failed' ${byQueue} ORDER BY completed_on DESC NULLS LAST, created_on DESC LIMIT $1`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      queue: row.name,
      key: row.singleton_key,
      data: (row.data as Envelope | null)?.payload ?? {},
      error: errorMessageOf(row.output),
      attempts: row.retry_count + 1,
      createdAt: new Date(row.created_on),
      failedAt: row.completed_on ? new Date(row.completed_on) : null,
    }));
  }

  /** One grouped query over pg-boss's job table, on the database's clock (shared by every replica). */
  async stats(): Promise<QueueStats[]> {
    await this.prepared();
    const rows = await this.query<StatsRow>(
      `SELECT name,
              count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now()) AS waiting,
              count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after > now()) AS delayed,
              coalesce(extract(epoch FROM now() - min(start_after) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now())), 0) AS oldest,
              count(*) FILTER (WHERE state = 'active') AS running,
              count(*) FILTER (WHERE state = 'failed') AS failed
         FROM ${quoteIdentifier(this.settings.schema)}.job
        WHERE name = ANY($1) AND state IN ('created', 'retry', 'active', 'failed')
        GROUP BY name`,
      [[...this.definitions.keys()]],
    );
    const byQueue = new Map(rows.map((row) => [row.name, row]));
    return [...this.definitions.keys()].map((queue) => {
      const row = byQueue.get(queue);
      return {
        queue,
        waiting: Number(row?.waiting ?? 0),
        delayed: Number(row?.delayed ?? 0),
        oldestWaitingSeconds: Number(row?.oldest ?? 0),
        running: Number(row?.running ?? 0),
        failed: Number(row?.failed ?? 0),
      };
    });
  }

  async retry(id: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    await this.prepared();
    const [job] = await this.query<{ name: string }>(`SELECT name FROM ${quoteIdentifier(this.settings.schema)}.job WHERE id = $1 AND state = 'failed'`, [id]);
    if (!job) return false;
    // pg-boss answers { affected } although its types say void.
    const result = (await this.boss.retry(job.name, id)) as unknown as { affected?: number } | undefined;
    this.wake(job.name);
    return result?.affected === 1;
  }

  async whenIdle(queue: string, timeoutMs = 30_000): Promise<void> {
    if (!this.definitions.has(queue)) throw workErrors.unknownQueue(queue);
    await this.prepared();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await this.query<{ count: string }>(
        `SELECT count(*) AS count FROM ${quoteIdentifier(this.settings.schema)}.job WHERE name = $1 AND state < 'completed'`,
        [queue],
      );
      if (Number(row.count) === 0) return;
      if (Date.now() > deadline) throw workErrors.notIdle(queue, timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** The advisory lock a job run takes on (queue, key), waited for; held on its own connection while `work` runs. */
  async runKeyed<R>(scope: string, key: string, work: () => Promise<R>): Promise<R> {
    if (this.stopping) throw workErrors.stopped();
    this.keyedRunLocks ??= new PostgresKeyLocks(this.settings.connectionString, KEYED_RUNS_HELD, 0);
    this.running += 1;
    try {
      return await this.keyedRunLocks.withLock(scope, key, work);
    } finally {
      this.running -= 1;
    }
  }

  /** One run, in a span of the trace that sent the job (its log lines and outbound calls name that trace). */
  private async run(definition: QueueDefinition<object>, job: PgBoss.JobWithMetadata<Envelope>): Promise<void> {
    this.running += 1;
    try {
      const attributes = { 'job.queue': definition.name, 'job.id': job.id, 'job.attempt': job.retryCount + 1 };
      await inSpan(`job ${definition.name}`, 'consumer', parseTraceparent(job.data.traceparent), () => this.runHeld(definition, job), { attributes });
    } finally {
      this.running -= 1;
    }
  }

  private async runHeld(definition: QueueDefinition<object>, job: PgBoss.JobWithMetadata<Envelope>): Promise<void> {
    const key = job.singletonKey;
    const lock = key === null ? null : await this.locks!.tryLock(definition.name, key);
    if (key !== null && lock === null) return this.defer(definition, job, key);
    try {
      await definition.handler({ id: job.id, queue: definition.name, data: job.data.payload, key, attempt: job.retryCount + 1 });
    } catch (error) {
      if (job.retryCount < job.retryLimit && (await this.retryLater(definition, job, error))) return;
      throw error;
    } finally {
      await lock?.release();
      // A job that waited for this key may now run: look again rather than at the next poll.
      if (key !== null) this.wake(definition.name);
    }
  }

  /**
   * Puts the failed run back in `retry`, due after the one rule's wait, while it is still this run's
   * (active); the handler then returns, and pg-boss's completion of it matches nothing. False when
   * that could not be recorded: the throw is then pg-boss's to retry.
   */
  private async retryLater(definition: QueueDefinition<object>, job: PgBoss.JobWithMetadata<Envelope>, error: unknown): Promise<boolean> {
    const reason = error instanceof Error ? error.message : String(error);
    const attempt = job.retryCount + 1;
    const waitMs = Math.max(MIN_RETRY_WAIT_MS, retryDelay(attempt, { baseMs: definition.retryDelayMs }));
    try {
      // Relative to the database's clock, as pg-boss's own due times.
      const rows = await this.query<{ id: string }>(
        `UPDATE ${quoteIdentifier(this.settings.schema)}.job SET state = 'retry', start_after = now() + $3 * interval '1 millisecond', output = $4::jsonb
          WHERE name = $1 AND id = $2 AND state = 'active' RETURNING id`,
        [definition.name, job.id, waitMs, JSON.stringify({ message: reason })],
      );
      if (rows.length !== 1) return false;
    } catch (recordError) {
      this.logger.warn({ msg: "could not schedule a job's retry; pg-boss retries it", queue: definition.name, jobId: job.id, reason: String(recordError) });
      return false;
    }
    this.logger.warn({ msg: 'job failed; retrying', queue: definition.name, jobId: job.id, attempt, retryInMs: waitMs, reason });
    return true;
  }

  /** Another run holds the key: the job goes back in the queue a little later (this copy completes). */
  private async defer(definition: QueueDefinition<object>, job: PgBoss.JobWithMetadata<Envelope>, key: string): Promise<void> {
    const deferrals = (job.data.deferrals ?? 0) + 1;
    const waitMs = KEY_BUSY_MIN_MS + fullJitterBackoff(deferrals, KEY_BUSY_BASE_MS, KEY_BUSY_MAX_MS, Math.random);
    // Relative to the database's clock (pg-boss adds the interval to now()), not this host's.
    await this.insert(
      definition.name,
      { payload: job.data.payload, deferrals, traceparent: job.data.traceparent, group: job.data.group ?? null },
      key,
      `${waitMs / 1000} seconds`,
      job.priority,
    );
  }

  private async insert(queue: string, envelope: Envelope, key: string | null, startAfter: string | null, priority = 0): Promise<string> {
    const id = await this.boss.send(queue, envelope, {
      ...(key !== null ? { singletonKey: key } : {}),
      ...(startAfter !== null ? { startAfter } : {}),
      ...(priority !== 0 ? { priority } : {}),
    });
    if (id === null) throw new Error(`pg-boss did not record a job on queue ${queue}`);
    if (startAfter === null) this.wake(queue);
    return id;
  }

  private wake(queue: string): void {
    for (const id of this.workers.get(queue) ?? []) this.boss.notifyWorker(id);
  }

  private async query<R>(text: string, values: unknown[]): Promise<R[]> {
    const db = this.boss.getDb() as { executeSql(text: string, values: unknown[]): Promise<{ rows: R[] }> };
    return (await db.executeSql(text, values)).rows;
  }
}

interface StatsRow {
  name: string;
  waiting: string;
  delayed: string;
  oldest: string | number;
  running: string;
  failed: string;
}

interface FailedRow {
  id: string;
  name: string;
  singleton_key: string | null;
  data: unknown;
  output: unknown;
  retry_count: number;
  created_on: string | Date;
  completed_on: string | Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** pg-boss stores a thrown error serialized (serialize-error) in `output`. */
function errorMessageOf(output: unknown): string {
  if (output && typeof output === 'object') {
    const record = output as { message?: unknown; value?: { message?: unknown } };
    if (typeof record.message === 'string') return record.message;
    if (typeof record.value?.message === 'string') return record.value.message;
  }
  return output === null || output === undefined ? 'unknown error' : JSON.stringify(output).slice(0, 1000);
}
