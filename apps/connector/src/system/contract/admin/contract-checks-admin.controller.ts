import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AdminRoute, ErrorResponseDto } from '#common';
import { AnymarketAccountsCheck } from '../anymarket-accounts.check.js';
import { AnymarketAccountsReportDto, WebhooksReportDto } from '../dto/contract-checks.dto.js';
import { MarketplacerWebhooksCheck } from '../marketplacer-webhooks.check.js';

/** Two checks of the live contract run on demand, and the repair of the connector's Marketplacer webhooks. */
@ApiTags('admin: system')
@AdminRoute()
@Controller('admin/system/contract')
export class ContractChecksAdminController {
  constructor(
    private readonly webhooks: MarketplacerWebhooksCheck,
    private readonly accounts: AnymarketAccountsCheck,
  ) {}

  @Get('webhooks')
  @ApiOperation({
    summary: "Check Marketplacer's operator webhooks now: one per handled type, to this connector, enabled, with a usable query",
    description:
      'Reads the webhooks from the Operator API. Per type of object the connector handles: whether a webhook of that type delivers to PUBLIC_URL + ' +
      '/webhooks/marketplacer, is enabled, delivers every event (no event filter leaving some out), and has a query whose answer carries ' +
      "`node { __typename id }` (Marketplacer's default query has no `id`, so such deliveries name no object). Webhooks to other URLs are listed " +
      'under `elsewhere`. When Marketplacer cannot be read, `ok` is false and `error` says why.',
  })
  @ApiOkResponse({ type: WebhooksReportDto, description: 'The webhooks as Marketplacer has them now' })
  checkWebhooks(): Promise<WebhooksReportDto> {
    return this.webhooks.run();
  }

  @Post('webhooks/repair')
  @HttpCode(200)
  @ApiOperation({
    summary: "Register the missing webhooks and fix the connector's own ones",
    description:
      'Reads the list first, then `webhookCreate` for each handled type with no webhook to this connector (its URL, the query ' +
      '`query($id: ID!) { node(id: $id) { __typename id } }`, enabled, signed with the first key of MARKETPLACER_WEBHOOK_HMAC_KEYS) and ' +
      "`webhookUpdate` of the connector's webhooks whose query or enabled flag is wrong. Webhooks to other URLs and event filters are never " +
      'changed. Repeating it changes nothing more. Answers the check made after it, with `repairs` (one entry per create or update, `failed` ' +
      'with the error when Marketplacer refused one: the others still run).',
  })
  @ApiOkResponse({ type: WebhooksReportDto, description: 'The webhooks after the repair, and what it did' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'WEBHOOK_HMAC_KEY_MISSING: no webhook HMAC key is configured; every delivery would be refused' })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: "MARKETPLACER_UNAVAILABLE / MARKETPLACER_TIMEOUT: Marketplacer's webhooks could not be read",
  })
  @ApiBadGatewayResponse({
    type: ErrorResponseDto,
    description: 'MARKETPLACER_AUTHENTICATION_FAILED / MARKETPLACER_GRAPHQL_ERROR: Marketplacer refused to list them',
  })
  repairWebhooks(): Promise<WebhooksReportDto> {
    return this.webhooks.repair();
  }

  @Get('anymarket-accounts')
  @ApiOperation({
    summary: "Check every active account's ANYMARKET token now, with one cheap call each",
    description:
      "`GET /configuration` of ANYMARKET's marketplace API with each active account's token, a few accounts at a time, through the usual client " +
      "(retries, circuit breaker, the token's request budget). Per account: `ok`, `refused` (401/403: the seller must save the module again in " +
      "ANYMARKET), `no-token`, `unreachable` (network, timeout, 5xx: not the seller's doing) or `failed`. `ok` is false when a token is refused or " +
      'missing. Tokens are never shown.',
  })
  @ApiOkResponse({ type: AnymarketAccountsReportDto, description: 'One result per active account' })
  checkAnymarketAccounts(): Promise<AnymarketAccountsReportDto> {
    return this.accounts.run();
  }
}
