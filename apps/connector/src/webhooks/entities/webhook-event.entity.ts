import { Column, Entity, Index, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';
import { TimestampColumn } from '#common';

/**
 * `received`: stored, not yet processed; `processed`: its object was re-read and the work done;
 * `ignored`: nothing to do (not ours, older than what was applied, superseded by a newer event of the
 * same object, unreadable); `failed`: processing kept failing (admins may replay it).
 */
export type WebhookEventState = 'received' | 'processed' | 'failed' | 'ignored';

/** How `body` holds the delivered bytes. */
export type WebhookBodyEncoding = 'utf8' | 'base64';

/** A sequence in a `bigint` column (Postgres' driver reads it as text); a number here. */
const SEQUENCE: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/**
 * One Marketplacer webhook delivery, stored before it is answered 2xx (so an answered delivery is
 * never lost) and processed once: `idempotency_key` is unique, so a redelivery finds the stored one.
 */
@Entity('webhook_event')
@Index('idx_webhook_event_object', ['objectType', 'objectId', 'sequence'])
@Index('idx_webhook_event_state', ['state', 'id'])
@Index('idx_webhook_event_type_received', ['objectType', 'receivedAt'])
export class WebhookEventEntity {
  @PrimaryGeneratedColumn() id: number;

  /** `Idempotency-Key` (opaque); without one, the body's event id, else the body's SHA-256. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, unique: true }) idempotencyKey: string;

  /** `Marketplacer-Sequence`: the order the events were made in at source; null when absent. */
  @Column({ type: 'bigint', nullable: true, transformer: SEQUENCE }) sequence: number | null;

  /** `Marketplacer-Vertical`: the instance that sent it. */
  @Column({ type: 'varchar', length: 100, nullable: true }) vertical: string | null;

  /** The body's `id` (Marketplacer's webhook event id). */
  @Column({ name: 'event_id', type: 'varchar', length: 200, nullable: true }) eventId: string | null;

  /** The body's `event_name`: create, update, destroy (others are kept as sent). */
  @Column({ name: 'event_name', type: 'varchar', length: 50, nullable: true }) eventName: string | null;

  /** The object's entity: `payload.data.node.__typename`, a deleted or unpublished one's as its live type (DeletedAdvert → Advert). */
  @Column({ name: 'object_type', type: 'varchar', length: 50, nullable: true }) objectType: string | null;

  /** `payload.data.node.id`: the object's global id. */
  @Column({ name: 'object_id', type: 'varchar', length: 200, nullable: true }) objectId: string | null;

  @Column({ type: 'varchar', length: 16 }) state: WebhookEventState;

  /** Why it was ignored or what was done (processed), for admins. */
  @Column({ type: 'text', nullable: true }) note: string | null;

  /** The last processing error (failed, or a retry pending). */
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;

  @Column({ type: 'integer', default: 0 }) attempts: number;

  /** The delivery's identifying headers (JSON), never the signature. */
  @Column({ name: 'headers_json', type: 'text' }) headersJson: string;

  /**
   * The body exactly as received: as text when it is UTF-8 without NUL (`bodyEncoding` utf8), else its
   * bytes in base64 (`base64`; Postgres' text cannot hold a NUL), so every delivery is kept byte for byte.
   */
  @Column({ type: 'text' }) body: string;

  @Column({ name: 'body_encoding', type: 'varchar', length: 16, default: 'utf8' }) bodyEncoding: WebhookBodyEncoding;

  @TimestampColumn({ name: 'received_at' }) receivedAt: Date;

  @TimestampColumn({ name: 'processed_at', nullable: true }) processedAt: Date | null;

  /** The W3C `traceparent` of the delivery's flow (its trace, our span): processing, replays included, joins that trace. */
  @Column({ type: 'varchar', length: 55, nullable: true }) traceparent: string | null;
}
