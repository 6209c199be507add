import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  APP_CONFIG,
  type SlidingRemoteBudget,
  MarketplacerWebhookVerifier,
  REMOTE_BUDGET_STORE,
  RemoteActivity,
  RemoteBudgetModule,
  type RemoteBudgetStore,
} from '#common';
import { ApolloMarketplacerCatalog } from './adapters/apollo-marketplacer-catalog.js';
import { ApolloMarketplacerFulfilment } from './adapters/apollo-marketplacer-fulfilment.js';
import { ApolloMarketplacerOrders } from './adapters/apollo-marketplacer-orders.js';
import { ApolloMarketplacerRemittances } from './adapters/apollo-marketplacer-remittances.js';
import { ApolloMarketplacerSellers } from './adapters/apollo-marketplacer-sellers.js';
import { ApolloMarketplacerTaxonomy } from './adapters/apollo-marketplacer-taxonomy.js';
import { ApolloMarketplacerWebhooks } from './adapters/apollo-marketplacer-webhooks.js';
import { marketplacerBudget } from './client/marketplacer-budget.js';
import { MarketplacerBudgetShares } from './client/marketplacer-budget-shares.js';
import { MarketplacerContractStatus } from './contract/contract-status.js';
import { MarketplacerContractCheck } from './contract-check/marketplacer-contract-check.js';
import { MarketplacerClient } from './client/marketplacer-client.js';
import { type MarketplacerConfig, resolveMarketplacerConnection } from './marketplacer-connection.js';
import { MarketplacerCatalog } from './ports/marketplacer-catalog.port.js';
import { MarketplacerFulfilment } from './ports/marketplacer-fulfilment.port.js';
import { MarketplacerOrders } from './ports/marketplacer-orders.port.js';
import { MarketplacerRemittances } from './ports/marketplacer-remittances.port.js';
import { MarketplacerSellers } from './ports/marketplacer-sellers.port.js';
import { MarketplacerTaxonomy } from './ports/marketplacer-taxonomy.port.js';
import { MarketplacerWebhooks } from './ports/marketplacer-webhooks.port.js';
import { HmacMarketplacerWebhookVerifier } from './webhooks/hmac-webhook-verifier.js';

/** The API key's one budget (the client's, and what background shares yield to). */
const MARKETPLACER_BUDGET = Symbol('MarketplacerBudget');

/** Stops the shared Apollo client when the app shuts down. */
@Injectable()
class MarketplacerClientLifecycle implements OnApplicationShutdown {
  constructor(@Inject(MarketplacerClient) private readonly client: MarketplacerClient) {}

  onApplicationShutdown(): void {
    this.client.stop();
  }
}

/**
 * The Marketplacer Operator API behind ports: one client for the configured instance (or the
 * simulator in demo mode), read from APP_CONFIG, spending the API key's budget in the app's
 * RemoteBudgetStore (Postgres: shared by every replica), the Apollo adapters bound to the port tokens,
 * and the check of its webhooks' signatures (the access guard's MarketplacerWebhookVerifier).
 */
@Global()
@Module({
  imports: [RemoteBudgetModule],
  providers: [
    {
      provide: MARKETPLACER_BUDGET,
      inject: [APP_CONFIG, REMOTE_BUDGET_STORE, { token: RemoteActivity, optional: true }],
      useFactory: (config: MarketplacerConfig, store: RemoteBudgetStore, activity?: RemoteActivity) =>
        marketplacerBudget(resolveMarketplacerConnection(config), store, undefined, activity),
    },
    {
      provide: MarketplacerClient,
      inject: [APP_CONFIG, MARKETPLACER_BUDGET, MarketplacerContractStatus, { token: RemoteActivity, optional: true }],
      useFactory: (config: MarketplacerConfig, budget: SlidingRemoteBudget, contract: MarketplacerContractStatus, activity?: RemoteActivity) =>
        // A document the live schema refuses is not sent: what needs it fails fast (MARKETPLACER_FEATURE_OFF).
        new MarketplacerClient(resolveMarketplacerConnection(config), { budget, contract, activity }),
    },
    {
      provide: MarketplacerBudgetShares,
      inject: [APP_CONFIG, MARKETPLACER_BUDGET, REMOTE_BUDGET_STORE],
      useFactory: (config: MarketplacerConfig, budget: SlidingRemoteBudget, store: RemoteBudgetStore) =>
        new MarketplacerBudgetShares(resolveMarketplacerConnection(config), budget, store),
    },
    MarketplacerClientLifecycle,
    MarketplacerContractStatus,
    MarketplacerContractCheck,
    { provide: MarketplacerSellers, useClass: ApolloMarketplacerSellers },
    { provide: MarketplacerCatalog, useClass: ApolloMarketplacerCatalog },
    { provide: MarketplacerTaxonomy, useClass: ApolloMarketplacerTaxonomy },
    { provide: MarketplacerOrders, useClass: ApolloMarketplacerOrders },
    { provide: MarketplacerFulfilment, useClass: ApolloMarketplacerFulfilment },
    { provide: MarketplacerRemittances, useClass: ApolloMarketplacerRemittances },
    { provide: MarketplacerWebhooks, useClass: ApolloMarketplacerWebhooks },
    HmacMarketplacerWebhookVerifier,
    { provide: MarketplacerWebhookVerifier, useExisting: HmacMarketplacerWebhookVerifier },
  ],
  exports: [
    MarketplacerClient,
    MarketplacerBudgetShares,
    MarketplacerContractStatus,
    MarketplacerContractCheck,
    HmacMarketplacerWebhookVerifier,
    MarketplacerWebhookVerifier,
    MarketplacerSellers,
    MarketplacerCatalog,
    MarketplacerTaxonomy,
    MarketplacerOrders,
    MarketplacerFulfilment,
    MarketplacerRemittances,
    MarketplacerWebhooks,
  ],
})
export class MarketplacerModule {}
