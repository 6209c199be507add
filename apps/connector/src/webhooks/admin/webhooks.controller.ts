import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute, ApiAdminResource, ApiInvalidInput, ErrorResponseDto } from '#common';
import { ListWebhookEventsQuery, ReplayedDto, WebhookEventDetailDto, WebhookEventDto, WebhooksStatusDto } from '../dto/webhooks.dto.js';
import { WebhooksAdminService } from '../webhooks-admin.service.js';

const EVENT = ['webhook event', 'WEBHOOK_EVENT_NOT_FOUND'] as const;

@ApiTags('admin: webhooks')
@AdminRoute()
@Controller('admin/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksAdminService) {}

  @Get()
  @ApiOperation({
    summary: 'Whether Marketplacer webhook deliveries are arriving, per type, and how the feeds poll meanwhile',
    description:
      'The URL to configure in the Marketplacer portal, how many HMAC keys are accepted, events per state, and per type of object when one was ' +
      'last received. While a type is arriving (within WEBHOOK_HEALTHY_WINDOW_MS) the feeds it covers poll every WEBHOOK_SAFETY_NET_INTERVAL_MS ' +
      '(`feeds[].currentIntervalMs`) as the safety net.',
  })
  @ApiOkResponse({ type: WebhooksStatusDto, description: 'The webhooks as the connector sees them now' })
  status(): Promise<WebhooksStatusDto> {
    return this.webhooks.status();
  }

  @Get('events')
  @ApiOperation({
    summary: 'Stored webhook events, newest first, with their state and error',
    description:
      '`received`: waiting to be processed; `processed`: its object was re-read and the work done (`note`); `ignored`: nothing to do (not ours, ' +
      'older than an event already applied, superseded by a newer event of the same object, unusable body: `note` says which); `failed`: ' +
      'processing kept failing (`error`): replay it. Page backwards with `beforeId`.',
  })
  @ApiOkResponse({ type: [WebhookEventDto], description: 'One page of events, newest first' })
  @ApiInvalidInput('the filters or paging parameters')
  list(@Query() query: ListWebhookEventsQuery): Promise<WebhookEventDto[]> {
    return this.webhooks.list(query);
  }

  @Post('events/replay-failed')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Replay every failed webhook event',
    description:
      'Each failed event (up to 1,000 per call) is processed again: its object is re-read from Marketplacer now. Follow them at GET /admin/webhooks/events.',
  })
  @ApiAcceptedResponse({ type: ReplayedDto, description: 'Queued again' })
  replayFailed(): Promise<ReplayedDto> {
    return this.webhooks.replayFailed();
  }

  @Get('events/:id')
  @ApiOperation({
    summary: 'One webhook event with its headers and body as received',
    description: 'The identifying headers (never the signature) and the body byte for byte, with what processing did.',
  })
  @ApiAdminResource(...EVENT)
  @ApiOkResponse({ type: WebhookEventDetailDto, description: 'The event' })
  get(@Param('id', ParseIntPipe) id: number): Promise<WebhookEventDetailDto> {
    return this.webhooks.get(id);
  }

  @Post('events/:id/replay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Process one webhook event again',
    description:
      'A failed, ignored or processed event is processed again: its object is re-read from Marketplacer now, and only what changed reaches ANYMARKET. ' +
      'An event older than one already applied to its object stays ignored.',
  })
  @ApiAdminResource(...EVENT)
  @ApiAcceptedResponse({ type: WebhookEventDto, description: 'Queued again' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'WEBHOOK_EVENT_NOT_REPLAYABLE: it is waiting to be processed already' })
  replay(@Param('id', ParseIntPipe) id: number): Promise<WebhookEventDto> {
    return this.webhooks.replay(id);
  }
}
