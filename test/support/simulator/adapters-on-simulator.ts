import type { MarketplacerFulfilment, MarketplacerOrders, MarketplacerRemittances, MarketplacerSellers } from '#marketplacer';
import { ApolloMarketplacerFulfilment } from '../../../libs/marketplacer/src/adapters/apollo-marketplacer-fulfilment.js';
import { ApolloMarketplacerOrders } from '../../../libs/marketplacer/src/adapters/apollo-marketplacer-orders.js';
import { ApolloMarketplacerRemittances } from '../../../libs/marketplacer/src/adapters/apollo-marketplacer-remittances.js';
import { ApolloMarketplacerSellers } from '../../../libs/marketplacer/src/adapters/apollo-marketplacer-sellers.js';
import { MarketplacerClient } from '../../../libs/marketplacer/src/client/marketplacer-client.js';
import { MarketplacerContractStatus } from '../../../libs/marketplacer/src/contract/contract-status.js';
import { FakeTiming, testConnection } from '../../../libs/marketplacer/src/testing/index.js';
import type { FaultSettings } from '../../../apps/simulator/src/marketplacer/http/fault-injector.js';
import { SimulatedMarketplacer } from '../../../apps/simulator/src/marketplacer/simulated-marketplacer.js';
import { isDisplayable } from '../../../apps/simulator/src/marketplacer/state/derived.js';
import type { MarketplacerState } from '../../../apps/simulator/src/marketplacer/state/marketplacer-state.js';
import type { VariantRecord } from '../../../apps/simulator/src/marketplacer/state/records.js';
import { SimulatorHarness } from './simulator-harness.js';

/** Attempts per request: enough for the tests to show which calls are repeated and which are not. */
export const MAX_ATTEMPTS = 3;

/**
 * The library's real Marketplacer client and Apollo adapters on the simulator booted in-process: the
 * one model of Marketplacer for tests of the adapters and of the services above them. No waiting
 * between attempts (FakeTiming).
 */
export class AdaptersOnSimulator {
  private constructor(
    readonly sim: SimulatorHarness,
    private readonly client: MarketplacerClient,
    readonly fulfilment: MarketplacerFulfilment,
    readonly orders: MarketplacerOrders,
    readonly sellers: MarketplacerSellers,
    readonly remittances: MarketplacerRemittances,
  ) {}

  static async start(): Promise<AdaptersOnSimulator> {
    const sim = await SimulatorHarness.start();
    const client = new MarketplacerClient(testConnection(`${sim.baseUrl}/graphql`, { maxAttempts: MAX_ATTEMPTS }), {
      timing: new FakeTiming(),
      logger: { warn: () => undefined },
    });
    return new AdaptersOnSimulator(
      sim,
      client,
      new ApolloMarketplacerFulfilment(client),
      new ApolloMarketplacerOrders(client, new MarketplacerContractStatus()),
      new ApolloMarketplacerSellers(client),
      new ApolloMarketplacerRemittances(client),
    );
  }

  async stop(): Promise<void> {
    this.client.stop();
    await this.sim.stop();
  }

  /** The simulated instance's records, to check what a call made. */
  get state(): MarketplacerState {
    return this.sim.app.get(SimulatedMarketplacer).state;
  }

  /** A fresh seed, no faults, an empty request log. */
  async reset(): Promise<void> {
    await this.controlled('POST', '/reset', {});
  }

  /** Replaces the fault settings (what is left out is off). */
  async setFaults(faults: Partial<FaultSettings>): Promise<void> {
    await this.controlled('PUT', '/faults', faults);
  }

  /** How many requests of the operation reached the simulator since the last reset. */
  async requestsOf(operationName: string): Promise<number> {
    const log = await this.controlled<{ byOperation: Record<string, number> }>('GET', '/requests?limit=0');
    return log.byOperation[operationName] ?? 0;
  }

  /** Sellable variants with finite stock (at least 5), of two different sellers. */
  variantsOfTwoSellers(): [VariantRecord, VariantRecord] {
    const sellable = [...this.state.variants.values()].filter((v) => isDisplayable(v.advert) && v.published && !v.infiniteQuantity && v.countOnHand >= 5);
    const other = sellable.find((v) => v.advert.sellerId !== sellable[0]?.advert.sellerId);
    if (!other) throw new Error('the seed has no sellable variants of two sellers');
    return [sellable[0], other];
  }

  private async controlled<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.sim.control<T>(method, path, body);
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}
