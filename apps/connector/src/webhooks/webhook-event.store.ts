import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { fromUtcWallClock, inPowerOfTwoChunks, insertOrLoseRace, insertRows } from '#common';
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

export interface TypeActivity {
  type: string;
  lastReceivedAt: Date;
  received: number;
}

/** The stored deliveries: recorded once per idempotency key, then moved to a final state by processing. */
@Injectable()
export class WebhookEventStore {
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
   * chunks of a few sizes: a few statement shapes) that skip a key already stored (ON CONFLICT DO
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
      for (const chunk of inPowerOfTwoChunks([...fresh.values()])) {
        const rows = await insertRows(manager, WebhookEventEntity, chunk, { skipConflictOn: 'idempotencyKey', returning: ['id', 'idempotencyKey'] });
        for (const row of rows) {
          const key = row.idempotencyKey as string;
          stored.set(key, Object.assign(new WebhookEventEntity(), fresh.get(key), { id: Number(row.id) }));
          created.add(key);
        }
      }
      const skipped = [...fresh.keys()].filter((key) => !created.has(key));
      for (const chunk of inPowerOfTwoChunks(skipped)) {
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
   * The highest sequence of the object's events that were applied (processed), among those from the
   * same instance (`Marketplacer-Vertical`): each instance numbers its own events.
   */
  async appliedSequence(event: Pick<WebhookEventEntity, 'objectType' | 'objectId' | 'vertical'>): Promise<number | null> {
    const query = this.events
      .createQueryBuilder('event')
      .select('MAX(event.sequence)', 'sequence')
      .where('event.objectType = :type AND event.objectId = :objectId AND event.state = :state', {
        type: event.objectType,
        objectId: event.objectId,
        state: 'processed',
      });
    if (event.vertical === null) query.andWhere('event.vertical IS NULL');
    else query.andWhere('event.vertical = :vertical', { vertical: event.vertical });
    const row = await query.getRawOne<{ sequence: string | number | null }>();
    return row?.sequence === null || row?.sequence === undefined ? null : Number(row.sequence);
  }

  /** A later event of the same object waiting to be processed (it re-reads the object anyway). */
  newerWaiting(event: WebhookEventEntity): Promise<WebhookEventEntity | null> {
    const later = event.sequence === null ? { id: MoreThan(event.id) } : { sequence: MoreThan(event.sequence) };
    return this.events.findOne({
      where: { objectType: event.objectType!, objectId: event.objectId!, state: 'received', ...later },
      order: { id: 'DESC' },
    });
  }

  async finish(id: number, state: Exclude<WebhookEventState, 'received'>, text: string, attempts: number, now: Date): Promise<void> {
    await this.events.update(
      { id },
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
