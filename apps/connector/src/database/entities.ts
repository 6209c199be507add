import { AnymarketAccountEntity, SellerLinkEntity } from '../accounts/index.js';
import { AdminAuditEventEntity } from '../audit/index.js';
import { TaxonomyEntryEntity } from '../categorization/index.js';
import { ListingEntity, ListingReconciliationEntity } from '../products/index.js';
import { OrderEventEntity, OrderReconciliationEntity, OrderReconciliationFindingEntity, OrderUpdateEntity, OrderEntity } from '../orders/index.js';
import { CarrierMappingEntity, MarketplacerCarrierEntity, ShipmentEntity } from '../shipments/index.js';
import { MarketplacerSellerEntity, SellerOnboardingEntity, SellerRemittanceAdviceEntity, SellerRemittanceEntity } from '../sellers/index.js';
import { WebhookEventEntity } from '../webhooks/index.js';
import { SyncRunEntity, SyncStateEntity } from '../sync/index.js';
import { WorkJobEntity } from '../work/index.js';

/** Every entity of every context, for the data source. */
export const connectorEntities = [
  AdminAuditEventEntity,
  SellerLinkEntity,
  AnymarketAccountEntity,
  SyncStateEntity,
  SyncRunEntity,
  TaxonomyEntryEntity,
  ListingEntity,
  ListingReconciliationEntity,
  OrderEntity,
  OrderEventEntity,
  OrderUpdateEntity,
  OrderReconciliationEntity,
  OrderReconciliationFindingEntity,
  MarketplacerCarrierEntity,
  CarrierMappingEntity,
  ShipmentEntity,
  MarketplacerSellerEntity,
  SellerOnboardingEntity,
  SellerRemittanceEntity,
  SellerRemittanceAdviceEntity,
  WebhookEventEntity,
  WorkJobEntity,
];
