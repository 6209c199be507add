import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminRoute, ApiInvalidInput, APP_CONFIG, ErrorResponseDto } from '#common';
import { type AccountsConfig, IssuedSellerLinkDto, SellerLinkDto } from '../../accounts/index.js';
import { ApiMarketplacerIdParam, MarketplacerIdPipe } from '../../http/marketplacer-id.pipe.js';
import {
  DirectoryPageDto,
  DirectorySellerDto,
  ListSellersQuery,
  MarketplacerSellerDto,
  OnboardedSellerDto,
  OnboardSellerDto,
  SellerSearchPageDto,
  SellerSearchQuery,
  UpdateSellerDto,
} from '../dto/sellers.dto.js';
import { SellerOnboardingService } from '../seller-onboarding.service.js';
import { SellersAdminService } from '../sellers-admin.service.js';

const SELLER_ID = ApiMarketplacerIdParam('sellerId', 'seller', '78');
const sellerId = new MarketplacerIdPipe('Seller', 'sellerId');
const REFUSED = ApiUnprocessableEntityResponse({
  type: ErrorResponseDto,
  description: "MARKETPLACER_VALIDATION_FAILED: Marketplacer refused it; `details` carry its messages as it wrote them (e.g. the user's e-mail is taken)",
});
const UNAVAILABLE = ApiServiceUnavailableResponse({
  type: ErrorResponseDto,
  description: 'Marketplacer did not answer (MARKETPLACER_UNAVAILABLE, MARKETPLACER_TIMEOUT): repeat the request as it was',
});
const UNKNOWN_SELLER = ApiNotFoundResponse({ type: ErrorResponseDto, description: 'SELLER_NOT_FOUND or MARKETPLACER_NOT_FOUND: no such seller' });

@ApiTags('admin: sellers')
@AdminRoute()
@Controller('admin/sellers')
export class SellersController {
  constructor(
    private readonly sellers: SellersAdminService,
    private readonly onboarding: SellerOnboardingService,
    @Inject(APP_CONFIG) private readonly config: AccountsConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The seller directory: every Marketplacer seller the connector keeps, with its links',
    description:
      "The connector's copy of Marketplacer's sellers (kept by the `sellers` feed, deleted sellers included), by legacy id: which may trade, which " +
      'went offline or were deleted and why, and which are connected to ANYMARKET (their links). `fresh` says whether the copy was read completely ' +
      'within SELLER_DIRECTORY_MAX_AGE_MS.',
  })
  @ApiOkResponse({ type: DirectoryPageDto, description: 'One page of the directory' })
  @ApiInvalidInput('the filters or paging parameters')
  list(@Query() query: ListSellersQuery): Promise<DirectoryPageDto> {
    return this.sellers.list(query);
  }

  @Get('search')
  @ApiOperation({
    summary: "Marketplacer's seller search, read from Marketplacer now",
    description: '`sellerSearch`: active RETAILERs only (Marketplacer leaves out deleted, offline and prospective sellers); page with `after` = `nextCursor`.',
  })
  @ApiOkResponse({ type: SellerSearchPageDto, description: 'One page of matches' })
  @ApiInvalidInput('the search or paging parameters')
  @UNAVAILABLE
  search(@Query() query: SellerSearchQuery): Promise<SellerSearchPageDto> {
    return this.sellers.search(query);
  }

  @Post()
  @ApiOperation({
    summary: 'Onboard a seller: sellerCreate in Marketplacer and its seller link, in one step',
    description:
      "Creates the seller in Marketplacer (with its first user and address) and links it, answering the link's integration secret and " +
      "module-screen fields. The requestId is recorded first and kept in the seller's metadata: the same request repeated (after a lost answer) " +
      'answers 200 with the seller the first one made, never a second seller. A PROSPECTIVE seller is linked too; its accounts start once approved.',
  })
  @ApiCreatedResponse({ type: OnboardedSellerDto, description: 'Made by this request' })
  @ApiOkResponse({ type: OnboardedSellerDto, description: 'This requestId onboarded the seller before' })
  @ApiInvalidInput('the seller details')
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'ONBOARDING_REQUEST_ID_REUSED (the requestId was used for other details) or ONBOARDING_IN_PROGRESS (another request is making it now)',
  })
  @REFUSED
  @UNAVAILABLE
  async onboard(@Body() body: OnboardSellerDto, @Res({ passthrough: true }) res: Response): Promise<OnboardedSellerDto> {
    const onboarded = await this.onboarding.onboard(body);
    res.status(onboarded.created ? HttpStatus.CREATED : HttpStatus.OK);
    return {
      created: onboarded.created,
      seller: MarketplacerSellerDto.from(onboarded.seller),
      link: onboarded.secret === null ? SellerLinkDto.from(onboarded.link) : IssuedSellerLinkDto.of(onboarded.link, onboarded.secret, this.config),
    };
  }

  @Get(':sellerId')
  @ApiOperation({
    summary: 'One seller of the directory, with its links',
    description: 'The kept seller; one the directory does not know yet is read from Marketplacer first.',
  })
  @SELLER_ID
  @ApiOkResponse({ type: DirectorySellerDto, description: 'The seller' })
  @ApiInvalidInput('the seller id')
  @UNKNOWN_SELLER
  get(@Param('sellerId', sellerId) id: string): Promise<DirectorySellerDto> {
    return this.sellers.get(id);
  }

  @Post(':sellerId/refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Read one seller from Marketplacer now into the directory',
    description: "Without waiting for the next feed run: a change of the seller's standing reaches its accounts at once.",
  })
  @SELLER_ID
  @ApiOkResponse({ type: DirectorySellerDto, description: 'The seller as now kept' })
  @ApiInvalidInput('the seller id')
  @UNKNOWN_SELLER
  @UNAVAILABLE
  refresh(@Param('sellerId', sellerId) id: string): Promise<DirectorySellerDto> {
    return this.sellers.refresh(id);
  }

  @Patch(':sellerId')
  @ApiOperation({
    summary: 'Change a seller in Marketplacer (sellerUpdate)',
    description:
      "Only the fields given change. Marketplacer's answer is kept in the directory at once: approving a PROSPECTIVE seller (accountType RETAILER) " +
      'starts its accounts, demoting it stops them.',
  })
  @SELLER_ID
  @ApiOkResponse({ type: MarketplacerSellerDto, description: 'The seller as Marketplacer answers it' })
  @ApiInvalidInput('the seller id or the changes (at least one field)')
  @UNKNOWN_SELLER
  @REFUSED
  @UNAVAILABLE
  update(@Param('sellerId', sellerId) id: string, @Body() body: UpdateSellerDto): Promise<MarketplacerSellerDto> {
    return this.sellers.update(id, body);
  }
}
