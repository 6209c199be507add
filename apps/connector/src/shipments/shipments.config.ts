import { env, type ConfigValues } from '#common';

/** Variables of the Shipments context. */
export const shipmentsConfigShape = {
  shipmentCarrierMap: env.string({
    name: 'SHIPMENT_CARRIER_MAP',
    description:
      'ANYMARKET carrier name → Marketplacer carrier (its name or id), as JSON, e.g. {"Correios":"Australia Post"}; entries set in the admin API take precedence. ' +
      'A carrier named nowhere is refused (never guessed), unless Marketplacer has a carrier of exactly that name',
    default: '{}',
    defaultLabel: '`{}`',
  }),
  shipmentCarriersRefreshMs: env.integer({
    name: 'SHIPMENT_CARRIERS_REFRESH_MS',
    description: "How long the copy of Marketplacer's shipmentCarriers is used before it is read again (it is also read again when a carrier is not in it)",
    default: 3_600_000,
    min: 1_000,
    max: 604_800_000,
  }),
};

export type ShipmentsConfig = ConfigValues<typeof shipmentsConfigShape>;

/** SHIPMENT_CARRIER_MAP read: ANYMARKET name → Marketplacer name or id. A value that is not a JSON object of strings stops start-up. */
export function carrierMapOf(raw: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('SHIPMENT_CARRIER_MAP must be a JSON object such as {"Correios":"Australia Post"}');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('SHIPMENT_CARRIER_MAP must be a JSON object');
  const map = new Map<string, string>();
  for (const [name, target] of Object.entries(parsed)) {
    if (typeof target !== 'string' || target.trim() === '') throw new Error(`SHIPMENT_CARRIER_MAP: "${name}" must map to a carrier name or id`);
    map.set(name, target.trim());
  }
  return map;
}
