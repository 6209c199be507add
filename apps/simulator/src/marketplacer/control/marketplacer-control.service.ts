import { Injectable } from '@nestjs/common';
import { InvalidInputError, NotFoundError } from '#common';
import { deleteAdvert, editVariant, setAdvertPublished, vetAdverts } from '../domain/adverts.js';
import { markInvoiceCancelled, markInvoiceCollected, markInvoicePaid, markInvoiceShipped, updateShipment } from '../domain/orders.js';
import { releaseRemittances } from '../domain/remittances.js';
import { editSeller } from '../domain/sellers.js';
import { deleteOptionValue } from '../domain/taxonomy.js';
import { ServedSchema } from '../graphql/contract-schema.js';
import { SchemaDropError } from '../graphql/schema-drop.js';
import { FaultInjector, type FaultSettings } from '../http/fault-injector.js';
import { SlidingWindowRateLimiter } from '../http/rate-limiter.js';
import { RequestLog } from '../http/request-log.js';
import { SimulatedMarketplacer, type SeedReport } from '../simulated-marketplacer.js';
import { invoiceStatus, invoiceStatusFlags, isDisplayable } from '../state/derived.js';
import { globalId, legacyIdOf } from '../state/global-id.js';
import { formatDecimal, parseDecimalCents } from '../state/money.js';
import type { AdvertRecord, InvoiceRecord, NodeKind, RemittanceRecord, SellerRecord, VariantRecord } from '../state/records.js';
import { formatDateTime } from '../graphql/scalars.js';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';
import type { FaultsDto, RateLimitDto, ResetDto } from './dto/faults.dto.js';
import type { ReleaseRemittancesDto, SellerEditDto, ShipInvoiceDto, ShipmentEditDto, VariantEditDto, WebhookSettingsDto } from './dto/edits.dto.js';
import type { QuickOrdersDto } from './dto/orders.dto.js';
import type { SchemaDropDto } from './dto/schema.dto.js';
import { createQuickOrders, type QuickOrdersAnswer } from './quick-orders.js';
import { refuseUnless } from './refusal.js';

/**
 * The control API behind /_control/marketplacer: reset and inspect the instance, inject faults, read
 * the request log, make the edits a seller or operator would make in Marketplacer's portals (each
 * stamps updatedAt and fires webhooks), and steer webhook delivery.
 */
@Injectable()
export class MarketplacerControlService {
  constructor(
    private readonly simulated: SimulatedMarketplacer,
    private readonly faults: FaultInjector,
    private readonly limiter: SlidingWindowRateLimiter,
    private readonly requests: RequestLog,
    private readonly webhooks: WebhookDispatcher,
    private readonly served: ServedSchema,
  ) {}

  advanceClock(ms: number): number {
    return this.simulated.state.clock.advance(ms);
  }

  /**
   * Re-seeds and clears faults, rate-limit windows, the request log and the delivery log, and serves
   * the schema less the configured drop again. The webhook settings stay (the configured webhooks are
   * registered in the new instance); webhooks made through webhookCreate go with the old instance.
   */
  reset(size: ResetDto): SeedReport {
    const report = this.simulated.reset(size);
    this.served.restoreConfigured();
    this.faults.clear();
    this.limiter.reset();
    this.requests.clear();
    this.webhooks.clearLog();
    return report;
  }

  summary() {
    const state = this.simulated.state;
    return {
      counts: this.simulated.counts(),
      rateLimit: this.limiter.settings,
      sellers: [...state.sellers.values()].map(sellerView),
      shipmentCarriers: [...state.carriers.values()].map((c) => ({ id: globalId('ShipmentCarrier', c.legacyId), legacyId: c.legacyId, name: c.name })),
    };
  }

  setFaults(dto: FaultsDto): FaultSettings {
    return this.faults.set(dto);
  }

  faultSettings(): FaultSettings {
    return this.faults.snapshot();
  }

  clearFaults(): FaultSettings {
    this.faults.clear();
    return this.faults.snapshot();
  }

  setRateLimit(dto: RateLimitDto): { limit: number; windowMs: number } {
    this.limiter.configure(dto.limit, dto.windowMs);
    return this.limiter.settings;
  }

  requestLog(limit?: number) {
    return this.requests.snapshot(limit);
  }

  clearRequestLog() {
    this.requests.clear();
    return this.requests.snapshot(0);
  }

  setAdvertPublished(reference: string, published: boolean) {
    const advert = this.advert(reference);
    refuseUnless(setAdvertPublished(this.simulated.state, { id: globalId('Advert', advert.legacyId), published }));
    return advertView(advert);
  }

  /** As the operator portal decides (the same state machine as the vetting mutations); `hold` is a resubmission. */
  decideVetting(reference: string, decision: 'approve' | 'reject' | 'hold', reason?: string) {
    const advert = this.advert(reference);
    const input = { advertIds: [globalId('Advert', advert.legacyId)], vettingRejectedReason: reason ?? 'Rejected by the operator' };
    refuseUnless(vetAdverts(this.simulated.state, input, decision === 'hold' ? 'resubmit' : decision));
    return advertView(advert);
  }

  deleteAdvert(reference: string) {
    const advert = this.advert(reference);
    refuseUnless(deleteAdvert(this.simulated.state, { id: globalId('Advert', advert.legacyId) }));
    return advertView(advert);
  }

  editVariant(reference: string, dto: VariantEditDto) {
    const variant = this.find('Variant', reference, this.simulated.state.variants);
    editVariant(this.simulated.state, variant, {
      countOnHand: dto.countOnHand,
      priceCents: dto.price === undefined ? undefined : parseDecimalCents(dto.price),
      salePriceCents: dto.salePrice === undefined ? undefined : dto.salePrice === null ? null : parseDecimalCents(dto.salePrice),
    });
    return variantView(variant);
  }

  editSeller(reference: string, dto: SellerEditDto) {
    const seller = this.find('Seller', reference, this.simulated.state.sellers);
    editSeller(this.simulated.state, seller, dto);
    return sellerView(seller);
  }

  markInvoice(reference: string, change: 'paid' | 'cancelled' | 'shipped' | 'collected', ship: ShipInvoiceDto = {}) {
    const state = this.simulated.state;
    const invoice = this.find('Invoice', reference, state.invoices);
    if (change === 'paid') markInvoicePaid(state, invoice);
    if (change === 'cancelled') markInvoiceCancelled(state, invoice);
    if (change === 'shipped') refuseUnless(markInvoiceShipped(state, invoice, ship));
    if (change === 'collected') refuseUnless(markInvoiceCollected(state, invoice));
    return this.invoiceView(invoice);
  }

  /** The seller or operator edits a shipment (tracking, carrier, note), through the same code as shipmentUpdate. */
  editShipment(reference: string, dto: ShipmentEditDto) {
    const shipment = this.find('Shipment', reference, this.simulated.state.shipments);
    refuseUnless(
      updateShipment(this.simulated.state, {
        shipmentId: globalId('Shipment', shipment.legacyId),
        trackingNumber: dto.trackingNumber,
        postageCarrierId: dto.carrierId === undefined ? undefined : globalId('ShipmentCarrier', dto.carrierId),
        note: dto.note,
      }),
    );
    return {
      id: globalId('Shipment', shipment.legacyId),
      legacyId: shipment.legacyId,
      invoiceId: globalId('Invoice', shipment.invoiceId),
      carrierId: shipment.carrierId,
      trackingNumber: shipment.trackingNumber,
      note: shipment.note,
      updatedAt: formatDateTime(shipment.updatedAt),
    };
  }

  /** The operator deletes an option value, through the same code as optionValueDelete. */
  deleteOptionValue(reference: string) {
    const value = this.find('OptionValue', reference, this.simulated.state.optionValues);
    refuseUnless(deleteOptionValue(this.simulated.state, { id: globalId('OptionValue', value.legacyId) }));
    return { id: globalId('OptionValue', value.legacyId), legacyId: value.legacyId, optionTypeId: globalId('OptionType', value.optionTypeId), deleted: true };
  }

  /** Every remittance, or one seller's (global or database id), oldest first. */
  remittances(sellerReference?: string) {
    const state = this.simulated.state;
    const seller = sellerReference === undefined ? undefined : this.find('Seller', sellerReference, state.sellers);
    return [...state.remittances.values()].filter((remittance) => !seller || remittance.sellerId === seller.legacyId).map(remittanceView);
  }

  /** The operator releases remittances, through the same code as GraphQL remittancesRelease. */
  releaseRemittances(dto: ReleaseRemittancesDto) {
    const remittanceIds = dto.remittanceIds.map((reference) => (/^\d+$/.test(reference) ? globalId('Remittance', Number(reference)) : reference));
    const outcome = releaseRemittances(this.simulated.state, { remittanceIds });
    refuseUnless(outcome);
    return (outcome.remittances ?? []).map(remittanceView);
  }

  createOrders(dto: QuickOrdersDto): QuickOrdersAnswer {
    return createQuickOrders(this.simulated.state, dto);
  }

  schemaDrop(): { drop: readonly string[] } {
    return { drop: this.served.dropped };
  }

  /** A bad entry is a 400 naming it; the served schema is then unchanged. */
  setSchemaDrop(dto: SchemaDropDto): { drop: readonly string[] } {
    try {
      return { drop: this.served.setDropped(dto.drop) };
    } catch (error) {
      if (error instanceof SchemaDropError) throw new InvalidInputError(error.message, [{ field: 'drop', messages: [error.message] }]);
      throw error;
    }
  }

  webhookStatus() {
    return this.webhooks.status();
  }

  configureWebhooks(dto: WebhookSettingsDto) {
    this.webhooks.configure(dto);
    return this.webhooks.status();
  }

  deliveries(limit?: number) {
    return this.webhooks.list(limit).map((delivery) => ({ ...delivery, event: JSON.parse(delivery.body) as unknown }));
  }

  clearDeliveries() {
    this.webhooks.clearLog();
    return this.webhooks.status();
  }

  private advert(reference: string): AdvertRecord {
    return this.find('Advert', reference, this.simulated.state.adverts);
  }

  /** A record by global id or database id. */
  private find<T>(kind: NodeKind, reference: string, table: Map<number, T>): T {
    const legacyId = /^\d+$/.test(reference) ? Number(reference) : legacyIdOf(reference, kind);
    const record = legacyId === undefined ? undefined : table.get(legacyId);
    if (!record) throw new NotFoundError(kind, reference);
    return record;
  }

  private invoiceView(invoice: InvoiceRecord) {
    const state = this.simulated.state;
    return {
      id: globalId('Invoice', invoice.legacyId),
      legacyId: invoice.legacyId,
      status: invoiceStatus(state, invoice),
      statusFlags: invoiceStatusFlags(state, invoice),
      shipmentIds: invoice.shipmentIds.map((id) => globalId('Shipment', id)),
      updatedAt: formatDateTime(invoice.updatedAt),
    };
  }
}

function variantView(variant: VariantRecord) {
  return {
    id: globalId('Variant', variant.legacyId),
    legacyId: variant.legacyId,
    advertId: globalId('Advert', variant.advert.legacyId),
    sku: variant.sku,
    barcode: variant.barcode,
    countOnHand: variant.countOnHand,
    price: formatDecimal(variant.priceCents),
    salePrice: variant.salePriceCents === null ? null : formatDecimal(variant.salePriceCents),
    updatedAt: formatDateTime(variant.updatedAt),
  };
}

function advertView(advert: AdvertRecord) {
  return {
    id: globalId('Advert', advert.legacyId),
    legacyId: advert.legacyId,
    sellerId: globalId('Seller', advert.sellerId),
    title: advert.title,
    published: advert.published,
    displayable: isDisplayable(advert),
    vetting: advert.vetting,
    deleted: advert.deletedAt !== null,
    updatedAt: formatDateTime(advert.updatedAt),
    variants: advert.variants.map(variantView),
  };
}

function sellerView(seller: SellerRecord) {
  return {
    id: globalId('Seller', seller.legacyId),
    legacyId: seller.legacyId,
    businessName: seller.businessName,
    accountType: seller.accountType,
    online: seller.online,
    deleted: seller.deletedAt !== null,
    advertVettingRequired: seller.advertVettingRequired,
    updatedAt: formatDateTime(seller.updatedAt),
  };
}

function remittanceView(remittance: RemittanceRecord) {
  return {
    id: globalId('Remittance', remittance.legacyId),
    legacyId: remittance.legacyId,
    sellerId: globalId('Seller', remittance.sellerId),
    invoiceId: globalId('Invoice', remittance.invoiceId),
    amountCents: remittance.amountCents,
    commissionCents: remittance.commissionCents,
    released: remittance.released,
    pendingReasons: remittance.pendingReasons,
    adviceId: remittance.adviceId === null ? null : globalId('RemittanceAdvice', remittance.adviceId),
  };
}
