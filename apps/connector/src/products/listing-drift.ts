import type { MarketplacerAdvert } from '#marketplacer';
import type { ListingEntity } from './entities/listing.entity.js';
import { reportedStateOf, reportHash, skuMarketplaceUpdate, type ReportedState } from './listing-status.mapper.js';

/**
 * How a listing differs from what ANYMARKET was last told:
 * - `advert_gone`: Marketplacer deleted the advert (or purged it: node(id) no longer knows it);
 * - `unpublished`: the advert is off-lined (or held for vetting) while the last report said otherwise;
 * - `status` / `price` / `stock`: the reported status, or the price or stock in its text, changed.
 * `unlinked` (an advert of the seller no listing links) is not a listing's drift: it is only listed.
 */
export type DriftKind = 'advert_gone' | 'unpublished' | 'status' | 'price' | 'stock';
export const DRIFT_KINDS: DriftKind[] = ['advert_gone', 'unpublished', 'status', 'price', 'stock'];
export type ReconciliationFinding = DriftKind | 'unlinked';

/** What the listing's advert is now, as reconciliation read it. */
export type AdvertNow =
  /** advertsWhere returned it (published, or unpublished with its details). */
  | { kind: 'found'; advert: MarketplacerAdvert }
  /** Read by id: Marketplacer deleted it, or no longer knows the id at all (purged after 30 days). */
  | { kind: 'gone' };

/** One listing's verdict: nothing to tell, or the state to report and which drift it is. */
export type ListingVerdict = { drift: null } | { drift: DriftKind; state: ReportedState };

/** The report that says the advert was deleted: what a listing on a vanished advert is told. */
export function goneState(listing: Pick<ListingEntity, 'variantId' | 'requestedStatus' | 'vettingRejectedReason'>): ReportedState {
  const deleted: MarketplacerAdvert = { id: '', legacyId: 0, state: 'deleted', updatedAt: '', variantIds: [], details: null };
  return reportedStateOf(deleted, listing.variantId ?? '', listing)!;
}

/** Whether the listing's last report already says its advert is gone (gone stays gone: no read by id needed). */
export function reportedAsGone(listing: ListingEntity): boolean {
  return listing.reportedHash !== null && listing.reportedHash === reportHash(skuMarketplaceUpdate(listing, goneState(listing)));
}

/**
 * Whether advertsWhere's answer alone cannot settle the listing, so its advert is read by id: the
 * advert was not returned, or returned unpublished (the live advertsWhere returns deleted adverts as
 * unpublished `Advert`s, INFERRED), and the last report does not already say it is gone; a listing
 * whose unpublished state is what ANYMARKET was told costs no read either.
 */
export function needsReadById(listing: ListingEntity, fromAdvertsWhere: MarketplacerAdvert | undefined): boolean {
  if (reportedAsGone(listing)) return false;
  if (!fromAdvertsWhere) return true;
  if (fromAdvertsWhere.state === 'published') return false;
  return decide(listing, { kind: 'found', advert: fromAdvertsWhere }).drift !== null;
}

/**
 * The one rule reconciliation repairs by: the state Marketplacer's advert gives the listing
 * (reportedStateOf, as the adverts feed reports it), reported when it differs from the last report.
 * Null drift: ANYMARKET already knows it (or the state cannot be told: nothing is sent).
 */
export function decide(listing: ListingEntity, now: AdvertNow): ListingVerdict {
  // Gone stays gone: advertsWhere returns a deleted advert as unpublished for 30 days, which is no news.
  if (now.kind === 'found' && now.advert.state !== 'published' && reportedAsGone(listing)) return { drift: null };
  const state = now.kind === 'gone' ? goneState(listing) : reportedStateOf(now.advert, listing.variantId ?? '', listing);
  if (!state) return { drift: null };
  if (reportHash(skuMarketplaceUpdate(listing, state)) === listing.reportedHash) return { drift: null };
  return { drift: driftKindOf(listing, now, state), state };
}

function driftKindOf(listing: ListingEntity, now: AdvertNow, state: ReportedState): DriftKind {
  if (now.kind === 'gone' || now.advert.state === 'deleted') return 'advert_gone';
  if (now.advert.state === 'unpublished') return 'unpublished';
  if (state.status !== listing.publicationStatus || state.transmissionStatus !== listing.transmissionStatus) return 'status';
  const before = textParts(listing.marketplaceStatus ?? '');
  const after = textParts(state.marketplaceStatus);
  if (before.price !== after.price) return 'price';
  if (before.stock !== after.stock) return 'stock';
  return 'status';
}

/** The price and stock parts of a reported status text (`ATIVO - estoque: 5, preço: 12.34, promoção: 9.90`). */
function textParts(text: string): { price: string; stock: string } {
  const price = /preço: .*$/.exec(text)?.[0] ?? '';
  const stock = /estoque: [^,]*/.exec(text)?.[0] ?? '';
  return { price, stock };
}
