import { Injectable } from '@nestjs/common';
import { MarketplacerSellers } from '#marketplacer';
import { SellerLinksService } from '../accounts/index.js';
import {
  DirectorySellerDto,
  MarketplacerSellerDto,
  type DirectoryPageDto,
  type ListSellersQuery,
  type SellerSearchPageDto,
  type SellerSearchQuery,
  type UpdateSellerDto,
} from './dto/sellers.dto.js';
import type { MarketplacerSellerEntity } from './entities/marketplacer-seller.entity.js';
import { SellerDirectory } from './seller-directory.js';
import { sellersErrors } from './sellers.errors.js';

/** Admins' view of the sellers: the directory (with each seller's links), Marketplacer's search, and seller updates. */
@Injectable()
export class SellersAdminService {
  constructor(
    private readonly directory: SellerDirectory,
    private readonly marketplacer: MarketplacerSellers,
    private readonly links: SellerLinksService,
  ) {}

  async list(query: ListSellersQuery): Promise<DirectoryPageDto> {
    const [sellers, total] = await this.directory.list({ active: query.active, deleted: query.deleted, limit: query.limit, offset: query.offset });
    return { items: await this.withLinks(sellers), total, fresh: await this.directory.isFresh() };
  }

  /** The kept seller (global or legacy id); one the directory does not know yet is read from Marketplacer. */
  async get(sellerId: string): Promise<DirectorySellerDto> {
    const kept = (await this.directory.find(sellerId)) ?? ((await this.directory.refresh(sellerId)) && (await this.directory.find(sellerId)));
    if (!kept) throw sellersErrors.sellerNotInDirectory(sellerId);
    return (await this.withLinks([kept]))[0];
  }

  /** Reads the seller from Marketplacer now into the directory (its standing reaches its accounts at once). */
  async refresh(sellerId: string): Promise<DirectorySellerDto> {
    await this.directory.refresh(sellerId);
    return this.get(sellerId);
  }

  async search(query: SellerSearchQuery): Promise<SellerSearchPageDto> {
    const page = await this.marketplacer.searchSellers({
      businessName: query.businessName,
      city: query.city,
      postcode: query.postcode,
      state: query.state,
      first: query.limit,
      after: query.after,
    });
    const nextCursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    return { items: page.nodes.map(MarketplacerSellerDto.from), totalCount: page.totalCount, nextCursor };
  }

  /** `sellerUpdate`; what Marketplacer answers is kept at once (an account type change reaches the accounts). */
  async update(sellerId: string, changes: UpdateSellerDto): Promise<MarketplacerSellerDto> {
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (Object.keys(given).length === 0) throw sellersErrors.nothingToUpdate();
    const seller = await this.marketplacer.updateSeller(sellerId, given);
    await this.directory.keepAnswer(seller);
    return MarketplacerSellerDto.from(seller);
  }

  private async withLinks(sellers: MarketplacerSellerEntity[]): Promise<DirectorySellerDto[]> {
    const links = await this.links.listOfSellers(sellers.map((seller) => seller.id));
    return sellers.map((seller) =>
      DirectorySellerDto.from(
        seller,
        links.filter((link) => link.sellerId === seller.id),
      ),
    );
  }
}
