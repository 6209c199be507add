import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminRoute, ApiInvalidInput, ErrorResponseDto } from '#common';
import { CarrierMappingDto, MarketplacerCarrierDto, SetCarrierMappingDto } from '../dto/shipment-admin.dto.js';
import { ShipmentsAdminService } from '../shipments-admin.service.js';

@ApiTags('admin: shipments')
@AdminRoute()
@Controller('admin/shipments')
export class AdminShipmentsController {
  constructor(private readonly shipments: ShipmentsAdminService) {}

  @Get('carriers')
  @ApiOperation({
    summary: "Marketplacer's carriers (shipmentCarriers), as the connector keeps them",
    description: 'Read again from Marketplacer when older than SHIPMENT_CARRIERS_REFRESH_MS.',
  })
  @ApiOkResponse({ type: [MarketplacerCarrierDto], description: 'By name' })
  carriers(): Promise<MarketplacerCarrierDto[]> {
    return this.shipments.carriersList(false);
  }

  @Post('carriers/refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: "Read Marketplacer's carriers again now",
    description:
      'Replaces the copy with every page of shipmentCarriers (one request per 500 carriers); admin map entries that name a carrier no longer there show it as null.',
  })
  @ApiOkResponse({ type: [MarketplacerCarrierDto], description: 'By name' })
  refresh(): Promise<MarketplacerCarrierDto[]> {
    return this.shipments.carriersList(true);
  }

  @Get('carrier-map')
  @ApiOperation({
    summary: 'The ANYMARKET → Marketplacer carrier map',
    description:
      'Admin entries, then SHIPMENT_CARRIER_MAP. A carrier in neither is accepted only when Marketplacer has a carrier of exactly that name; otherwise a SHIPPED order is reported to ANYMARKET as failed (CARRIER_UNMAPPED), never guessed.',
  })
  @ApiOkResponse({ type: [CarrierMappingDto], description: 'Every entry' })
  map(): Promise<CarrierMappingDto[]> {
    return this.shipments.mappings();
  }

  @Put('carrier-map')
  @ApiOperation({
    summary: 'Map an ANYMARKET carrier to a Marketplacer carrier (replaces its entry)',
    description:
      'The ANYMARKET name is compared without case, accents or punctuation; the Marketplacer carrier is given by id or exact name and must exist (the copy is read again once when it is not in it). Applies to the next SHIPPED order; shipments made stay as they are.',
  })
  @ApiOkResponse({ type: CarrierMappingDto, description: 'The entry' })
  @ApiInvalidInput('the carrier names, or the Marketplacer carrier is unknown (MARKETPLACER_CARRIER_UNKNOWN)')
  setMapping(@Body() body: SetCarrierMappingDto): Promise<CarrierMappingDto> {
    return this.shipments.setMapping(body.anymarketCarrier, body.marketplacerCarrier);
  }

  @Delete('carrier-map/:anymarketCarrier')
  @HttpCode(204)
  @ApiOperation({
    summary: "Remove an admin entry of the carrier map (SHIPMENT_CARRIER_MAP's entries stay)",
    description: 'The carrier then falls back to SHIPMENT_CARRIER_MAP, or a Marketplacer carrier of the same name, or is refused for the next SHIPPED order.',
  })
  @ApiParam({ name: 'anymarketCarrier', description: 'The carrier as ANYMARKET names it', example: 'Correios' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'CARRIER_MAPPING_NOT_FOUND' })
  async removeMapping(@Param('anymarketCarrier') anymarketCarrier: string): Promise<void> {
    await this.shipments.removeMapping(anymarketCarrier);
  }
}
