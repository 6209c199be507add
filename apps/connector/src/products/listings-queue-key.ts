import type { ListingEntity } from './entities/listing.entity.js';

/** The queue of listing work (sendProduct, deletePublication, resync) on the one WorkQueue. */
export const LISTINGS_QUEUE = 'listings';

/**
 * A listing's key on that queue: one ANYMARKET product of one account (its SKUs share an advert); a
 * transmission alone while its product is unknown. Its work and its reports hold it.
 */
export function productKeyOf(listing: Pick<ListingEntity, 'accountId' | 'idProduct' | 'idSkuMarketplace'>): string {
  return `${listing.accountId}:${listing.idProduct ?? `transmission-${listing.idSkuMarketplace}`}`;
}
