import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, type Repository } from 'typeorm';
import { ListingEntity } from './entities/listing.entity.js';

/**
 * What other contexts may ask of listings: the `skuInMarketplace` of the ANYMARKET transmission
 * linked to a Marketplacer variant, per account (an order's items are named by it).
 */
@Injectable()
export class ListingSkus {
  constructor(@InjectRepository(ListingEntity) private readonly listings: Repository<ListingEntity>) {}

  /** Variant global id → skuInMarketplace, for the account's listings on these variants that have one. */
  async ofVariants(accountId: number, variantIds: string[]): Promise<Map<string, string>> {
    if (variantIds.length === 0) return new Map();
    const rows = await this.listings.find({
      select: { variantId: true, skuInMarketplace: true, updatedAt: true },
      where: { accountId, variantId: In([...new Set(variantIds)]), skuInMarketplace: Not(IsNull()) },
      order: { updatedAt: 'ASC' },
    });
    // The most recently touched listing wins when two transmissions once pointed at one variant.
    return new Map(rows.map((row) => [row.variantId!, row.skuInMarketplace!]));
  }
}
