import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicRoute } from '../auth/route-access.js';
import { LivenessDto, ReadinessDto } from './health.dto.js';
import { Readiness } from './readiness.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  @Get('live')
  @PublicRoute()
  @ApiOperation({
    summary: 'Liveness only: the process answers HTTP (no dependency is checked)',
    description: 'For an orchestrator that restarts a process which stopped answering; public.',
  })
  @ApiOkResponse({ type: LivenessDto, description: 'The process answers' })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  /** `GET /health` is the same readiness (Docker's HEALTHCHECK, docker-compose and the scripts ask it). */
  @Get(['ready', ''])
  @PublicRoute()
  @Header('Cache-Control', 'no-cache, no-store, must-revalidate')
  @ApiOperation({
    summary: 'Readiness: whether this process should take traffic, and what is impaired (public)',
    description:
      'For a load balancer. 503 (`error`) while the database does not answer `SELECT 1` within 2 s or committed migrations are not applied. ' +
      "200 `degraded` (still serving) while a remote's circuit is open or its last attempts failed with no answer since, a sync feed has not " +
      'succeeded for HEALTH_FEED_STALE_AFTER_INTERVALS of its intervals, or the live contract check switched features off: each in `degraded` ' +
      'with its reason. 200 `ok` otherwise. Answered from memory and the local database only: it never calls a remote. `GET /health` is the same.',
  })
  @ApiOkResponse({ type: ReadinessDto, description: 'Ready (`ok`), or ready with what is impaired named (`degraded`)' })
  @ApiServiceUnavailableResponse({
    type: ReadinessDto,
    description: 'Not ready: the database does not answer, migrations are pending, or the process is stopping',
  })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessDto> {
    const { httpStatus, answer } = await this.readiness.check();
    res.status(httpStatus);
    return answer;
  }
}
