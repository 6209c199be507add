import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery, MayBeOmitted } from '#common';
import type { WebhookEventEntity, WebhookEventState } from '../entities/webhook-event.entity.js';

const STATES: WebhookEventState[] = ['received', 'processed', 'failed', 'ignored'];

export class ReceivedDeliveryDto {
  @ApiProperty({ description: 'The stored event (GET /admin/webhooks/events/{id})', example: 42 }) eventId: number;
  @ApiProperty({ description: 'A redelivery of an event already stored: nothing new was stored', example: false }) duplicate: boolean;
  @ApiProperty({ enum: STATES, description: 'Its state now', example: 'received' }) state: WebhookEventState;
}

export class ListWebhookEventsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATES, description: 'Only events in this state' }) @MayBeOmitted() @IsIn(STATES) state?: WebhookEventState;

  @ApiPropertyOptional({ description: 'Only events about this type of object (`__typename`)', example: 'Invoice' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(50)
  @Matches(/^[A-Za-z]+$/, { message: 'type must be a GraphQL type name such as Invoice' })
  type?: string;

  @ApiPropertyOptional({ description: 'Only events about this object (its Marketplacer global id)', example: 'SW52b2ljZS0xMDA=' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(200)
  objectId?: string;
}

export class WebhookEventDto {
  @ApiProperty({ example: 42 }) id: number;
  @ApiProperty({ enum: STATES, example: 'processed' }) state: WebhookEventState;
  @ApiProperty({ nullable: true, type: String, description: '`__typename` of the object', example: 'Invoice' }) type: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The object's global id", example: 'SW52b2ljZS0xMDA=' }) objectId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'create, update, destroy', example: 'update' }) eventName: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Marketplacer-Sequence', example: 2552 }) sequence: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Marketplacer-Vertical', example: 'bestfriendbazaar' }) vertical: string | null;
  @ApiProperty({ description: 'Idempotency-Key (or the body id / hash when the delivery had none)', example: 'YmVzdGZyaWVuZGJhemFhcjoyNTUy' })
  idempotencyKey: string;
  @ApiProperty({ nullable: true, type: String, description: "Marketplacer's webhook event id (the body's `id`)", example: 'V2ViaG9va0V2ZW50LTE5' })
  webhookEventId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'What processing did, or why it was ignored', example: '1 order brought up to date' })
  note: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The last processing error', example: null }) error: string | null;
  @ApiProperty({ description: 'Processing attempts', example: 1 }) attempts: number;
  @ApiProperty({ example: '2026-11-26T20:00:00.000Z' }) receivedAt: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-26T20:00:00.250Z' }) processedAt: string | null;

  static of(event: WebhookEventEntity): WebhookEventDto {
    return {
      id: event.id,
      state: event.state,
      type: event.objectType,
      objectId: event.objectId,
      eventName: event.eventName,
      sequence: event.sequence,
      vertical: event.vertical,
      idempotencyKey: event.idempotencyKey,
      webhookEventId: event.eventId,
      note: event.note,
      error: event.lastError,
      attempts: event.attempts,
      receivedAt: event.receivedAt.toISOString(),
      processedAt: event.processedAt?.toISOString() ?? null,
    };
  }
}

export class WebhookEventDetailDto extends WebhookEventDto {
  @ApiProperty({ description: 'The identifying headers of the delivery (never its signature)', example: { 'marketplacer-sequence': '2552' } })
  headers: Record<string, string>;
  @ApiProperty({
    description: 'The body exactly as received: as text, or its bytes in base64 when they are not UTF-8 text without NUL (see bodyEncoding)',
    example: '{"id":"V2ViaG9va0V2ZW50LTE5","event_name":"update","payload":{}}',
  })
  body: string;
  @ApiProperty({ enum: ['utf8', 'base64'], description: 'How `body` holds the delivered bytes', example: 'utf8' })
  bodyEncoding: 'utf8' | 'base64';

  static detailOf(event: WebhookEventEntity): WebhookEventDetailDto {
    return {
      ...WebhookEventDto.of(event),
      headers: JSON.parse(event.headersJson) as Record<string, string>,
      body: event.body,
      bodyEncoding: event.bodyEncoding,
    };
  }
}

export class ReplayedDto {
  @ApiProperty({ description: 'Events queued again', example: 3 }) replayed: number;
}

export class WebhookTypeDto {
  @ApiProperty({ example: 'Invoice' }) type: string;
  @ApiProperty({ description: 'Whether a context handles this type', example: true }) handled: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'When one was last received', example: '2026-11-26T20:00:00.000Z' }) lastReceivedAt: string | null;
  @ApiProperty({ description: 'Deliveries received (events stored)', example: 120 }) received: number;
  @ApiProperty({ description: 'Received within WEBHOOK_HEALTHY_WINDOW_MS: the feeds it covers poll as the safety net', example: true }) arriving: boolean;
}

export class FeedCadenceDto {
  @ApiProperty({ example: 'invoices' }) job: string;
  @ApiProperty({ description: 'The webhook types that deliver its changes', example: ['Invoice', 'Shipment'] }) webhookTypes: string[];
  @ApiProperty({ description: 'Its own interval', example: 60000 }) intervalMs: number;
  @ApiProperty({ description: 'The interval it runs at now (longer while its webhooks are arriving)', example: 900000 }) currentIntervalMs: number;
}

export class WebhooksStatusDto {
  @ApiProperty({ description: 'Where to point the operator webhooks', example: 'https://connector.example.com/webhooks/marketplacer' }) url: string;
  @ApiProperty({ description: 'HMAC keys accepted (MARKETPLACER_WEBHOOK_HMAC_KEYS); 0 = every delivery is refused', example: 1 }) hmacKeys: number;
  @ApiProperty({ nullable: true, type: String, description: 'When any delivery was last received', example: '2026-11-26T20:00:00.000Z' })
  lastReceivedAt: string | null;
  @ApiProperty({ description: 'Events per state', example: { received: 0, processed: 120, failed: 0, ignored: 4 } })
  events: Record<WebhookEventState, number>;
  @ApiProperty({ type: [WebhookTypeDto] }) types: WebhookTypeDto[];
  @ApiProperty({ type: [FeedCadenceDto] }) feeds: FeedCadenceDto[];
}
