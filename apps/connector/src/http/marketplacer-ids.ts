import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { registerDecorator } from 'class-validator';
import { fromGlobalId, GRAPHQL_MAX_INT, resolveGlobalId, toGlobalId } from '#marketplacer';

/** Legacy ids are GraphQL `Int`s (32-bit): a larger number names nothing and would fail Marketplacer's coercion. */
const MAX_LEGACY_ID = GRAPHQL_MAX_INT;
const LEGACY_ID = /^[1-9]\d{0,9}$/;
/** Base64 of "<Type>-<legacyId>"; other ids are passed on as Marketplacer documents them: opaque. */
const GLOBAL_ID = /^[A-Za-z0-9+/]{2,120}={0,2}$/;

/**
 * The global id of a `type` record named by an operator: its legacy id as the portals show it
 * (`10363`, a string or a whole number) or its global id. Null when it is neither, or a global id of
 * another type (a seller's id given for an invoice), so nothing malformed reaches Marketplacer.
 */
export function marketplacerIdOf(type: string, reference: unknown): string | null {
  if (typeof reference !== 'string' && !(typeof reference === 'number' && Number.isInteger(reference))) return null;
  const text = String(reference).trim();
  if (/^\d+$/.test(text)) return LEGACY_ID.test(text) && Number(text) <= MAX_LEGACY_ID ? toGlobalId(type, text) : null;
  return GLOBAL_ID.test(text) ? resolveGlobalId(type, text) : null;
}

/** The legacy id of a `type` record named by its legacy id or by a global id that decodes to one; null otherwise. */
export function legacyIdOf(type: string, reference: unknown): number | null {
  const id = marketplacerIdOf(type, reference);
  const parts = id === null ? null : fromGlobalId(id);
  return parts && parts.type === type && parts.legacyId <= MAX_LEGACY_ID ? parts.legacyId : null;
}

/** The message of a reference that names no `type` record. */
export function notAMarketplacerId(field: string, type: string): string {
  return `${field} must be a Marketplacer ${type} id: its legacy id as the portals show it (1 to ${MAX_LEGACY_ID}) or its global id`;
}

/**
 * A body or query field naming a `type` record: validated by `marketplacerIdOf`, and turned into the
 * global id, so services only ever see global ids. What is not one is left as sent, for the 400.
 */
export function IsMarketplacerId(type: string): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => marketplacerIdOf(type, value) ?? value),
    (target: object, propertyKey: string | symbol) =>
      registerDecorator({
        name: 'isMarketplacerId',
        target: target.constructor,
        propertyName: propertyKey as string,
        options: { message: ({ property }) => notAMarketplacerId(property, type) },
        validator: { validate: (value: unknown) => marketplacerIdOf(type, value) !== null },
      }),
  );
}

/**
 * A field naming a `type` record where Marketplacer wants its legacy id (a filter such as
 * `invoiceLegacyId`): a legacy id, or a global id that decodes to one; turned into the number.
 */
export function IsMarketplacerLegacyId(type: string): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => legacyIdOf(type, value) ?? value),
    (target: object, propertyKey: string | symbol) =>
      registerDecorator({
        name: 'isMarketplacerLegacyId',
        target: target.constructor,
        propertyName: propertyKey as string,
        options: { message: ({ property }) => `${property} must be a Marketplacer ${type}'s legacy id (1 to ${MAX_LEGACY_ID}) or a global id that carries it` },
        validator: { validate: (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_LEGACY_ID },
      }),
  );
}
