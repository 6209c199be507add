import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  Max,
} from 'class-validator';
import { LISTING_STATES, type ListingEntity, type ListingState } from '../entities/listing.entity.js';
import { PageQuery, MayBeOmitted, MAX_ROW_ID } from '#common';

export class ListListingsQuery extends PageQuery {
  @ApiPropertyOptional({ description: "Only this account's listings (the connector's account id: `id` of GET /admin/accounts)", example: 1 })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ROW_ID)
  accountId?: number;
  @ApiPropertyOptional({ enum: LISTING_STATES, description: 'Only listings in this state' }) @MayBeOmitted() @IsIn(LISTING_STATES) state?: ListingState;
}

export class ListingDto {
  @ApiProperty({ example: 7, description: 'The listing id (the `{id}` of /admin/listings/{id})' }) id: number;
  @ApiProperty({ example: 1, description: "The connector's account id (`id` of GET /admin/accounts)" }) accountId: number;
  @ApiProperty() oi: string;
  @ApiProperty() idAccount: string;
  @ApiProperty({ description: 'ANYMARKET transmission id' }) idSkuMarketplace: string;
  @ApiPropertyOptional({ nullable: true, type: String }) idSkuMarketplaceMain: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) idSku: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) idProduct: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) skuInMarketplace: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) title: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) ean: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Marketplacer advert (global id)' }) advertId: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    example: 1234,
    description: "Marketplacer advert's legacy id: the number its portals show (and the simulator's control API takes)",
  })
  advertLegacyId: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Marketplacer variant' }) variantId: string | null;
  @ApiProperty({ enum: LISTING_STATES }) state: ListingState;
  @ApiProperty({ description: "ANYMARKET's last request: a publication status, or DELETED" }) requestedStatus: string;
  @ApiProperty({ description: 'Failed attempts at the current request' }) attempts: number;
  @ApiPropertyOptional({ nullable: true, type: String }) nextAttemptAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Last status reported to ANYMARKET' }) publicationStatus: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) transmissionStatus: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) marketplaceStatus: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reportedAt: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'The reason of the last rejection made through POST /admin/listings/{id}/vet (cleared by an approval there or when ANYMARKET sends the product again); ' +
      "what is reported to ANYMARKET is Marketplacer's own vetting state",
  })
  vettingRejectedReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) syncedAt: string | null;

  static from(listing: ListingEntity): ListingDto {
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    return {
      id: listing.id,
      accountId: listing.accountId,
      oi: listing.oi,
      idAccount: listing.idAccount,
      idSkuMarketplace: listing.idSkuMarketplace,
      idSkuMarketplaceMain: listing.idSkuMarketplaceMain,
      idSku: listing.idSku,
      idProduct: listing.idProduct,
      skuInMarketplace: listing.skuInMarketplace,
      title: listing.title,
      ean: listing.ean,
      advertId: listing.advertId,
      advertLegacyId: listing.advertLegacyId,
      variantId: listing.variantId,
      state: listing.state,
      requestedStatus: listing.requestedStatus,
      attempts: listing.attempts,
      nextAttemptAt: iso(listing.nextAttemptAt),
      publicationStatus: listing.publicationStatus,
      transmissionStatus: listing.transmissionStatus,
      marketplaceStatus: listing.marketplaceStatus,
      reportedAt: iso(listing.reportedAt),
      vettingRejectedReason: listing.vettingRejectedReason,
      lastError: listing.lastError,
      createdAt: listing.createdAt.toISOString(),
      updatedAt: listing.updatedAt.toISOString(),
      syncedAt: iso(listing.syncedAt),
    };
  }
}

const MAX_ATTRIBUTES = 100;

/** At most 100 attributes, each a code of up to 255 characters → a text of up to 1,000. */
function IsAttributeMap(): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isAttributeMap',
      target: target.constructor,
      propertyName: propertyKey as string,
      options: { message: `$property must map at most ${MAX_ATTRIBUTES} codes (up to 255 characters) to texts (up to 1000 characters)` },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return entries.length <= MAX_ATTRIBUTES && entries.every(([code, text]) => code.length <= 255 && typeof text === 'string' && text.length <= 1000);
        },
      },
    });
}

/** "Product enriched": content the operator adds to the linked advert. At least one field. */
export class EnrichListingDto {
  @ApiPropertyOptional({ maxLength: 500 }) @MayBeOmitted() @IsString() @IsNotEmpty() @MaxLength(500) title?: string;

  @ApiPropertyOptional({ maxLength: 100000 }) @MayBeOmitted() @IsString() @MaxLength(100_000) description?: string;

  @ApiPropertyOptional({ type: [String], description: "Image URLs, in order (replace the advert's images)" })
  @MayBeOmitted()
  @ArrayMaxSize(50)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true })
  @MaxLength(2048, { each: true })
  images?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Advert attributes as ANYMARKET maps them: option type id (or name) → option value id (or name, or free text)',
    example: { T3B0aW9uVHlwZS0x: 'T3B0aW9uVmFsdWUtMg==' },
  })
  @MayBeOmitted()
  @IsObject()
  @IsAttributeMap()
  attributes?: Record<string, string>;
}

/** "Advert vetted": approved (advertVettingApprove) or rejected with a reason (advertVettingReject). */
export class VetListingDto {
  @ApiProperty({ description: 'true approves, false rejects' }) @IsBoolean() approved: boolean;

  @ApiPropertyOptional({
    maxLength: 1000,
    description: "Required when rejecting (Marketplacer's vettingRejectedReason): shown to the seller in Marketplacer and in ANYMARKET",
  })
  @ValidateIf((body: VetListingDto) => body.approved === false || body.reason !== undefined)
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(1000)
  reason?: string;
}
