import { Injectable } from '@nestjs/common';
import { MarketplacerClient } from '../client/marketplacer-client.js';
import { SellerByIdDocument, type SellerFieldsFragment } from '../contract/generated/graphql.js';
import { resolveGlobalId } from '../ids/global-id.js';
import { type MarketplacerSeller, MarketplacerSellers } from '../ports/marketplacer-sellers.port.js';

@Injectable()
export class ApolloMarketplacerSellers extends MarketplacerSellers {
  constructor(private readonly client: MarketplacerClient) {
    super();
  }

  async findSeller(reference: string): Promise<MarketplacerSeller | null> {
    const id = resolveGlobalId('Seller', reference);
    if (id === null) return null;
    const { node } = await this.client.query(SellerByIdDocument, { id });
    // Absent (null), deleted (DeletedSeller) and ids of other types all mean "no such seller".
    if (node?.__typename !== 'Seller') return null;
    return toSeller(node);
  }
}

export function toSeller(seller: Omit<SellerFieldsFragment, '__typename'>): MarketplacerSeller {
  return {
    id: seller.id,
    legacyId: seller.legacyId,
    businessName: seller.businessName,
    accountType: seller.accountType,
    active: isActiveSeller(seller),
  };
}

/**
 * INFERRED: Marketplacer has no documented "active" flag. A seller may trade when it is a RETAILER
 * (PROSPECTIVE sellers are still onboarding; `isRetailer` stands in when `accountType` is missing) and
 * is not off-line (`online: false`; null counts as online on instances that do not expose it).
 */
export function isActiveSeller(seller: Pick<SellerFieldsFragment, 'accountType' | 'isRetailer' | 'online'>): boolean {
  const retailer = seller.accountType != null ? seller.accountType.toUpperCase() === 'RETAILER' : seller.isRetailer === true;
  return retailer && seller.online !== false;
}
