import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { AnymarketApiGate } from './anymarket-api.gate.js';
import { AnymarketControlController } from './anymarket-control.controller.js';
import { ANYMARKET_SIMULATOR_SETTINGS, resolveAnymarketSimulatorSettings } from './anymarket-simulator.config.js';
import { AnymarketSimulatorState } from './anymarket-simulator.state.js';
import { SimulatedAnymarketApiController } from './simulated-anymarket-api.controller.js';
import { SimulatedCatalog } from './simulated-catalog.service.js';
import { SimulatedOrders } from './simulated-orders.service.js';

/**
 * The simulator's ANYMARKET half: the marketplace API under /anymarket/marketplace/api and its
 * control API under /_control/anymarket. State is in memory.
 */
@Module({
  controllers: [SimulatedAnymarketApiController, AnymarketControlController],
  providers: [
    { provide: ANYMARKET_SIMULATOR_SETTINGS, useFactory: (config: object) => resolveAnymarketSimulatorSettings(config), inject: [APP_CONFIG] },
    AnymarketSimulatorState,
    SimulatedCatalog,
    SimulatedOrders,
  ],
  exports: [AnymarketSimulatorState],
})
export class AnymarketSimulatorModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AnymarketApiGate).forRoutes(SimulatedAnymarketApiController);
  }
}
