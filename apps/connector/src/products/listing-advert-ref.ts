import { randomBytes } from 'node:crypto';
import type { KeyValueInput } from '#marketplacer';

/**
 * The external id key of the adverts the connector creates. Marketplacer answers an advertUpsert
 * that created an advert with its id; when that answer is lost (timeout, dropped connection, the
 * process dying before it saves the id), a retry would create a second advert. So every create
 * carries an external id saved on the listing beforehand, and a retry first looks it up
 * (Query.externalIds). A new value for every creation: the docs warn that a duplicate external id can
 * stop an object from being created, and a deleted advert may keep its id.
 */
export const ADVERT_REF_KEY = 'anymarket-connector-ref';

/** A fresh reference for the advert of one ANYMARKET product: readable in Marketplacer's portal, unique by its random part. */
export function newAdvertRef(listing: { idAccount: string; idProduct: string | null; idSkuMarketplace: string }): string {
  const product = listing.idProduct ?? `transmission-${listing.idSkuMarketplace}`;
  return `anymarket:${listing.idAccount}:${product}:${randomBytes(6).toString('hex')}`;
}

export function advertRefInput(ref: string): KeyValueInput {
  return { key: ADVERT_REF_KEY, value: ref };
}
