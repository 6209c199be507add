import { createHash } from 'node:crypto';
import type { PublicationStatus, SkuMarketplaceUpdate, TransmissionStatus } from '#anymarket';
import type { MarketplacerAdvert, MarketplacerVariant } from '#marketplacer';
import type { ListingEntity, RequestedStatus } from './entities/listing.entity.js';

/** The answer of sendProduct (remote_pt.yaml PublicationResponse). */
export interface PublicationResponse {
  publicationStatus: PublicationStatus;
  marketplaceStatus: string;
  transmissionStatus: TransmissionStatus;
}

/** What the connector tells ANYMARKET about a listing (the status part of PUT /skumarketplace/{id}). */
export interface ReportedState {
  status: PublicationStatus;
  transmissionStatus: TransmissionStatus;
  /** Free text shown to the seller (S6's vocabulary: ATIVO, PAUSADO, FECHADO, SEM ESTOQUE, NÃO PUBLICADO). */
  marketplaceStatus: string;
  errorMsg: string;
}

/** sendProduct's immediate answer, before the work is done (ANYMARKET-NOTES §3.2). */
export function interimAnswer(isNew: boolean): PublicationResponse {
  return isNew
    ? { publicationStatus: 'UNPUBLISHED', marketplaceStatus: 'O Marketplace está processando a atualização', transmissionStatus: 'WAITING_SYNC' }
    : { publicationStatus: 'ACTIVE', marketplaceStatus: 'Ativo - O Marketplace está processando a atualização.', transmissionStatus: 'SYNCING' };
}

/** ANYMARKET statuses that ask for the SKU to be on sale. */
export function wantsOnSale(requested: RequestedStatus): boolean {
  return requested === 'ACTIVE' || requested === 'UNPUBLISHED' || requested === 'WITHOUT_STOCK';
}

/** A listing's "crítica": not published, transmission in error, the reason for the seller. */
export function errorState(message: string): ReportedState {
  return { status: 'UNPUBLISHED', transmissionStatus: 'ERROR', marketplaceStatus: 'NÃO PUBLICADO - erro na publicação', errorMsg: message };
}

/**
 * What the listing is when Marketplacer's state cannot be told (reportedStateOf answered null): what
 * ANYMARKET asked for, in words that agree with the status.
 */
export function intendedState(requested: RequestedStatus): ReportedState {
  const ok = (status: PublicationStatus, marketplaceStatus: string): ReportedState => ({ status, transmissionStatus: 'OK', marketplaceStatus, errorMsg: '' });
  if (wantsOnSale(requested)) return ok('ACTIVE', 'ATIVO');
  return requested === 'CLOSED' || requested === 'DELETED' ? ok('CLOSED', 'FECHADO') : ok('PAUSED', 'PAUSADO');
}

export interface ListingIntent {
  requestedStatus: RequestedStatus;
}

/**
 * Marketplacer's side of one listing (its variant in `advert`) in ANYMARKET's words. Null when it
 * cannot be told (the variant is beyond the variants fetched with the advert).
 *
 * An advert Marketplacer unpublished (off-lined) maps to PAUSED, not UNPUBLISHED: it existed and can
 * come back, while ANYMARKET's UNPUBLISHED means "never published" (a draft, or vetting pending).
 * A listing ANYMARKET itself closed maps to CLOSED while it stays off sale.
 */
export function reportedStateOf(advert: MarketplacerAdvert, variantId: string, intent: ListingIntent): ReportedState | null {
  const ok = (status: PublicationStatus, marketplaceStatus: string): ReportedState => ({ status, transmissionStatus: 'OK', marketplaceStatus, errorMsg: '' });
  const offSale = (why: string) =>
    intent.requestedStatus === 'CLOSED' || intent.requestedStatus === 'DELETED' ? ok('CLOSED', 'FECHADO') : ok('PAUSED', `PAUSADO${why}`);
  if (advert.state === 'deleted') return ok('CLOSED', 'FECHADO - anúncio excluído no marketplace');
  const details = advert.details;
  // Marketplacer's own vetting, whoever decided it (an admin through POST /admin/listings/{id}/vet, or the operator portal).
  const rejection = details?.vetting === 'rejected' ? (details.vettingRejectedReason ?? 'Anúncio reprovado na moderação do marketplace') : null;
  if (rejection !== null)
    return {
      status: 'UNPUBLISHED',
      transmissionStatus: 'ERROR',
      marketplaceStatus: 'NÃO PUBLICADO - reprovado na moderação do marketplace',
      errorMsg: rejection,
    };
  if (details?.vetting === 'pending') return ok('UNPUBLISHED', 'NÃO PUBLICADO - aguardando aprovação do marketplace');
  if (advert.state === 'unpublished') return offSale(' - anúncio despublicado no marketplace');
  if (!details) return null;
  const variant = details.variants.find((candidate) => candidate.id === variantId);
  if (!variant) return details.variantsTruncated ? null : ok('CLOSED', 'FECHADO - variação excluída no marketplace');
  if (variant.published === false) return offSale('');
  if (!variant.infiniteQuantity && variant.countOnHand <= 0) return ok('WITHOUT_STOCK', `SEM ESTOQUE${priceText(variant)}`);
  return ok('ACTIVE', `ATIVO - estoque: ${variant.infiniteQuantity ? 'ilimitado' : variant.countOnHand}${priceText(variant)}`);
}

/**
 * Price and stock go into the free-text status: the PUT has no field for them, and this way a
 * price or stock edit made in Marketplacer is reported (and changes the report's hash).
 */
function priceText(variant: MarketplacerVariant): string {
  if (variant.price === null) return '';
  return `, preço: ${variant.price}${variant.salePrice !== null ? `, promoção: ${variant.salePrice}` : ''}`;
}

/** The PUT /skumarketplace/{id} body for a listing in a state. */
export function skuMarketplaceUpdate(
  listing: Pick<ListingEntity, 'advertId' | 'advertLegacyId' | 'skuInMarketplace' | 'idSku'>,
  state: ReportedState,
): SkuMarketplaceUpdate {
  return {
    idInMarketplace: listing.advertId ?? '',
    idInSite: listing.advertLegacyId === null ? '' : String(listing.advertLegacyId),
    skuInMarketplace: listing.skuInMarketplace ?? '',
    marketplaceStatus: state.marketplaceStatus,
    // Required by the contract, but never invented: left out in the rare case it is not known yet.
    ...(listing.idSku !== null ? { idSku: Number(listing.idSku) } : {}),
    transmissionStatus: state.transmissionStatus,
    errorMsg: state.errorMsg,
    status: state.status,
  };
}

/** Fingerprint of a report; equal fingerprints mean ANYMARKET already knows it. */
export function reportHash(update: SkuMarketplaceUpdate): string {
  const fields = [
    update.idInMarketplace,
    update.idInSite,
    update.skuInMarketplace,
    update.idSku,
    update.status,
    update.transmissionStatus,
    update.marketplaceStatus,
    update.errorMsg,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
