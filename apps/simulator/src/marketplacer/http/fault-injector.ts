export interface FaultSettings {
  /** Added to every GraphQL request before it is answered. */
  latencyMs: number;
  /**
   * The next `count` requests (of `operationName` when given, once `after` of them have passed) answer
   * `status` (500, 502 or 503) without being executed: e.g. a look-up that fails only after the create
   * before it.
   */
  failNextRequests: { count: number; status: number; operationName?: string | null; after?: number } | null;
  /** The next `count` requests answer 429 with `Retry-After: retryAfterSeconds`. */
  burst429: { count: number; retryAfterSeconds: number } | null;
  /** The next N requests get their connection destroyed without an answer (not executed). */
  dropNextConnections: number;
  /**
   * The next `count` requests (of `operationName` when given) are executed, then their connection is
   * destroyed (or, with `status`, answered that HTTP status): the change is made, the caller never learns it
   * (a timeout, or a proxy's error, after the commit).
   */
  loseNextAnswers: { count: number; operationName: string | null; status?: number } | null;
}

export type FaultDecision =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'drop'; latencyMs: number }
  | { kind: 'lose-answer'; latencyMs: number; status?: number }
  | { kind: 'fail'; latencyMs: number; status: number }
  | { kind: 'throttle'; latencyMs: number; retryAfterSeconds: number };

const NO_FAULTS: FaultSettings = { latencyMs: 0, failNextRequests: null, burst429: null, dropNextConnections: 0, loseNextAnswers: null };

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

  next(operationName: string | null): FaultDecision {
    const s = this.settings;
    const latencyMs = s.latencyMs;
    const lose = s.loseNextAnswers;
    if (lose && lose.count > 0 && (lose.operationName === null || lose.operationName === operationName)) {
      lose.count--;
      return { kind: 'lose-answer', latencyMs, status: lose.status };
    }
    if (s.dropNextConnections > 0) {
      s.dropNextConnections--;
      return { kind: 'drop', latencyMs };
    }
    const fail = s.failNextRequests;
    if (fail && fail.count > 0 && (!fail.operationName || fail.operationName === operationName)) {
      if (fail.after) {
        fail.after--;
      } else {
        fail.count--;
        return { kind: 'fail', latencyMs, status: fail.status };
      }
    }
    if (s.burst429 && s.burst429.count > 0) {
      s.burst429.count--;
      return { kind: 'throttle', latencyMs, retryAfterSeconds: s.burst429.retryAfterSeconds };
    }
    return { kind: 'none', latencyMs };
  }
}
