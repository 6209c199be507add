import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AnymarketRoute, AnymarketErrorDto } from '#common';
import { CategorizationService } from '../categorization.service.js';
import { BrandItemDto, CategoryAttributeDto, CategoryDetailsDto, CategoryItemDto, VariationTypeDto } from '../dto/categorization.dto.js';

const ACCOUNT_IDENTIFIER = {
  name: 'accountIdentifier',
  required: false,
  description: 'Sent by ANYMARKET; the tree is the same for every account',
  example: '127',
} as const;
const CATEGORY_CODE = {
  name: 'codeInMarketPlace',
  description: "The category's code: a Marketplacer taxon id, as these remotes list it",
  example: 'VGF4b24tMTA=',
} as const;

/** ANYMARKET's mapping screens (brands, categories, attributes, variations): remotes 4–8. */
@ApiTags('remotes: categorization')
@AnymarketRoute()
@ApiUnauthorizedResponse({ type: AnymarketErrorDto, description: 'Missing or invalid x-anymarket-token' })
@Controller()
export class CategorizationRemotesController {
  constructor(private readonly categorization: CategorizationService) {}

  @Get('brands')
  @ApiOperation({
    summary: "Marketplacer's brands, for ANYMARKET's brand mapping",
    description: 'Remote 4: every brand of the local copy (refreshed from Marketplacer by the `taxonomy` job); the seller maps its brands to these codes.',
  })
  @ApiOkResponse({ type: [BrandItemDto], description: 'The brands' })
  brands(): Promise<BrandItemDto[]> {
    return this.categorization.brands();
  }

  @Get('categories')
  @ApiOperation({
    summary: 'The first level of the category tree (Marketplacer taxons)',
    description: 'Remote 5: the root taxons of the local copy; ANYMARKET walks down with GET /categories/{code} to a leaf, the only level adverts may use.',
  })
  @ApiQuery(ACCOUNT_IDENTIFIER)
  @ApiOkResponse({ type: [CategoryItemDto], description: 'The root categories' })
  rootCategories(@Query('accountIdentifier') _accountIdentifier?: string): Promise<CategoryItemDto[]> {
    return this.categorization.rootCategories();
  }

  @Get('categories/attributes/:codeInMarketPlace')
  @ApiOperation({
    summary: "A category's attributes: the advert-level option types of its prototype",
    description: 'Remote 7: what a product of the category describes (required ones first), with the values to choose from for select attributes.',
  })
  @ApiParam(CATEGORY_CODE)
  @ApiOkResponse({ type: [CategoryAttributeDto], description: 'The attributes' })
  @ApiNotFoundResponse({ type: AnymarketErrorDto, description: 'CATEGORY_NOT_FOUND: no category has this code' })
  attributes(@Param('codeInMarketPlace') code: string): Promise<CategoryAttributeDto[]> {
    return this.categorization.categoryAttributes(code);
  }

  @Get('categories/:codeInMarketPlace')
  @ApiOperation({
    summary: 'One category with its children (leaves have none and are the only selectable ones)',
    description: 'Remote 6: the taxon, whether adverts may be placed there, and its children to walk down the tree.',
  })
  @ApiParam(CATEGORY_CODE)
  @ApiQuery(ACCOUNT_IDENTIFIER)
  @ApiOkResponse({ type: CategoryDetailsDto, description: 'The category and its children' })
  @ApiNotFoundResponse({ type: AnymarketErrorDto, description: 'CATEGORY_NOT_FOUND: no category has this code' })
  category(@Param('codeInMarketPlace') code: string): Promise<CategoryDetailsDto> {
    return this.categorization.category(code);
  }

  @Get('variations/types')
  @ApiOperation({
    summary: 'Variation types and values: the variant-level option types of all prototypes',
    description: "Remote 8: what SKUs of one product may differ by (colour, size…), with their values, for ANYMARKET's variation mapping.",
  })
  @ApiOkResponse({ type: [VariationTypeDto], description: 'The variation types with their values' })
  variationTypes(): Promise<VariationTypeDto[]> {
    return this.categorization.variationTypes();
  }
}
