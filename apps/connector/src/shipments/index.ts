// What other contexts and the composition floor may use of shipments (ADR 0018): everything else in this folder is internal.
export { ShipmentDto } from './dto/shipment-admin.dto.js';
export { CarrierMappingEntity } from './entities/carrier-mapping.entity.js';
export { MarketplacerCarrierEntity } from './entities/marketplacer-carrier.entity.js';
export { ShipmentEntity } from './entities/shipment.entity.js';
export { ShipmentDispatcher } from './shipment-dispatcher.js';
export { ShipmentsAdminService } from './shipments-admin.service.js';
export { shipmentsConfigShape } from './shipments.config.js';
export { ShipmentsModule } from './shipments.module.js';
export { openLinesOf, shippedQuantitiesOf, unshippedItemsOf } from './unshipped-lines.js';
