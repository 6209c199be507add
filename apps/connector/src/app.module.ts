import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { type AdminCredential, CoreModule } from '#common';
import { AnymarketModule } from '#anymarket';
import { MarketplacerModule } from '#marketplacer';
import { AccountsModule } from './accounts/accounts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { BackgroundWorkModule } from './background-work.js';
import { CategorizationModule } from './categorization/categorization.module.js';
import type { ConnectorConfig } from './config/connector.config.js';
import { connectorEntities } from './database/entities.js';
import { connectorMigrations } from './database/migrations/index.js';
import { MarketplacerOperatorModule } from './marketplacer-operator/marketplacer-operator.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { SellersModule } from './sellers/sellers.module.js';
import { ShipmentsModule } from './shipments/shipments.module.js';
import { ProductsModule } from './products/products.module.js';
import { SyncModule } from './sync/sync.module.js';
import { SystemModule } from './system/system.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { WorkModule } from './work/work.module.js';

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
        }),
        ScheduleModule.forRoot(),
        BackgroundWorkModule.forRoot(options.runsBackgroundWork ?? true),
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
        WebhooksModule,
        ...extraModules,
      ],
    };
  }
}
