import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AdminRoute, ApiInvalidInput, ErrorResponseDto } from '#common';
import { OptionTypeAnswerDto, OptionValueUpsertAnswerDto, PrototypeAnswerDto, TaxonAnswerDto, TaxonomyCountsDto } from '../dto/taxonomy-admin.dto.js';
import { OptionTypeUpsertDto, OptionValueUpsertDto, PrototypeUpsertDto, TaxonUpsertDto } from '../dto/taxonomy-upsert.dto.js';
import { TaxonomyAdminService } from '../taxonomy-admin.service.js';

const MP_REFUSED = { type: ErrorResponseDto, description: 'MARKETPLACER_VALIDATION_FAILED: Marketplacer refused it; its field messages are in `details`' };
const MP_FAILED = {
  type: ErrorResponseDto,
  description: 'Marketplacer could not be reached or failed; a create (no id) is not repeated after a lost answer, and the error says it may have been made',
};
const UPSERT =
  'Creates one when the body has no `id`, updates the one with that `id` otherwise, in Marketplacer; on success the local copy is refreshed ' +
  "before answering, so ANYMARKET's next look-up sees it.";

@ApiTags('admin: taxonomy')
@AdminRoute()
@Controller('admin/taxonomy')
export class AdminTaxonomyController {
  constructor(private readonly admin: TaxonomyAdminService) {}

  @Get()
  @ApiOperation({
    summary: 'How much of the taxonomy the local copy holds',
    description: "The copy of Marketplacer's brands, taxons and prototypes that answers ANYMARKET's catalogue remotes (refreshed by the `taxonomy` job).",
  })
  @ApiOkResponse({ type: TaxonomyCountsDto, description: 'The counts of the copy' })
  counts(): Promise<TaxonomyCountsDto> {
    return this.admin.counts();
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-read brands, taxons and prototypes from Marketplacer now',
    description: 'Replaces the local copy in one transaction once every page is read.',
  })
  @ApiOkResponse({ type: TaxonomyCountsDto, description: 'The counts of the new copy' })
  @ApiBadGatewayResponse(MP_FAILED)
  refresh(): Promise<TaxonomyCountsDto> {
    return this.admin.refresh();
  }

  @Post('taxons')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create or update a taxon (category) in Marketplacer', description: `taxonCreateOrUpdate. ${UPSERT}` })
  @ApiOkResponse({ type: TaxonAnswerDto, description: 'The taxon as Marketplacer saved it' })
  @ApiInvalidInput('the body')
  @ApiUnprocessableEntityResponse(MP_REFUSED)
  @ApiBadGatewayResponse(MP_FAILED)
  upsertTaxon(@Body() body: TaxonUpsertDto): Promise<TaxonAnswerDto> {
    return this.admin.upsertTaxon(body);
  }

  @Post('prototypes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create or update a prototype (the option types of a group of taxons)', description: `prototypeCreateOrUpdate. ${UPSERT}` })
  @ApiOkResponse({ type: PrototypeAnswerDto, description: 'The prototype as Marketplacer saved it' })
  @ApiInvalidInput('the body')
  @ApiUnprocessableEntityResponse(MP_REFUSED)
  @ApiBadGatewayResponse(MP_FAILED)
  upsertPrototype(@Body() body: PrototypeUpsertDto): Promise<PrototypeAnswerDto> {
    return this.admin.upsertPrototype(body);
  }

  @Post('option-types')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create or update an option type (an attribute or a variation)',
    description: `optionTypeCreateOrUpdate; \`appliedTo\` ADVERT makes an attribute, VARIANT a variation. ${UPSERT}`,
  })
  @ApiOkResponse({ type: OptionTypeAnswerDto, description: 'The option type as Marketplacer saved it' })
  @ApiInvalidInput('the body')
  @ApiUnprocessableEntityResponse(MP_REFUSED)
  @ApiBadGatewayResponse(MP_FAILED)
  upsertOptionType(@Body() body: OptionTypeUpsertDto): Promise<OptionTypeAnswerDto> {
    return this.admin.upsertOptionType(body);
  }

  @Post('option-values')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create or update a value of an option type', description: `optionValueCreateOrUpdate. ${UPSERT}` })
  @ApiOkResponse({ type: OptionValueUpsertAnswerDto, description: 'The option value as Marketplacer saved it' })
  @ApiInvalidInput('the body')
  @ApiUnprocessableEntityResponse(MP_REFUSED)
  @ApiBadGatewayResponse(MP_FAILED)
  upsertOptionValue(@Body() body: OptionValueUpsertDto): Promise<OptionValueUpsertAnswerDto> {
    return this.admin.upsertOptionValue(body);
  }
}
