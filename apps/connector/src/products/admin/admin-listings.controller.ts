import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AdminRoute, ErrorResponseDto } from '#common';
import { EnrichListingDto, ListingDto, ListListingsQuery, VetListingDto } from '../dto/listing-admin.dto.js';
import { ListingsAdminService } from '../listings-admin.service.js';

const NOT_LINKED = { type: ErrorResponseDto, description: 'The listing has no Marketplacer advert yet (LISTING_NOT_LINKED)' } as const;
const MP_REFUSED = {
  type: ErrorResponseDto,
  description: "Marketplacer refused it: MARKETPLACER_VALIDATION_FAILED with Marketplacer's messages in details",
} as const;

@ApiTags('admin: listings')
@AdminRoute()
@Controller('admin/listings')
export class AdminListingsController {
  constructor(private readonly listings: ListingsAdminService) {}

  @Get()
  @ApiOperation({ summary: 'Listings (one per ANYMARKET transmission), newest first, with their last error' })
  @ApiOkResponse({ type: [ListingDto] })
  list(@Query() query: ListListingsQuery): Promise<ListingDto[]> {
    return this.listings.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One listing' })
  @ApiOkResponse({ type: ListingDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', ParseIntPipe) id: number): Promise<ListingDto> {
    return this.listings.get(id);
  }

  @Post(':id/resync')
  @HttpCode(202)
  @ApiOperation({ summary: "Run the listing's last ANYMARKET request again (full read), now; follow it at GET /admin/listings/{id}" })
  @ApiAcceptedResponse({ type: ListingDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  resync(@Param('id', ParseIntPipe) id: number): Promise<ListingDto> {
    return this.listings.resync(id);
  }

  @Post(':id/enrich')
  @HttpCode(200)
  @ApiOperation({ summary: 'Product enriched: set title, description, images or attributes of the linked Marketplacer advert (advertUpsert)' })
  @ApiOkResponse({ type: ListingDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse(NOT_LINKED)
  @ApiUnprocessableEntityResponse(MP_REFUSED)
  enrich(@Param('id', ParseIntPipe) id: number, @Body() body: EnrichListingDto): Promise<ListingDto> {
    return this.listings.enrich(id, body);
  }

  @Post(':id/vet')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Advert vetted: approve or reject the linked advert',
    description:
      "Marketplacer's AdvertInput has no vetting field, so the decision is recorded as advert metadata (advertUpsert), applied by publishing or " +
      'unpublishing the advert, and reported to ANYMARKET: a rejection as transmissionStatus ERROR with the reason, until the seller sends the product again.',
  })
  @ApiOkResponse({ type: ListingDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse(NOT_LINKED)
  @ApiUnprocessableEntityResponse(MP_REFUSED)
  vet(@Param('id', ParseIntPipe) id: number, @Body() body: VetListingDto): Promise<ListingDto> {
    return this.listings.vet(id, body);
  }
}
