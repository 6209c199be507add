/**
 * Marketplacer's global ids: `base64("<TypeName>-<databaseId>")`, e.g. `U2VsbGVyLTc4` = `Seller-78`.
 * Clients must treat them as opaque; the simulator decodes them to find its records.
 */
export function globalId(type: string, legacyId: number): string {
  return Buffer.from(`${type}-${legacyId}`, 'utf8').toString('base64');
}

export interface DecodedId {
  type: string;
  legacyId: number;
}

const DECODED = /^([A-Za-z]+)-(\d{1,15})$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The type and database id of a global id, or undefined when it is not one. */
export function decodeGlobalId(id: string): DecodedId | undefined {
  if (!BASE64.test(id)) return undefined;
  const match = DECODED.exec(Buffer.from(id, 'base64').toString('utf8'));
  if (!match) return undefined;
  return { type: match[1], legacyId: Number(match[2]) };
}

/** The database id behind a global id of the given type, or undefined. */
export function legacyIdOf(id: string, type: string): number | undefined {
  const decoded = decodeGlobalId(id);
  return decoded?.type === type ? decoded.legacyId : undefined;
}
