import { DomainError } from '#common';

export class ShipmentsError extends DomainError {}

export const shipmentsErrors = {
  carrierUnmapped: (carrier: string, known: string[]) =>
    new ShipmentsError(
      'CARRIER_UNMAPPED',
      'unprocessable',
      `ANYMARKET carrier "${carrier}" has no Marketplacer carrier: map it (PUT /admin/shipments/carrier-map) or in SHIPMENT_CARRIER_MAP; Marketplacer's carriers: ${known.slice(0, 20).join(', ') || '(none)'}`,
    ),
  carrierMissing: () =>
    new ShipmentsError('CARRIER_MISSING', 'unprocessable', "ANYMARKET's order has no carrier in its tracking: Marketplacer needs one for the shipment"),
  trackingNumberMissing: () =>
    new ShipmentsError('TRACKING_NUMBER_MISSING', 'unprocessable', "ANYMARKET's order has no tracking number: Marketplacer needs one for the shipment"),
  unknownMarketplacerCarrier: (reference: string) =>
    new ShipmentsError('MARKETPLACER_CARRIER_UNKNOWN', 'invalid', `Marketplacer has no carrier "${reference}" (name or id; see GET /admin/shipments/carriers)`),
  mappingNotFound: (carrier: string) => new ShipmentsError('CARRIER_MAPPING_NOT_FOUND', 'not_found', `No mapping for ANYMARKET carrier "${carrier}"`),
};
