import type { MarketplacerState } from '../state/marketplacer-state.js';
import { parseDecimalCents } from '../state/money.js';
import type { AdvertRecord, ImageRecord, OptionSelection, SellerRecord, TaxonRecord, VariantRecord } from '../state/records.js';
import { FieldErrors, isBlank, keyValues, lookup, ok, type KeyValueInput, type Outcome } from './payload.js';

interface OptionValueInput {
  optionValueId?: string | null;
  optionTypeId?: string | null;
  textValue?: string | null;
}

export interface VariantInput {
  id?: string | null;
  sku?: string | null;
  barcode?: string | null;
  price?: string | null;
  salePrice?: string | null;
  countOnHand?: number | null;
  infiniteQuantity?: boolean | null;
  optionValueIds?: string[] | null;
  variantOptionValues?: OptionValueInput[] | null;
  externalId?: string | null;
  externalIds?: KeyValueInput[] | null;
  published?: boolean | null;
}

export interface AdvertInput {
  title?: string | null;
  brandId?: string | null;
  brandMappings?: string[] | null;
  taxonId?: string | null;
  taxonMappings?: string[] | null;
  description?: string | null;
  price?: string | null;
  salePrice?: string | null;
  code?: string | null;
  externalId?: string | null;
  externalIds?: KeyValueInput[] | null;
  attemptAutoPublish?: boolean | null;
  images?: { sourceUrl?: string | null }[] | null;
  advertOptionValues?: OptionValueInput[] | null;
  variants?: VariantInput[] | null;
}

export interface AdvertUpsertInput {
  advertId?: string | null;
  sellerId?: string | null;
  attributes: AdvertInput;
}

export type AdvertOutcome = Outcome & { advert: AdvertRecord | null };

interface PlannedVariant {
  input: VariantInput;
  existing: VariantRecord | undefined;
  priceCents: number | undefined;
  salePriceCents: number | null | undefined;
  options: OptionSelection[] | undefined;
}

/** advertUpsert: creates without `advertId`, updates with it. Validates everything before changing anything. */
export function upsertAdvert(state: MarketplacerState, input: AdvertUpsertInput): AdvertOutcome {
  const errors = new FieldErrors();
  const attributes = input.attributes;
  const advert = lookup(errors, 'advertId', input.advertId, 'Advert', state.adverts);
  if (advert && advert.deletedAt !== null) errors.add('advertId', 'Advert has been deleted');
  const seller = lookup(errors, 'sellerId', input.sellerId, 'Seller', state.sellers);
  if (seller?.deletedAt) errors.add('sellerId', 'Seller has been deleted');
  if (errors.any) return { ...errors.outcome(), advert: null };

  const creating = input.advertId === null || input.advertId === undefined;
  // INFERRED: an operator key has no seller of its own, so creating needs sellerId.
  if (creating && !seller) errors.add('sellerId', "can't be blank");
  if (!creating && seller && advert && seller.legacyId !== advert.sellerId) errors.add('sellerId', 'Advert does not belong to this seller');

  if (creating ? isBlank(attributes.title) : attributes.title !== undefined && isBlank(attributes.title)) errors.add('title', "can't be blank");
  const taxon = resolveTaxon(state, errors, attributes);
  if (creating && !attributes.taxonId && !attributes.taxonMappings?.length) errors.add('taxonId', "can't be blank");
  const brandId = resolveBrand(state, errors, attributes);

  const advertPrice = priceField(errors, 'price', attributes.price);
  const advertSalePrice = priceField(errors, 'salePrice', attributes.salePrice);
  const advertOptions = attributes.advertOptionValues ? optionSelections(state, errors, 'advertOptionValues', attributes.advertOptionValues) : undefined;
  const variants = planVariants(state, errors, advert, attributes, advertPrice, advertSalePrice);
  if (creating && variants.length === 0) errors.add('variants', "can't be blank");
  for (const [index, plan] of variants.entries()) {
    if (!plan.existing && plan.priceCents === undefined)
      errors.add(variants.length > 1 || attributes.variants ? `variants[${index}].price` : 'price', "can't be blank");
  }
  if (errors.any) return { ...errors.outcome(), advert: null };

  const now = state.now();
  const target = advert ?? newAdvert(state, seller!, now);
  if (attributes.title !== undefined && attributes.title !== null) target.title = attributes.title.trim();
  if (taxon) target.taxonId = taxon.legacyId;
  if (brandId !== undefined) target.brandId = brandId;
  if (attributes.description !== undefined) target.description = attributes.description ?? null;
  if (attributes.code !== undefined) target.code = attributes.code ?? null;
  if (attributes.externalId !== undefined) target.externalId = attributes.externalId ?? null;
  if (attributes.externalIds) target.externalIds = keyValues(attributes.externalIds);
  if (advertOptions) target.advertOptions = advertOptions;
  if (attributes.images) target.images = attributes.images.map((image, position) => newImage(state, image.sourceUrl ?? '', position));
  if (attributes.attemptAutoPublish) target.published = true;
  // Editing a rejected advert does not send it back to vetting: the seller portal has "Save & Exit" and
  // "Save & Submit", and the API advertVettingResubmit (support article "Troubleshoot products rejected
  // by the operator (vetting)").

  const changedVariants = applyVariants(state, target, variants, advertPrice, advertSalePrice, now);
  if (creating) {
    state.insertAdvert(target);
    state.emit('Advert', target.legacyId, 'create');
  } else {
    state.touchAdvert(target, now);
  }
  for (const [variant, created] of changedVariants) state.emit('Variant', variant.legacyId, created ? 'create' : 'update');
  state.emit('Advert', target.legacyId, 'update');
  return { ...ok(), advert: target };
}

function newAdvert(state: MarketplacerState, seller: SellerRecord, now: number): AdvertRecord {
  const pendingVetting = seller.advertVettingRequired;
  return {
    kind: 'Advert',
    legacyId: state.nextId('Advert'),
    sellerId: seller.legacyId,
    brandId: null,
    taxonId: null,
    title: '',
    description: null,
    code: null,
    externalId: null,
    externalIds: [],
    images: [],
    advertOptions: [],
    variants: [],
    // INFERRED: a new advert stays unpublished unless attemptAutoPublish asks otherwise.
    published: false,
    vetting: pendingVetting ? 'PENDING' : 'APPROVED',
    requiresVettingAt: pendingVetting ? now : null,
    vettingRejectedAt: null,
    vettingRejectedReason: null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

function newImage(state: MarketplacerState, url: string, position: number): ImageRecord {
  return { id: state.nextId('Image'), url, position };
}

function resolveTaxon(state: MarketplacerState, errors: FieldErrors, attributes: AdvertInput): TaxonRecord | undefined {
  let taxon: TaxonRecord | undefined;
  if (attributes.taxonId) {
    taxon = lookup(errors, 'taxonId', attributes.taxonId, 'Taxon', state.taxons);
  } else if (attributes.taxonMappings?.length) {
    const wanted = attributes.taxonMappings.map((name) => name.trim().toLowerCase());
    taxon = [...state.taxons.values()].find((t) => wanted.includes(t.displayName.toLowerCase()) || wanted.includes(t.title.toLowerCase()));
    if (!taxon) errors.add('taxonMappings', `No taxon matches ${attributes.taxonMappings.join(', ')}`);
  }
  // INFERRED: adverts belong to leaf taxons (the connector's taxonomy documents say so).
  if (taxon && [...state.taxons.values()].some((t) => t.parentId === taxon.legacyId)) {
    errors.add('taxonId', `${taxon.displayName} has sub-categories; choose one of them`);
  }
  return taxon;
}

function resolveBrand(state: MarketplacerState, errors: FieldErrors, attributes: AdvertInput): number | null | undefined {
  if (attributes.brandId) return lookup(errors, 'brandId', attributes.brandId, 'Brand', state.brands)?.legacyId;
  if (attributes.brandMappings?.length) {
    const wanted = attributes.brandMappings.map((name) => name.trim().toLowerCase());
    const brand = [...state.brands.values()].find((b) => wanted.includes(b.name.toLowerCase()) || wanted.includes(b.slug));
    if (!brand) errors.add('brandMappings', `No brand matches ${attributes.brandMappings.join(', ')}`);
    return brand?.legacyId;
  }
  return attributes.brandId === null ? null : undefined;
}

function priceField(errors: FieldErrors, field: string, value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const cents = parseDecimalCents(value);
  if (cents === undefined) errors.add(field, 'is not a number');
  return cents;
}

function optionSelections(state: MarketplacerState, errors: FieldErrors, field: string, inputs: OptionValueInput[]): OptionSelection[] {
  return inputs.flatMap((input, index): OptionSelection[] => {
    const path = `${field}[${index}]`;
    if (input.optionValueId) {
      const value = lookup(errors, `${path}.optionValueId`, input.optionValueId, 'OptionValue', state.optionValues);
      return value ? [{ optionTypeId: value.optionTypeId, optionValueId: value.legacyId, textValue: null }] : [];
    }
    if (input.optionTypeId) {
      const type = lookup(errors, `${path}.optionTypeId`, input.optionTypeId, 'OptionType', state.optionTypes);
      if (type && isBlank(input.textValue)) errors.add(`${path}.textValue`, "can't be blank");
      return type ? [{ optionTypeId: type.legacyId, optionValueId: null, textValue: input.textValue ?? null }] : [];
    }
    errors.add(path, 'needs optionValueId, or optionTypeId and textValue');
    return [];
  });
}

function planVariants(
  state: MarketplacerState,
  errors: FieldErrors,
  advert: AdvertRecord | undefined,
  attributes: AdvertInput,
  advertPrice: number | undefined,
  advertSalePrice: number | undefined,
): PlannedVariant[] {
  if (!attributes.variants) {
    // No variants given: a new advert gets one plain variant priced from the advert.
    if (advert) return [];
    return [{ input: {}, existing: undefined, priceCents: advertPrice, salePriceCents: advertSalePrice ?? null, options: [] }];
  }
  return attributes.variants.map((input, index) => {
    const path = `variants[${index}]`;
    let existing: VariantRecord | undefined;
    if (input.id) {
      existing = lookup(errors, `${path}.id`, input.id, 'Variant', state.variants);
      if (existing && existing.advert !== advert) errors.add(`${path}.id`, 'Variant does not belong to this advert');
    }
    if (input.countOnHand !== null && input.countOnHand !== undefined && input.countOnHand < 0)
      errors.add(`${path}.countOnHand`, 'must be greater than or equal to 0');
    const price = priceField(errors, `${path}.price`, input.price) ?? (existing ? undefined : advertPrice);
    const sale =
      input.salePrice === null ? null : (priceField(errors, `${path}.salePrice`, input.salePrice) ?? (existing ? undefined : (advertSalePrice ?? null)));
    let options: OptionSelection[] | undefined;
    if (input.variantOptionValues) options = optionSelections(state, errors, `${path}.variantOptionValues`, input.variantOptionValues);
    else if (input.optionValueIds)
      options = optionSelections(
        state,
        errors,
        `${path}.optionValueIds`,
        input.optionValueIds.map((optionValueId) => ({ optionValueId })),
      );
    return { input, existing, priceCents: price, salePriceCents: sale, options };
  });
}

/** Applies the planned variants; returns each changed variant and whether it is new. */
function applyVariants(
  state: MarketplacerState,
  advert: AdvertRecord,
  plans: PlannedVariant[],
  advertPrice: number | undefined,
  advertSalePrice: number | undefined,
  now: number,
): [VariantRecord, boolean][] {
  const changed: [VariantRecord, boolean][] = [];
  if (plans.length === 0 && (advertPrice !== undefined || advertSalePrice !== undefined)) {
    // An advert-level price on update re-prices every variant.
    for (const variant of advert.variants) {
      if (advertPrice !== undefined) variant.priceCents = advertPrice;
      if (advertSalePrice !== undefined) variant.salePriceCents = advertSalePrice;
      variant.updatedAt = now;
      changed.push([variant, false]);
    }
  }
  for (const plan of plans) {
    const variant = plan.existing ?? newVariant(state, advert, plan.priceCents!, now);
    const input = plan.input;
    if (input.sku !== undefined) variant.sku = input.sku ?? null;
    if (input.barcode !== undefined) variant.barcode = input.barcode ?? null;
    if (input.countOnHand !== undefined && input.countOnHand !== null) variant.countOnHand = input.countOnHand;
    if (input.infiniteQuantity !== undefined && input.infiniteQuantity !== null) variant.infiniteQuantity = input.infiniteQuantity;
    if (plan.priceCents !== undefined) variant.priceCents = plan.priceCents;
    if (plan.salePriceCents !== undefined) variant.salePriceCents = plan.salePriceCents;
    if (plan.options) variant.options = plan.options;
    if (input.externalId !== undefined) variant.externalId = input.externalId ?? null;
    if (input.externalIds) variant.externalIds = keyValues(input.externalIds);
    if (input.published !== undefined && input.published !== null) variant.published = input.published;
    variant.updatedAt = now;
    if (!plan.existing) advert.variants.push(variant);
    // A new advert's variants are registered by insertAdvert; an existing advert's here.
    if (!plan.existing && state.adverts.has(advert.legacyId)) state.variants.set(variant.legacyId, variant);
    changed.push([variant, !plan.existing]);
  }
  return changed;
}

function newVariant(state: MarketplacerState, advert: AdvertRecord, priceCents: number, now: number): VariantRecord {
  return {
    kind: 'Variant',
    legacyId: state.nextId('Variant'),
    advert,
    sku: null,
    barcode: null,
    countOnHand: 0,
    infiniteQuantity: false,
    priceCents,
    salePriceCents: null,
    published: true,
    options: [],
    externalId: null,
    externalIds: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** The advert a global id names, unless it is deleted (then the payload says so). */
function liveAdvert(state: MarketplacerState, errors: FieldErrors, field: string, id: string): AdvertRecord | undefined {
  const advert = lookup(errors, field, id, 'Advert', state.adverts);
  if (advert && advert.deletedAt !== null) {
    errors.add(field, 'Advert has been deleted');
    return undefined;
  }
  return advert;
}

export function setAdvertPublished(state: MarketplacerState, input: { id: string; published: boolean }): AdvertOutcome {
  const errors = new FieldErrors();
  const advert = liveAdvert(state, errors, 'id', input.id);
  if (!advert) return { ...errors.outcome(), advert: null };
  advert.published = input.published;
  state.touchAdvert(advert);
  state.emit('Advert', advert.legacyId, 'update');
  return { ...ok(), advert };
}

export function deleteAdvert(state: MarketplacerState, input: { id: string }): AdvertOutcome {
  const errors = new FieldErrors();
  const advert = liveAdvert(state, errors, 'id', input.id);
  if (!advert) return { ...errors.outcome(), advert: null };
  const now = state.now();
  advert.deletedAt = now;
  advert.published = false;
  state.touchAdvert(advert, now);
  state.emit('Advert', advert.legacyId, 'destroy');
  return { ...ok(), advert };
}

export type VettingDecision = 'approve' | 'reject' | 'resubmit';

export type AdvertsOutcome = Outcome & { adverts: AdvertRecord[] | null };

/**
 * advertVettingApprove / advertVettingReject / advertVettingResubmit (2023 schema; the operator guide
 * "How to work with Advert Vetting"): approve → vetted, not rejected, displayable when published;
 * reject → vettingRejected with the reason, not displayable; resubmit → requires vetting again, the old
 * reason cleared. Every id must name a live advert, or nothing changes. Each advert changed is stamped
 * and its Advert event fired. Operator only (approve, reject) holds trivially: every key the simulator
 * accepts is the operator's. INFERRED: the wording of the refusals, and that repeating a decision (or
 * resubmitting an advert that was not rejected) is accepted.
 */
export function vetAdverts(
  state: MarketplacerState,
  input: { advertIds: string[]; vettingRejectedReason?: string | null },
  decision: VettingDecision,
): AdvertsOutcome {
  const errors = new FieldErrors();
  if (input.advertIds.length === 0) errors.add('advertIds', "can't be blank");
  const adverts = input.advertIds.map((id) => liveAdvert(state, errors, 'advertIds', id));
  const reason = input.vettingRejectedReason?.trim() ?? '';
  if (decision === 'reject' && reason === '') errors.add('vettingRejectedReason', "can't be blank");
  if (errors.any) return { ...errors.outcome(), adverts: null };
  const now = state.now();
  const vetted = [...new Set(adverts as AdvertRecord[])];
  for (const advert of vetted) {
    advert.vetting = decision === 'approve' ? 'APPROVED' : decision === 'reject' ? 'REJECTED' : 'PENDING';
    advert.requiresVettingAt = decision === 'resubmit' ? now : null;
    advert.vettingRejectedAt = decision === 'reject' ? now : null;
    advert.vettingRejectedReason = decision === 'reject' ? reason : null;
    state.touchAdvert(advert, now);
    state.emit('Advert', advert.legacyId, 'update');
  }
  return { ...ok(), adverts: vetted };
}

/** Seller-portal edit of a variant's stock or prices (no contract mutation; the control API uses it). */
export function editVariant(
  state: MarketplacerState,
  variant: VariantRecord,
  change: { countOnHand?: number; priceCents?: number; salePriceCents?: number | null },
): void {
  const now = state.now();
  if (change.countOnHand !== undefined) variant.countOnHand = change.countOnHand;
  if (change.priceCents !== undefined) variant.priceCents = change.priceCents;
  if (change.salePriceCents !== undefined) variant.salePriceCents = change.salePriceCents;
  variant.updatedAt = now;
  state.touchAdvert(variant.advert, now);
  state.emit('Variant', variant.legacyId, 'update');
  state.emit('Advert', variant.advert.legacyId, 'update');
}
