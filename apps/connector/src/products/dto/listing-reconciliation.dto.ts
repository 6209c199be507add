import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { LimitQuery, MayBeOmitted, MAX_ROW_ID } from '#common';
import type { ListingReconciliationEntity, UnlinkedAdvert } from '../entities/listing-reconciliation.entity.js';

export class ListReconciliationsQuery extends LimitQuery {
  @ApiPropertyOptional({ description: 'Only accounts with a smaller id (the last `accountId` of the previous page)', example: 120 })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ROW_ID)
  beforeAccountId?: number;
}

export class ReconciliationDriftDto {
  @ApiProperty({ example: 0, description: 'Listings whose advert Marketplacer deleted (or no longer knows), reported CLOSED' }) advert_gone: number;
  @ApiProperty({ example: 0, description: 'Listings whose advert is off-lined or held for vetting, not yet reported so' }) unpublished: number;
  @ApiProperty({ example: 0, description: 'Listings whose reported status changed (e.g. ACTIVE to WITHOUT_STOCK)' }) status: number;
  @ApiProperty({ example: 0, description: 'Listings whose price differs from the last report' }) price: number;
  @ApiProperty({ example: 0, description: 'Listings whose stock differs from the last report' }) stock: number;
}

export class UnlinkedAdvertDto {
  @ApiProperty({ description: 'Marketplacer advert (global id)' }) id: string;
  @ApiProperty({ description: "The advert's legacy id (as the portals show it)" }) legacyId: number;
  @ApiPropertyOptional({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ type: [String], description: "Its variants' SKUs: the partnerIds ANYMARKET links them by (GET /product/{partnerId})" }) skus: string[];
}

/** One account's listings reconciliation: its last pass. */
export class ListingReconciliationDto {
  @ApiProperty({ example: 1, description: "The connector's account id (`id` of GET /admin/accounts)" }) accountId: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Its Marketplacer seller (global id); null before the first pass' })
  sellerId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'When the last pass started; null: never reconciled yet' })
  lastStartedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'When the last pass ended' }) lastFinishedAt: string | null;
  @ApiProperty({ description: 'Adverts advertsWhere returned for the seller' }) advertsSeen: number;
  @ApiProperty({ description: 'Synced listings of the account compared' }) listingsChecked: number;
  @ApiProperty({ description: 'Marketplacer requests the pass made (advertsWhere pages, adverts read by id)' }) marketplacerRequests: number;
  @ApiProperty({ type: ReconciliationDriftDto, description: 'Drift found, by kind' }) drift: ReconciliationDriftDto;
  @ApiProperty({ description: 'Drifted listings reported to ANYMARKET' }) repaired: number;
  @ApiProperty({ description: 'Drifted listings whose report failed (the next pass tries again)' }) failed: number;
  @ApiProperty({ description: 'Adverts of the seller that no listing links (listed, never created in ANYMARKET by guesswork)' }) unlinkedCount: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the last pass stopped short' }) lastError: string | null;

  static from(row: ListingReconciliationEntity): ListingReconciliationDto {
    return {
      accountId: row.accountId,
      sellerId: row.sellerId,
      lastStartedAt: row.lastStartedAt?.toISOString() ?? null,
      lastFinishedAt: row.lastFinishedAt?.toISOString() ?? null,
      advertsSeen: row.advertsSeen,
      listingsChecked: row.listingsChecked,
      marketplacerRequests: row.marketplacerRequests,
      drift: { advert_gone: row.driftAdvertGone, unpublished: row.driftUnpublished, status: row.driftStatus, price: row.driftPrice, stock: row.driftStock },
      repaired: row.repaired,
      failed: row.failed,
      unlinkedCount: row.unlinkedCount,
      lastError: row.lastError,
    };
  }
}

/** One account's last pass with the adverts no listing links. */
export class ListingReconciliationDetailDto extends ListingReconciliationDto {
  @ApiProperty({ type: [UnlinkedAdvertDto], description: 'The first 50 unlinked adverts' }) unlinkedAdverts: UnlinkedAdvertDto[];

  static withAdverts(row: ListingReconciliationEntity): ListingReconciliationDetailDto {
    return { ...ListingReconciliationDto.from(row), unlinkedAdverts: JSON.parse(row.unlinkedAdverts) as UnlinkedAdvert[] };
  }
}
