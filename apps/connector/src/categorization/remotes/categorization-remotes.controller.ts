import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AnymarketRoute, AnymarketErrorDto } from '#common';
import { CategorizationService } from '../categorization.service.js';
import { BrandItemDto, CategoryAttributeDto, CategoryDetailsDto, CategoryItemDto, VariationTypeDto } from '../dto/categorization.dto.js';

/** ANYMARKET's mapping screens (brands, categories, attributes, variations): remotes 4–8. */
@ApiTags('remotes: categorization')
@AnymarketRoute()
@ApiUnauthorizedResponse({ type: AnymarketErrorDto, description: 'Missing or invalid x-anymarket-token' })
@Controller()
export class CategorizationRemotesController {
  constructor(private readonly categorization: CategorizationService) {}

  @Get('brands')
  @ApiOperation({ summary: "Marketplacer's brands, for ANYMARKET's brand mapping" })
  @ApiOkResponse({ type: [BrandItemDto] })
  brands(): Promise<BrandItemDto[]> {
    return this.categorization.brands();
  }

  @Get('categories')
  @ApiOperation({ summary: 'The first level of the category tree (Marketplacer taxons)' })
  @ApiQuery({ name: 'accountIdentifier', required: false, description: 'Sent by ANYMARKET; the tree is the same for every account' })
  @ApiOkResponse({ type: [CategoryItemDto] })
  rootCategories(@Query('accountIdentifier') _accountIdentifier?: string): Promise<CategoryItemDto[]> {
    return this.categorization.rootCategories();
  }

  @Get('categories/attributes/:codeInMarketPlace')
  @ApiOperation({ summary: "A category's attributes: the advert-level option types of its prototype" })
  @ApiOkResponse({ type: [CategoryAttributeDto] })
  @ApiNotFoundResponse({ type: AnymarketErrorDto })
  attributes(@Param('codeInMarketPlace') code: string): Promise<CategoryAttributeDto[]> {
    return this.categorization.categoryAttributes(code);
  }

  @Get('categories/:codeInMarketPlace')
  @ApiOperation({ summary: 'One category with its children (leaves have none and are the only selectable ones)' })
  @ApiQuery({ name: 'accountIdentifier', required: false })
  @ApiOkResponse({ type: CategoryDetailsDto })
  @ApiNotFoundResponse({ type: AnymarketErrorDto })
  category(@Param('codeInMarketPlace') code: string): Promise<CategoryDetailsDto> {
    return this.categorization.category(code);
  }

  @Get('variations/types')
  @ApiOperation({ summary: 'Variation types and values: the variant-level option types of all prototypes' })
  @ApiOkResponse({ type: [VariationTypeDto] })
  variationTypes(): Promise<VariationTypeDto[]> {
    return this.categorization.variationTypes();
  }
}
