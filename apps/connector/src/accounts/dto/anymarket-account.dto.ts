import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import { QueryBoolean, MayBeOmitted } from '#common';
import { settingsOf } from '../account-settings.js';
import { actsFor, inactiveReasonOf } from '../account-standing.js';
import type { AnymarketAccountEntity } from '../entities/anymarket-account.entity.js';
import type { SellerLinkEntity } from '../entities/seller-link.entity.js';

export class ListAccountsQuery {
  @ApiPropertyOptional({ example: '22449504.', description: 'Only accounts of this ANYMARKET organisation (verbatim, trailing dot included)' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(64)
  oi?: string;

  @ApiPropertyOptional({ type: Boolean, example: true, description: 'Only active (true) or inactive (false) accounts' })
  @MayBeOmitted()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}

export class AccountSellerDto {
  @ApiProperty() linkId: number;
  @ApiProperty({ enum: ['active', 'revoked'] }) linkStatus: 'active' | 'revoked';
  @ApiProperty({ example: 'U2VsbGVyLTc4' }) sellerId: string;
  @ApiProperty({ example: 78 }) sellerLegacyId: number;
  @ApiProperty({ example: 'Acme Outdoor' }) sellerBusinessName: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'the seller is offline in Marketplacer',
    description: 'Why the seller may not trade in Marketplacer, as the seller directory last saw it (its accounts stop meanwhile); null while it may',
  })
  sellerInactiveReason: string | null;
}

/** An ANYMARKET account as admins see it: settings, never the ANYMARKET token. */
export class AnymarketAccountDto {
  @ApiProperty({
    example: 1,
    description: "The connector's own account id: the `{id}` of /admin/accounts/{id} and the `accountId` of the listings (not ANYMARKET's idAccount)",
  })
  id: number;
  @ApiProperty({ example: '22449504.' }) oi: string;
  @ApiProperty({ example: '127', description: 'ANYMARKET account id (int64, as a string)' }) idAccount: string;
  @ApiProperty({
    description:
      'Whether the connector acts for the account: active in ANYMARKET, on a seller link that is not revoked, for a seller that may trade in Marketplacer',
  })
  active: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'the seller is offline in Marketplacer',
    description: 'Why the account is inactive; null while it is active',
  })
  inactiveReason: string | null;
  @ApiProperty({ type: String, nullable: true }) accountName: string | null;
  @ApiProperty({ type: String, nullable: true }) templateId: string | null;
  @ApiProperty({ enum: ['PERCENT', 'VALUE'] }) discountType: 'PERCENT' | 'VALUE';
  @ApiProperty() discountValue: number;
  @ApiProperty() priceFactor: number;
  @ApiProperty() useSandbox: boolean;
  @ApiProperty() accountDefault: boolean;
  @ApiProperty() updatePriceStockStatus: boolean;
  @ApiProperty() additionOfFreight: number;
  @ApiProperty({ type: String, nullable: true, example: '2022-02-09' }) initialOrderImportDate: string | null;
  @ApiProperty({ type: String, nullable: true }) country: string | null;
  @ApiProperty({ description: 'Whether the ANYMARKET token is stored (encrypted; never answered)' }) hasToken: boolean;
  @ApiProperty({ type: AccountSellerDto }) seller: AccountSellerDto;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(account: AnymarketAccountEntity, link: SellerLinkEntity): AnymarketAccountDto {
    return {
      id: account.id,
      oi: account.oi,
      idAccount: account.idAccount,
      active: actsFor(account, link),
      inactiveReason: inactiveReasonOf(account, link),
      ...settingsOf(account),
      country: account.country,
      hasToken: account.tokenEncrypted !== null,
      seller: {
        linkId: link.id,
        linkStatus: link.revokedAt ? 'revoked' : 'active',
        sellerId: link.sellerId,
        sellerLegacyId: link.sellerLegacyId,
        sellerBusinessName: link.sellerBusinessName,
        sellerInactiveReason: link.sellerInactiveReason,
      },
      createdAt: account.createdAt.toISOString(),
      updatedAt: account.updatedAt.toISOString(),
    };
  }
}
