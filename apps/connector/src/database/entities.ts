import { AnymarketAccountEntity } from '../accounts/entities/anymarket-account.entity.js';
import { SellerLinkEntity } from '../accounts/entities/seller-link.entity.js';
import { AdminAuditEventEntity } from '../audit/entities/admin-audit-event.entity.js';
import { TaxonomyEntryEntity } from '../categorization/entities/taxonomy-entry.entity.js';
import { ListingEntity } from '../products/entities/listing.entity.js';
import { OrderEventEntity } from '../orders/entities/order-event.entity.js';
import { OrderUpdateEntity } from '../orders/anymarket-changes/order-update.entity.js';
import { CarrierMappingEntity } from '../shipments/entities/carrier-mapping.entity.js';
import { MarketplacerCarrierEntity } from '../shipments/entities/marketplacer-carrier.entity.js';
import { ShipmentEntity } from '../shipments/entities/shipment.entity.js';
import { OrderEntity } from '../orders/entities/order.entity.js';
import { MarketplacerSellerEntity } from '../sellers/entities/marketplacer-seller.entity.js';
import { SellerOnboardingEntity } from '../sellers/entities/seller-onboarding.entity.js';
import { SellerRemittanceAdviceEntity } from '../sellers/entities/seller-remittance-advice.entity.js';
import { SellerRemittanceEntity } from '../sellers/entities/seller-remittance.entity.js';
import { WebhookEventEntity } from '../webhooks/entities/webhook-event.entity.js';
import { SyncRunEntity } from '../sync/entities/sync-run.entity.js';
import { SyncStateEntity } from '../sync/entities/sync-state.entity.js';
import { WorkJobEntity } from '../work/entities/work-job.entity.js';

/** Every entity of every context, for the data source. */
export const connectorEntities = [
  AdminAuditEventEntity,
  SellerLinkEntity,
  AnymarketAccountEntity,
  SyncStateEntity,
  SyncRunEntity,
  TaxonomyEntryEntity,
  ListingEntity,
  OrderEntity,
  OrderEventEntity,
  OrderUpdateEntity,
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
