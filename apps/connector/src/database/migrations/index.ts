import { CreateAdminAuditEvent1763800000000 } from './1763800000000-create-admin-audit-event.js';
import { CreateSyncTables1763900000000 } from './1763900000000-create-sync-tables.js';
import { CreateAccounts1764000000000 } from './1764000000000-create-accounts.js';
import { CreateTaxonomyEntry1764100000000 } from './1764100000000-create-taxonomy-entry.js';
import { CreateResourceLease1764300000000 } from './1764300000000-create-resource-lease.js';
import { CreateListing1764200000000 } from './1764200000000-create-listing.js';
import { AddListingAdvertTracking1764400000000 } from './1764400000000-add-listing-advert-tracking.js';
import { OneAdvertsFeedPerMarketplace1764700000000 } from './1764700000000-one-adverts-feed-per-marketplace.js';
import { ListingWorkOnTheWorkQueue1764500000000 } from './1764500000000-listing-work-on-the-work-queue.js';
import { CreateOrders1764800000000 } from './1764800000000-create-orders.js';
import { OrdersBackFromAnymarket1764900000000 } from './1764900000000-orders-back-from-anymarket.js';
import { SellerDirectory1765000000000 } from './1765000000000-seller-directory.js';
import { CreateRemittances1765000000001 } from './1765000000001-create-remittances.js';
import { CreateWebhookEvents1765100000000 } from './1765100000000-create-webhook-events.js';
import { WebhookBodyEncoding1765200000000 } from './1765200000000-webhook-body-encoding.js';
import { CreateWorkJobs1765300000000 } from './1765300000000-create-work-jobs.js';
import { TraceContextWithQueuedWork1765400000000 } from './1765400000000-trace-context-with-queued-work.js';
import { OrderTrackingUpdates1765500000000 } from './1765500000000-order-tracking-updates.js';
import { CreateListingReconciliation1765520000000 } from './1765520000000-create-listing-reconciliation.js';
import { OrdersReconciliation1765530000000 } from './1765530000000-orders-reconciliation.js';
import { ListingByAdvert1765540000000 } from './1765540000000-listing-by-advert.js';

/** Every committed migration, oldest first. A new entity or column adds one here. */
export const connectorMigrations = [
  CreateAdminAuditEvent1763800000000,
  CreateSyncTables1763900000000,
  CreateAccounts1764000000000,
  CreateTaxonomyEntry1764100000000,
  CreateListing1764200000000,
  CreateResourceLease1764300000000,
  AddListingAdvertTracking1764400000000,
  ListingWorkOnTheWorkQueue1764500000000,
  OneAdvertsFeedPerMarketplace1764700000000,
  CreateOrders1764800000000,
  OrdersBackFromAnymarket1764900000000,
  SellerDirectory1765000000000,
  CreateRemittances1765000000001,
  CreateWebhookEvents1765100000000,
  WebhookBodyEncoding1765200000000,
  CreateWorkJobs1765300000000,
  TraceContextWithQueuedWork1765400000000,
  OrderTrackingUpdates1765500000000,
  CreateListingReconciliation1765520000000,
  OrdersReconciliation1765530000000,
  ListingByAdvert1765540000000,
];
