import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '#common';
import { MarketplacerClient } from '../client/marketplacer-client.js';
import {
  SellerByIdDocument,
  SellerCreateDocument,
  type SellerFieldsFragment,
  type SellerInput,
  SellerSearchDocument,
  SellersUpdatedSinceDocument,
  type SellersUpdatedSinceQuery as SellersUpdatedSinceAnswer,
  SellerUpdateDocument,
  type SellerUpdateInput,
} from '../contract/generated/graphql.js';
import { checkMutationPayload, requirePayloadObject } from '../errors/mutation-payload.js';
import { resolveGlobalId } from '../ids/global-id.js';
import { MAX_PAGE_SIZE, pageOf, pageSize, paginate } from '../pagination/paginate.js';
import {
  type MarketplacerSeller,
  type MarketplacerSellerChange,
  MarketplacerSellers,
  type SellerCreate,
  type SellerSearchQuery,
  type SellersUpdatedSinceQuery,
  type SellerUpdate,
} from '../ports/marketplacer-sellers.port.js';
import type { PageOf } from '../ports/paging.js';
import { globalIdOf } from './fulfilment-input.js';

type AllSellersNode = NonNullable<NonNullable<NonNullable<SellersUpdatedSinceAnswer['allSellers']>['nodes']>[number]>;

/**
 * The Sellers port on the shared Apollo client. `sellerCreate` is the one create: it is repeated only
 * where Marketplacer cannot have made the seller, and a lost answer is found again by the metadata the
 * caller put on it (findSellersByMetadata).
 */
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

  async listSellersUpdatedSince(query: SellersUpdatedSinceQuery): Promise<PageOf<MarketplacerSellerChange>> {
    const { allSellers } = await this.client.query(SellersUpdatedSinceDocument, {
      updatedSince: isoDateTime(query.updatedSince, 'updatedSince'),
      includeDeleted: true,
      first: pageSize(query.first),
      after: query.after,
    });
    return pageOf('allSellers', allSellers, toSellerChange);
  }

  async findSellersByMetadata(key: string, value: string, updatedSince: string): Promise<MarketplacerSeller[]> {
    const since = isoDateTime(updatedSince, 'updatedSince');
    const found: MarketplacerSeller[] = [];
    const pages = paginate(async (after) => {
      const { allSellers } = await this.client.query(SellersUpdatedSinceDocument, { updatedSince: since, includeDeleted: false, first: MAX_PAGE_SIZE, after });
      return pageOf('allSellers', allSellers, (node) => node);
    });
    for await (const page of pages) {
      for (const node of page.nodes) {
        if (node.__typename === 'Seller' && node.metadata?.some((entry) => entry.key === key && entry.value === value)) found.push(toSeller(node));
      }
    }
    return found;
  }

  async createSeller(input: SellerCreate): Promise<MarketplacerSeller> {
    const { sellerCreate } = await this.client.mutate(SellerCreateDocument, { input: { attributes: sellerInput(input) } }, { onlySafeRetries: true });
    // sellerCreate acts on no existing record: every "No object found" names a reference in the input.
    const payload = checkMutationPayload('sellerCreate', sellerCreate, []);
    return toSeller(requirePayloadObject('sellerCreate', 'seller', payload.seller));
  }

  async updateSeller(reference: string, changes: SellerUpdate): Promise<MarketplacerSeller> {
    const sellerId = globalIdOf('Seller', reference, 'sellerId');
    const { sellerUpdate } = await this.client.mutate(SellerUpdateDocument, { input: { sellerId, attributes: sellerUpdateInput(changes) } });
    const payload = checkMutationPayload('sellerUpdate', sellerUpdate, ['sellerId']);
    return toSeller(requirePayloadObject('sellerUpdate', 'seller', payload.seller));
  }

  async searchSellers(query: SellerSearchQuery): Promise<PageOf<MarketplacerSeller> & { totalCount: number }> {
    const { sellerSearch } = await this.client.query(SellerSearchDocument, {
      attributes: { businessName: query.businessName, city: query.city, postcode: query.postcode, state: query.state },
      first: pageSize(query.first),
      after: query.after,
    });
    return { ...pageOf('sellerSearch.sellers', sellerSearch.sellers, toSeller), totalCount: sellerSearch.sellers.totalCount };
  }
}

export function toSeller(seller: Omit<SellerFieldsFragment, '__typename'>): MarketplacerSeller {
  return {
    id: seller.id,
    legacyId: seller.legacyId,
    businessName: seller.businessName,
    accountType: seller.accountType,
    active: isActiveSeller(seller),
    online: seller.online,
    emailAddress: seller.emailAddress,
    phone: seller.phone,
    updatedAt: seller.updatedAt,
    metadata: (seller.metadata ?? []).map(({ key, value }) => ({ key, value })),
  };
}

function toSellerChange(node: AllSellersNode): MarketplacerSellerChange {
  if (node.__typename === 'DeletedSeller') return { deleted: true, id: node.id, legacyId: node.legacyId, updatedAt: node.updatedAt };
  return { deleted: false, ...toSeller(node), updatedAt: node.updatedAt };
}

/**
 * INFERRED (a rule, not a field: the fields are the 2023 schema's): Marketplacer has no documented "active"
 * flag. A seller may trade when it is a RETAILER (PROSPECTIVE sellers are still onboarding; `isRetailer`
 * stands in when the nullable `accountType` is missing) and is online (`online: Boolean!`).
 */
export function isActiveSeller(seller: Pick<SellerFieldsFragment, 'accountType' | 'isRetailer' | 'online'>): boolean {
  const retailer = seller.accountType != null ? seller.accountType.toUpperCase() === 'RETAILER' : seller.isRetailer === true;
  return retailer && seller.online !== false;
}

/** The port's create → the contract's SellerInput; Marketplacer checks the required fields itself, with its messages. */
function sellerInput(input: SellerCreate): SellerInput {
  const { address } = input;
  return {
    accountType: input.accountType,
    businessName: input.businessName,
    legalBusinessName: input.legalBusinessName,
    businessRegistrationCode: input.businessRegistrationCode,
    emailAddress: input.emailAddress,
    phone: input.phone,
    mobile: input.mobile,
    storeDescription: input.storeDescription,
    user: { firstName: input.user.firstName, surname: input.user.surname, emailAddress: input.user.emailAddress },
    address: {
      address: address.address,
      subaddress: address.subaddress,
      city: address.city,
      postcode: address.postcode,
      // INFERRED: the port's `state` is the state's short name ("VIC"), as StateInput.short takes it.
      state: address.state === undefined ? undefined : { short: address.state },
      country: address.countryCode === undefined ? undefined : { code: address.countryCode },
    },
    metadata: input.metadata?.map(({ key, value }) => ({ key, value })),
  };
}

function sellerUpdateInput(changes: SellerUpdate): SellerUpdateInput {
  return {
    accountType: changes.accountType,
    businessName: changes.businessName,
    legalBusinessName: changes.legalBusinessName,
    emailAddress: changes.emailAddress,
    phone: changes.phone,
    mobile: changes.mobile,
    storeDescription: changes.storeDescription,
    businessNumber: changes.businessNumber,
  };
}

/** An ISO 8601 date-time, checked before asking (Marketplacer answers a GraphQL coercion error otherwise). */
function isoDateTime(value: string, field: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidInputError(`${field} must be an ISO 8601 date-time (got "${value}")`, [{ field, messages: ['must be an ISO 8601 date-time'] }]);
  }
  return value;
}
