import { SimulatorClock } from './clock.js';
import type {
  AdvertRecord,
  BrandRecord,
  InvoiceRecord,
  LineItemRecord,
  NodeKind,
  NodeRecord,
  OptionTypeRecord,
  OptionValueRecord,
  OrderRecord,
  PrototypeRecord,
  RefundRequestLineRecord,
  RefundRequestRecord,
  RemittanceAdviceRecord,
  RemittanceRecord,
  SellerRecord,
  ShipmentCarrierRecord,
  ShipmentRecord,
  TaxonRecord,
  VariantRecord,
} from './records.js';
import { WebhookRegistry, type WebhookRecord } from './webhooks.js';

/** Entity types Marketplacer sends webhooks for (the simulator fires them on every state change). */
export type WebhookEntity =
  'Advert' | 'Variant' | 'Seller' | 'Invoice' | 'Shipment' | 'RefundRequest' | 'RemittanceAdvice' | 'OptionType' | 'OptionValue' | 'Taxon';
export type ChangeEventName = 'create' | 'update' | 'destroy';

export interface ChangeEvent {
  entity: WebhookEntity;
  legacyId: number;
  eventName: ChangeEventName;
}

/**
 * First database id per type. Distinct ranges make a client that mixes up ids (an advert id used as a
 * variant id, a legacy id as a global id) fail loudly instead of finding the wrong record.
 */
const FIRST_ID: Record<NodeKind | 'Address' | 'User' | 'Image' | 'ShippedItem' | 'RefundNote', number> = {
  Seller: 1,
  Brand: 1,
  Taxon: 1,
  Prototype: 1,
  OptionType: 1,
  OptionValue: 1,
  Advert: 100_001,
  Variant: 500_001,
  Order: 9_001,
  Invoice: 10_001,
  LineItem: 20_001,
  Shipment: 30_001,
  ShippedItem: 35_001,
  ShipmentCarrier: 1,
  RefundRequest: 40_001,
  RefundRequestLineItem: 45_001,
  RefundNote: 48_001,
  Remittance: 60_001,
  RemittanceAdvice: 70_001,
  Address: 1,
  User: 1,
  Image: 1,
};
export type IdKind = keyof typeof FIRST_ID;

/**
 * The whole simulated instance, in memory. Adverts are also kept in two arrays for paging: by id
 * (creation order) and by (updatedAt, id), which `touchAdvert` keeps sorted in O(log n) + one splice.
 */
export class MarketplacerState {
  readonly sellers = new Map<number, SellerRecord>();
  readonly brands = new Map<number, BrandRecord>();
  readonly taxons = new Map<number, TaxonRecord>();
  readonly prototypes = new Map<number, PrototypeRecord>();
  readonly optionTypes = new Map<number, OptionTypeRecord>();
  readonly optionValues = new Map<number, OptionValueRecord>();
  readonly adverts = new Map<number, AdvertRecord>();
  readonly variants = new Map<number, VariantRecord>();
  readonly orders = new Map<number, OrderRecord>();
  readonly invoices = new Map<number, InvoiceRecord>();
  readonly lineItems = new Map<number, LineItemRecord>();
  readonly shipments = new Map<number, ShipmentRecord>();
  readonly carriers = new Map<number, ShipmentCarrierRecord>();
  readonly refundRequests = new Map<number, RefundRequestRecord>();
  readonly refundLines = new Map<number, RefundRequestLineRecord>();
  readonly remittances = new Map<number, RemittanceRecord>();
  readonly remittanceAdvices = new Map<number, RemittanceAdviceRecord>();
  /** Registered webhooks (webhookCreate, and the simulator's own for its configured URL). */
  readonly webhooks = new WebhookRegistry();

  /** Adverts by ascending id. */
  readonly advertsById: AdvertRecord[] = [];
  /** Adverts by ascending (updatedAt, id): the order of `allAdverts`. */
  readonly advertsByUpdate: AdvertRecord[] = [];

  private readonly nextIds = new Map<IdKind, number>();
  private readonly listeners: ((event: ChangeEvent) => void)[] = [];

  constructor(readonly clock: SimulatorClock = new SimulatorClock()) {}

  nextId(kind: IdKind): number {
    const id = this.nextIds.get(kind) ?? FIRST_ID[kind];
    this.nextIds.set(kind, id + 1);
    return id;
  }

  /** Makes later `nextId(kind)` calls continue after ids the seed assigned itself. */
  reserveIdsUpTo(kind: IdKind, lastUsed: number): void {
    this.nextIds.set(kind, Math.max(this.nextIds.get(kind) ?? FIRST_ID[kind], lastUsed + 1));
  }

  now(): number {
    return this.clock.now();
  }

  onChange(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  emit(entity: WebhookEntity, legacyId: number, eventName: ChangeEventName): void {
    for (const listener of this.listeners) listener({ entity, legacyId, eventName });
  }

  /** Adds an advert whose timestamps are not earlier than every advert already stored (creation, seeding). */
  insertAdvert(advert: AdvertRecord): void {
    this.adverts.set(advert.legacyId, advert);
    this.advertsById.push(advert);
    for (const variant of advert.variants) this.variants.set(variant.legacyId, variant);
    this.advertsByUpdate.splice(this.updateIndexFor(advert.updatedAt, advert.legacyId), 0, advert);
  }

  /** Stamps a change to an advert (or its variants) and keeps the updatedAt order. */
  touchAdvert(advert: AdvertRecord, at = this.now()): void {
    const index = this.updateIndexFor(advert.updatedAt, advert.legacyId);
    if (this.advertsByUpdate[index] === advert) this.advertsByUpdate.splice(index, 1);
    advert.updatedAt = at;
    this.advertsByUpdate.splice(this.updateIndexFor(at, advert.legacyId), 0, advert);
  }

  /** First index in `advertsByUpdate` whose (updatedAt, id) is not below the given key. */
  updateIndexFor(updatedAt: number, legacyId: number): number {
    const list = this.advertsByUpdate;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const item = list[mid];
      if (item.updatedAt < updatedAt || (item.updatedAt === updatedAt && item.legacyId < legacyId)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The record behind a (type, database id) pair, for `node`/`nodes`. */
  find(kind: string, legacyId: number): NodeRecord | WebhookRecord | undefined {
    if (kind === 'Webhook') return this.webhooks.get(legacyId);
    return this.tableOf(kind)?.get(legacyId);
  }

  private tableOf(kind: string): Map<number, NodeRecord> | undefined {
    return (this.tables as Record<string, Map<number, NodeRecord> | undefined>)[kind];
  }

  private readonly tables: Record<NodeKind, Map<number, NodeRecord>> = {
    Seller: this.sellers,
    Brand: this.brands,
    Taxon: this.taxons,
    Prototype: this.prototypes,
    OptionType: this.optionTypes,
    OptionValue: this.optionValues,
    Advert: this.adverts,
    Variant: this.variants,
    Order: this.orders,
    Invoice: this.invoices,
    LineItem: this.lineItems,
    Shipment: this.shipments,
    ShipmentCarrier: this.carriers,
    RefundRequest: this.refundRequests,
    RefundRequestLineItem: this.refundLines,
    Remittance: this.remittances,
    RemittanceAdvice: this.remittanceAdvices,
  };
}
