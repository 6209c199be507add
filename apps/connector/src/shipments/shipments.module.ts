import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminShipmentsController } from './admin/admin-shipments.controller.js';
import { CarrierDirectory } from './carrier-directory.js';
import { CarrierMappingEntity } from './entities/carrier-mapping.entity.js';
import { MarketplacerCarrierEntity } from './entities/marketplacer-carrier.entity.js';
import { ShipmentEntity } from './entities/shipment.entity.js';
import { ShipmentDispatcher } from './shipment-dispatcher.js';
import { ShipmentsAdminService } from './shipments-admin.service.js';

/**
 * Shipments: Marketplacer's carriers and the ANYMARKET → Marketplacer carrier map, and the shipments
 * the connector makes in Marketplacer from ANYMARKET's tracking (ShipmentDispatcher, used by Orders).
 * Needs the MarketplacerFulfilment port bound.
 */
@Module({
  imports: [TypeOrmModule.forFeature([MarketplacerCarrierEntity, CarrierMappingEntity, ShipmentEntity])],
  controllers: [AdminShipmentsController],
  providers: [CarrierDirectory, ShipmentDispatcher, ShipmentsAdminService],
  exports: [ShipmentDispatcher, ShipmentsAdminService],
})
export class ShipmentsModule {}
