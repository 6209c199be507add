import { hasStock, isDisplayable, isVetted } from '../../state/derived.js';
import { legacyIdOf } from '../../state/global-id.js';
import type { MarketplacerState } from '../../state/marketplacer-state.js';
import type { AdvertRecord } from '../../state/records.js';
import { byIdConnection, connection, pageSize, type PageArgs } from '../connection.js';
import type { Ctx } from './common.js';

export interface AdvertsWhereArgs extends PageArgs {
  q?: string | null;
  idTitleSkuBarcode?: string | null;
  brandIds?: string[] | null;
  legacyIds?: number[] | null;
  retailerIds?: string[] | null;
  status?: 'DISPLAYED' | null;
  taxonIds?: string[] | null;
  taxonIdsWithDescendants?: string[] | null;
  title?: string | null;
  variantBarcodes?: string[] | null;
  variantSkus?: string[] | null;
  createdSince?: number | null;
  createdUntil?: number | null;
  vetted?: boolean | null;
  stockStatus?: 'HAS_STOCK' | null;
  rejectedViaVetting?: boolean | null;
}

const FILTERS: (keyof AdvertsWhereArgs)[] = [
  'q',
  'idTitleSkuBarcode',
  'brandIds',
  'legacyIds',
  'retailerIds',
  'status',
  'taxonIds',
  'taxonIdsWithDescendants',
  'title',
  'variantBarcodes',
  'variantSkus',
  'createdSince',
  'createdUntil',
  'vetted',
  'stockStatus',
  'rejectedViaVetting',
];

const given = (value: unknown): boolean => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);

function idSet(ids: string[] | null | undefined, type: string): Set<number> | undefined {
  if (!given(ids)) return undefined;
  return new Set(ids!.map((id) => legacyIdOf(id, type)).filter((id) => id !== undefined));
}

function withDescendants(state: MarketplacerState, roots: Set<number>): Set<number> {
  const all = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const taxon of state.taxons.values()) {
      if (taxon.parentId !== null && all.has(taxon.parentId) && !all.has(taxon.legacyId)) {
        all.add(taxon.legacyId);
        grew = true;
      }
    }
  }
  return all;
}

/** One predicate for every given filter argument (all must hold). */
function advertPredicate(state: MarketplacerState, args: AdvertsWhereArgs): (advert: AdvertRecord) => boolean {
  const tests: ((advert: AdvertRecord) => boolean)[] = [];
  const contains = (text: string | null, needle: string): boolean => (text ?? '').toLowerCase().includes(needle);
  if (given(args.q)) {
    const q = args.q!.toLowerCase();
    tests.push((a) => contains(a.title, q) || contains(a.description, q));
  }
  if (given(args.idTitleSkuBarcode)) {
    const term = args.idTitleSkuBarcode!.trim();
    const lower = term.toLowerCase();
    tests.push((a) => String(a.legacyId) === term || contains(a.title, lower) || a.variants.some((v) => v.sku === term || v.barcode === term));
  }
  if (given(args.title)) tests.push((a) => contains(a.title, args.title!.toLowerCase()));
  const brands = idSet(args.brandIds, 'Brand');
  if (brands) tests.push((a) => a.brandId !== null && brands.has(a.brandId));
  if (given(args.legacyIds)) {
    const ids = new Set(args.legacyIds);
    tests.push((a) => ids.has(a.legacyId));
  }
  const sellers = idSet(args.retailerIds, 'Seller');
  if (sellers) tests.push((a) => sellers.has(a.sellerId));
  const taxons = idSet(args.taxonIds, 'Taxon');
  if (taxons) tests.push((a) => a.taxonId !== null && taxons.has(a.taxonId));
  const treeRoots = idSet(args.taxonIdsWithDescendants, 'Taxon');
  if (treeRoots) {
    const tree = withDescendants(state, treeRoots);
    tests.push((a) => a.taxonId !== null && tree.has(a.taxonId));
  }
  if (given(args.variantSkus)) {
    const skus = new Set(args.variantSkus);
    tests.push((a) => a.variants.some((v) => v.sku !== null && skus.has(v.sku)));
  }
  if (given(args.variantBarcodes)) {
    const barcodes = new Set(args.variantBarcodes);
    tests.push((a) => a.variants.some((v) => v.barcode !== null && barcodes.has(v.barcode)));
  }
  if (args.status === 'DISPLAYED') tests.push(isDisplayable);
  if (args.stockStatus === 'HAS_STOCK') tests.push(hasStock);
  if (given(args.createdSince)) tests.push((a) => a.createdAt >= args.createdSince!);
  if (given(args.createdUntil)) tests.push((a) => a.createdAt <= args.createdUntil!);
  if (given(args.vetted)) tests.push((a) => isVetted(a) === args.vetted);
  if (given(args.rejectedViaVetting)) tests.push((a) => (a.vetting === 'REJECTED') === args.rejectedViaVetting);
  return (advert) => tests.every((test) => test(advert));
}

export const advertQueries = {
  /**
   * Published, unpublished and deleted adverts matching every filter given; nothing at all when no
   * filter is given (as Marketplacer documents). Ordered by id. `sort` is accepted and ignored
   * (INFERRED: its fields are unknown).
   *
   * The connection's nodes are `Advert` (no union, no `deletedAt` in the 2023 schema): a deleted
   * advert comes back as an `Advert` whose `published` is false (the Advert resolver), like an
   * unpublished one; only node(id) tells it apart (`DeletedAdvert`). INFERRED: the docs say deleted
   * adverts are returned, not how they look; Marketplacer keeps them 30 days, after which neither
   * advertsWhere nor node(id) would know them (the simulator never purges).
   */
  advertsWhere: (_: unknown, args: AdvertsWhereArgs, { state }: Ctx) => {
    if (!FILTERS.some((name) => given(args[name]))) return byIdConnection([], { first: pageSize(args.first) });
    const matches = advertPredicate(state, args);
    return byIdConnection(
      state.advertsById.filter((advert) => matches(advert)),
      args,
    );
  },

  /** Every advert (published, unpublished, deleted) by ascending (updatedAt, id), from `updatedSince` (inclusive). */
  allAdverts: (_: unknown, args: PageArgs & { updatedSince?: number | null; vetted?: boolean | null }, { state }: Ctx) => {
    const from = given(args.updatedSince) ? state.updateIndexFor(args.updatedSince!, 0) : 0;
    const key = (advert: AdvertRecord) => [advert.updatedAt, advert.legacyId];
    if (!given(args.vetted)) return connection(state.advertsByUpdate, key, args, from);
    const list = state.advertsByUpdate.slice(from).filter((advert) => isVetted(advert) === args.vetted);
    return connection(list, key, args);
  },
};
