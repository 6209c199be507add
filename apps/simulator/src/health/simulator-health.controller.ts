import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '#common';

@ApiTags('health')
@Controller('health')
export class SimulatorHealthController {
  @Get()
  @PublicRoute()
  @ApiOperation({ summary: 'The simulator is up' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  check(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
