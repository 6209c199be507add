import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiNotFoundResponse,
  ApiParam,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AnymarketRoute, AnymarketErrorDto, UnvalidatedBody } from '#common';
import { AnymarketCaller, type AnymarketIdentity } from '#anymarket';
import {
  AccountQuery,
  DeletePublicationDto,
  LinkableProductDto,
  ProductLookupQuery,
  PublicationResponseDto,
  PublicationValidationErrorDto,
  SendProductDto,
} from '../dto/publication.dto.js';
import { ListingsService } from '../listings.service.js';
import { PublicationValidationRenderer } from './publication-validation.renderer.js';

const TRUE = { description: 'Bare JSON `true`', schema: { type: 'boolean', example: true } } as const;
const REFUSED = {
  type: PublicationValidationErrorDto,
  description: 'What Marketplacer would refuse (unmapped or non-leaf category, missing required attributes, unmapped brand, no price, no stock)',
} as const;
const ACCOUNT_404 = { type: AnymarketErrorDto, description: 'No active ANYMARKET account for the caller and idAccount (ANYMARKET_ACCOUNT_NOT_FOUND)' } as const;

/** ANYMARKET's listing remotes (9–13) and the SKU link look-up (3). */
@ApiTags('remotes: listings')
@AnymarketRoute()
@ApiUnauthorizedResponse({ type: AnymarketErrorDto, description: 'Missing or invalid x-anymarket-token' })
@Controller()
export class ListingsRemotesController {
  constructor(private readonly listings: ListingsService) {}

  @Post('sendProduct')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Remote: a transmission was created or changed in ANYMARKET',
    description:
      'Records the work and answers at once with the interim status (new: UNPUBLISHED/WAITING_SYNC; update: ACTIVE/SYNCING). Then reads ' +
      "`/skumarketplace/{id}` (or `/priceStock` when only price, stock or status changed), upserts the product's advert for the seller in " +
      "Marketplacer and reports the real status with `PUT /skumarketplace/{id}` (ERROR with Marketplacer's messages when it refuses).",
  })
  @ApiOkResponse({ type: PublicationResponseDto, description: 'The interim status (the real one follows with PUT /skumarketplace/{id})' })
  @ApiNotFoundResponse(ACCOUNT_404)
  sendProduct(@AnymarketCaller() caller: AnymarketIdentity, @Body() body: SendProductDto): Promise<PublicationResponseDto> {
    return this.listings.sendProduct(caller, body);
  }

  @Delete('deletePublication')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Remote: the transmission was deleted in ANYMARKET',
    description:
      'Records the withdrawal and answers 200 (no body) at once; then takes the SKU off sale in Marketplacer (the whole advert when it was its last SKU on ' +
      'sale), retried when Marketplacer fails. Nothing is reported back: the transmission is gone from ANYMARKET. An unknown transmission is answered 200 too.',
  })
  @ApiOkResponse({ description: 'Recorded; the withdrawal follows (see GET /admin/listings/{id})' })
  @ApiNotFoundResponse(ACCOUNT_404)
  deletePublication(@AnymarketCaller() caller: AnymarketIdentity, @Body() body: DeletePublicationDto): Promise<void> {
    return this.listings.deletePublication(caller, body);
  }

  @Post('canActive')
  @HttpCode(200)
  @Header('Content-Type', 'application/json')
  @UseInterceptors(PublicationValidationRenderer)
  @ApiOperation({
    summary: 'Remote: may the seller start a publication of this SKU? (the SKU preview)',
    description:
      'Remote 9: checks the SKU against what Marketplacer would refuse (category mapped to a leaf, brand mapped, price, stock) before the seller fills the ' +
      "publication form; `true`, or every problem at once in ANYMARKET's PublicationValidationException.",
  })
  @ApiBody({
    schema: {
      type: 'object',
      description: 'remote_pt.yaml SKU: {id, partnerId, amount, ean, title, price, sellPrice, variations[], product{category, brand, …}}',
    },
  })
  @ApiOkResponse(TRUE)
  @ApiUnprocessableEntityResponse(REFUSED)
  canActive(@UnvalidatedBody() body: unknown): Promise<true> {
    return this.listings.canActive(body);
  }

  @Post('canSave')
  @HttpCode(200)
  @Header('Content-Type', 'application/json')
  @UseInterceptors(PublicationValidationRenderer)
  @ApiOperation({
    summary: 'Remote: may the seller save this publication? (the transmission preview with its mapped attributes)',
    description:
      'Remote 11: the same checks as canActive plus the required attributes of the category, on the publication about to be saved; `true`, or every ' +
      "problem at once in ANYMARKET's PublicationValidationException.",
  })
  @ApiBody({
    schema: { type: 'object', description: 'remote_pt.yaml canSave: {price, discountPrice, stock, attributes{}, sku{…, product{category, brand, …}}, …}' },
  })
  @ApiOkResponse(TRUE)
  @ApiUnprocessableEntityResponse(REFUSED)
  canSave(@UnvalidatedBody() body: unknown): Promise<true> {
    return this.listings.canSave(body);
  }

  @Get('getDefaultSkuFields/:idSku')
  @ApiOperation({
    summary: "Remote: default fields of a new publication (the account's price rule; title and EAN when the SKU is known here)",
    description:
      "Remote 10: what ANYMARKET pre-fills in the publication form: the account's discount and price factor, and title and EAN of a SKU listed here before.",
  })
  @ApiParam({ name: 'idSku', description: "ANYMARKET's SKU id", example: '791780' })
  @ApiOkResponse({
    description: 'A flat map of field name to text',
    schema: {
      type: 'object',
      additionalProperties: { type: 'string' },
      example: { EAN: '7894566666666', title: 'Panela', DISCOUNT_VALUE: '0', DISCOUNT_TYPE: 'PERCENT', HAS_DISCOUNT: 'false', priceFactor: '1' },
    },
  })
  @ApiNotFoundResponse(ACCOUNT_404)
  defaultSkuFields(@AnymarketCaller() caller: AnymarketIdentity, @Param('idSku') idSku: string, @Query() query: AccountQuery): Promise<Record<string, string>> {
    return this.listings.defaultSkuFields(caller, idSku, query.idAccount);
  }

  @Get('product/:partnerId')
  @ApiOperation({
    summary: "Remote: the seller's Marketplacer listing with this SKU, for ANYMARKET to link to a transmission",
    description:
      "Remote 3: finds the seller's advert whose variant has this SKU (the listings first, then the seller's adverts in Marketplacer) and answers its state and prices.",
  })
  @ApiParam({ name: 'partnerId', description: 'The SKU as the seller sells it in Marketplacer (a variant SKU)', example: 'SKU-AZUL' })
  @ApiOkResponse({ type: LinkableProductDto, description: 'The listing ANYMARKET can link' })
  @ApiNotFoundResponse({
    type: AnymarketErrorDto,
    description: 'No advert of the seller has a variant with this SKU (MARKETPLACER_PRODUCT_NOT_FOUND), or no such account',
  })
  linkableProduct(
    @AnymarketCaller() caller: AnymarketIdentity,
    @Param('partnerId') partnerId: string,
    @Query() query: ProductLookupQuery,
  ): Promise<LinkableProductDto> {
    return this.listings.linkableProduct(caller, partnerId, query.idAccount);
  }
}
