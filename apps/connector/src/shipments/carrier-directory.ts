import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { APP_CONFIG } from '#common';
import { MarketplacerFulfilment, type MarketplacerCarrier } from '#marketplacer';
import { carrierKeyOf } from './carrier-names.js';
import { CarrierMappingEntity } from './entities/carrier-mapping.entity.js';
import { MarketplacerCarrierEntity } from './entities/marketplacer-carrier.entity.js';
import { carrierMapOf, type ShipmentsConfig } from './shipments.config.js';
import { shipmentsErrors } from './shipments.errors.js';

/** How an ANYMARKET carrier was matched to a Marketplacer one: shown on the order's timeline. */
export type CarrierMatch = MarketplacerCarrier & { by: 'admin map' | 'SHIPMENT_CARRIER_MAP' | 'same name' };

/**
 * Marketplacer's carriers (a copy of `shipmentCarriers`, read again when older than
 * SHIPMENT_CARRIERS_REFRESH_MS or when a carrier is not in it) and the ANYMARKET → Marketplacer map:
 * the admin's entries first, then SHIPMENT_CARRIER_MAP, then a Marketplacer carrier of exactly the
 * same name (compared without case, accents or punctuation). Anything else is refused, never guessed.
 */
@Injectable()
export class CarrierDirectory {
  private readonly configured: Map<string, string>;
  private readonly configuredNames: Map<string, string>;

  constructor(
    private readonly marketplacer: MarketplacerFulfilment,
    @InjectRepository(MarketplacerCarrierEntity) private readonly carriers: Repository<MarketplacerCarrierEntity>,
    @InjectRepository(CarrierMappingEntity) private readonly mappings: Repository<CarrierMappingEntity>,
    @Inject(APP_CONFIG) private readonly config: ShipmentsConfig,
  ) {
    this.configuredNames = carrierMapOf(config.shipmentCarrierMap);
    this.configured = new Map([...this.configuredNames].map(([name, target]) => [carrierKeyOf(name), target]));
  }

  /** SHIPMENT_CARRIER_MAP as configured: ANYMARKET name → Marketplacer name or id. */
  configuredEntries(): ReadonlyMap<string, string> {
    return this.configuredNames;
  }

  /** The Marketplacer carrier for ANYMARKET's `carrier`; CARRIER_UNMAPPED when there is none. */
  async resolve(anymarketCarrier: string): Promise<CarrierMatch> {
    const found = await this.match(anymarketCarrier, await this.list());
    if (found) return found;
    // Not in the copy: Marketplacer may have added the carrier since it was read.
    const fresh = await this.refresh();
    const again = await this.match(anymarketCarrier, fresh);
    if (again) return again;
    throw shipmentsErrors.carrierUnmapped(
      anymarketCarrier,
      fresh.map((carrier) => carrier.name),
    );
  }

  /** The copy, read again first when stale or empty. */
  async list(): Promise<MarketplacerCarrier[]> {
    const kept = await this.carriers.find({ order: { name: 'ASC' } });
    const oldest = Math.min(...kept.map((carrier) => carrier.refreshedAt.getTime()));
    if (kept.length === 0 || Date.now() - oldest > this.config.shipmentCarriersRefreshMs) return this.refresh();
    return kept.map(({ id, name }) => ({ id, name }));
  }

  /** Reads every carrier from Marketplacer and replaces the copy. */
  async refresh(): Promise<MarketplacerCarrier[]> {
    const carriers = await this.marketplacer.listCarriers();
    const now = new Date();
    await this.carriers.manager.transaction(async (manager) => {
      await manager.clear(MarketplacerCarrierEntity);
      if (carriers.length > 0)
        await manager.insert(
          MarketplacerCarrierEntity,
          carriers.map(({ id, name }) => ({ id, name, refreshedAt: now })),
        );
    });
    return [...carriers].sort((a, b) => a.name.localeCompare(b.name));
  }

  async listMappings(): Promise<CarrierMappingEntity[]> {
    return this.mappings.find({ order: { anymarketCarrier: 'ASC' } });
  }

  /** Sets the admin's entry for `anymarketCarrier`; `marketplacerCarrier` is a Marketplacer carrier's id or name. Answers the entry and its carrier. */
  async setMapping(anymarketCarrier: string, marketplacerCarrier: string): Promise<{ mapping: CarrierMappingEntity; carrier: MarketplacerCarrier }> {
    const carriers = await this.list();
    const target = findCarrier(marketplacerCarrier, carriers) ?? findCarrier(marketplacerCarrier, await this.refresh());
    if (!target) throw shipmentsErrors.unknownMarketplacerCarrier(marketplacerCarrier);
    const mapping = {
      carrierKey: carrierKeyOf(anymarketCarrier),
      anymarketCarrier: anymarketCarrier.trim(),
      marketplacerCarrierId: target.id,
      updatedAt: new Date(),
    };
    // One statement settled on the key (insert … on conflict update): two PUTs for one new carrier at once both succeed, the later one wins.
    await this.mappings.upsert(mapping, { conflictPaths: ['carrierKey'] });
    return { mapping: Object.assign(new CarrierMappingEntity(), mapping), carrier: target };
  }

  async removeMapping(anymarketCarrier: string): Promise<void> {
    const result = await this.mappings.delete({ carrierKey: carrierKeyOf(anymarketCarrier) });
    if (!result.affected) throw shipmentsErrors.mappingNotFound(anymarketCarrier);
  }

  private async match(anymarketCarrier: string, carriers: MarketplacerCarrier[]): Promise<CarrierMatch | null> {
    const key = carrierKeyOf(anymarketCarrier);
    const mapping = await this.mappings.findOneBy({ carrierKey: key });
    if (mapping) {
      const carrier = carriers.find(({ id }) => id === mapping.marketplacerCarrierId);
      return carrier ? { ...carrier, by: 'admin map' } : null;
    }
    const configured = this.configured.get(key);
    if (configured !== undefined) {
      const carrier = findCarrier(configured, carriers);
      return carrier ? { ...carrier, by: 'SHIPMENT_CARRIER_MAP' } : null;
    }
    const same = carriers.filter((carrier) => carrierKeyOf(carrier.name) === key);
    return same.length === 1 ? { ...same[0], by: 'same name' } : null;
  }
}

/** A carrier by id, or by name when exactly one has it. */
export function findCarrier(reference: string, carriers: MarketplacerCarrier[]): MarketplacerCarrier | undefined {
  const byId = carriers.find(({ id }) => id === reference.trim());
  if (byId) return byId;
  const byName = carriers.filter(({ name }) => carrierKeyOf(name) === carrierKeyOf(reference));
  return byName.length === 1 ? byName[0] : undefined;
}
