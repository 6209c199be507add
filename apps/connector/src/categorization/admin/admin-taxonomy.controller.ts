import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBadGatewayResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AdminRoute, ErrorResponseDto } from '#common';
import { OptionTypeUpsertDto, OptionValueUpsertDto, PrototypeUpsertDto, TaxonUpsertDto } from '../dto/taxonomy-upsert.dto.js';
import { TaxonomyAdminService } from '../taxonomy-admin.service.js';

const MP_REFUSED = { type: ErrorResponseDto, description: 'Marketplacer refused it: MARKETPLACER_VALIDATION_FAILED with its field messages in details' };
const MP_FAILED = { type: ErrorResponseDto, description: 'Marketplacer could not be reached or failed' };

@ApiTags('admin: taxonomy')
@AdminRoute()
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('admin/taxonomy')
export class AdminTaxonomyController {
  constructor(private readonly admin: TaxonomyAdminService) {}

  @Get()
  @ApiOperation({ summary: 'How much of the taxonomy the local copy holds' })
  @ApiOkResponse({ schema: { example: { brands: 12, taxons: 40, prototypes: 5 } } })
  counts() {
    return this.admin.counts();
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-read brands, taxons and prototypes from Marketplacer now' })
  @ApiOkResponse({ schema: { example: { brands: 12, taxons: 40, prototypes: 5 } } })
  @ApiBadGatewayResponse(MP_FAILED)
  refresh() {
    return this.admin.refresh();
  }

  @Post('taxons')
  @HttpCode(200)
  @ApiOperation({ summary: 'taxonCreateOrUpdate: create a taxon (no id) or update one' })
  @ApiUnprocessableEntityResponse(MP_REFUSED)
  @ApiBadGatewayResponse(MP_FAILED)
  upsertTaxon(@Body() body: TaxonUpsertDto) {
    return this.admin.upsertTaxon(body);
  }

  @Post('prototypes')
  @HttpCode(200)
  @ApiOperation({ summary: 'prototypeCreateOrUpdate' })
  @ApiUnprocessableEntityResponse(MP_REFUSED)
  @ApiBadGatewayResponse(MP_FAILED)
  upsertPrototype(@Body() body: PrototypeUpsertDto) {
    return this.admin.upsertPrototype(body);
  }

  @Post('option-types')
  @HttpCode(200)
  @ApiOperation({ summary: 'optionTypeCreateOrUpdate' })
  @ApiUnprocessableEntityResponse(MP_REFUSED)
  @ApiBadGatewayResponse(MP_FAILED)
  upsertOptionType(@Body() body: OptionTypeUpsertDto) {
    return this.admin.upsertOptionType(body);
  }

  @Post('option-values')
  @HttpCode(200)
  @ApiOperation({ summary: 'optionValueCreateOrUpdate' })
  @ApiUnprocessableEntityResponse(MP_REFUSED)
  @ApiBadGatewayResponse(MP_FAILED)
  upsertOptionValue(@Body() body: OptionValueUpsertDto) {
    return this.admin.upsertOptionValue(body);
  }
}
