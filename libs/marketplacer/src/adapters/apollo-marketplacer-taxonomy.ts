import { Injectable } from '@nestjs/common';
import { MarketplacerClient } from '../client/marketplacer-client.js';
import {
  BrandsDocument,
  OptionTypeCreateOrUpdateDocument,
  type OptionTypeFieldsFragment,
  OptionValueCreateOrUpdateDocument,
  PrototypeCreateOrUpdateDocument,
  PrototypesWithOptionsDocument,
  TaxonCreateOrUpdateDocument,
  type TaxonFieldsFragment,
  TaxonsDocument,
} from '../contract/generated/graphql.js';
import { checkMutationPayload, requirePayloadObject } from '../errors/mutation-payload.js';
import { pageSize, presentNodes } from '../pagination/paginate.js';
import type { MarketplacerKeyValue } from '../ports/marketplacer-catalog.port.js';
import {
  type MarketplacerBrand,
  type MarketplacerOptionType,
  type MarketplacerOptionValue,
  type MarketplacerPrototype,
  type MarketplacerTaxon,
  MarketplacerTaxonomy,
  type OptionTypeUpsert,
  type OptionValueUpsert,
  type PrototypeUpsert,
  type TaxonUpsert,
} from '../ports/marketplacer-taxonomy.port.js';
import type { PageOf, PageRequest } from '../ports/paging.js';

/** Prototypes are heavy (up to 100 option types × 500 values each): their pages default to 10. */
const PROTOTYPES_PAGE_SIZE = 10;

@Injectable()
export class ApolloMarketplacerTaxonomy extends MarketplacerTaxonomy {
  constructor(private readonly client: MarketplacerClient) {
    super();
  }

  async listBrands(page: PageRequest = {}): Promise<PageOf<MarketplacerBrand>> {
    const { brands } = await this.client.query(BrandsDocument, { first: pageSize(page.first), after: page.after });
    return {
      nodes: presentNodes(brands.nodes).map((brand) => ({ id: brand.id, name: brand.name, slug: brand.slug })),
      pageInfo: { hasNextPage: brands.pageInfo.hasNextPage, endCursor: brands.pageInfo.endCursor },
    };
  }

  async listTaxons(parentId?: string, page: PageRequest = {}): Promise<PageOf<MarketplacerTaxon>> {
    const { taxons } = await this.client.query(TaxonsDocument, { parentId: parentId ?? null, first: pageSize(page.first), after: page.after });
    return {
      nodes: presentNodes(taxons.nodes).map((taxon) => toTaxon(taxon, taxon.children.totalCount === 0)),
      pageInfo: { hasNextPage: taxons.pageInfo.hasNextPage, endCursor: taxons.pageInfo.endCursor },
    };
  }

  async listPrototypesWithOptions(page: PageRequest & { ids?: string[] } = {}): Promise<PageOf<MarketplacerPrototype>> {
    const { prototypes } = await this.client.query(PrototypesWithOptionsDocument, {
      ids: page.ids,
      first: pageSize(page.first ?? PROTOTYPES_PAGE_SIZE),
      after: page.after,
    });
    return {
      nodes: presentNodes(prototypes.nodes).map((prototype) => {
        const optionTypes = presentNodes(prototype.optionTypes.nodes);
        return {
          id: prototype.id,
          name: prototype.name,
          externalIds: keyValues(prototype.externalIds),
          optionTypes: optionTypes.map((optionType) => {
            const values = presentNodes(optionType.optionValues?.nodes);
            return {
              ...toOptionType(optionType),
              values: values.map(toOptionValue),
              valuesTruncated: (optionType.optionValues?.totalCount ?? values.length) > values.length,
            };
          }),
          optionTypesTruncated: prototype.optionTypes.totalCount > optionTypes.length,
        };
      }),
      pageInfo: { hasNextPage: prototypes.pageInfo.hasNextPage, endCursor: prototypes.pageInfo.endCursor },
    };
  }

  async upsertTaxon(taxon: TaxonUpsert): Promise<MarketplacerTaxon> {
    const { taxonCreateOrUpdate } = await this.client.mutate(TaxonCreateOrUpdateDocument, { input: { ...taxon } }, createsWithout(taxon.id));
    const payload = checkMutationPayload('taxonCreateOrUpdate', taxonCreateOrUpdate);
    return toTaxon(requirePayloadObject('taxonCreateOrUpdate', 'taxon', payload.taxon), null);
  }

  async upsertPrototype(prototype: PrototypeUpsert): Promise<Omit<MarketplacerPrototype, 'optionTypes' | 'optionTypesTruncated'>> {
    const { prototypeCreateOrUpdate } = await this.client.mutate(PrototypeCreateOrUpdateDocument, { input: { ...prototype } }, createsWithout(prototype.id));
    const payload = checkMutationPayload('prototypeCreateOrUpdate', prototypeCreateOrUpdate);
    const saved = requirePayloadObject('prototypeCreateOrUpdate', 'prototype', payload.prototype);
    return { id: saved.id, name: saved.name, externalIds: keyValues(saved.externalIds) };
  }

  async upsertOptionType(optionType: OptionTypeUpsert): Promise<MarketplacerOptionType> {
    const { optionTypeCreateOrUpdate } = await this.client.mutate(
      OptionTypeCreateOrUpdateDocument,
      { input: { ...optionType } },
      createsWithout(optionType.id),
    );
    const payload = checkMutationPayload('optionTypeCreateOrUpdate', optionTypeCreateOrUpdate);
    const saved = requirePayloadObject('optionTypeCreateOrUpdate', 'optionType', payload.optionType);
    return { ...toOptionType(saved), values: [], valuesTruncated: false };
  }

  async upsertOptionValue(optionValue: OptionValueUpsert): Promise<MarketplacerOptionValue & { optionTypeId: string | null }> {
    const { optionValueCreateOrUpdate } = await this.client.mutate(
      OptionValueCreateOrUpdateDocument,
      { input: { ...optionValue } },
      createsWithout(optionValue.id),
    );
    const payload = checkMutationPayload('optionValueCreateOrUpdate', optionValueCreateOrUpdate);
    const saved = requirePayloadObject('optionValueCreateOrUpdate', 'optionValue', payload.optionValue);
    return { ...toOptionValue(saved), optionTypeId: saved.optionType?.id ?? null };
  }
}

function toTaxon(taxon: TaxonFieldsFragment, isLeaf: boolean | null): MarketplacerTaxon {
  return {
    id: taxon.id,
    legacyId: taxon.legacyId,
    displayName: taxon.displayName,
    title: taxon.title,
    treeName: taxon.treeName,
    parentId: taxon.parent?.id ?? null,
    prototype: taxon.prototype ? { id: taxon.prototype.id, name: taxon.prototype.name } : null,
    externalIds: keyValues(taxon.externalIds),
    isLeaf,
  };
}

function toOptionType(optionType: Omit<OptionTypeFieldsFragment, '__typename'>): Omit<MarketplacerOptionType, 'values' | 'valuesTruncated'> {
  return {
    id: optionType.id,
    name: optionType.name,
    displayName: optionType.displayName,
    fieldType: optionType.fieldType,
    appliedTo: optionType.appliedTo,
    optional: optionType.optional,
    position: optionType.position,
    externalIds: keyValues(optionType.externalIds),
  };
}

function toOptionValue(value: { id: string; name: string; displayName: string; position: number }): MarketplacerOptionValue {
  return { id: value.id, name: value.name, displayName: value.displayName, position: value.position };
}

function keyValues(pairs: ReadonlyArray<{ key: string; value: string | null }> | null | undefined): MarketplacerKeyValue[] {
  return (pairs ?? []).map((pair) => ({ key: pair.key, value: pair.value }));
}

/**
 * The create-or-update mutations create when given no id: such a request is not repeated after a
 * lost answer (it may have created the record); the admin gets an error saying so and can look.
 */
function createsWithout(id: string | undefined): { onlySafeRetries: boolean } {
  return { onlySafeRetries: id === undefined };
}
