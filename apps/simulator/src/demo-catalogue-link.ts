import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { SkuMarketplace } from '#anymarket';
import { AnymarketSimulatorState } from './anymarket/anymarket-simulator.state.js';
import { globalId } from './marketplacer/state/global-id.js';
import type { OptionTypeRecord } from './marketplacer/state/records.js';
import { SimulatedMarketplacer } from './marketplacer/simulated-marketplacer.js';

/**
 * The two simulated systems share one process, so the seeded ANYMARKET transmissions can be mapped
 * to the seeded Marketplacer catalogue the way a seller maps them in ANYMARKET's screens: category
 * to a leaf taxon, brand to a brand, variations to variant option types and values. Without it, the
 * demo's first sendProduct would point at categories Marketplacer has never heard of. Done once at
 * start-up; tests that reset either half map what they need themselves.
 */
@Injectable()
export class DemoCatalogueLink implements OnApplicationBootstrap {
  private readonly logger = new Logger('Simulator');

  constructor(
    private readonly marketplacer: SimulatedMarketplacer,
    private readonly anymarket: AnymarketSimulatorState,
  ) {}

  onApplicationBootstrap(): void {
    const state = this.marketplacer.state;
    const parents = new Set([...state.taxons.values()].map((taxon) => taxon.parentId).filter((id) => id !== null));
    const leaf = [...state.taxons.values()].sort((a, b) => a.legacyId - b.legacyId).find((taxon) => !parents.has(taxon.legacyId));
    const brand = [...state.brands.values()].sort((a, b) => a.legacyId - b.legacyId)[0];
    if (!leaf || !brand) return;
    const prototype = state.prototypes.get(leaf.prototypeId);
    const variantTypes = (prototype?.optionTypeIds ?? [])
      .map((id) => state.optionTypes.get(id))
      .filter((type): type is OptionTypeRecord => type?.appliedTo === 'VARIANT');
    for (const transmission of this.anymarket.transmissions.values()) {
      const product = transmission.sku.product;
      product.category = { id: product.category?.id ?? 0, name: leaf.displayName, ...product.category, idInMarketplace: globalId('Taxon', leaf.legacyId) };
      product.brand = { id: product.brand?.id ?? 0, name: brand.name, ...product.brand, idInMarketplace: globalId('Brand', brand.legacyId) };
      this.mapVariations(transmission, variantTypes);
    }
    this.logger.log({ msg: 'seeded ANYMARKET transmissions mapped to the seeded Marketplacer catalogue', taxon: leaf.displayName, brand: brand.name });
  }

  /** Each variation type to a variant option type (by name, else in order), its value to a value of that type. */
  private mapVariations(transmission: SkuMarketplace, variantTypes: OptionTypeRecord[]): void {
    const state = this.marketplacer.state;
    (transmission.sku.variations ?? []).forEach((variation, index) => {
      const type =
        variantTypes.find((candidate) => sameName(candidate.displayName, variation.type.name) || sameName(candidate.name, variation.type.name)) ??
        variantTypes[index];
      if (!type) return;
      const values = type.optionValueIds.map((id) => state.optionValues.get(id)!).filter(Boolean);
      const value =
        values.find((candidate) => sameName(candidate.displayName, variation.description) || sameName(candidate.name, variation.description)) ?? values[0];
      variation.type.idInMarketplace = globalId('OptionType', type.legacyId);
      if (value) variation.idInMarketplace = globalId('OptionValue', value.legacyId);
    });
  }
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
