import { MayBeOmitted } from '#common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import type { SellerLinkEntity } from '../entities/seller-link.entity.js';

export class CreateSellerLinkDto {
  @ApiProperty({ example: 'U2VsbGVyLTc4', description: "The Marketplacer seller: its global id, or its legacy id as shown in Marketplacer's portals (`78`)" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9+/=_-]+$/, { message: 'sellerId must be a Marketplacer global id or legacy id' })
  sellerId: string;
}

export class ListSellerLinksQuery {
  @ApiPropertyOptional({ enum: ['active', 'revoked'], description: 'Only links in this state' })
  @MayBeOmitted()
  @IsIn(['active', 'revoked'])
  status?: 'active' | 'revoked';
}

export class SellerLinkDto {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ enum: ['active', 'revoked'] }) status: 'active' | 'revoked';
  @ApiProperty({ example: 'U2VsbGVyLTc4', description: 'Marketplacer global id' }) sellerId: string;
  @ApiProperty({ example: 78 }) sellerLegacyId: number;
  @ApiProperty({ example: 'Acme Outdoor' }) sellerBusinessName: string;
  @ApiProperty({ example: '78', description: "What the seller types as store id on ANYMARKET's module screen" }) storeId: string;
  @ApiProperty({ type: String, nullable: true, example: '22449504.', description: 'ANYMARKET organisation bound at the first successful testIntegration' })
  anymarketOi: string | null;
  @ApiProperty({ type: String, nullable: true }) boundAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) secretRotatedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedAt: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'the seller is offline in Marketplacer',
    description: "Why the seller may not trade in Marketplacer, as the seller directory last saw it: the link's accounts stop meanwhile and resume with it",
  })
  sellerInactiveReason: string | null;
  @ApiProperty({ type: String, nullable: true }) sellerInactiveSince: string | null;

  static from(link: SellerLinkEntity): SellerLinkDto {
    return {
      id: link.id,
      status: link.revokedAt ? 'revoked' : 'active',
      sellerId: link.sellerId,
      sellerLegacyId: link.sellerLegacyId,
      sellerBusinessName: link.sellerBusinessName,
      storeId: storeIdOf(link),
      anymarketOi: link.anymarketOi,
      boundAt: link.boundAt?.toISOString() ?? null,
      createdAt: link.createdAt.toISOString(),
      secretRotatedAt: link.secretRotatedAt?.toISOString() ?? null,
      revokedAt: link.revokedAt?.toISOString() ?? null,
      sellerInactiveReason: link.sellerInactiveReason,
      sellerInactiveSince: link.sellerInactiveSince?.toISOString() ?? null,
    };
  }
}

/**
 * The store id a seller types on ANYMARKET's module screen: the Marketplacer legacy id. It is the
 * number the seller already sees in Marketplacer's portals, short enough to type, and stable; the
 * global id is an opaque base64 string nobody should have to copy by hand.
 */
export function storeIdOf(link: Pick<SellerLinkEntity, 'sellerLegacyId'>): string {
  return String(link.sellerLegacyId);
}

export class ModuleScreenFieldDto {
  @ApiProperty({ example: 'storeId', description: 'Field name on the module screen (ACCOUNT_AUTH_FIELD_STORE_ID / ACCOUNT_AUTH_FIELD_PASSWORD)' })
  name: string;
  @ApiProperty({ example: '78' }) value: string;
}

/** Answer of creating a link or rotating its secret: the only time the secret is shown. */
export class IssuedSellerLinkDto extends SellerLinkDto {
  @ApiProperty({ example: 'b3BlbnNlc2FtZS1vbmx5LW9uY2UtLS0t', description: 'The integration secret. Shown once: only its hash is kept' })
  integrationSecret: string;

  @ApiProperty({
    type: [ModuleScreenFieldDto],
    description: "What the seller types into ANYMARKET's module screen for this marketplace: store id and password",
  })
  moduleScreenFields: ModuleScreenFieldDto[];

  /** The link with its secret, and the module screen's fields as `config` names them. */
  static of(link: SellerLinkEntity, secret: string, config: { accountAuthFieldStoreId: string; accountAuthFieldPassword: string }): IssuedSellerLinkDto {
    return {
      ...SellerLinkDto.from(link),
      integrationSecret: secret,
      moduleScreenFields: [
        { name: config.accountAuthFieldStoreId, value: storeIdOf(link) },
        { name: config.accountAuthFieldPassword, value: secret },
      ],
    };
  }
}
