import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AdminRoute, ApiAdminResource, ApiInvalidInput, APP_CONFIG, ErrorResponseDto } from '#common';
import type { AccountsConfig } from '../accounts.config.js';
import { CreateSellerLinkDto, IssuedSellerLinkDto, ListSellerLinksQuery, SellerLinkDto } from '../dto/seller-link.dto.js';
import { SellerLinksService, type IssuedSellerLink } from '../seller-links.service.js';

const LINK = ['seller link', 'SELLER_LINK_NOT_FOUND'] as const;

@ApiTags('admin: seller links')
@AdminRoute()
@Controller('admin/seller-links')
export class AdminSellerLinksController {
  constructor(
    private readonly links: SellerLinksService,
    @Inject(APP_CONFIG) private readonly config: AccountsConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Link a Marketplacer seller so it can activate the ANYMARKET module',
    description:
      'Checks that the seller exists and is active in Marketplacer, then answers the integration secret ONCE, with what the seller types into ' +
      "ANYMARKET's module screen (store id and password). Only the secret's hash is kept.",
  })
  @ApiCreatedResponse({ type: IssuedSellerLinkDto, description: 'The link, with its secret shown this once' })
  @ApiInvalidInput('the seller id')
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'SELLER_NOT_FOUND: Marketplacer has no such seller' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'SELLER_ALREADY_LINKED: the seller has an active link' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'SELLER_INACTIVE: the seller is not active in Marketplacer' })
  @ApiBadGatewayResponse({ type: ErrorResponseDto, description: 'Marketplacer failed or refused (MARKETPLACER_* codes)' })
  async create(@Body() body: CreateSellerLinkDto): Promise<IssuedSellerLinkDto> {
    return this.issued(await this.links.create(body.sellerId));
  }

  @Get()
  @ApiOperation({
    summary: 'Seller links (never their secrets)',
    description: 'Every link, oldest first, optionally only active or revoked ones, with the ANYMARKET organisation bound to it.',
  })
  @ApiOkResponse({ type: [SellerLinkDto], description: 'The links, oldest first' })
  @ApiInvalidInput('the filters')
  async list(@Query() query: ListSellerLinksQuery): Promise<SellerLinkDto[]> {
    return (await this.links.list(query.status)).map(SellerLinkDto.from);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One seller link',
    description: 'The link with its seller, its store id and the ANYMARKET organisation bound to it (never the secret).',
  })
  @ApiAdminResource(...LINK)
  @ApiOkResponse({ type: SellerLinkDto, description: 'The link' })
  async get(@Param('id', ParseIntPipe) id: number): Promise<SellerLinkDto> {
    return SellerLinkDto.from(await this.links.get(id));
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Issue a new integration secret (shown once); the old one stops working at once',
    description: 'The seller types the new secret into the module screen; the bound ANYMARKET organisation stays.',
  })
  @ApiAdminResource(...LINK)
  @ApiOkResponse({ type: IssuedSellerLinkDto, description: 'The link, with its new secret shown this once' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'SELLER_LINK_REVOKED: a revoked link cannot change' })
  async rotateSecret(@Param('id', ParseIntPipe) id: number): Promise<IssuedSellerLinkDto> {
    return this.issued(await this.links.rotateSecret(id));
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Revoke a link: it stops authenticating; its ANYMARKET accounts stay stored but are deactivated',
    description: 'Revoking a revoked link changes nothing. To let the seller in again, link it anew.',
  })
  @ApiAdminResource(...LINK)
  @ApiOkResponse({ type: SellerLinkDto, description: 'The link, now revoked' })
  async revoke(@Param('id', ParseIntPipe) id: number): Promise<SellerLinkDto> {
    return SellerLinkDto.from(await this.links.revoke(id));
  }

  private issued({ link, secret }: IssuedSellerLink): IssuedSellerLinkDto {
    return IssuedSellerLinkDto.of(link, secret, this.config);
  }
}
