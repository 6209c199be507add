import { GraphQLError } from 'graphql';
import { advertPrices, effectivePriceCents, isDisplayable, isOnline, isVetted, variantLabel } from '../../state/derived.js';
import { globalId } from '../../state/global-id.js';
import { formatDecimal } from '../../state/money.js';
import type { AdvertRecord, ImageRecord, OptionSelection, VariantRecord } from '../../state/records.js';
import { listConnection, type PageArgs } from '../connection.js';
import { externalIdsOf, idOf, type Ctx } from './common.js';

/** Seeded adverts store no images; each gets one derived image (ids above any stored image id). */
const DERIVED_IMAGE_BASE = 1_000_000_000;

export function imagesOf(advert: AdvertRecord): readonly ImageRecord[] {
  return advert.images ?? [{ id: DERIVED_IMAGE_BASE + advert.legacyId, url: `https://images.simulator.example/adverts/${advert.legacyId}/1.jpg`, position: 0 }];
}

/** An option of an advert or a variant, as AdvertOptionValue / VariantOptionValue. */
export interface OptionView {
  kind: 'AdvertOptionValue' | 'VariantOptionValue';
  ownerId: number;
  index: number;
  option: OptionSelection;
}

function optionViews(kind: OptionView['kind'], ownerId: number, options: readonly OptionSelection[]): OptionView[] {
  return options.map((option, index) => ({ kind, ownerId, index, option }));
}

const optionViewResolvers = {
  id: (view: OptionView) => globalId(view.kind, view.ownerId * 100 + view.index),
  optionType: (view: OptionView, _: unknown, { state }: Ctx) => state.optionTypes.get(view.option.optionTypeId) ?? null,
  optionValue: (view: OptionView, _: unknown, { state }: Ctx) =>
    view.option.optionValueId === null ? null : (state.optionValues.get(view.option.optionValueId) ?? null),
  textValue: (view: OptionView) => view.option.textValue,
};

const cents = (value: number | null): string | null => (value === null ? null : formatDecimal(value));

/** Fields UnpublishedAdvert and DeletedAdvert share with Advert. */
const summaryResolvers = {
  id: idOf('Advert'),
  variants: (advert: AdvertRecord, args: PageArgs) => listConnection(advert.variants, args),
};

export const advertResolvers = {
  AllAdvert: {
    __resolveType: (advert: AdvertRecord) => (advert.deletedAt !== null ? 'DeletedAdvert' : advert.published ? 'Advert' : 'UnpublishedAdvert'),
  },
  Advert: {
    id: idOf('Advert'),
    fullTitle: (advert: AdvertRecord, _: unknown, { state }: Ctx) => {
      const brand = advert.brandId === null ? undefined : state.brands.get(advert.brandId);
      return brand && !advert.title.startsWith(brand.name) ? `${brand.name} ${advert.title}` : advert.title;
    },
    descriptionHtml: (advert: AdvertRecord) => (advert.description === null ? null : `<p>${escapeHtml(advert.description)}</p>`),
    externalIds: externalIdsOf,
    brand: (advert: AdvertRecord, _: unknown, { state }: Ctx) => (advert.brandId === null ? null : (state.brands.get(advert.brandId) ?? null)),
    taxon: (advert: AdvertRecord, _: unknown, { state }: Ctx) => {
      const taxon = advert.taxonId === null ? undefined : state.taxons.get(advert.taxonId);
      if (!taxon) throw new GraphQLError(`Advert ${advert.legacyId} has no taxon`);
      return taxon;
    },
    taxonNullable: (advert: AdvertRecord, _: unknown, { state }: Ctx) => (advert.taxonId === null ? null : (state.taxons.get(advert.taxonId) ?? null)),
    seller: (advert: AdvertRecord, _: unknown, { state }: Ctx) => state.sellers.get(advert.sellerId),
    displayImage: (advert: AdvertRecord) => imagesOf(advert)[0] ?? null,
    images: (advert: AdvertRecord, args: PageArgs) => listConnection(imagesOf(advert), args),
    advertOptionValues: (advert: AdvertRecord, args: PageArgs) => listConnection(optionViews('AdvertOptionValue', advert.legacyId, advert.advertOptions), args),
    variants: (advert: AdvertRecord, args: PageArgs & { displayableOnly?: boolean | null }) =>
      listConnection(args.displayableOnly ? advert.variants.filter((variant) => variant.published) : advert.variants, args),
    displayable: isDisplayable,
    published: (advert: AdvertRecord) => advert.published && advert.deletedAt === null,
    online: (advert: AdvertRecord, _: unknown, { state }: Ctx) => isOnline(state, advert),
    vetted: isVetted,
    requiresVetting: (advert: AdvertRecord) => advert.vetting === 'PENDING',
    vettingRejected: (advert: AdvertRecord) => advert.vetting === 'REJECTED',
    lowestPrice: (advert: AdvertRecord) => cents(advertPrices(advert).lowest),
    lowestOriginalPrice: (advert: AdvertRecord) => cents(advertPrices(advert).lowestOriginal),
    lowestPriceCents: (advert: AdvertRecord) => advertPrices(advert).lowest,
    lowestOriginalPriceCents: (advert: AdvertRecord) => advertPrices(advert).lowestOriginal,
    saleType: () => 'BUY_ONLINE',
    productFeatures: () => [],
  },
  UnpublishedAdvert: { ...summaryResolvers, details: (advert: AdvertRecord) => advert },
  DeletedAdvert: summaryResolvers,
  AllAdvertVariant: { id: idOf('Variant') },
  Variant: {
    id: idOf('Variant'),
    label: (variant: VariantRecord, _: unknown, { state }: Ctx) => variantLabel(state, variant),
    displayable: (variant: VariantRecord) => variant.published && isDisplayable(variant.advert),
    buyable: (variant: VariantRecord) => variant.published && isDisplayable(variant.advert) && (variant.infiniteQuantity || variant.countOnHand > 0),
    editablePrice: (variant: VariantRecord) => formatDecimal(variant.priceCents),
    editableSalePrice: (variant: VariantRecord) => cents(variant.salePriceCents),
    lowestPrice: (variant: VariantRecord) => formatDecimal(effectivePriceCents(variant)),
    lowestOriginalPrice: (variant: VariantRecord) => formatDecimal(variant.priceCents),
    lowestPriceCents: effectivePriceCents,
    lowestOriginalPriceCents: (variant: VariantRecord) => variant.priceCents,
    externalIds: externalIdsOf,
    images: (_variant: VariantRecord, args: PageArgs) => listConnection([], args),
    optionValues: (variant: VariantRecord, args: PageArgs, { state }: Ctx) =>
      listConnection(
        variant.options.flatMap((option) =>
          option.optionValueId === null ? [] : [state.optionValues.get(option.optionValueId)].filter((v) => v !== undefined),
        ),
        args,
      ),
    variantOptionValues: (variant: VariantRecord, args: PageArgs) => listConnection(optionViews('VariantOptionValue', variant.legacyId, variant.options), args),
  },
  AdvertOptionValue: optionViewResolvers,
  VariantOptionValue: optionViewResolvers,
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}
