import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { MarketplacerFulfilment, type MarketplacerInvoice, type MarketplacerShipment } from '#marketplacer';
import { settledOnUniqueKey } from '#common';
import { CarrierDirectory } from './carrier-directory.js';
import { ShipmentEntity } from './entities/shipment.entity.js';
import { shipmentsErrors } from './shipments.errors.js';
import { unshippedItemsOf } from './unshipped-lines.js';

/** ANYMARKET's tracking of a shipped order (`Order.tracking`). */
export interface AnymarketTracking {
  carrier?: string;
  number?: string;
  url?: string;
  shippedDate?: string;
}

/** How a shipment request ended. */
export type ShipOutcome =
  | { kind: 'created'; shipment: MarketplacerShipment; carrierBy: string }
  /** Marketplacer has a shipment with this tracking number already (a repeat, or a lost answer settled). */
  | { kind: 'exists'; shipment: MarketplacerShipment }
  /** Every line is shipped, cancelled or refunded already. */
  | { kind: 'nothing-to-ship' };

/**
 * Ships what is left of an invoice in Marketplacer with ANYMARKET's tracking (`shipmentCreate`).
 * Exactly once: a shipment with the same tracking number on the invoice (read afresh by the caller)
 * is the one made before; the shipment is recorded (`sending`) before the call, so a crash or a lost
 * answer is settled by that reading. Split shipments: each tracking number ships what is left.
 */
@Injectable()
export class ShipmentDispatcher {
  constructor(
    private readonly marketplacer: MarketplacerFulfilment,
    private readonly carriers: CarrierDirectory,
    @InjectRepository(ShipmentEntity) private readonly shipments: Repository<ShipmentEntity>,
  ) {}

  async ship(invoice: MarketplacerInvoice, tracking: AnymarketTracking, note: string | null): Promise<ShipOutcome> {
    const trackingNumber = tracking.number?.trim();
    if (!trackingNumber) throw shipmentsErrors.trackingNumberMissing();
    const existing = invoice.shipments.find((shipment) => shipment.trackingNumber === trackingNumber);
    if (existing) {
      await this.shipments.update({ invoiceId: invoice.id, trackingNumber }, { state: 'created', marketplacerShipmentId: existing.id, updatedAt: new Date() });
      return { kind: 'exists', shipment: existing };
    }
    const items = unshippedItemsOf(invoice);
    if (items.length === 0) return { kind: 'nothing-to-ship' };
    if (!tracking.carrier?.trim()) throw shipmentsErrors.carrierMissing();
    const carrier = await this.carriers.resolve(tracking.carrier);
    const dispatchedOn = dispatchDateOf(tracking.shippedDate, invoice.createdAt);
    const record = {
      invoiceId: invoice.id,
      state: 'sending' as const,
      marketplacerShipmentId: null,
      anymarketCarrier: tracking.carrier.trim().slice(0, 120),
      carrierId: carrier.id,
      carrierName: carrier.name,
      trackingNumber,
      trackingUrl: tracking.url?.trim() || null,
      dispatchedOn,
      itemsJson: JSON.stringify(items),
      updatedAt: new Date(),
    };
    await settledOnUniqueKey(async () => {
      const kept = await this.shipments.findOneBy({ invoiceId: invoice.id, trackingNumber });
      if (kept) await this.shipments.update(kept.id, record);
      else await this.shipments.insert({ ...record, createdAt: record.updatedAt });
    });
    const shipment = await this.marketplacer.createShipment({
      invoiceId: invoice.id,
      items,
      carrierId: carrier.id,
      dispatchedOn,
      trackingNumber,
      ...(note ? { note } : {}),
    });
    await this.shipments.update({ invoiceId: invoice.id, trackingNumber }, { state: 'created', marketplacerShipmentId: shipment.id, updatedAt: new Date() });
    return { kind: 'created', shipment, carrierBy: carrier.by };
  }

  /** The shipments the connector made for an invoice, oldest first. */
  async listFor(invoiceId: string): Promise<ShipmentEntity[]> {
    return this.shipments.find({ where: { invoiceId }, order: { id: 'ASC' } });
  }
}

/**
 * `dispatchedAt` is an ISO8601Date: the day ANYMARKET's `shippedDate` names, as the seller wrote it
 * (its own offset), so a late-evening dispatch in Brazil is not moved to the next UTC day; today (UTC)
 * when absent. Never before the day the invoice was made as Marketplacer writes it: Marketplacer
 * refuses that ("Dispatched at is before shipped items were ordered"), and such a date only comes from
 * the two sides' time zones (or a typo), the order's own day being the earliest true one.
 */
export function dispatchDateOf(shippedDate: string | undefined, orderedAt: string, now = new Date()): string {
  const day = dayOf(shippedDate) ?? now.toISOString().slice(0, 10);
  const ordered = dayOf(orderedAt);
  return ordered !== null && day < ordered ? ordered : day;
}

function dayOf(iso: string | undefined): string | null {
  const written = iso?.trim().match(/^(\d{4}-\d{2}-\d{2})/);
  if (!written) return null;
  const parsed = new Date(`${written[1]}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(written[1]) ? written[1] : null;
}
