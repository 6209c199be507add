/**
 * How safe it is to send a failed attempt again:
 *  - `final`: the answer will not change (a 4xx, refused credentials); never repeated;
 *  - `not-applied`: the remote cannot have acted on it (429, 503, a connection never made); always
 *    safe to repeat, creates included;
 *  - `unknown`: it may have been applied (a timeout, a dropped connection, another 5xx); repeated
 *    only when the call is safe to repeat (reads, idempotent writes), never for a create.
 */
export type RepeatSafety = 'final' | 'not-applied' | 'unknown';

/** What else an attempt's failure tells the policy. */
export interface FailureSignals {
  /** The remote looks down (5xx, timeout, no connection): counts towards opening the circuit. */
  outage?: boolean;
  /** HTTP 429: the remote asks us to slow down. */
  rateLimited?: boolean;
  /** The answer's `Retry-After` header, as received. */
  retryAfter?: string | null;
  /** The HTTP status, when the remote answered (metrics and readiness tell 4xx, 429 and 5xx apart by it). */
  status?: number;
}

/**
 * Thrown by one attempt of a remote call to tell the RemoteCallPolicy what happened; `detail` is the
 * client's own description (status, body, cause), handed back to it to build its coded error once
 * the policy gives up. Never leaves the policy.
 */
export class AttemptFailure<Detail = unknown> extends Error {
  constructor(
    readonly safety: RepeatSafety,
    readonly detail: Detail,
    readonly signals: FailureSignals = {},
    message = 'remote call attempt failed',
  ) {
    super(message);
    this.name = 'AttemptFailure';
  }
}
