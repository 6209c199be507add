import { Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import type { GraphQLSchema } from 'graphql';
import { APP_CONFIG } from '#common';
import { MarketplacerControlController } from './control/marketplacer-control.controller.js';
import { MarketplacerControlService } from './control/marketplacer-control.service.js';
import { MarketplacerEditsController } from './control/marketplacer-edits.controller.js';
import { MarketplacerWebhooksController } from './control/marketplacer-webhooks.controller.js';
import { loadContractSchema } from './graphql/contract-schema.js';
import { GraphqlExecutor } from './graphql/graphql-executor.js';
import { FaultInjector } from './http/fault-injector.js';
import { MarketplacerGraphqlController } from './http/marketplacer-graphql.controller.js';
import { MarketplacerGraphqlEndpoint } from './http/marketplacer-graphql.endpoint.js';
import { SlidingWindowRateLimiter } from './http/rate-limiter.js';
import { RequestLog } from './http/request-log.js';
import type { MarketplacerSimulatorConfig } from './marketplacer-simulator.config.js';
import { SimulatedMarketplacer } from './simulated-marketplacer.js';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js';
import { WebhookPayloadBuilder } from './webhooks/webhook-payloads.js';

export { DEMO_MARKETPLACER_API_KEY } from './marketplacer-simulator.config.js';

const CONTRACT_SCHEMA = Symbol('MarketplacerContractSchema');

/** Stops webhook retry timers on shutdown so the process (and Jest) can exit. */
@Injectable()
class WebhookShutdown implements OnModuleDestroy {
  constructor(private readonly webhooks: WebhookDispatcher) {}

  onModuleDestroy(): void {
    this.webhooks.stop();
  }
}

/**
 * A stateful stand-in for Marketplacer's Operator API: POST /graphql on the connector's contract
 * schema (API key, rate limit, Relay paging, mutations with payload errors), webhooks in Marketplacer's
 * format, and the /_control/marketplacer API for tests and demos.
 */
@Module({
  controllers: [MarketplacerGraphqlController, MarketplacerControlController, MarketplacerEditsController, MarketplacerWebhooksController],
  providers: [
    SimulatedMarketplacer,
    MarketplacerGraphqlEndpoint,
    MarketplacerControlService,
    WebhookShutdown,
    { provide: CONTRACT_SCHEMA, useFactory: () => loadContractSchema() },
    { provide: GraphqlExecutor, useFactory: (schema: GraphQLSchema) => new GraphqlExecutor(schema), inject: [CONTRACT_SCHEMA] },
    { provide: FaultInjector, useFactory: () => new FaultInjector() },
    { provide: RequestLog, useFactory: () => new RequestLog() },
    {
      provide: SlidingWindowRateLimiter,
      useFactory: (config: MarketplacerSimulatorConfig) => new SlidingWindowRateLimiter(config.marketplacerRateLimit, config.marketplacerRateWindowMs),
      inject: [APP_CONFIG],
    },
    {
      provide: WebhookDispatcher,
      useFactory: (config: MarketplacerSimulatorConfig, schema: GraphQLSchema, simulated: SimulatedMarketplacer) => {
        const payloads = new WebhookPayloadBuilder(schema, () => simulated.state);
        const dispatcher = new WebhookDispatcher(
          {
            url: config.webhookUrl,
            hmacKey: config.webhookHmacKey,
            vertical: config.webhookVertical,
            maxRetries: config.webhookMaxRetries,
            retryBaseMs: config.webhookRetryBaseMs,
          },
          (event) => payloads.build(event),
        );
        simulated.onChange((event) => dispatcher.publish(event));
        return dispatcher;
      },
      inject: [APP_CONFIG, CONTRACT_SCHEMA, SimulatedMarketplacer],
    },
  ],
  exports: [SimulatedMarketplacer],
})
export class MarketplacerSimulatorModule {}
