import { DomainError } from '#common';
import type { Outcome } from '../domain/payload.js';

/** Turns a domain outcome with field errors into the control API's 422 (`SIMULATOR_REFUSED`, one detail per field). */
export function refuseUnless(outcome: Outcome, context = ''): void {
  if (outcome.errors.length > 0) {
    const said = outcome.errors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; ');
    throw new DomainError('SIMULATOR_REFUSED', 'unprocessable', `${context}${said}`, outcome.errors);
  }
}
