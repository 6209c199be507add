import type { ErrorDetail } from '#common';
import { MarketplacerError } from './marketplacer-error.js';

/** The shape every Marketplacer mutation payload shares: `{ <object>, errors: [ValidationError!], status: Int! }`. */
export interface MutationPayload {
  readonly errors?: ReadonlyArray<{ readonly field: string; readonly messages: ReadonlyArray<string> }> | null;
  readonly status?: number | null;
}

/** Documented wording when an id names nothing, e.g. "No object found for refundRequestId: <id>". */
const NOT_FOUND_MESSAGE = /^no object found\b/i;

/**
 * Every mutation result goes through here, so nothing that failed is reported as success: a missing
 * payload, a non-empty `errors` list (HTTP 200!) or a failing `status` all throw a coded error.
 *
 * "No object found" means the thing the mutation acts on is gone (MARKETPLACER_NOT_FOUND) only when
 * it is said of one of `subjectFields` (e.g. advertUpsert's `advertId`); said of a reference in the
 * input (an unknown `brandId`, `taxonId`), it is a validation failure like any other.
 */
export function checkMutationPayload<P extends MutationPayload>(mutation: string, payload: P | null | undefined, subjectFields: readonly string[] = ['id']): P {
  if (payload == null) {
    throw new MarketplacerError('MARKETPLACER_UNEXPECTED_RESPONSE', `Marketplacer returned no payload for ${mutation}`);
  }
  const details: ErrorDetail[] = (payload.errors ?? []).map((error) => ({ field: error.field, messages: [...error.messages] }));
  if (details.length > 0) {
    const subjectGone = details.every(
      (detail) => subjectFields.includes(detail.field) && detail.messages.length > 0 && detail.messages.every((message) => NOT_FOUND_MESSAGE.test(message)),
    );
    const code = subjectGone ? 'MARKETPLACER_NOT_FOUND' : 'MARKETPLACER_VALIDATION_FAILED';
    throw new MarketplacerError(code, `Marketplacer refused ${mutation}: ${summarise(details)}`, details);
  }
  // INFERRED: `status` is undocumented; we assume an HTTP-like code, so >= 400 without errors is still a failure.
  if (typeof payload.status === 'number' && payload.status >= 400) {
    throw new MarketplacerError('MARKETPLACER_VALIDATION_FAILED', `Marketplacer refused ${mutation} with status ${payload.status}`, [
      { field: 'status', messages: [`Marketplacer answered status ${payload.status}`] },
    ]);
  }
  return payload;
}

/** The object a successful mutation must return (e.g. `advert` of advertUpsert). */
export function requirePayloadObject<T>(mutation: string, field: string, value: T | null | undefined): T {
  if (value == null) {
    throw new MarketplacerError('MARKETPLACER_UNEXPECTED_RESPONSE', `Marketplacer reported success for ${mutation} but returned no ${field}`);
  }
  return value;
}

function summarise(details: ErrorDetail[]): string {
  return details.map((detail) => `${detail.field}: ${detail.messages.join('; ')}`).join(' | ');
}
