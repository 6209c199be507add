import { Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ErrorResponseDto, MarketplacerWebhookRoute } from '#common';
import { ReceivedDeliveryDto } from '../dto/webhooks.dto.js';
import { WebhookReceiver } from '../webhook-receiver.js';

/** Marketplacer's webhook deliveries (operator webhooks, signed with an HMAC key). */
@ApiTags('remotes: Marketplacer webhooks')
@Controller('webhooks')
export class MarketplacerWebhooksController {
  constructor(private readonly receiver: WebhookReceiver) {}

  @Post('marketplacer')
  @HttpCode(HttpStatus.OK)
  @MarketplacerWebhookRoute()
  @ApiOperation({
    summary: 'Receive one Marketplacer webhook delivery (any type of object)',
    description:
      'Set this URL on every operator webhook in the Marketplacer portal (Configuration → Webhooks) with an HMAC key that is in ' +
      'MARKETPLACER_WEBHOOK_HMAC_KEYS. `Marketplacer-Hmac-256` must be base64(HMAC-SHA256(key, raw body)); a missing or wrong signature is ' +
      'a 401 and changes nothing (an unsigned body over WEBHOOK_BODY_LIMIT: 413). A signed delivery is stored before it is answered 200 (one the ' +
      'connector cannot use, too: kept byte for byte and `ignored` with the reason) and processed once per ' +
      '`Idempotency-Key` in the background: its object is re-read from the Operator API and the same work as the feeds is done (listings ' +
      'reported, orders brought up to date, the seller directory, remittances, the taxonomy copy). When it cannot be stored the answer is ' +
      '503 and Marketplacer retries it. Admins see every event at /admin/webhooks/events.',
  })
  @ApiHeader({
    name: 'Marketplacer-Hmac-256',
    required: true,
    description: 'base64 HMAC-SHA256 of the raw body, keyed with the webhook HMAC key (UTF-8)',
    schema: { type: 'string', example: 'q1ZcR3bm0S2m1y6T1W8jv6b0m6m9vUJ3Gx2aXJmGk7U=' },
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: "Marketplacer's key of the event: a redelivery carries the same one and is processed once",
    schema: { type: 'string', example: 'YmVzdGZyaWVuZGJhemFhcjoyNTUy' },
  })
  @ApiHeader({
    name: 'Marketplacer-Sequence',
    required: false,
    description: 'The order the event was made in at source: an older event of an object changes nothing',
    schema: { type: 'string', example: '2552' },
  })
  @ApiHeader({
    name: 'Marketplacer-Vertical',
    required: false,
    description: 'The Marketplacer instance that sent it',
    schema: { type: 'string', example: 'bestfriendbazaar' },
  })
  @ApiBody({
    description: "Marketplacer's envelope: `{id, event_name, payload: {data: {node: {__typename, id, …}}}}` (read as raw bytes, WEBHOOK_BODY_LIMIT)",
    schema: {
      type: 'object',
      example: { id: 'V2ViaG9va0V2ZW50LTE5', event_name: 'update', payload: { data: { node: { __typename: 'Invoice', id: 'SW52b2ljZS0xMDA=' } } } },
    },
  })
  @ApiOkResponse({ type: ReceivedDeliveryDto, description: 'Stored (or a redelivery of a stored event): Marketplacer counts it delivered' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'UNAUTHENTICATED: no Marketplacer-Hmac-256, or it matches no configured key' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'WEBHOOK_BODY_TOO_LARGE: an unsigned body over WEBHOOK_BODY_LIMIT' })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'WEBHOOK_NOT_STORED (the database failed) or WEBHOOK_BODY_UNREADABLE (signed and larger than WEBHOOK_BODY_LIMIT): Marketplacer retries it',
  })
  receive(@Req() req: Request): Promise<ReceivedDeliveryDto> {
    return this.receiver.receive(req);
  }
}
