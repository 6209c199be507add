import type { ErrorDetail } from '#common';
import {
  MarketplacerCatalog,
  MarketplacerError,
  toGlobalId,
  type AdvertChangesQuery,
  type AdvertInput,
  type AdvertUpsert,
  type AdvertVetting,
  type MarketplacerAdvert,
  type MarketplacerVariant,
  type PageOf,
  type PageRequest,
} from '#marketplacer';

/** A new advert needs a taxon; the taxon `BAD-TAXON` does not exist. */
function defaultValidation(attributes: AdvertInput, creating: boolean): ErrorDetail[] {
  if (creating && !attributes.taxonId) return [{ field: 'taxonId', messages: ["can't be blank"] }];
  if (attributes.taxonId === 'BAD-TAXON') return [{ field: 'taxonId', messages: ['Taxon BAD-TAXON does not exist'] }];
  return [];
}

interface FakeVariant {
  id: string;
  legacyId: number;
  sku: string | null;
  barcode: string | null;
  countOnHand: number;
  price: string;
  salePrice: string | null;
  published: boolean;
  options: unknown[];
}

interface FakeAdvert {
  id: string;
  legacyId: number;
  sellerId: string;
  input: AdvertInput;
  published: boolean;
  deleted: boolean;
  vetting: AdvertVetting;
  vettingRejectedReason: string | null;
  createdAt: number;
  updatedAt: number;
  variants: FakeVariant[];
}

/**
 * In-memory Marketplacer catalogue with the behaviour listings rely on: advertUpsert creates without
 * advertId and updates with it, variants are matched by id (others kept), a new advert stays
 * unpublished unless `attemptAutoPublish`, every change moves `updatedAt`, and the change feed lists
 * adverts by (updatedAt, id) with unpublished/deleted ones stripped of their details.
 */
export class FakeMarketplacerCatalog extends MarketplacerCatalog {
  readonly adverts = new Map<string, FakeAdvert>();
  readonly upserts: AdvertUpsert[] = [];
  readonly publishCalls: Array<{ advertId: string; published: boolean }> = [];
  readonly feedReads: AdvertChangesQuery[] = [];
  /** The ids asked for by each findAdvertsByIds (details of adverts the feed sent bare). */
  readonly detailReads: string[][] = [];
  /** Errors thrown by the next upserts, first in first out. */
  readonly upsertFailures: Error[] = [];
  /** Errors thrown after the next upserts were applied (Marketplacer saved it, the answer was lost), first in first out. */
  readonly lostAnswers: Error[] = [];
  readonly externalIdLookups: Array<{ key: string; value: string }> = [];
  /** When set, upserts wait for it (to hold a run in the middle of its work). */
  gate: Promise<void> | null = null;
  /** Vetting of new adverts. */
  newAdvertVetting: AdvertVetting = 'not_required';
  /** Marketplacer's validation: field messages for an upsert (empty = fine). */
  validate: (attributes: AdvertInput, creating: boolean) => ErrorDetail[] = defaultValidation;
  private nextId = 1;
  private lastChange = 0;

  reset(): void {
    this.adverts.clear();
    this.upserts.length = 0;
    this.publishCalls.length = 0;
    this.feedReads.length = 0;
    this.detailReads.length = 0;
    this.upsertFailures.length = 0;
    this.lostAnswers.length = 0;
    this.externalIdLookups.length = 0;
    this.newAdvertVetting = 'not_required';
    this.validate = defaultValidation;
    this.gate = null;
  }

  /** The only advert (fails when there are others). */
  only(): FakeAdvert {
    const all = [...this.adverts.values()];
    if (all.length !== 1) throw new Error(`expected one advert, found ${all.length}`);
    return all[0];
  }

  variant(id: string): FakeVariant {
    for (const advert of this.adverts.values()) for (const variant of advert.variants) if (variant.id === id) return variant;
    throw new Error(`fake has no variant ${id}`);
  }

  /** Operator-side edits, as Marketplacer's portal would make them. */
  operator = {
    setVetting: (advertId: string, vetting: AdvertVetting, reason: string | null = null) =>
      this.change(advertId, (a) => Object.assign(a, { vetting, vettingRejectedReason: reason })),
    setStock: (variantId: string, countOnHand: number) => this.changeVariant(variantId, (v) => (v.countOnHand = countOnHand)),
    setPrice: (variantId: string, price: string) => this.changeVariant(variantId, (v) => (v.price = price)),
    unpublish: (advertId: string) => this.change(advertId, (a) => (a.published = false)),
    delete: (advertId: string) => this.change(advertId, (a) => (a.deleted = true)),
  };

  async upsertAdvert(upsert: AdvertUpsert): Promise<MarketplacerAdvert> {
    this.upserts.push(structuredClone(upsert));
    if (this.gate) await this.gate;
    const failure = this.upsertFailures.shift();
    if (failure) throw failure;
    const creating = upsert.advertId === undefined;
    const existing = creating ? undefined : this.adverts.get(upsert.advertId!);
    if (!creating && (!existing || existing.deleted)) {
      throw new MarketplacerError('MARKETPLACER_NOT_FOUND', `Marketplacer refused advertUpsert: advertId: No object found for advertId: ${upsert.advertId}`, [
        { field: 'advertId', messages: [`No object found for advertId: ${upsert.advertId}`] },
      ]);
    }
    const details = this.validate(upsert.attributes, creating);
    if (details.length) {
      throw new MarketplacerError(
        'MARKETPLACER_VALIDATION_FAILED',
        `Marketplacer refused advertUpsert: ${details.map((d) => `${d.field}: ${d.messages.join('; ')}`).join(' | ')}`,
        details,
      );
    }
    const legacyId = this.nextId++;
    const advert: FakeAdvert = existing ?? {
      id: toGlobalId('Advert', legacyId),
      legacyId,
      sellerId: upsert.seller,
      input: {},
      published: false,
      deleted: false,
      vetting: this.newAdvertVetting,
      vettingRejectedReason: null,
      createdAt: this.now(),
      updatedAt: 0,
      variants: [],
    };
    const { variants, attemptAutoPublish, ...rest } = upsert.attributes;
    advert.input = { ...advert.input, ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) };
    if (attemptAutoPublish) advert.published = true;
    for (const input of variants ?? []) {
      const variant = input.id ? advert.variants.find((candidate) => candidate.id === input.id) : undefined;
      if (input.id && !variant)
        throw new MarketplacerError('MARKETPLACER_VALIDATION_FAILED', 'unknown variant', [
          { field: 'variants.id', messages: ['Variant does not belong to this advert'] },
        ]);
      const target = variant ?? this.newVariant(advert);
      if (input.sku !== undefined) target.sku = input.sku ?? null;
      if (input.barcode !== undefined) target.barcode = input.barcode ?? null;
      if (input.countOnHand != null) target.countOnHand = input.countOnHand;
      if (input.price != null) target.price = input.price;
      if (input.salePrice !== undefined) target.salePrice = input.salePrice ?? null;
      if (input.published != null) target.published = input.published;
      if (input.variantOptionValues) target.options = input.variantOptionValues;
    }
    advert.updatedAt = this.now();
    this.adverts.set(advert.id, advert);
    const lost = this.lostAnswers.shift();
    if (lost) throw lost;
    return this.view(advert, true);
  }

  async setAdvertPublished(advertId: string, published: boolean): Promise<{ id: string; published: boolean | null }> {
    this.publishCalls.push({ advertId, published });
    this.change(advertId, (advert) => (advert.published = published));
    return { id: advertId, published };
  }

  async listAdvertsUpdatedSince(query: AdvertChangesQuery): Promise<PageOf<MarketplacerAdvert>> {
    this.feedReads.push({ ...query });
    const since = Date.parse(query.updatedSince);
    const ordered = [...this.adverts.values()].filter((a) => a.updatedAt >= since).sort((a, b) => a.updatedAt - b.updatedAt || a.legacyId - b.legacyId);
    const offset = query.after ? Number(query.after) : 0;
    const slice = ordered.slice(offset, offset + (query.first ?? 50));
    const nodes = slice
      .map((advert) => this.view(advert, false))
      .filter((advert) => advert.details === null || !query.sellers || query.sellers.includes(advert.details.seller.id));
    const end = offset + slice.length;
    return { nodes, pageInfo: { hasNextPage: end < ordered.length, endCursor: String(end) } };
  }

  async findAdvertsByIds(ids: string[]): Promise<MarketplacerAdvert[]> {
    this.detailReads.push([...ids]);
    return ids.flatMap((id) => {
      const advert = this.adverts.get(id);
      return advert && !advert.deleted ? [this.view(advert, true)] : [];
    });
  }

  /** Not used by the tests on this fake (the webhooks' re-read runs against the simulator). */
  async findAdvert(id: string): Promise<MarketplacerAdvert | null> {
    const [advert] = await this.findAdvertsByIds([id]);
    return advert ?? null;
  }

  async findAdvertsByExternalId(key: string, value: string): Promise<MarketplacerAdvert[]> {
    this.externalIdLookups.push({ key, value });
    return [...this.adverts.values()]
      .filter((advert) => !advert.deleted && (advert.input.externalIds ?? []).some((entry) => entry.key === key && entry.value === value))
      .sort((a, b) => a.legacyId - b.legacyId)
      .map((advert) => this.view(advert, true));
  }

  async findAdvertsBySeller(seller: string, page: PageRequest = {}): Promise<PageOf<MarketplacerAdvert>> {
    const all = [...this.adverts.values()].filter((advert) => advert.sellerId === seller);
    const offset = page.after ? Number(page.after) : 0;
    const slice = all.slice(offset, offset + (page.first ?? 50));
    return {
      nodes: slice.map((advert) => this.view(advert, true)),
      pageInfo: { hasNextPage: offset + slice.length < all.length, endCursor: String(offset + slice.length) },
    };
  }

  /** As the adapter maps Marketplacer's answer: the change feed carries no details for unpublished or deleted adverts. */
  private view(advert: FakeAdvert, full: boolean): MarketplacerAdvert {
    const state = advert.deleted ? 'deleted' : advert.published ? 'published' : 'unpublished';
    const withDetails = state === 'published' || (full && state === 'unpublished');
    return {
      id: advert.id,
      legacyId: advert.legacyId,
      state,
      updatedAt: new Date(advert.updatedAt).toISOString(),
      variantIds: advert.variants.map((variant) => variant.id),
      details: withDetails
        ? {
            title: advert.input.title ?? '',
            description: advert.input.description ?? null,
            code: null,
            externalId: null,
            createdAt: new Date(advert.createdAt).toISOString(),
            seller: { id: advert.sellerId, legacyId: 0, businessName: 'seller' },
            brand: advert.input.brandId ? { id: advert.input.brandId, name: 'brand' } : null,
            taxon: advert.input.taxonId ? { id: advert.input.taxonId, displayName: 'taxon', treeName: null } : null,
            vetting: advert.vetting,
            vettingRejectedReason: advert.vettingRejectedReason,
            displayable: advert.published && advert.vetting !== 'pending' && advert.vetting !== 'rejected',
            online: advert.published,
            images: (advert.input.images ?? []).map((image, position) => ({ id: `I-${position}`, url: image.sourceUrl ?? '', position })),
            advertOptionValues: [],
            variants: advert.variants.map((variant) => this.variantView(variant)),
            variantsTruncated: false,
          }
        : null,
    };
  }

  private variantView(variant: FakeVariant): MarketplacerVariant {
    return {
      id: variant.id,
      legacyId: variant.legacyId,
      sku: variant.sku,
      barcode: variant.barcode,
      label: variant.sku ?? '',
      countOnHand: variant.countOnHand,
      infiniteQuantity: false,
      price: variant.price,
      salePrice: variant.salePrice,
      published: variant.published,
      buyable: variant.published && variant.countOnHand > 0,
      externalId: null,
      externalIds: [],
      optionValues: [],
    };
  }

  private newVariant(advert: FakeAdvert): FakeVariant {
    const legacyId = this.nextId++;
    const variant: FakeVariant = {
      id: toGlobalId('Variant', legacyId),
      legacyId,
      sku: null,
      barcode: null,
      countOnHand: 0,
      price: '0.00',
      salePrice: null,
      published: true,
      options: [],
    };
    advert.variants.push(variant);
    return variant;
  }

  private change(advertId: string, edit: (advert: FakeAdvert) => void): void {
    const advert = this.adverts.get(advertId);
    if (!advert || advert.deleted)
      throw new MarketplacerError('MARKETPLACER_NOT_FOUND', `No object found for id: ${advertId}`, [
        { field: 'id', messages: [`No object found for id: ${advertId}`] },
      ]);
    edit(advert);
    advert.updatedAt = this.now();
  }

  private changeVariant(variantId: string, edit: (variant: FakeVariant) => void): void {
    for (const advert of this.adverts.values()) {
      const variant = advert.variants.find((candidate) => candidate.id === variantId);
      if (variant) return this.change(advert.id, () => edit(variant));
    }
    throw new Error(`fake has no variant ${variantId}`);
  }

  /** Strictly increasing milliseconds, near the real clock. */
  private now(): number {
    this.lastChange = Math.max(Date.now(), this.lastChange + 1);
    return this.lastChange;
  }
}
