import { Injectable } from '@nestjs/common';
import type { MarketplacerInvoice } from '#marketplacer';
import { CarrierDirectory, findCarrier } from './carrier-directory.js';
import { carrierKeyOf } from './carrier-names.js';
import type { CarrierMappingDto, MarketplacerCarrierDto, ShipmentDto } from './dto/shipment-admin.dto.js';
import { ShipmentDispatcher } from './shipment-dispatcher.js';

/** What admins see of shipments: Marketplacer's carriers, the carrier map, and an invoice's shipments in both directions. */
@Injectable()
export class ShipmentsAdminService {
  constructor(
    private readonly carriers: CarrierDirectory,
    private readonly dispatcher: ShipmentDispatcher,
  ) {}

  async carriersList(refresh: boolean): Promise<MarketplacerCarrierDto[]> {
    return refresh ? this.carriers.refresh() : this.carriers.list();
  }

  async mappings(): Promise<CarrierMappingDto[]> {
    const list = await this.carriers.list();
    const carriers = new Map(list.map((carrier) => [carrier.id, carrier.name]));
    const admin = await this.carriers.listMappings();
    const adminKeys = new Set(admin.map((mapping) => mapping.carrierKey));
    const configured = [...this.carriers.configuredEntries()].filter(([name]) => !adminKeys.has(carrierKeyOf(name)));
    return [
      ...admin.map((mapping) => ({
        anymarketCarrier: mapping.anymarketCarrier,
        marketplacerCarrierId: mapping.marketplacerCarrierId,
        marketplacerCarrierName: carriers.get(mapping.marketplacerCarrierId) ?? null,
        source: 'admin' as const,
      })),
      ...configured.map(([name, target]) => {
        const carrier = findCarrier(target, list);
        return {
          anymarketCarrier: name,
          marketplacerCarrierId: carrier?.id ?? target,
          marketplacerCarrierName: carrier?.name ?? null,
          source: 'SHIPMENT_CARRIER_MAP' as const,
        };
      }),
    ];
  }

  async setMapping(anymarketCarrier: string, marketplacerCarrier: string): Promise<CarrierMappingDto> {
    const { mapping, carrier } = await this.carriers.setMapping(anymarketCarrier, marketplacerCarrier);
    return { anymarketCarrier: mapping.anymarketCarrier, marketplacerCarrierId: carrier.id, marketplacerCarrierName: carrier.name, source: 'admin' };
  }

  async removeMapping(anymarketCarrier: string): Promise<void> {
    await this.carriers.removeMapping(anymarketCarrier);
  }

  /** The invoice's shipments: Marketplacer's (as last read), each marked by who made it, and the connector's still unanswered. */
  async shipmentsOf(invoice: MarketplacerInvoice): Promise<ShipmentDto[]> {
    const made = await this.dispatcher.listFor(invoice.id);
    const madeIds = new Set(made.map((shipment) => shipment.marketplacerShipmentId));
    const inMarketplacer: ShipmentDto[] = invoice.shipments.map((shipment) => ({
      origin: madeIds.has(shipment.id) ? 'anymarket' : 'marketplacer',
      id: shipment.id,
      state: 'created',
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber,
      trackingLink: shipment.trackingLink,
      dispatchedAt: shipment.dispatchedAt,
      items: shipment.items,
    }));
    const known = new Set(invoice.shipments.map((shipment) => shipment.id));
    const notYetRead: ShipmentDto[] = made
      .filter((shipment) => shipment.marketplacerShipmentId === null || !known.has(shipment.marketplacerShipmentId))
      .map((shipment) => ({
        origin: 'anymarket',
        id: shipment.marketplacerShipmentId,
        state: shipment.state,
        carrier: shipment.carrierName,
        trackingNumber: shipment.trackingNumber,
        trackingLink: shipment.trackingUrl,
        dispatchedAt: shipment.dispatchedOn,
        items: JSON.parse(shipment.itemsJson) as ShipmentDto['items'],
      }));
    return [...inMarketplacer, ...notYetRead];
  }
}
