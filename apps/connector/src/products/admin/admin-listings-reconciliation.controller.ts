import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute, ApiAdminResource, ApiInvalidInput, ErrorResponseDto } from '#common';
import { ListingReconciliationDetailDto, ListingReconciliationDto, ListReconciliationsQuery } from '../dto/listing-reconciliation.dto.js';
import { ListingsReconciliationAdminService } from '../listings-reconciliation-admin.service.js';

const ACCOUNT = ['account', 'ACCOUNT_NOT_FOUND'] as const;

@ApiTags('admin: listings')
@AdminRoute()
@Controller('admin/listings/reconciliation')
export class AdminListingsReconciliationController {
  constructor(private readonly reconciliation: ListingsReconciliationAdminService) {}

  @Get()
  @ApiOperation({
    summary: "Each account's last listings reconciliation: when, what it found, what it repaired",
    description:
      "The sync job `listings-reconciliation` compares each linked seller's adverts (advertsWhere) with the account's listings and what ANYMARKET " +
      "was last told, once per LISTINGS_RECONCILIATION_INTERVAL_MS at the seller's own slot: drift by kind (advert_gone, unpublished, status, " +
      'price, stock) is reported to ANYMARKET (repaired); adverts no listing links are counted. By account id, descending; page with `beforeAccountId`.',
  })
  @ApiOkResponse({ type: [ListingReconciliationDto], description: 'One page of accounts' })
  @ApiInvalidInput('the paging parameters')
  list(@Query() query: ListReconciliationsQuery): Promise<ListingReconciliationDto[]> {
    return this.reconciliation.list(query);
  }

  @Get(':id')
  @ApiOperation({
    summary: "One account's last listings reconciliation, with the seller's adverts no listing links",
    description:
      'Unlinked adverts are listed for operators (ANYMARKET links them through GET /product/{partnerId} with a SKU), never created in ANYMARKET. 404 RECONCILIATION_NOT_RUN before the first pass.',
  })
  @ApiAdminResource(...ACCOUNT)
  @ApiOkResponse({ type: ListingReconciliationDetailDto, description: 'The last pass' })
  get(@Param('id', ParseIntPipe) accountId: number): Promise<ListingReconciliationDetailDto> {
    return this.reconciliation.get(accountId);
  }

  @Post(':id/run')
  @HttpCode(200)
  @ApiOperation({
    summary: "Reconcile one account's listings now",
    description:
      "Reads the seller's adverts now (within the reconciliation's share of Marketplacer's budget), reports what drifted to ANYMARKET and answers the pass. " +
      'A pass that finds nothing sends nothing to ANYMARKET.',
  })
  @ApiAdminResource(...ACCOUNT)
  @ApiOkResponse({ type: ListingReconciliationDetailDto, description: 'The pass just made' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'The connector does not act for the account (deactivated, link revoked, seller may not trade): ACCOUNT_NOT_ACTIVE',
  })
  run(@Param('id', ParseIntPipe) accountId: number): Promise<ListingReconciliationDetailDto> {
    return this.reconciliation.run(accountId);
  }
}
