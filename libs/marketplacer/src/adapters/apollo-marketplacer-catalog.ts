import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '#common';
import { MarketplacerClient } from '../client/marketplacer-client.js';
import {
  AdvertByIdDocument,
  AdvertPublishedUpdateDocument,
  AdvertsByExternalIdDocument,
  AdvertsByIdsDocument,
  AdvertsUpdatedSinceDocument,
  AdvertsWhereDocument,
  type AdvertFieldsFragment,
  AdvertUpsertDocument,
  AdvertVettingApproveDocument,
  AdvertVettingRejectDocument,
  AdvertVettingResubmitDocument,
} from '../contract/generated/graphql.js';
import { checkMutationPayload, requirePayloadObject, type MutationPayload } from '../errors/mutation-payload.js';
import { fromGlobalId, resolveGlobalId } from '../ids/global-id.js';
import { pageSize, presentNodes } from '../pagination/paginate.js';
import { type AdvertChangesQuery, type AdvertUpsert, MarketplacerCatalog, type MarketplacerAdvert } from '../ports/marketplacer-catalog.port.js';
import type { PageOf, PageRequest } from '../ports/paging.js';
import { toAdvert, toAdvertFromChangeFeed } from './advert-mapper.js';

/** nodes(ids) has no documented limit; asking for many ids at once is split into chunks of this size. */
const IDS_PER_REQUEST = 100;

@Injectable()
export class ApolloMarketplacerCatalog extends MarketplacerCatalog {
  constructor(private readonly client: MarketplacerClient) {
    super();
  }

  async listAdvertsUpdatedSince(query: AdvertChangesQuery): Promise<PageOf<MarketplacerAdvert>> {
    const { allAdverts } = await this.client.query(AdvertsUpdatedSinceDocument, {
      updatedSince: query.updatedSince,
      first: pageSize(query.first),
      after: query.after,
    });
    const belongs = query.sellers ? sellerMatcher(query.sellers) : () => true;
    const nodes = presentNodes(allAdverts.nodes)
      .map(toAdvertFromChangeFeed)
      .filter((advert) => advert.details === null || belongs(advert.details.seller));
    return { nodes, pageInfo: pageInfoOf(allAdverts.pageInfo) };
  }

  async findAdvertsBySeller(seller: string, page: PageRequest = {}): Promise<PageOf<MarketplacerAdvert>> {
    // INFERRED: advertsWhere(retailerIds: [ID!]) takes seller global ids.
    const sellerId = requireSellerId(seller);
    const { advertsWhere } = await this.client.query(AdvertsWhereDocument, { retailerIds: [sellerId], first: pageSize(page.first), after: page.after });
    return { nodes: presentNodes(advertsWhere.nodes).map(toAdvert), pageInfo: pageInfoOf(advertsWhere.pageInfo) };
  }

  async findAdvertsByIds(ids: string[]): Promise<MarketplacerAdvert[]> {
    const adverts: MarketplacerAdvert[] = [];
    for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
      const { nodes } = await this.client.query(AdvertsByIdsDocument, { ids: ids.slice(start, start + IDS_PER_REQUEST) });
      for (const node of nodes) if (node?.__typename === 'Advert') adverts.push(toAdvert(node));
    }
    return adverts;
  }

  async findAdvert(id: string): Promise<MarketplacerAdvert | null> {
    const { node } = await this.client.query(AdvertByIdDocument, { id });
    if (node?.__typename === 'Advert' || node?.__typename === 'UnpublishedAdvert' || node?.__typename === 'DeletedAdvert') {
      return toAdvertFromChangeFeed(node);
    }
    return null;
  }

  async findAdvertsByExternalId(key: string, value: string): Promise<MarketplacerAdvert[]> {
    const { externalIds } = await this.client.query(AdvertsByExternalIdDocument, { key, value });
    const adverts = externalIds.flatMap(({ owner }) => (owner.__typename === 'Advert' ? [toAdvert(owner)] : []));
    return adverts.sort((a, b) => a.legacyId - b.legacyId);
  }

  async upsertAdvert(upsert: AdvertUpsert): Promise<MarketplacerAdvert> {
    // A create repeated after a lost answer would create a second advert: only safe retries here; the
    // caller looks up what it created (AdvertInput.externalIds) before trying again.
    const { advertUpsert } = await this.client.mutate(
      AdvertUpsertDocument,
      { input: { sellerId: requireSellerId(upsert.seller), advertId: upsert.advertId, attributes: upsert.attributes } },
      { onlySafeRetries: upsert.advertId === undefined },
    );
    const payload = checkMutationPayload('advertUpsert', advertUpsert, ['advertId']);
    return toAdvert(requirePayloadObject('advertUpsert', 'advert', payload.advert));
  }

  async setAdvertPublished(advertId: string, published: boolean): Promise<{ id: string; published: boolean | null }> {
    const { advertPublishedUpdate } = await this.client.mutate(AdvertPublishedUpdateDocument, { input: { id: advertId, published } });
    const payload = checkMutationPayload('advertPublishedUpdate', advertPublishedUpdate);
    const advert = requirePayloadObject('advertPublishedUpdate', 'advert', payload.advert);
    return { id: advert.id, published: advert.published };
  }

  async approveAdvertVetting(advertIds: string[]): Promise<MarketplacerAdvert[]> {
    const { advertVettingApprove } = await this.client.mutate(AdvertVettingApproveDocument, { input: { advertIds } });
    return vettedAdverts('advertVettingApprove', advertVettingApprove);
  }

  async rejectAdvertVetting(advertIds: string[], reason: string): Promise<MarketplacerAdvert[]> {
    const { advertVettingReject } = await this.client.mutate(AdvertVettingRejectDocument, { input: { advertIds, vettingRejectedReason: reason } });
    return vettedAdverts('advertVettingReject', advertVettingReject);
  }

  async resubmitAdvertVetting(advertIds: string[]): Promise<MarketplacerAdvert[]> {
    const { advertVettingResubmit } = await this.client.mutate(AdvertVettingResubmitDocument, { input: { advertIds } });
    return vettedAdverts('advertVettingResubmit', advertVettingResubmit);
  }
}

type VettingPayload = MutationPayload & { adverts?: { nodes?: ReadonlyArray<AdvertFieldsFragment | null> | null } | null };

/** The adverts a vetting mutation answers (an unknown id is said of `advertIds`: MARKETPLACER_NOT_FOUND). */
function vettedAdverts(mutation: string, payload: VettingPayload | null | undefined): MarketplacerAdvert[] {
  const checked = checkMutationPayload(mutation, payload, ['advertIds']);
  return presentNodes(requirePayloadObject(mutation, 'adverts', checked.adverts).nodes).map(toAdvert);
}

function requireSellerId(reference: string): string {
  const id = resolveGlobalId('Seller', reference);
  if (id === null)
    throw new InvalidInputError(`"${reference}" is not a Marketplacer seller id`, [{ field: 'seller', messages: ['must be a seller global id or legacy id'] }]);
  return id;
}

/** Matches a seller by global id, or by legacy id when the references decode to one. */
function sellerMatcher(references: string[]): (seller: { id: string; legacyId: number }) => boolean {
  const ids = new Set<string>();
  const legacyIds = new Set<number>();
  for (const reference of references) {
    const id = resolveGlobalId('Seller', reference);
    if (id === null) continue;
    ids.add(id);
    const parts = fromGlobalId(id);
    if (parts) legacyIds.add(parts.legacyId);
  }
  return (seller) => ids.has(seller.id) || legacyIds.has(seller.legacyId);
}

function pageInfoOf(pageInfo: { hasNextPage: boolean; endCursor: string | null }): PageOf<never>['pageInfo'] {
  return { hasNextPage: pageInfo.hasNextPage, endCursor: pageInfo.endCursor };
}
