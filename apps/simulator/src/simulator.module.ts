import { type DynamicModule, Module } from '@nestjs/common';
import { AdminCredential, CoreModule } from '#common';
import { AnymarketSimulatorModule } from './anymarket/anymarket-simulator.module.js';
import type { SimulatorConfig } from './config/simulator.config.js';
import { DemoCatalogueLink } from './demo-catalogue-link.js';
import { SimulatorHealthController } from './health/simulator-health.controller.js';
import { MarketplacerSimulatorModule } from './marketplacer/marketplacer-simulator.module.js';

/**
 * Stand-ins for both remote systems: Marketplacer's Operator API (GraphQL) and ANYMARKET's
 * marketplace API (REST), each in its own module. State is in memory; nothing is persisted.
 */
@Module({})
export class SimulatorModule {
  static forRoot(config: SimulatorConfig): DynamicModule {
    // The simulator has no admin routes; the core's access guard still needs a credential to exist.
    const { credential } = AdminCredential.fromConfig(undefined);
    return {
      module: SimulatorModule,
      imports: [CoreModule.forRoot({ config, adminCredential: credential }), AnymarketSimulatorModule, MarketplacerSimulatorModule],
      controllers: [SimulatorHealthController],
      providers: [DemoCatalogueLink],
    };
  }
}
