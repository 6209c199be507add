import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import type { MarketplacerSimulatorConfig } from './marketplacer-simulator.config.js';
import type { ChangeEvent, MarketplacerState } from './state/marketplacer-state.js';
import { seedState, type SeedSize } from './state/seed.js';

export interface SeedReport {
  size: SeedSize;
  seedMs: number;
  counts: Record<string, number>;
}

/** The simulated instance: its current state, re-seeded on reset. Change events are forwarded across resets. */
@Injectable()
export class SimulatedMarketplacer {
  private readonly logger = new Logger('MarketplacerSimulator');
  private readonly listeners: ((event: ChangeEvent) => void)[] = [];
  private readonly resetListeners: (() => void)[] = [];
  private readonly configuredSize: SeedSize;
  private current: MarketplacerState;
  private size: SeedSize;

  constructor(@Inject(APP_CONFIG) config: MarketplacerSimulatorConfig) {
    this.configuredSize = { sellers: config.seedSellers, adverts: config.seedAdverts, invoices: config.seedInvoices };
    const report = this.reset();
    this.logger.log({ msg: 'Marketplacer simulator seeded', ...report });
  }

  get state(): MarketplacerState {
    return this.current;
  }

  /** Replaces the state with a fresh deterministic seed of the configured size, or of the sizes given. */
  reset(size: Partial<SeedSize> = {}): SeedReport {
    const given = Object.entries(size).filter(([, value]) => value !== undefined && value !== null);
    this.size = { ...this.configuredSize, ...Object.fromEntries(given) };
    const started = performance.now();
    this.current = seedState(this.size);
    const seedMs = Math.round(performance.now() - started);
    this.current.onChange((event) => {
      for (const listener of this.listeners) listener(event);
    });
    for (const listener of this.resetListeners) listener();
    return { size: { ...this.size }, seedMs, counts: this.counts() };
  }

  onChange(listener: (event: ChangeEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Called after every reset, once the new state is in place (e.g. to register the configured webhooks in it). */
  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }

  counts(): Record<string, number> {
    const s = this.current;
    return {
      sellers: s.sellers.size,
      brands: s.brands.size,
      taxons: s.taxons.size,
      prototypes: s.prototypes.size,
      optionTypes: s.optionTypes.size,
      optionValues: s.optionValues.size,
      adverts: s.adverts.size,
      variants: s.variants.size,
      orders: s.orders.size,
      invoices: s.invoices.size,
      lineItems: s.lineItems.size,
      shipments: s.shipments.size,
      shipmentCarriers: s.carriers.size,
      refundRequests: s.refundRequests.size,
      remittances: s.remittances.size,
      remittanceAdvices: s.remittanceAdvices.size,
    };
  }
}
