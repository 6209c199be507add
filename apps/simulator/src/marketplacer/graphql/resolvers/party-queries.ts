import { isTradingRetailer } from '../../state/derived.js';
import { decodeGlobalId, legacyIdOf } from '../../state/global-id.js';
import type { KeyValue, NodeRecord, SellerRecord } from '../../state/records.js';
import { byIdConnection, connection, type PageArgs } from '../connection.js';
import { childTaxons } from './catalogue-types.js';
import { externalIdsOf, type Ctx } from './common.js';

interface SellerSearchInput {
  businessName?: string | null;
  city?: string | null;
  id?: string | null;
  postcode?: string | null;
  state?: string | null;
  updatedSince?: number | null;
}

const set = (value: unknown): boolean => value !== null && value !== undefined;

function searchSellers(sellers: Iterable<SellerRecord>, a: SellerSearchInput): SellerRecord[] {
  const id = set(a.id) ? legacyIdOf(a.id!, 'Seller') : undefined;
  return [...sellers].filter(
    (s) =>
      isTradingRetailer(s) &&
      (!set(a.businessName) || s.businessName.toLowerCase().includes(a.businessName!.toLowerCase())) &&
      (!set(a.id) || s.legacyId === id) &&
      (!set(a.city) || s.address.city.toLowerCase() === a.city!.toLowerCase()) &&
      (!set(a.postcode) || s.address.postcode === a.postcode) &&
      (!set(a.state) || [s.address.stateShort, s.address.stateName].map((v) => v.toLowerCase()).includes(a.state!.toLowerCase())) &&
      (!set(a.updatedSince) || s.updatedAt >= a.updatedSince!),
  );
}

/** Catalogue, sellers, remittances and the generic look-ups. */
export const partyQueries = {
  brands: (_: unknown, args: PageArgs, { state }: Ctx) => byIdConnection([...state.brands.values()], args),

  /** One level of the tree: the roots without `parentId`, else that taxon's children. */
  taxons: (_: unknown, args: PageArgs & { parentId?: string | null }, ctx: Ctx) => {
    if (!set(args.parentId)) return byIdConnection(childTaxons(ctx, null), args);
    const parentId = legacyIdOf(args.parentId!, 'Taxon');
    return byIdConnection(parentId === undefined ? [] : childTaxons(ctx, parentId), args);
  },

  prototypes: (_: unknown, args: PageArgs & { ids?: string[] | null }, { state }: Ctx) => {
    const ids = args.ids ? new Set(args.ids.map((id) => legacyIdOf(id, 'Prototype'))) : undefined;
    return byIdConnection(
      [...state.prototypes.values()].filter((p) => !ids || ids.has(p.legacyId)),
      args,
    );
  },

  /** Active RETAILERs only (no deleted, offline or prospective sellers); paged on the nested `sellers`. */
  sellerSearch: (
    _: unknown,
    args: { attributes?: SellerSearchInput | null; pagination?: { currentPage?: number | null; resultsPerPage?: number | null } | null },
    { state }: Ctx,
  ) => {
    const matches = searchSellers(state.sellers.values(), args.attributes ?? {});
    const perPage = args.pagination?.resultsPerPage ?? 50;
    return {
      pagination: {
        currentPage: args.pagination?.currentPage ?? 1,
        resultsPerPage: perPage,
        totalPages: Math.max(1, Math.ceil(matches.length / perPage)),
        totalResults: matches.length,
      },
      sellers: (pageArgs: PageArgs) => byIdConnection(matches, pageArgs),
    };
  },

  allSellers: (
    _: unknown,
    args: PageArgs & {
      updatedSince?: number | null;
      accountType?: string[] | null;
      includeDeleted?: boolean | null;
      // [AllSellersSort!] (2023 schema): each {field = UPDATED_AT, ordering = ASCENDING}, the first deciding first.
      sort?: Array<{ field: 'UPDATED_AT' | 'BUSINESS_NAME' | 'SLA_RATING'; ordering: 'ASCENDING' | 'DESCENDING' }> | null;
    },
    { state }: Ctx,
  ) => {
    const list = [...state.sellers.values()].filter(
      (s) =>
        (args.includeDeleted === true || s.deletedAt === null) &&
        (!args.accountType?.length || args.accountType.includes(s.accountType)) &&
        (!set(args.updatedSince) || s.updatedAt >= args.updatedSince!),
    );
    if (!args.sort?.length) return byIdConnection(list, args);
    const sorts = args.sort;
    list.sort((a, b) => {
      for (const { field, ordering } of sorts) {
        const sign = ordering === 'DESCENDING' ? -1 : 1;
        // The simulator keeps no SLA rating: that field leaves the order to the next one (and the id).
        const order = field === 'BUSINESS_NAME' ? a.businessName.localeCompare(b.businessName) : field === 'UPDATED_AT' ? a.updatedAt - b.updatedAt : 0;
        if (order !== 0) return sign * order;
      }
      return a.legacyId - b.legacyId;
    });
    const rank = new Map(list.map((seller, index) => [seller, index]));
    return connection(list, (seller) => [rank.get(seller)!], args);
  },

  sellersWhere: (_: unknown, args: PageArgs & { retailerIds?: string[] | null }, { state }: Ctx) => {
    const ids = args.retailerIds?.length ? new Set(args.retailerIds.map((id) => legacyIdOf(id, 'Seller'))) : undefined;
    return byIdConnection(
      [...state.sellers.values()].filter((s) => s.deletedAt === null && (!ids || ids.has(s.legacyId))),
      args,
    );
  },

  remittances: (_: unknown, args: PageArgs, { state }: Ctx) => byIdConnection([...state.remittances.values()], args),
  remittanceAdvices: (_: unknown, args: PageArgs, { state }: Ctx) => byIdConnection([...state.remittanceAdvices.values()], args),

  /** Records carrying an external id with the given owner type, key and value (each optional). */
  externalIds: (_: unknown, args: { ownerType?: string | null; key?: string | null; value?: string | null }, { state }: Ctx) => {
    const tables: Iterable<NodeRecord>[] = [
      state.adverts.values(),
      state.variants.values(),
      state.sellers.values(),
      state.invoices.values(),
      state.orders.values(),
      state.refundRequests.values(),
      state.taxons.values(),
      state.prototypes.values(),
      state.optionTypes.values(),
      state.optionValues.values(),
    ];
    const found = [];
    for (const table of tables) {
      for (const record of table) {
        if (set(args.ownerType) && record.kind !== args.ownerType) break;
        const owner = record as NodeRecord & { externalIds: readonly KeyValue[] };
        for (const view of externalIdsOf(owner)) {
          if ((!set(args.key) || view.key === args.key) && (!set(args.value) || view.value === args.value)) found.push(view);
        }
      }
    }
    return found;
  },

  node: (_: unknown, args: { id: string }, { state }: Ctx) => {
    const decoded = decodeGlobalId(args.id);
    return decoded ? (state.find(decoded.type, decoded.legacyId) ?? null) : null;
  },

  nodes: (_: unknown, args: { ids: string[] }, { state }: Ctx) =>
    args.ids.map((id) => {
      const decoded = decodeGlobalId(id);
      return decoded ? (state.find(decoded.type, decoded.legacyId) ?? null) : null;
    }),
};
