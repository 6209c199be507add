import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '#common';
import { ClockAdvanceDto, FaultsDto, LimitQueryDto, RateLimitDto, ResetDto } from './dto/faults.dto.js';
import { MarketplacerControlService } from './marketplacer-control.service.js';

/** Instance-level controls: reset, summary, faults, rate limit, request log. Open like the rest of the simulator. */
@ApiTags('simulator: Marketplacer control')
@Controller('_control/marketplacer')
@PublicRoute()
export class MarketplacerControlController {
  constructor(private readonly control: MarketplacerControlService) {}

  @Post('reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-seed (optionally another size); clears faults, rate-limit windows and the request and delivery logs' })
  reset(@Body() dto: ResetDto) {
    return this.control.reset(dto);
  }

  @Get('state')
  @ApiOperation({ summary: 'Record counts, the sellers and the shipment carriers' })
  state() {
    return this.control.summary();
  }

  @Get('faults')
  @ApiOperation({ summary: 'Current fault settings (counts left)' })
  faults() {
    return this.control.faultSettings();
  }

  @Put('faults')
  @ApiOperation({
    summary:
      'Replace the fault settings (what is left out is off): latency, failures (5xx, 403) with or without Retry-After, 429 bursts, dropped connections, lost answers, stalls until the caller times out, HTML maintenance pages, refused introspection',
  })
  setFaults(@Body() dto: FaultsDto) {
    return this.control.setFaults(dto);
  }

  @Delete('faults')
  @ApiOperation({ summary: 'Turn every fault off' })
  clearFaults() {
    return this.control.clearFaults();
  }

  @Post('clock/advance')
  @HttpCode(200)
  @ApiOperation({ summary: "Move the instance's clock forward: the next change is stamped that much later (whole-second updatedAt included)" })
  advanceClock(@Body() dto: ClockAdvanceDto) {
    return { now: new Date(this.control.advanceClock(dto.ms)).toISOString() };
  }

  @Put('rate-limit')
  @ApiOperation({ summary: 'Change the per-API-key rate limit (clears the windows)' })
  setRateLimit(@Body() dto: RateLimitDto) {
    return this.control.setRateLimit(dto);
  }

  @Get('requests')
  @ApiOperation({
    summary:
      'GraphQL requests received: total count, count per operation, those still unanswered, the last `limit` entries (each with its variables, and its content-type, auth and traceparent headers)',
  })
  requests(@Query() query: LimitQueryDto) {
    return this.control.requestLog(query.limit);
  }

  @Delete('requests')
  @ApiOperation({ summary: 'Reset the request count and log' })
  clearRequests() {
    return this.control.clearRequestLog();
  }
}
