import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminRoute } from '../auth/route-access.js';
import { Metrics } from './metrics.js';

@ApiTags('admin: system')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @AdminRoute()
  @Header('cache-control', 'no-store')
  @ApiProduces('text/plain')
  @ApiOperation({
    summary: 'Prometheus metrics (text format): feeds, work, remotes, webhooks, orders, listings, the contract check, HTTP and the Node process',
    description:
      'Every name starts with `connector_`. Scrape it with the admin token as a bearer credential, or set METRICS_PORT to serve it without ' +
      'credentials on a port of its own, inside the network. The README lists the families and their labels.',
  })
  @ApiOkResponse({
    description: 'The metrics in the Prometheus text exposition format',
    schema: { type: 'string', example: 'connector_feed_lag_seconds{feed="adverts-feed"} 12\n' },
  })
  async scrape(@Res() res: Response): Promise<void> {
    const body = await this.metrics.render();
    res.type(this.metrics.contentType).send(body);
  }
}
