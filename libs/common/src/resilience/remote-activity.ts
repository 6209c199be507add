import type { BudgetSpent } from './budget/remote-budget.js';

/** How one attempt at a remote ended, as metrics count it and readiness reads it. */
export type RemoteAttemptOutcome =
  /** A 2xx/3xx answer. */
  | 'ok'
  /** A final 4xx other than 429 (the request was refused; the remote is up). */
  | '4xx'
  /** The remote asked us to slow down. */
  | '429'
  /** A 5xx answer. */
  | '5xx'
  /** No answer within the attempt's time limit. */
  | 'timeout'
  /** No connection, or it dropped before an answer. */
  | 'network'
  /** Not sent: the circuit is open (the remote kept failing). */
  | 'circuit_open'
  /** Not sent: the shared budget would not give a slot in time. */
  | 'budget_refused';

/** Reads or writes: the operation class of a call (a GraphQL query or mutation; an HTTP GET or any other method). */
export type RemoteOperationClass = 'read' | 'write';

/** A remote as the policies see it: `marketplacer` or `anymarket` (lower case, a metric label). */
export type RemoteName = 'marketplacer' | 'anymarket';

export type CircuitState = 'closed' | 'open' | 'half-open';

/** One attempt, sent or refused before it was sent. */
export interface RemoteAttempt {
  remote: RemoteName;
  operation: string;
  operationClass: RemoteOperationClass;
  outcome: RemoteAttemptOutcome;
  /** Sending and reading the answer; absent when it was not sent. */
  seconds?: number;
  /** The HTTP status when there was an answer. */
  status?: number;
}

/** What a remote looks like from here: readiness says degraded from it, never by calling the remote. */
export interface RemoteStanding {
  remote: RemoteName;
  /** The worst circuit among this remote's policies (one per Marketplacer instance, one per ANYMARKET base URL). */
  circuit: CircuitState;
  /** Outage failures (5xx, timeout, no connection) since the last answered attempt. */
  consecutiveOutages: number;
  /** The last outage failure, in words (`HTTP 503 on AdvertsUpdatedSince`), while `consecutiveOutages` > 0. */
  lastOutage?: string;
  lastOutageAt?: Date;
  /** When the first of those `consecutiveOutages` failed. */
  outagesSince?: Date;
  lastOkAt?: Date;
  /** The last attempt answered 429. */
  rateLimited: boolean;
}

/** A budget slot taken: `used` of `limit` in the current window of one key's budget. */
export interface RemoteBudgetUse {
  remote: RemoteName;
  /** The first 12 characters of the hashed key: one Marketplacer API key, one ANYMARKET seller token. */
  budget: string;
  used: number;
  limit: number;
  /** When the window ends (epoch ms): after it, nothing of it is used. */
  windowEndsAt: number;
}

/** Told of every attempt, circuit change and budget slot (the connector's metrics). */
export interface RemoteActivityListener {
  attempted?(attempt: RemoteAttempt): void;
  circuitChanged?(remote: RemoteName, policyId: string, state: CircuitState): void;
  budgetUsed?(use: RemoteBudgetUse): void;
}

const OUTAGES: ReadonlySet<RemoteAttemptOutcome> = new Set(['5xx', 'timeout', 'network']);

/**
 * What every RemoteCallPolicy reports, kept in memory for readiness (`RemoteStanding`) and handed to
 * listeners (metrics). One per app, provided by CoreModule; a policy built without it (a hand-made
 * client in a test) reports nowhere.
 */
export class RemoteActivity {
  private readonly listeners: RemoteActivityListener[] = [];
  private readonly standings = new Map<RemoteName, Omit<RemoteStanding, 'circuit'>>();
  /** Circuit state per policy (`remote` → policy id → state). */
  private readonly circuits = new Map<RemoteName, Map<string, CircuitState>>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  listen(listener: RemoteActivityListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  attempted(attempt: RemoteAttempt): void {
    const standing = this.standingOf(attempt.remote);
    if (OUTAGES.has(attempt.outcome)) {
      standing.consecutiveOutages += 1;
      if (standing.consecutiveOutages === 1) standing.outagesSince = this.now();
      standing.lastOutage = `${attempt.status ? `HTTP ${attempt.status}` : attempt.outcome} on ${attempt.operation}`;
      standing.lastOutageAt = this.now();
    } else if (attempt.outcome !== 'circuit_open' && attempt.outcome !== 'budget_refused') {
      // An answer (even a 4xx or 429) says the remote is up.
      standing.consecutiveOutages = 0;
      standing.lastOutage = undefined;
      standing.outagesSince = undefined;
      if (attempt.outcome === 'ok') standing.lastOkAt = this.now();
    }
    if (attempt.outcome !== 'circuit_open' && attempt.outcome !== 'budget_refused') standing.rateLimited = attempt.outcome === '429';
    for (const listener of this.listeners) listener.attempted?.(attempt);
  }

  circuitChanged(remote: RemoteName, policyId: string, state: CircuitState): void {
    let byPolicy = this.circuits.get(remote);
    if (!byPolicy) this.circuits.set(remote, (byPolicy = new Map()));
    byPolicy.set(policyId, state);
    for (const listener of this.listeners) listener.circuitChanged?.(remote, policyId, state);
  }

  /** A budget's `onSpent`, for one remote: tells the listeners how full the window is. */
  budgetReporter(remote: RemoteName): (spent: BudgetSpent) => void {
    return (spent) => {
      const use: RemoteBudgetUse = { remote, budget: spent.hashedKey.slice(0, 12), used: spent.used, limit: spent.limit, windowEndsAt: spent.windowEndsAt };
      for (const listener of this.listeners) listener.budgetUsed?.(use);
    };
  }

  /** Each remote that has been called (or whose circuit moved), with what its policies saw. */
  standingsNow(): RemoteStanding[] {
    const remotes = new Set<RemoteName>([...this.standings.keys(), ...this.circuits.keys()]);
    return [...remotes].sort().map((remote) => ({ ...this.standingOf(remote), circuit: this.circuitOf(remote) }));
  }

  private circuitOf(remote: RemoteName): CircuitState {
    const states = [...(this.circuits.get(remote)?.values() ?? [])];
    if (states.includes('open')) return 'open';
    if (states.includes('half-open')) return 'half-open';
    return 'closed';
  }

  private standingOf(remote: RemoteName): Omit<RemoteStanding, 'circuit'> {
    let standing = this.standings.get(remote);
    if (!standing) this.standings.set(remote, (standing = { remote, consecutiveOutages: 0, rateLimited: false }));
    return standing;
  }
}
