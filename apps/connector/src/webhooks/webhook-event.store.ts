import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { fromUtcWallClock, insertOrLoseRace, insertRows, quoteIdentifier, statementChunks, statementDialect, updateRowById } from '#common';
import { In, LessThan, MoreThan, type EntityManager, type FindOptionsWhere, type Repository } from 'typeorm';
import { WebhookEventEntity, type WebhookEventState } from './entities/webhook-event.entity.js';
import type { WebhookDelivery } from './webhook-delivery.js';

export interface EventFilter {
  state?: WebhookEventState;
  type?: string;
  objectId?: string;
  /** Events with a smaller id (the next page of a newest-first list). */
  before?: number;
  limit: number;
}

/** A delivery as the receiver accepted it: when, and in which flow (the request's trace, which processing joins). */
export interface AcceptedDelivery {
  delivery: WebhookDelivery;
  receivedAt: Date;
  /** The W3C `traceparent` of the delivery's request (Marketplacer's trace when it sent one). */
  traceparent: string | null;
}

/** The stored event of a delivery, and whether the delivery was a redelivery of it. */
export interface RecordedDelivery {
  event: WebhookEventEntity;
  duplicate: boolean;
}

/** What processing reads of an event: the event (its body and headers left out) and where its object stands. */
export interface EventToProcess {
  event: Pick<WebhookEventEntity, 'id' | 'state' | 'sequence' | 'vertical' | 'eventName' | 'objectType' | 'objectId' | 'attempts' | 'traceparent'>;
  /** The highest sequence applied (processed) to its object, among events of the same instance; null: none. */
  appliedSequence: number | null;
  /** The latest later event of its object still waiting (it re-reads the object anyway); null: none. */
  newerWaiting: { id: number; sequence: number | null } | null;
}

export interface TypeActivity {
  type: string;
  lastReceivedAt: Date;
  received: number;
}

/** The stored deliveries: recorded once per idempotency key, then moved to a final state by processing. */
@Injectable()
export class WebhookEventStore {
  /** forProcessing's SQL, built on first use (the store's database never changes). */
  private processingRead: string | null = null;

  constructor(@InjectRepository(WebhookEventEntity) private readonly events: Repository<WebhookEventEntity>) {}

  /**
   * Stores the delivery; a redelivery (same idempotency key) stores nothing and answers the stored
   * event. Throws when the database cannot store it (the receiver then answers 5xx: Marketplacer retries).
   */
  async record(accepted: AcceptedDelivery): Promise<RecordedDelivery> {
    // The insert is the check: the unique key refuses a redelivery (one statement for a new delivery).
    return insertOrLoseRace<RecordedDelivery>(
      async () => ({ event: await this.events.save(this.events.create(rowOf(accepted))), duplicate: false }),
      // A redelivery, or two deliveries of one event at once: the stored one answers.
      async (lost) => {
        // Not a redelivery after all (another key refused it, or the database is failing): the insert's own error is the answer.
        const event = await this.events.findOneBy({ idempotencyKey: accepted.delivery.idempotencyKey }).catch(() => null);
        if (!event) throw lost;
        return { event, duplicate: true };
      },
    );
  }

  /**
   * Stores deliveries that arrived together in one transaction (one commit: ADR 0025) and answers each
   * as `record` would have alone, in order: a key already stored, or met earlier in the same group,
   * is a duplicate answered with the stored event. New rows go in multi-row inserts (insertRows, in
   * statementChunks: a few statement shapes on SQLite, one statement on Postgres) that skip a key already stored (ON CONFLICT DO
   * NOTHING on the unique key, which also covers another replica's insert meanwhile); only the keys
   * skipped are read back, as duplicates. `alsoWithin` runs in the same transaction once the rows are
   * in (the receiver queues their processing there: one commit for both). Throws when the group
   * cannot be stored, and then nothing of it was.
   */
  async recordAll(
    group: readonly AcceptedDelivery[],
    alsoWithin?: (manager: EntityManager, recorded: RecordedDelivery[]) => Promise<void>,
  ): Promise<RecordedDelivery[]> {
    if (group.length === 0) return [];
    return this.events.manager.transaction(async (manager) => {
      const fresh = new Map<string, Partial<WebhookEventEntity>>();
      for (const accepted of group) if (!fresh.has(accepted.delivery.idempotencyKey)) fresh.set(accepted.delivery.idempotencyKey, rowOf(accepted));
      const stored = new Map<string, WebhookEventEntity>();
      const created = new Set<string>();
      const dialect = statementDialect(manager);
      for (const chunk of statementChunks([...fresh.values()], dialect)) {
        const rows = await insertRows(manager, WebhookEventEntity, chunk, { skipConflictOn: 'idempotencyKey', returning: ['id', 'idempotencyKey'] });
        for (const row of rows) {
          const key = row.idempotencyKey as string;
          stored.set(key, Object.assign(new WebhookEventEntity(), fresh.get(key), { id: Number(row.id) }));
          created.add(key);
        }
      }
      const skipped = [...fresh.keys()].filter((key) => !created.has(key));
      for (const chunk of statementChunks(skipped, dialect)) {
        for (const event of await manager.findBy(WebhookEventEntity, { idempotencyKey: In(chunk) })) stored.set(event.idempotencyKey, event);
      }
      const answered = new Set<string>();
      const recorded = group.map((accepted) => {
        const key = accepted.delivery.idempotencyKey;
        const event = stored.get(key);
        // Skipped by the insert yet not found: no race explains it; the group fails and each delivery is stored alone.
        if (!event) throw new Error(`webhook event ${key} was neither stored nor found`);
        const duplicate = !created.has(key) || answered.has(key);
        answered.add(key);
        return { event, duplicate };
      });
      await alsoWithin?.(manager, recorded);
      return recorded;
    });
  }

  get(id: number): Promise<WebhookEventEntity | null> {
    return this.events.findOneBy({ id });
  }

  list(filter: EventFilter): Promise<WebhookEventEntity[]> {
    const where: FindOptionsWhere<WebhookEventEntity> = {};
    if (filter.state) where.state = filter.state;
    if (filter.type) where.objectType = filter.type;
    if (filter.objectId) where.objectId = filter.objectId;
    if (filter.before !== undefined) where.id = LessThan(filter.before);
    return this.events.find({ where, order: { id: 'DESC' }, take: filter.limit });
  }

  /**
   * One statement (one round trip: processing runs once per event, beside the receiver's intake) reads
   * the event and, for its object (same type and id):
   * - the highest sequence of the events applied (processed), among those from the same instance
   *   (`Marketplacer-Vertical`: each instance numbers its own events);
   * - the latest later event still `received` (by sequence when the event has one, else by id).
   * Null when there is no such event.
   */
  async forProcessing(id: number): Promise<EventToProcess | null> {
    const dialect = statementDialect(this.events.manager);
    this.processingRead ??= this.processingReadSql(dialect.placeholder(1));
    const rows = (await this.events.query(this.processingRead, [dialect.bind(id)])) as ProcessingRow[];
    const row = rows[0];
    if (!row) return null;
    return {
      event: {
        id: Number(row.id),
        state: row.state,
        sequence: numberOrNull(row.sequence),
        vertical: row.vertical,
        eventName: row.event_name,
        objectType: row.object_type,
        objectId: row.object_id,
        attempts: Number(row.attempts),
        traceparent: row.traceparent,
      },
      appliedSequence: numberOrNull(row.applied_sequence),
      newerWaiting: row.newer_id === null ? null : { id: Number(row.newer_id), sequence: numberOrNull(row.newer_sequence) },
    };
  }

  /** forProcessing's SQL, the same for both databases but for the placeholder. */
  private processingReadSql(placeholder: string): string {
    const table = this.events.metadata.tablePath.split('.').map(quoteIdentifier).join('.');
    const sameObject = (alias: string) => `${alias}.object_type = e.object_type AND ${alias}.object_id = e.object_id`;
    // The newer event is joined by its id (one correlated subquery): SQLite ran two correlated subqueries
    // with ORDER BY … LIMIT in one SELECT ~40× slower than either alone (138 against 2.5 µs, 50,000 events).
    const newerId = `(SELECT m.id FROM ${table} m WHERE ${sameObject('m')} AND m.state = 'received'
          AND ((e.sequence IS NULL AND m.id > e.id) OR (e.sequence IS NOT NULL AND m.sequence > e.sequence))
        ORDER BY m.id DESC LIMIT 1)`;
    return `SELECT e.id, e.state, e.sequence, e.vertical, e.event_name, e.object_type, e.object_id, e.attempts, e.traceparent,
        (SELECT MAX(a.sequence) FROM ${table} a WHERE ${sameObject('a')} AND a.state = 'processed'
          AND (a.vertical = e.vertical OR (a.vertical IS NULL AND e.vertical IS NULL))) AS applied_sequence,
        n.id AS newer_id, n.sequence AS newer_sequence
      FROM ${table} e LEFT JOIN ${table} n ON n.id = ${newerId}
      WHERE e.id = ${placeholder}`;
  }

  /** The event's final state, its note (or its error when failed) and when; one statement built once (updateRowById). */
  async finish(id: number, state: Exclude<WebhookEventState, 'received'>, text: string, attempts: number, now: Date): Promise<void> {
    await updateRowById(
      this.events.manager,
      WebhookEventEntity,
      id,
      state === 'failed' ? { state, lastError: text, attempts, processedAt: now } : { state, note: text, attempts, processedAt: now },
    );
  }

  /** A failed attempt that will be retried: the error is shown meanwhile. */
  async noteAttempt(id: number, error: string, attempts: number): Promise<void> {
    await this.events.update({ id }, { lastError: error, attempts });
  }

  /** Back to `received` for another run (admin replay); answers the events moved. */
  async reopen(ids: number[]): Promise<WebhookEventEntity[]> {
    if (ids.length === 0) return [];
    await this.events.update({ id: In(ids) }, { state: 'received', processedAt: null });
    return this.events.findBy({ id: In(ids) });
  }

  ids(state: WebhookEventState, limit: number): Promise<number[]> {
    return this.events.find({ select: { id: true }, where: { state }, order: { id: 'ASC' }, take: limit }).then((rows) => rows.map((row) => row.id));
  }

  /** Events still to process (recovery at start, on SQLite where jobs live in memory). */
  waiting(limit: number): Promise<WebhookEventEntity[]> {
    return this.events.find({ where: { state: 'received' }, order: { id: 'ASC' }, take: limit });
  }

  async countsByState(): Promise<Record<WebhookEventState, number>> {
    const rows = await this.events
      .createQueryBuilder('event')
      .select('event.state', 'state')
      .addSelect('COUNT(*)', 'count')
      .groupBy('event.state')
      .getRawMany<{ state: WebhookEventState; count: string | number }>();
    const counts: Record<WebhookEventState, number> = { received: 0, processed: 0, failed: 0, ignored: 0 };
    for (const row of rows) counts[row.state] = Number(row.count);
    return counts;
  }

  /** Per object type: when one was last received, and how many were. */
  async activity(): Promise<TypeActivity[]> {
    const rows = await this.events
      .createQueryBuilder('event')
      .select('event.objectType', 'type')
      .addSelect('MAX(event.receivedAt)', 'last')
      .addSelect('COUNT(*)', 'count')
      .where('event.objectType IS NOT NULL')
      .groupBy('event.objectType')
      .getRawMany<{ type: string; last: string | Date; count: string | number }>();
    return rows.map((row) => ({ type: row.type, lastReceivedAt: asDate(row.last), received: Number(row.count) })).sort((a, b) => a.type.localeCompare(b.type));
  }

  /** Whether an event of one of `types` was received after `since`. */
  async receivedSince(types: readonly string[], since: Date): Promise<boolean> {
    if (types.length === 0) return false;
    return this.events.exists({ where: { objectType: In([...types]), receivedAt: MoreThan(since) } });
  }
}

/** forProcessing's row, as either driver answers it (Postgres reads a bigint as text). */
interface ProcessingRow {
  id: number | string;
  state: WebhookEventState;
  sequence: number | string | null;
  vertical: string | null;
  event_name: string | null;
  object_type: string | null;
  object_id: string | null;
  attempts: number | string;
  traceparent: string | null;
  applied_sequence: number | string | null;
  newer_id: number | string | null;
  newer_sequence: number | string | null;
}

function numberOrNull(value: number | string | bigint | null): number | null {
  return value === null ? null : Number(value);
}

/** The row of an accepted delivery: `received`, or `ignored` at once when it cannot be used. */
function rowOf({ delivery, receivedAt, traceparent }: AcceptedDelivery): Partial<WebhookEventEntity> {
  return {
    idempotencyKey: delivery.idempotencyKey,
    sequence: delivery.sequence,
    vertical: delivery.vertical,
    eventId: delivery.eventId,
    eventName: delivery.eventName,
    objectType: delivery.objectType,
    objectId: delivery.objectId,
    state: delivery.problem ? 'ignored' : 'received',
    note: delivery.problem,
    lastError: null,
    attempts: 0,
    headersJson: JSON.stringify(delivery.headers),
    body: delivery.body,
    bodyEncoding: delivery.bodyEncoding,
    receivedAt,
    processedAt: delivery.problem ? receivedAt : null,
    // The delivery's flow (Marketplacer's trace when it sent one): processing joins it, replays included.
    traceparent,
  };
}

/** A raw aggregate timestamp: text on SQLite, already a Date on Postgres (its pg type parser). */
function asDate(value: string | Date): Date {
  return value instanceof Date ? value : fromUtcWallClock(value);
}
