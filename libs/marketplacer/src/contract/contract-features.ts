import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import * as generated from './generated/graphql.js';

/**
 * What the connector does with Marketplacer, feature by feature: the unit the live contract check
 * switches off when a document it needs is refused by the live schema (and back on once it passes).
 * Ids are stable (logs, health, the admin API, sync jobs and webhook types name them).
 */
export const CONTRACT_FEATURES = {
  'adverts.feed': 'Sync job adverts: the adverts change feed, Marketplacer-side changes of listed adverts reported to ANYMARKET',
  'listings.publish':
    'sendProduct, deletePublication and listing resync: adverts created, updated, published or withdrawn, and the outcome reported to ANYMARKET',
  'listings.lookup': "GET /product/{partnerId}: the seller's advert with that SKU, read from Marketplacer",
  'listings.admin': 'Listings admin: enrich an advert by hand (title, description, images, attributes)',
  'listings.vetting':
    "Listings admin: an advert vetted by hand with Marketplacer's own vetting mutations (approve, reject with a reason), and a rejected advert sent again by the seller resubmitted for vetting",
  'listings.reconciliation':
    "Sync job listings-reconciliation: each linked seller's adverts (advertsWhere, deleted ones read by id) compared with its listings, drift reported to ANYMARKET",
  'taxonomy.copy':
    'Sync job taxonomy: the copy of brands, taxons and prototypes the categorization remotes answer from (OptionType/OptionValue webhooks run it)',
  'taxonomy.admin': 'Taxonomy admin: taxons, prototypes, option types and values created or updated in Marketplacer',
  'orders.feed': 'Sync job invoices: each invoice of a linked seller becomes an ANYMARKET order and is kept in step',
  'orders.import': "/forceImportOrders: a seller's invoices since a date imported as orders",
  'orders.remotes': '/order/force/{id} and GET /order/{id}: the invoice read afresh from Marketplacer',
  'orders.updates': "updateOrderStatusInMarketPlace: an order's status set in ANYMARKET read back and applied to its invoice",
  'orders.cancel': 'An order CANCELED in ANYMARKET: a refund request for its unshipped lines (and its refund with ORDER_CANCEL_REFUND=refund)',
  'orders.line-totals': "Per-line totals including the line's postage, shown to operators",
  'refunds.feed': 'Sync job refund-requests: whole-invoice refunds cancel the order',
  'shipments.create': "ANYMARKET's tracking (SHIPPED) made a Marketplacer shipment, its carrier mapped onto Marketplacer's carriers",
  'shipments.carriers': "Shipments admin: the copy of Marketplacer's shipment carriers",
  'operator.orders': "Marketplacer orders admin: a storefront's order created (once per externalId) and updated",
  'operator.refunds': 'Marketplacer refund requests admin: listed, changes, created and every step',
  'sellers.feed': 'Sync job sellers: the seller directory (who may trade) read from the sellers change feed',
  'sellers.lookup': 'A seller read from Marketplacer: activation while the directory is stale, seller links, the admin refresh, onboarding',
  'sellers.onboarding': 'Sellers admin: sellerCreate and its seller link, once per requestId',
  'sellers.admin': 'Sellers admin: sellerUpdate and sellerSearch',
  'remittances.copy': "Sync job remittances: the copy of Marketplacer's remittances",
  'remittance-advices.copy': "Sync job remittance-advices: the copy of Marketplacer's remittance advices",
  'remittances.admin': 'Remittances admin: remittancesRelease and remittanceAdviceUpdate',
  'webhooks.adverts': "Advert and Variant webhooks: the advert re-read and its listings' change reported to ANYMARKET at once",
  'webhooks.orders': 'Invoice and Shipment webhooks: the invoice re-read and its order brought up to date at once',
  'webhooks.refund-requests': 'RefundRequest webhooks: the request re-read and kept on its order at once',
  'webhooks.sellers': 'Seller webhooks: the seller re-read into the seller directory at once',
  'webhooks.remittance-advices': 'RemittanceAdvice webhooks: the advice re-read into the remittance copy at once',
  'contract.webhooks': "The contract check's webhooks section: the operator's webhooks read, and repaired on request",
  'contract.principal': 'Who the API key belongs to, shown in the contract report',
} as const satisfies Record<string, string>;

export type ContractFeatureId = keyof typeof CONTRACT_FEATURES;

/** What one operation document is needed for. */
export interface DocumentNeeds {
  features: readonly ContractFeatureId[];
  /**
   * An optional detail: read apart from the feed it belongs to, and left out (never failing the feed)
   * when the live schema refuses it.
   */
  detail?: true;
}

/**
 * Every operation document the connector can send (by operation name) → the features that need it.
 * contract-features.spec.ts fails when a `*Document` of the generated contract has no entry here.
 */
export const DOCUMENT_FEATURES: Readonly<Record<string, DocumentNeeds>> = {
  // Catalogue (ApolloMarketplacerCatalog)
  AdvertsUpdatedSince: { features: ['adverts.feed'] },
  AdvertsByIds: { features: ['adverts.feed', 'listings.lookup', 'listings.admin'] },
  AdvertsWhere: { features: ['listings.lookup', 'listings.reconciliation'] },
  AdvertById: { features: ['webhooks.adverts', 'listings.reconciliation'] },
  AdvertsByExternalId: { features: ['listings.publish'] },
  AdvertUpsert: { features: ['listings.publish', 'listings.admin'] },
  AdvertPublishedUpdate: { features: ['listings.publish', 'listings.vetting'] },
  AdvertVettingApprove: { features: ['listings.vetting'] },
  AdvertVettingReject: { features: ['listings.vetting'] },
  AdvertVettingResubmit: { features: ['listings.vetting'] },
  // Taxonomy (ApolloMarketplacerTaxonomy)
  Brands: { features: ['taxonomy.copy'] },
  Taxons: { features: ['taxonomy.copy'] },
  PrototypesWithOptions: { features: ['taxonomy.copy'] },
  TaxonCreateOrUpdate: { features: ['taxonomy.admin'] },
  PrototypeCreateOrUpdate: { features: ['taxonomy.admin'] },
  OptionTypeCreateOrUpdate: { features: ['taxonomy.admin'] },
  OptionValueCreateOrUpdate: { features: ['taxonomy.admin'] },
  // Orders (ApolloMarketplacerOrders)
  InvoicesUpdatedSince: { features: ['orders.feed'] },
  InvoicesWhere: { features: ['orders.import'] },
  InvoiceById: { features: ['orders.remotes', 'orders.updates', 'webhooks.orders'] },
  InvoiceLineTotals: { features: ['orders.line-totals'], detail: true },
  ShipmentInvoice: { features: ['webhooks.orders'] },
  RefundRequestsUpdatedSince: { features: ['refunds.feed', 'operator.refunds'] },
  RefundRequestById: { features: ['webhooks.refund-requests'] },
  // Fulfilment (ApolloMarketplacerFulfilment)
  ShipmentCarriers: { features: ['shipments.create', 'shipments.carriers'] },
  ShipmentCreate: { features: ['shipments.create'] },
  RefundRequestCreate: { features: ['orders.cancel', 'operator.refunds'] },
  RefundRequestsByExternalId: { features: ['orders.cancel', 'operator.refunds'] },
  RefundRequestLineItemAccept: { features: ['orders.cancel', 'operator.refunds'] },
  RefundRequestRefund: { features: ['orders.cancel', 'operator.refunds'] },
  RefundRequests: { features: ['operator.refunds'] },
  RefundRequestReturn: { features: ['operator.refunds'] },
  RefundRequestDeny: { features: ['operator.refunds'] },
  RefundRequestLineItemReturn: { features: ['operator.refunds'] },
  RefundRequestLineItemDeny: { features: ['operator.refunds'] },
  OrderCreate: { features: ['operator.orders'] },
  OrdersByExternalId: { features: ['operator.orders'] },
  OrderUpdate: { features: ['operator.orders'] },
  // Sellers (ApolloMarketplacerSellers)
  SellersUpdatedSince: { features: ['sellers.feed', 'sellers.onboarding'] },
  SellerById: { features: ['sellers.lookup', 'webhooks.sellers'] },
  SellerCreate: { features: ['sellers.onboarding'] },
  SellerUpdate: { features: ['sellers.admin'] },
  SellerSearch: { features: ['sellers.admin'] },
  // Remittances (ApolloMarketplacerRemittances)
  Remittances: { features: ['remittances.copy'] },
  RemittanceAdvices: { features: ['remittance-advices.copy'] },
  RemittanceAdviceById: { features: ['webhooks.remittance-advices'] },
  RemittancesRelease: { features: ['remittances.admin'] },
  RemittanceAdviceUpdate: { features: ['remittances.admin'] },
  // Webhooks (ApolloMarketplacerWebhooks) and the check itself
  Webhooks: { features: ['contract.webhooks'] },
  WebhookCreate: { features: ['contract.webhooks'] },
  WebhookUpdate: { features: ['contract.webhooks'] },
  ApiKeyPrincipal: { features: ['contract.principal'] },
};

/**
 * The feature whose documents a webhook of this type (`__typename` of the delivery) re-reads; taxonomy
 * webhooks run the taxonomy job. A type not listed needs no document.
 */
export const WEBHOOK_TYPE_FEATURES: Readonly<Record<string, ContractFeatureId>> = {
  Advert: 'webhooks.adverts',
  Variant: 'webhooks.adverts',
  Invoice: 'webhooks.orders',
  Shipment: 'webhooks.orders',
  RefundRequest: 'webhooks.refund-requests',
  Seller: 'webhooks.sellers',
  RemittanceAdvice: 'webhooks.remittance-advices',
  OptionType: 'taxonomy.copy',
  OptionValue: 'taxonomy.copy',
  Taxon: 'taxonomy.copy',
  Prototype: 'taxonomy.copy',
};

/** One operation document of the generated contract, with what needs it. */
export interface ContractDocument {
  /** The operation's name (`InvoicesUpdatedSince`): the name the contract status and the reports use. */
  operation: string;
  kind: 'query' | 'mutation';
  document: DocumentNode;
  features: readonly ContractFeatureId[];
  detail: boolean;
}

/** The operation definition of a document (the generated documents hold one, plus their fragments). */
export function operationOf(document: DocumentNode): OperationDefinitionNode | undefined {
  return document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
}

/**
 * Every `*Document` export of generated/graphql.ts, collected from the module itself so that a new
 * document cannot be left out of the check; each with its features (none when DOCUMENT_FEATURES has no
 * entry: the spec fails on that).
 */
export function contractDocuments(source: Record<string, unknown> = generated): ContractDocument[] {
  const documents: ContractDocument[] = [];
  for (const [exportName, value] of Object.entries(source)) {
    if (!exportName.endsWith('Document') || !isDocumentNode(value)) continue;
    const operation = operationOf(value);
    if (!operation?.name || operation.operation === 'subscription') continue;
    const needs = DOCUMENT_FEATURES[operation.name.value];
    documents.push({
      operation: operation.name.value,
      kind: operation.operation,
      document: value,
      features: needs?.features ?? [],
      detail: needs?.detail === true,
    });
  }
  return documents.sort((a, b) => a.operation.localeCompare(b.operation));
}

/** The features that need `operation` (none for an unknown name). */
export function featuresOfDocument(operation: string): readonly ContractFeatureId[] {
  return DOCUMENT_FEATURES[operation]?.features ?? [];
}

/** The documents `feature` needs. */
export function documentsOfFeature(feature: string): string[] {
  return Object.entries(DOCUMENT_FEATURES)
    .filter(([, needs]) => (needs.features as readonly string[]).includes(feature))
    .map(([operation]) => operation);
}

export function isContractFeature(feature: string): feature is ContractFeatureId {
  return Object.hasOwn(CONTRACT_FEATURES, feature);
}

function isDocumentNode(value: unknown): value is DocumentNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === Kind.DOCUMENT;
}
