import { globalId } from '../../state/global-id.js';
import type { AddressRecord, KeyValue, NodeRecord } from '../../state/records.js';
import type { MarketplacerContext } from './context.js';

export type Ctx = MarketplacerContext;
export type Args = Record<string, unknown>;

/** `id` resolver of a record type: the global id of its database id. */
export const idOf =
  (type: string) =>
  (record: { legacyId: number }): string =>
    globalId(type, record.legacyId);

export interface ExternalIdView {
  id: string;
  key: string;
  value: string;
  owner: NodeRecord;
}

/** A record's stored key/value pairs as `ExternalID` objects. */
export function externalIdsOf(owner: NodeRecord & { externalIds: readonly KeyValue[] }): ExternalIdView[] {
  return owner.externalIds.map((entry, index) => ({
    id: globalId('ExternalID', owner.legacyId * 100 + index),
    key: entry.key,
    value: entry.value ?? '',
    owner,
  }));
}

const COUNTRY_IDS: Record<string, number> = { AU: 13, BR: 31, NZ: 158, US: 233 };

export const addressResolvers = {
  Address: {
    id: (a: AddressRecord) => globalId('Address', a.id),
    country: (a: AddressRecord) => ({ id: globalId('Country', COUNTRY_IDS[a.countryCode] ?? 1), code: a.countryCode, name: a.countryName }),
    state: (a: AddressRecord) =>
      a.stateShort
        ? {
            id: globalId('State', [...a.stateShort].reduce((sum, ch) => sum * 31 + ch.charCodeAt(0), 7) % 100_000),
            short: a.stateShort,
            name: a.stateName,
            slug: a.stateName.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
            country: { id: globalId('Country', COUNTRY_IDS[a.countryCode] ?? 1), code: a.countryCode, name: a.countryName },
          }
        : null,
    lat: () => null,
    lng: () => null,
  },
};

export const userResolvers = {
  User: { id: (u: { id: number }) => globalId('User', u.id) },
};

/** Images: `url(width, height, fit)` adds imgix-style parameters like Marketplacer's image URLs. */
export const imageResolvers = {
  Image: {
    id: (image: { id: number }) => globalId('Image', image.id),
    filename: (image: { url: string }) => image.url.split('/').at(-1)?.split('?')[0] ?? null,
    url: (image: { url: string }, args: { width?: number | null; height?: number | null; fit?: string | null }) => {
      const params = [args.width ? `w=${args.width}` : '', args.height ? `h=${args.height}` : '', args.fit ? `fit=${args.fit}` : ''].filter(Boolean);
      return params.length ? `${image.url}${image.url.includes('?') ? '&' : '?'}${params.join('&')}` : image.url;
    },
  },
};
