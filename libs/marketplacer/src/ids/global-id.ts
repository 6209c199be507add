/**
 * Marketplacer global ids are base64("<Type>-<legacyId>"), e.g. U2VsbGVyLTc4 = "Seller-78". They are
 * documented as opaque, so decoding is best effort and an undecodable id is passed on untouched.
 */
export interface GlobalIdParts {
  type: string;
  legacyId: number;
}

export function toGlobalId(type: string, legacyId: number | string): string {
  return Buffer.from(`${type}-${legacyId}`, 'utf8').toString('base64');
}

/** The type and legacy id inside a global id, or null when it is not of the documented form. */
export function fromGlobalId(id: string): GlobalIdParts | null {
  const text = id.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  const match = /^([A-Z][A-Za-z0-9]*)-(\d+)$/.exec(decoded);
  if (!match) return null;
  if (Buffer.from(decoded, 'utf8').toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, '')) return null;
  return { type: match[1], legacyId: Number(match[2]) };
}

/**
 * The global id of a `type` record named either by its legacy id ("78", as portals show it) or by a
 * global id. Null when the reference is empty or is a decodable global id of another type.
 */
export function resolveGlobalId(type: string, reference: string | number): string | null {
  const text = String(reference).trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return toGlobalId(type, Number(text));
  const parts = fromGlobalId(text);
  if (parts && parts.type !== type) return null;
  return text;
}
