import type { WebhookOutcome } from './webhook-handlers.js';

/**
 * A webhook's object handed to its feed's own handling (`takeItems`): nobody's here → not applied;
 * some items failed → throw (the event is retried; the feed reads them again too); else applied.
 * `what` names what the work did, e.g. "listing(s) reported to ANYMARKET".
 */
export function feedOutcome(result: { owners?: number; changed: number; failed: number }, what: string, nobody: string): WebhookOutcome {
  if (result.owners === 0) return { applied: false, note: nobody };
  if (result.failed > 0) throw new Error(`${result.failed} could not be handled (${what}); retried`);
  return { applied: true, note: `${result.changed} ${what}` };
}
