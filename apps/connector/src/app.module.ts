import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { type AdminCredential, CoreModule, TracingModule } from '#common';
import { AnymarketModule } from '#anymarket';
import { MarketplacerModule } from '#marketplacer';
import { AccountsModule } from './accounts/index.js';
import { AuditModule } from './audit/index.js';
import { BackgroundWorkModule } from './background-work.js';
import { CategorizationModule } from './categorization/index.js';
import { ConsoleModule } from './console/index.js';
import type { ConnectorConfig } from './config/connector.config.js';
import { connectorEntities } from './database/entities.js';
import { connectorMigrations } from './database/migrations/index.js';
import { CONNECTOR_VERSION } from './version.js';
import { MarketplacerOperatorModule } from './marketplacer-operator/index.js';
import { OrdersModule } from './orders/index.js';
import { SellersModule } from './sellers/index.js';
import { ShipmentsModule } from './shipments/index.js';
import { ProductsModule } from './products/index.js';
import { SyncModule } from './sync/index.js';
import { SystemModule } from './system/index.js';
import { WebhooksModule } from './webhooks/index.js';
import { WorkModule } from './work/index.js';

export interface AppModuleOptions {
  /** False for a one-shot command (`npm run doctor`): no WorkQueue workers, no scheduled runs. Default true. */
  runsBackgroundWork?: boolean;
}

/** Composition only: the shared core, then one module per bounded context. */
@Module({})
export class AppModule {
  /** `extraModules` lets tests add probe routes beside the real ones; production passes none. */
  static forRoot(config: ConnectorConfig, adminCredential: AdminCredential, extraModules: Type[] = [], options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({
          config,
          adminCredential,
          database: { settings: config, entities: connectorEntities, migrations: connectorMigrations },
          // ADR 0026; a one-shot command (doctor) exits before any burst is over.
          giveBackHeapAfterBursts: options.runsBackgroundWork ?? true,
          // A one-shot command (doctor) opens no metrics port: the running connector may hold it.
          metrics: {
            enabled: config.metricsEnabled,
            port: config.metricsPort !== undefined && (options.runsBackgroundWork ?? true) ? { port: config.metricsPort, host: config.host } : undefined,
          },
        }),
        TracingModule.forRoot({ ...config, serviceVersion: CONNECTOR_VERSION }),
        ScheduleModule.forRoot(),
        BackgroundWorkModule.forRoot(options.runsBackgroundWork ?? true),
        // First of the contexts: Express tries routes in the order they were registered, for every request,
        // and Marketplacer's deliveries are the connector's busiest route (ahead of ~100 admin and remote routes).
        WebhooksModule,
        WorkModule,
        MarketplacerModule,
        AnymarketModule,
        AuditModule,
        AccountsModule,
        SystemModule,
        SyncModule,
        CategorizationModule,
        ProductsModule,
        OrdersModule,
        MarketplacerOperatorModule,
        ShipmentsModule,
        SellersModule,
        ConsoleModule,
        ...extraModules,
      ],
    };
  }
}
