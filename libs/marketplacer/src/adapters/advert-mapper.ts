import type { AdvertFieldsFragment, AdvertsUpdatedSinceQuery, VariantFieldsFragment } from '../contract/generated/graphql.js';
import { presentNodes } from '../pagination/paginate.js';
import type { AdvertState, AdvertVetting, MarketplacerAdvert, MarketplacerVariant } from '../ports/marketplacer-catalog.port.js';

type ChangeFeedNode = NonNullable<NonNullable<AdvertsUpdatedSinceQuery['allAdverts']['nodes']>[number]>;

/** An advert of the change feed, whichever member of the `Advert | UnpublishedAdvert | DeletedAdvert` union it is. */
export function toAdvertFromChangeFeed(node: ChangeFeedNode): MarketplacerAdvert {
  if (node.__typename === 'Advert') return toAdvert(node);
  return {
    id: node.id,
    legacyId: node.legacyId,
    state: node.__typename === 'DeletedAdvert' ? 'deleted' : 'unpublished',
    updatedAt: node.updatedAt,
    variantIds: presentNodes(node.variants.nodes).map((variant) => variant.id),
    details: null,
  };
}

export function toAdvert(advert: AdvertFieldsFragment): MarketplacerAdvert {
  const variants = presentNodes(advert.variants.nodes).map(toVariant);
  return {
    id: advert.id,
    legacyId: advert.legacyId,
    state: stateOf(advert),
    updatedAt: advert.updatedAt,
    variantIds: variants.map((variant) => variant.id),
    details: {
      title: advert.title,
      description: advert.description,
      code: advert.code,
      externalId: advert.externalId,
      createdAt: advert.createdAt,
      seller: { id: advert.seller.id, legacyId: advert.seller.legacyId, businessName: advert.seller.businessName },
      brand: advert.brand ? { id: advert.brand.id, name: advert.brand.name } : null,
      taxon: advert.taxonNullable
        ? { id: advert.taxonNullable.id, displayName: advert.taxonNullable.displayName, treeName: advert.taxonNullable.treeName }
        : null,
      vetting: vettingOf(advert),
      vettingRejectedReason: advert.vettingRejectedReason,
      displayable: advert.displayable,
      online: advert.online,
      images: presentNodes(advert.images.nodes).map((image) => ({ id: image.id, url: image.url, position: image.position })),
      advertOptionValues: presentNodes(advert.advertOptionValues.nodes).map((value) => ({
        id: value.id,
        textValue: value.textValue,
        optionTypeId: value.optionType?.id ?? null,
        optionValueId: value.optionValue?.id ?? null,
      })),
      variants,
      variantsTruncated: advert.variants.pageInfo.hasNextPage,
    },
  };
}

/**
 * INFERRED: the semantics of `published` are not documented. An `Advert` whose `published` is
 * explicitly false is treated as unpublished; true or null (older instances) as published.
 */
function stateOf(advert: AdvertFieldsFragment): AdvertState {
  return advert.published === false ? 'unpublished' : 'published';
}

/**
 * The operator guide "How to work with Advert Vetting" gives the fields' meaning (vettingRejected: been
 * through vetting and rejected; vetted: approved; requiresVetting: vetting is required to occur), the 2023
 * schema their types. INFERRED: the order when more than one is true (a rejection wins, then `vetted`).
 */
function vettingOf(advert: AdvertFieldsFragment): AdvertVetting {
  if (advert.vettingRejected) return 'rejected';
  if (advert.vetted) return 'approved';
  if (advert.requiresVetting) return 'pending';
  return 'not_required';
}

/**
 * `editablePrice` is the variant's own price; `lowestPrice` the effective one (the sale price when a
 * sale applies) and `lowestOriginalPrice` the non-sale one. A sale price is reported only when it is
 * lower than the own price.
 */
function toVariant(variant: VariantFieldsFragment): MarketplacerVariant {
  const price = variant.editablePrice ?? variant.lowestOriginalPrice;
  const effective = variant.lowestPrice;
  const onSale = effective != null && price != null && Number(effective) < Number(price);
  return {
    id: variant.id,
    legacyId: variant.legacyId,
    sku: variant.sku,
    barcode: variant.barcode,
    label: variant.label,
    countOnHand: variant.countOnHand,
    infiniteQuantity: variant.infiniteQuantity,
    price,
    salePrice: onSale ? effective : null,
    published: variant.published,
    buyable: variant.buyable,
    externalId: variant.externalId,
    externalIds: variant.externalIds.map((pair) => ({ key: pair.key, value: pair.value })),
    optionValues: presentNodes(variant.optionValues.nodes).map((value) => ({
      id: value.id,
      name: value.name,
      displayName: value.displayName,
      optionType: value.optionType ? { id: value.optionType.id, name: value.optionType.name } : null,
    })),
  };
}
