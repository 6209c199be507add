import { Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PublicRoute } from '#common';
import { MarketplacerGraphqlEndpoint } from './marketplacer-graphql.endpoint.js';

@ApiTags('simulator: Marketplacer Operator API')
@Controller('graphql')
export class MarketplacerGraphqlController {
  constructor(private readonly endpoint: MarketplacerGraphqlEndpoint) {}

  /** Public at the framework level: the endpoint checks Marketplacer's API key itself. */
  @Post()
  @PublicRoute()
  @ApiOperation({ summary: 'Simulated Marketplacer Operator API (GraphQL, contract schema)' })
  @ApiHeader({ name: 'MARKETPLACER-API-KEY', required: false, description: 'API key (or Authorization: Bearer <key>)' })
  @ApiBody({ schema: { example: { query: '{ brands(first: 5) { nodes { id name } } }', variables: {} } } })
  @ApiOkResponse({ description: 'GraphQL answer `{data, errors}`; 401 `API Token has expired`; 429 with Retry-After' })
  async execute(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.endpoint.handle(req, res);
  }
}
