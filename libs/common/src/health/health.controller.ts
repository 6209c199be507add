import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicRoute } from '../auth/route-access.js';
import { DatabaseProbe } from './database-probe.js';
import { HealthContributor } from './health-contributor.js';

export class HealthFeatureOffDto {
  @ApiProperty({ example: 'orders.feed', description: 'The feature switched off' }) feature: string;
  @ApiProperty({
    example: `Marketplacer's schema refuses InvoicesUpdatedSince (Invoice.shippingCostCents: Cannot query field "shippingCostCents" on type "Invoice".)`,
    description: 'Why it is off',
  })
  reason: string;
}

export class HealthDto {
  @ApiProperty({
    enum: ['ok', 'degraded', 'error'],
    description: '`ok`: ready; `degraded`: ready, but the features in `featuresOff` are switched off (still 200); `error`: the database does not answer (503)',
  })
  status: 'ok' | 'degraded' | 'error';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiPropertyOptional({ type: [HealthFeatureOffDto], description: 'Present while degraded: each feature switched off and why' })
  featuresOff?: HealthFeatureOffDto[];
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseProbe,
    @Optional() @Inject(HealthContributor) private readonly contributor?: HealthContributor,
  ) {}

  @Get('live')
  @PublicRoute()
  @ApiOperation({
    summary: 'Liveness only: the process answers HTTP (no dependency is checked)',
    description: 'For an orchestrator that restarts a process which stopped answering; public.',
  })
  @ApiOkResponse({ schema: { example: { status: 'ok' } }, description: 'The process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get()
  @PublicRoute()
  @ApiOperation({
    summary: 'Readiness: the process answers and its database takes a query (public)',
    description:
      'For a load balancer: 200 while the database answers a query, 503 while it does not. `degraded` (still 200) names the features the app has switched off ' +
      '(the connector: those that need an operation document the live Marketplacer schema refuses) and why; everything else runs.',
  })
  @ApiOkResponse({ type: HealthDto, description: 'Ready (`ok`), or ready with features switched off (`degraded`)' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The database does not answer' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const up = await this.database.isUp();
    if (!up) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    const featuresOff = this.contributor?.contribute().featuresOff ?? [];
    if (!up) return { status: 'error', database: 'down', ...(featuresOff.length ? { featuresOff } : {}) };
    return featuresOff.length ? { status: 'degraded', database: 'up', featuresOff } : { status: 'ok', database: 'up' };
  }
}
