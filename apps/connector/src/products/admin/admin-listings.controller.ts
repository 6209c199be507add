import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AdminRoute, ApiAdminResource, ApiInvalidInput, ErrorResponseDto } from '#common';
import { EnrichListingDto, ListingDto, ListListingsQuery, VetListingDto } from '../dto/listing-admin.dto.js';
import { ListingsAdminService } from '../listings-admin.service.js';

const NOT_LINKED = { type: ErrorResponseDto, description: 'The listing has no Marketplacer advert yet (LISTING_NOT_LINKED)' } as const;
const MP_REFUSED = {
  type: ErrorResponseDto,
  description: "Marketplacer refused it: MARKETPLACER_VALIDATION_FAILED with Marketplacer's messages in details",
} as const;

const LISTING = ['listing', 'LISTING_NOT_FOUND'] as const;

@ApiTags('admin: listings')
@AdminRoute()
@Controller('admin/listings')
export class AdminListingsController {
  constructor(private readonly listings: ListingsAdminService) {}

  @Get()
  @ApiOperation({
    summary: 'Listings (one per ANYMARKET transmission), newest first, with their last error',
    description:
      'Each listing is what ANYMARKET asked for one transmission (sendProduct, deletePublication), the Marketplacer advert and variant it became ' +
      '(`advertId`, and `advertLegacyId` as the portals show it), the last status reported to ANYMARKET and the last error. Page backwards with `beforeId`.',
  })
  @ApiOkResponse({ type: [ListingDto], description: 'One page of listings, newest first' })
  @ApiInvalidInput('the filters or paging parameters')
  list(@Query() query: ListListingsQuery): Promise<ListingDto[]> {
    return this.listings.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One listing', description: 'The listing as it stands now: while `state` is queued or syncing, its work is under way.' })
  @ApiAdminResource(...LISTING)
  @ApiOkResponse({ type: ListingDto, description: 'The listing' })
  get(@Param('id', ParseIntPipe) id: number): Promise<ListingDto> {
    return this.listings.get(id);
  }

  @Post(':id/resync')
  @HttpCode(202)
  @ApiOperation({
    summary: "Run the listing's last ANYMARKET request again (full read), now",
    description:
      'For a listing in error, or one that drifted: the transmission is read in full again, the advert upserted and the status reported. Follow it at GET /admin/listings/{id}.',
  })
  @ApiAdminResource(...LISTING)
  @ApiAcceptedResponse({ type: ListingDto, description: 'Queued; the work follows' })
  resync(@Param('id', ParseIntPipe) id: number): Promise<ListingDto> {
    return this.listings.resync(id);
  }

  @Post(':id/enrich')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Product enriched: set title, description, images or attributes of the linked Marketplacer advert',
    description: "The operator's content goes to Marketplacer at once (advertUpsert on the listing's advert); at least one field is required.",
  })
  @ApiAdminResource(...LISTING)
  @ApiOkResponse({ type: ListingDto, description: 'Marketplacer took the change' })
  @ApiConflictResponse(NOT_LINKED)
  @ApiUnprocessableEntityResponse(MP_REFUSED)
  enrich(@Param('id', ParseIntPipe) id: number, @Body() body: EnrichListingDto): Promise<ListingDto> {
    return this.listings.enrich(id, body);
  }

  @Post(':id/vet')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Advert vetted: approve or reject the linked advert in Marketplacer',
    description:
      "Marketplacer's own vetting: advertVettingApprove, or advertVettingReject with the reason (required, shown to the seller). An approved advert " +
      'that is unpublished is published when one of its listings wants to be on sale. The outcome is reported to ANYMARKET at once (a rejection as ' +
      'transmissionStatus ERROR with the reason), once: the Advert webhook and the adverts feed see the same state and send nothing again. When the ' +
      'seller sends the product again in full, the advert is resubmitted for vetting. Off (503 MARKETPLACER_FEATURE_OFF) while the live contract ' +
      'check finds the vetting mutations refused (feature listings.vetting).',
  })
  @ApiAdminResource(...LISTING)
  @ApiOkResponse({ type: ListingDto, description: 'The decision is applied in Marketplacer and reported' })
  @ApiConflictResponse(NOT_LINKED)
  @ApiUnprocessableEntityResponse(MP_REFUSED)
  vet(@Param('id', ParseIntPipe) id: number, @Body() body: VetListingDto): Promise<ListingDto> {
    return this.listings.vet(id, body);
  }
}
