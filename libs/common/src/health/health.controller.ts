import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicRoute } from '../auth/route-access.js';
import { DatabaseProbe } from './database-probe.js';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabaseProbe) {}

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
    description: 'For a load balancer: 200 while the database answers a query, 503 while it does not.',
  })
  @ApiOkResponse({ type: HealthDto, description: 'Ready: the database answers' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The database does not answer' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const up = await this.database.isUp();
    if (!up) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: up ? 'ok' : 'error', database: up ? 'up' : 'down' };
  }
}
