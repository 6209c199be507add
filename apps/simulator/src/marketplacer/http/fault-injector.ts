export interface FaultSettings {
  /** Added to every GraphQL request before it is answered. */
  latencyMs: number;
  /**
   * The next `count` requests (of `operationName` when given, once `after` of them have passed) answer
   * `status` (500, 502 or 503) without being executed: e.g. a look-up that fails only after the create
   * before it.
   */
  failNextRequests: { count: number; status: number; operationName?: string | null; after?: number; retryAfterSeconds?: number | null } | null;
  /**
   * The next `count` requests answer 429, with `Retry-After` in seconds, or as an HTTP date
   * (`retryAfterDate`, an ISO time sent in HTTP-date form), or without it when neither is given.
   */
  burst429: { count: number; retryAfterSeconds?: number | null; retryAfterDate?: string | null } | null;
  /** The next N requests get their connection destroyed without an answer (not executed). */
  dropNextConnections: number;
  /**
   * The next `count` requests (of `operationName` when given) are executed, then their connection is
   * destroyed (or, with `status`, answered that HTTP status): the change is made, the caller never learns it
   * (a timeout, or a proxy's error, after the commit).
   */
  loseNextAnswers: { count: number; operationName: string | null; status?: number } | null;
  /**
   * The next `count` requests (of `operationName` when given) stall: no answer until the caller hangs up
   * (a timeout), then they are carried out as any delayed request is; answered after STALL_MS otherwise.
   */
  stallNextRequests: { count: number; operationName: string | null } | null;
  /** The next N requests get HTTP 200 with an HTML maintenance page, as a proxy in front of Marketplacer may answer (not executed). */
  maintenancePageNextRequests: number;
  /** Introspection (`__schema`) is refused as an instance that turned it off does: a GraphQL error with HTTP 200, or with HTTP 400. */
  refuseIntrospection: 'graphql-error' | 'http-400' | null;
}

/** How long a stalled request waits for its caller to hang up before it is answered after all. */
export const STALL_MS = 120_000;

export type FaultDecision =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'drop'; latencyMs: number }
  | { kind: 'lose-answer'; latencyMs: number; status?: number }
  | { kind: 'maintenance-page'; latencyMs: number }
  | { kind: 'fail'; latencyMs: number; status: number; retryAfter: string | null }
  | { kind: 'throttle'; latencyMs: number; retryAfter: string | null };

const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  failNextRequests: null,
  burst429: null,
  dropNextConnections: 0,
  loseNextAnswers: null,
  stallNextRequests: null,
  maintenancePageNextRequests: 0,
  refuseIntrospection: null,
};

const matches = (only: string | null | undefined, operationName: string | null) => !only || only === operationName;

/** Run-time switchable faults of the simulated Operator API; each GraphQL request consumes at most one. */
export class FaultInjector {
  private settings: FaultSettings = structuredClone(NO_FAULTS);

  /** Replaces every setting (what is not given is off). */
  set(settings: Partial<FaultSettings>): FaultSettings {
    const given = Object.entries(settings ?? {}).filter(([, value]) => value !== undefined && value !== null);
    this.settings = { ...structuredClone(NO_FAULTS), ...structuredClone(Object.fromEntries(given)) };
    return this.snapshot();
  }

  clear(): void {
    this.settings = structuredClone(NO_FAULTS);
  }

  snapshot(): FaultSettings {
    return structuredClone(this.settings);
  }

  /** How introspection is refused, while it is (not consumed per request). */
  get introspectionRefusal(): FaultSettings['refuseIntrospection'] {
    return this.settings.refuseIntrospection;
  }

  next(operationName: string | null): FaultDecision {
    const s = this.settings;
    const stall = s.stallNextRequests;
    const stalls = stall !== null && stall.count > 0 && matches(stall.operationName, operationName);
    if (stalls) stall.count--;
    const latencyMs = stalls ? Math.max(s.latencyMs, STALL_MS) : s.latencyMs;
    const lose = s.loseNextAnswers;
    if (lose && lose.count > 0 && (lose.operationName === null || lose.operationName === operationName)) {
      lose.count--;
      return { kind: 'lose-answer', latencyMs, status: lose.status };
    }
    if (s.dropNextConnections > 0) {
      s.dropNextConnections--;
      return { kind: 'drop', latencyMs };
    }
    if (s.maintenancePageNextRequests > 0) {
      s.maintenancePageNextRequests--;
      return { kind: 'maintenance-page', latencyMs };
    }
    const fail = s.failNextRequests;
    if (fail && fail.count > 0 && (!fail.operationName || fail.operationName === operationName)) {
      if (fail.after) {
        fail.after--;
      } else {
        fail.count--;
        return { kind: 'fail', latencyMs, status: fail.status, retryAfter: fail.retryAfterSeconds == null ? null : String(fail.retryAfterSeconds) };
      }
    }
    if (s.burst429 && s.burst429.count > 0) {
      s.burst429.count--;
      return { kind: 'throttle', latencyMs, retryAfter: retryAfterOf(s.burst429) };
    }
    return { kind: 'none', latencyMs };
  }
}

function retryAfterOf(burst: NonNullable<FaultSettings['burst429']>): string | null {
  if (burst.retryAfterDate) return new Date(burst.retryAfterDate).toUTCString();
  return burst.retryAfterSeconds == null ? null : String(burst.retryAfterSeconds);
}
