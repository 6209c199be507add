export type RequestOutcome =
  'executed' | 'unauthorized' | 'rate-limited' | 'fault-status' | 'fault-429' | 'dropped' | 'answer-lost' | 'maintenance-page' | 'introspection-refused';

/**
 * The request headers a test or a demo asks about: the content type, how the caller authenticated (the
 * simulator's own keys, as sent), and the W3C `traceparent` it sent (the caller's trace).
 */
export interface LoggedHeaders {
  'content-type'?: string;
  authorization?: string;
  'marketplacer-api-key'?: string;
  traceparent?: string;
}

export const LOGGED_HEADERS = ['content-type', 'authorization', 'marketplacer-api-key', 'traceparent'] as const;

export interface LoggedRequest {
  seq: number;
  at: string;
  operationName: string;
  httpStatus: number | null;
  outcome: RequestOutcome;
  /** True when the GraphQL answer carried top-level errors. */
  graphqlErrors: boolean;
  /** The request's variables as sent (null when it sent none). */
  variables: Record<string, unknown> | null;
  headers: LoggedHeaders;
}

/** What a request itself says (the endpoint knows it when the request arrives). */
export type RequestSeen = Pick<LoggedRequest, 'variables' | 'headers'>;

/**
 * Every request that reached POST /graphql: a running count and the last entries, and the requests
 * that have arrived but not been answered yet (waiting out an injected latency), for tests and demos.
 */
export class RequestLog {
  private count = 0;
  private byOperation = new Map<string, number>();
  private recent: LoggedRequest[] = [];
  private arrived = new Map<string, number>();

  constructor(private readonly keep = 500) {}

  /** A request of `operationName` arrived; `record` follows once it is answered (or dropped). */
  arrive(operationName: string): void {
    this.arrived.set(operationName, (this.arrived.get(operationName) ?? 0) + 1);
  }

  record(entry: Omit<LoggedRequest, 'seq' | 'at'>): void {
    const waiting = this.arrived.get(entry.operationName) ?? 0;
    if (waiting > 1) this.arrived.set(entry.operationName, waiting - 1);
    else this.arrived.delete(entry.operationName);
    this.count++;
    this.byOperation.set(entry.operationName, (this.byOperation.get(entry.operationName) ?? 0) + 1);
    this.recent.push({ seq: this.count, at: new Date().toISOString(), ...entry });
    if (this.recent.length > this.keep) this.recent.splice(0, this.recent.length - this.keep);
  }

  snapshot(limit = 50): { count: number; byOperation: Record<string, number>; inFlight: Record<string, number>; last: LoggedRequest[] } {
    return {
      count: this.count,
      byOperation: Object.fromEntries(this.byOperation),
      inFlight: Object.fromEntries(this.arrived),
      last: this.recent.slice(-Math.max(0, limit)),
    };
  }

  clear(): void {
    this.count = 0;
    this.byOperation = new Map();
    this.recent = [];
    this.arrived = new Map();
  }
}
