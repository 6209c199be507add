import { Body, Controller, Delete, Get, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '#common';
import { WebhookSettingsDto } from './dto/edits.dto.js';
import { LimitQueryDto } from './dto/faults.dto.js';
import { MarketplacerControlService } from './marketplacer-control.service.js';

/** The simulated webhook: where it goes, whether Marketplacer-style disabled, what was delivered. */
@ApiTags('simulator: Marketplacer control')
@Controller('_control/marketplacer/webhooks')
@PublicRoute()
export class MarketplacerWebhooksController {
  constructor(private readonly control: MarketplacerControlService) {}

  @Get()
  @ApiOperation({ summary: 'Webhook settings and state (enabled, disabledReason, pending, last sequence)' })
  status() {
    return this.control.webhookStatus();
  }

  @Put()
  @ApiOperation({ summary: 'Change the URL / HMAC key, or re-enable after a 4xx disabled it' })
  configure(@Body() dto: WebhookSettingsDto) {
    return this.control.configureWebhooks(dto);
  }

  @Get('deliveries')
  @ApiOperation({ summary: 'The last `limit` deliveries with headers, raw body, parsed event and attempts' })
  deliveries(@Query() query: LimitQueryDto) {
    return this.control.deliveries(query.limit);
  }

  @Delete('deliveries')
  @ApiOperation({ summary: 'Forget finished deliveries' })
  clearDeliveries() {
    return this.control.clearDeliveries();
  }
}
