import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsObject, IsString, Matches, MaxLength, Min, ValidateNested, Max } from 'class-validator';
import { LimitQuery, QueryBoolean, MayBeOmitted, MAX_ROW_ID } from '#common';
import type { MarketplacerSeller } from '#marketplacer';
import { IssuedSellerLinkDto, SellerLinkDto, type SellerLinkEntity } from '../../accounts/index.js';
import { CursorPageQuery } from '../../http/cursor-page.dto.js';
import type { MarketplacerSellerEntity } from '../entities/marketplacer-seller.entity.js';
import { inactiveReasonOf } from '../seller-standing.js';

export const SELLER_ACCOUNT_TYPES = ['RETAILER', 'PROSPECTIVE'] as const;
export type SellerAccountType = (typeof SELLER_ACCOUNT_TYPES)[number];

/** Text an admin types: trimmed, not blank. */
const PHONE = /^[0-9+()\-.\s]{3,30}$/;

export class OnboardSellerUserDto {
  @ApiProperty({ example: 'Ana', maxLength: 100 }) @IsString() @IsNotEmpty() @MaxLength(100) firstName: string;
  @ApiProperty({ example: 'Souza', maxLength: 100 }) @IsString() @IsNotEmpty() @MaxLength(100) surname: string;
  @ApiProperty({ example: 'ana@acme.example', maxLength: 255, description: "The seller's first user: Marketplacer's login, one seller per address" })
  @IsEmail()
  @MaxLength(255)
  emailAddress: string;
}

export class OnboardSellerAddressDto {
  @ApiProperty({ example: '10 Collins Street', maxLength: 255 }) @IsString() @IsNotEmpty() @MaxLength(255) address: string;
  @ApiPropertyOptional({ example: 'Unit 4', maxLength: 255 }) @MayBeOmitted() @IsString() @MaxLength(255) subaddress?: string;
  @ApiProperty({ example: 'Melbourne', maxLength: 100 }) @IsString() @IsNotEmpty() @MaxLength(100) city: string;
  @ApiPropertyOptional({ example: '3000', maxLength: 20 }) @MayBeOmitted() @IsString() @MaxLength(20) postcode?: string;
  @ApiPropertyOptional({ example: 'VIC', maxLength: 100, description: 'State, short or full name' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(100)
  state?: string;
  @ApiPropertyOptional({ example: 'AU', description: 'ISO 3166-1 alpha-2 country code' })
  @MayBeOmitted()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code, e.g. AU or BR' })
  countryCode?: string;
}

/** The seller fields an admin may change; shared by onboarding (required ones) and updates (all optional). */
class SellerFieldsDto {
  @ApiPropertyOptional({ example: 'seller@acme.example', maxLength: 255, description: "The seller's contact address (defaults to the user's)" })
  @MayBeOmitted()
  @IsEmail()
  @MaxLength(255)
  emailAddress?: string;

  @ApiPropertyOptional({ example: '+61 400 000 000' })
  @MayBeOmitted()
  @Matches(PHONE, { message: 'mobile must be a phone number (digits, spaces, + ( ) - .)' })
  mobile?: string;

  @ApiPropertyOptional({ maxLength: 5000 }) @MayBeOmitted() @IsString() @MaxLength(5000) storeDescription?: string;
}

export class OnboardSellerDto extends SellerFieldsDto {
  @ApiProperty({
    example: 'onboard-acme-2026-11-26',
    maxLength: 100,
    description:
      "Your id for this onboarding (e.g. a UUID). It is recorded before Marketplacer is called and kept in the seller's metadata, so the same request " +
      'repeated (after a lost answer) answers the seller the first one made instead of making a second one',
  })
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'requestId must be 1 to 100 letters, digits, dots, underscores, colons or dashes' })
  requestId: string;

  @ApiPropertyOptional({
    enum: SELLER_ACCOUNT_TYPES,
    default: 'RETAILER',
    description: "RETAILER trades at once; PROSPECTIVE awaits the operator's review (its accounts start once approved)",
  })
  @MayBeOmitted()
  @IsIn(SELLER_ACCOUNT_TYPES)
  accountType?: SellerAccountType;

  @ApiProperty({ example: 'Acme Outdoor', maxLength: 255 }) @IsString() @IsNotEmpty() @MaxLength(255) businessName: string;
  @ApiProperty({ example: 'Acme Outdoor Pty Ltd', maxLength: 255 }) @IsString() @IsNotEmpty() @MaxLength(255) legalBusinessName: string;
  @ApiPropertyOptional({ example: '12.345.678/0001-95', maxLength: 50, description: 'Business registration number (CNPJ, ABN …)' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(50)
  businessRegistrationCode?: string;

  @ApiProperty({ example: '+61 3 9000 0000' })
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, + ( ) - .)' })
  phone: string;

  @ApiProperty({ type: OnboardSellerUserDto }) @IsObject() @ValidateNested() @Type(() => OnboardSellerUserDto) user: OnboardSellerUserDto;
  @ApiProperty({ type: OnboardSellerAddressDto }) @IsObject() @ValidateNested() @Type(() => OnboardSellerAddressDto) address: OnboardSellerAddressDto;
}

export class UpdateSellerDto extends SellerFieldsDto {
  @ApiPropertyOptional({ enum: SELLER_ACCOUNT_TYPES, description: 'PROSPECTIVE → RETAILER approves the seller; back to PROSPECTIVE stops its accounts' })
  @MayBeOmitted()
  @IsIn(SELLER_ACCOUNT_TYPES)
  accountType?: SellerAccountType;

  @ApiPropertyOptional({ maxLength: 255 }) @MayBeOmitted() @IsString() @IsNotEmpty() @MaxLength(255) businessName?: string;
  @ApiPropertyOptional({ maxLength: 255 }) @MayBeOmitted() @IsString() @IsNotEmpty() @MaxLength(255) legalBusinessName?: string;
  @ApiPropertyOptional({ example: '+61 3 9000 0000' })
  @MayBeOmitted()
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, + ( ) - .)' })
  phone?: string;
  @ApiPropertyOptional({ maxLength: 50, description: 'National business identification number' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(50)
  businessNumber?: string;
}

export class ListSellersQuery extends LimitQuery {
  @ApiPropertyOptional({ type: Boolean, example: false, description: 'Only sellers that may trade (true) or may not (false)' })
  @MayBeOmitted()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: Boolean, example: true, description: 'Only deleted (true) or kept (false) sellers' })
  @MayBeOmitted()
  @QueryBoolean()
  @IsBoolean()
  deleted?: boolean;

  @ApiPropertyOptional({ minimum: 0, default: 0, example: 0, description: 'Sellers to skip (by legacy id order): the previous pages' })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_ROW_ID)
  offset: number = 0;
}

export class SellerSearchQuery extends CursorPageQuery {
  @ApiPropertyOptional({ example: 'Acme', maxLength: 255, description: 'Part of the business name' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(255)
  businessName?: string;
  @ApiPropertyOptional({ example: 'Melbourne', maxLength: 100, description: "The seller's city" }) @MayBeOmitted() @IsString() @MaxLength(100) city?: string;
  @ApiPropertyOptional({ example: '3000', maxLength: 20, description: "The seller's postcode" }) @MayBeOmitted() @IsString() @MaxLength(20) postcode?: string;
  @ApiPropertyOptional({ example: 'VIC', maxLength: 100, description: "The seller's state, short or full name" })
  @MayBeOmitted()
  @IsString()
  @MaxLength(100)
  state?: string;
}

/** A seller as Marketplacer answers it now. */
export class MarketplacerSellerDto {
  @ApiProperty({ example: 'U2VsbGVyLTc4' }) id: string;
  @ApiProperty({ example: 78 }) legacyId: number;
  @ApiProperty({ example: 'Acme Outdoor' }) businessName: string;
  @ApiProperty({ type: String, nullable: true, example: 'RETAILER' }) accountType: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) online: boolean | null;
  @ApiProperty({ description: 'May trade: a RETAILER that is online' }) active: boolean;
  @ApiProperty({ type: String, nullable: true }) emailAddress: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) updatedAt: string | null;

  static from(seller: MarketplacerSeller): MarketplacerSellerDto {
    return {
      id: seller.id,
      legacyId: seller.legacyId,
      businessName: seller.businessName,
      accountType: seller.accountType,
      online: seller.online ?? null,
      active: seller.active,
      emailAddress: seller.emailAddress ?? null,
      phone: seller.phone ?? null,
      updatedAt: seller.updatedAt ?? null,
    };
  }
}

export class SellerSearchPageDto {
  @ApiProperty({ type: [MarketplacerSellerDto] }) items: MarketplacerSellerDto[];
  @ApiProperty({ description: "Marketplacer's count of every match" }) totalCount: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as `after` for the next page; null on the last page' }) nextCursor: string | null;
}

/** A seller as the directory keeps it, with its links. */
export class DirectorySellerDto {
  @ApiProperty({ example: 'U2VsbGVyLTc4' }) id: string;
  @ApiProperty({ example: 78 }) legacyId: number;
  @ApiProperty({ type: String, nullable: true, example: 'Acme Outdoor' }) businessName: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'RETAILER' }) accountType: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) online: boolean | null;
  @ApiProperty() deleted: boolean;
  @ApiProperty({ description: 'May trade: a RETAILER that is online and not deleted' }) active: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'the seller is offline in Marketplacer',
    description: 'Why the seller may not trade; null while it may',
  })
  inactiveReason: string | null;
  @ApiProperty({ type: String, nullable: true }) emailAddress: string | null;
  @ApiProperty({ type: String, nullable: true, description: "Marketplacer's updatedAt of what is kept" }) updatedAt: string | null;
  @ApiProperty({ description: 'When the connector last wrote this copy' }) syncedAt: string;
  @ApiProperty({ type: [SellerLinkDto], description: "The seller's links (its ANYMARKET connection), oldest first" }) links: SellerLinkDto[];

  static from(seller: MarketplacerSellerEntity, links: SellerLinkEntity[]): DirectorySellerDto {
    return {
      id: seller.id,
      legacyId: seller.legacyId,
      businessName: seller.businessName,
      accountType: seller.accountType,
      online: seller.online,
      deleted: seller.deleted,
      active: seller.active,
      inactiveReason: inactiveReasonOf(seller),
      emailAddress: seller.emailAddress,
      updatedAt: seller.marketplacerUpdatedAt,
      syncedAt: seller.syncedAt.toISOString(),
      links: links.map(SellerLinkDto.from),
    };
  }
}

export class DirectoryPageDto {
  @ApiProperty({ type: [DirectorySellerDto] }) items: DirectorySellerDto[];
  @ApiProperty({ description: 'Sellers matching the filters' }) total: number;
  @ApiProperty({ description: 'Whether the directory was read completely within SELLER_DIRECTORY_MAX_AGE_MS' }) fresh: boolean;
}

/** The answer of an onboarding: the seller and its link (with the secret when it can be shown). */
export class OnboardedSellerDto {
  @ApiProperty({ description: 'True: this request made the seller; false: an earlier request with this requestId did' }) created: boolean;
  @ApiProperty({ type: MarketplacerSellerDto }) seller: MarketplacerSellerDto;
  @ApiProperty({
    type: IssuedSellerLinkDto,
    description:
      "The seller's link with its integration secret and module-screen fields. On a repeat, a link no ANYMARKET organisation has used yet gets a new " +
      'secret (the first answer was lost); a link already in use is answered without a secret (rotate it to issue one)',
  })
  link: IssuedSellerLinkDto | SellerLinkDto;
}
