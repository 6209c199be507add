import { Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { MarketplacerControlController } from './control/marketplacer-control.controller.js';
import { MarketplacerControlService } from './control/marketplacer-control.service.js';
import { MarketplacerEditsController } from './control/marketplacer-edits.controller.js';
import { MarketplacerSchemaController } from './control/marketplacer-schema.controller.js';
import { MarketplacerWebhooksController } from './control/marketplacer-webhooks.controller.js';
import { ServedSchema } from './graphql/contract-schema.js';
import { GraphqlExecutor } from './graphql/graphql-executor.js';
import { FaultInjector } from './http/fault-injector.js';
import { MarketplacerGraphqlController } from './http/marketplacer-graphql.controller.js';
import { MarketplacerGraphqlEndpoint } from './http/marketplacer-graphql.endpoint.js';
import { SlidingWindowRateLimiter } from './http/rate-limiter.js';
import { RequestLog } from './http/request-log.js';
import type { MarketplacerSimulatorConfig } from './marketplacer-simulator.config.js';
import { SimulatedMarketplacer } from './simulated-marketplacer.js';
import { fetchWebhookSender, WebhookDispatcher } from './webhooks/webhook-dispatcher.js';
import { WebhookPayloadBuilder } from './webhooks/webhook-payloads.js';

export { DEMO_MARKETPLACER_API_KEY } from './marketplacer-simulator.config.js';

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
  controllers: [
    MarketplacerGraphqlController,
    MarketplacerControlController,
    MarketplacerEditsController,
    MarketplacerWebhooksController,
    MarketplacerSchemaController,
  ],
  providers: [
    SimulatedMarketplacer,
    MarketplacerGraphqlEndpoint,
    MarketplacerControlService,
    WebhookShutdown,
    {
      provide: ServedSchema,
      useFactory: (config: MarketplacerSimulatorConfig) => ServedSchema.load(config.marketplacerSchemaDrop),
      inject: [APP_CONFIG],
    },
    { provide: GraphqlExecutor, useFactory: (served: ServedSchema) => new GraphqlExecutor(() => served.current), inject: [ServedSchema] },
    { provide: FaultInjector, useFactory: () => new FaultInjector() },
    { provide: RequestLog, useFactory: () => new RequestLog() },
    {
      provide: SlidingWindowRateLimiter,
      useFactory: (config: MarketplacerSimulatorConfig) => new SlidingWindowRateLimiter(config.marketplacerRateLimit, config.marketplacerRateWindowMs),
      inject: [APP_CONFIG],
    },
    {
      provide: WebhookDispatcher,
      useFactory: (config: MarketplacerSimulatorConfig, served: ServedSchema, simulated: SimulatedMarketplacer) => {
        const payloads = new WebhookPayloadBuilder(
          () => served.current,
          () => simulated.state,
        );
        const dispatcher = new WebhookDispatcher(
          {
            url: config.webhookUrl,
            hmacKey: config.webhookHmacKey,
            vertical: config.webhookVertical,
            maxRetries: config.webhookMaxRetries,
            retryBaseMs: config.webhookRetryBaseMs,
          },
          (event, queryString) => payloads.build(event, queryString),
          fetchWebhookSender,
          () => simulated.state.webhooks,
        );
        simulated.onChange((event) => dispatcher.publish(event));
        simulated.onReset(() => dispatcher.registerConfigured());
        return dispatcher;
      },
      inject: [APP_CONFIG, ServedSchema, SimulatedMarketplacer],
    },
  ],
  exports: [SimulatedMarketplacer],
})
export class MarketplacerSimulatorModule {}
