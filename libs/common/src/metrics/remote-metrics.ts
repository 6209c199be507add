import type { CircuitState, RemoteActivity, RemoteActivityListener, RemoteAttempt, RemoteBudgetUse } from '../resilience/remote-activity.js';
import type { Metrics } from './metrics.js';

/** Seconds: remote calls take from a few ms (a cached read) to the 30 s time limit. */
const REMOTE_SECONDS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const CIRCUIT_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 0.5, open: 1 };

/**
 * The remotes' families, fed by RemoteActivity: requests by remote, operation class and outcome,
 * latency, circuit state, and how full each budget's window is. Labels are bounded: two remotes,
 * two classes, eight outcomes; `budget` is one per Marketplacer API key and one per ANYMARKET seller
 * token (the first 12 characters of its SHA-256, never the token), so as many as linked accounts.
 */
export class RemoteMetrics implements RemoteActivityListener {
  private readonly requests;
  private readonly seconds;
  private readonly budgets = new Map<string, RemoteBudgetUse>();

  constructor(metrics: Metrics, activity: RemoteActivity, now: () => number = Date.now) {
    this.requests = metrics.counter({
      name: 'connector_remote_requests_total',
      help: 'Requests to a remote (each attempt), by remote, operation class (read, write) and outcome (ok, 4xx, 429, 5xx, timeout, network, circuit_open, budget_refused)',
      labelNames: ['remote', 'operation_class', 'outcome'],
    });
    this.seconds = metrics.histogram({
      name: 'connector_remote_request_duration_seconds',
      help: 'Time of one attempt at a remote, sending and reading the answer',
      labelNames: ['remote', 'operation_class'],
      buckets: REMOTE_SECONDS,
    });
    const circuit = metrics.gauge({
      name: 'connector_remote_circuit_open',
      help: "1 while a remote's circuit is open (calls fail fast), 0.5 while a probe is let through, 0 when closed",
      labelNames: ['remote'],
    });
    const outages = metrics.gauge({
      name: 'connector_remote_consecutive_outages',
      help: 'Outage failures (5xx, timeout, no connection) of a remote since its last answer',
      labelNames: ['remote'],
    });
    const used = metrics.gauge({
      name: 'connector_remote_budget_used_ratio',
      help: "Share of a budget's current window used (1: the next request waits); per Marketplacer API key and per ANYMARKET seller token (hashed)",
      labelNames: ['remote', 'budget'],
    });
    const limit = metrics.gauge({
      name: 'connector_remote_budget_limit',
      help: 'Requests a budget lets through per window (the plan that keeps under the published limit)',
      labelNames: ['remote', 'budget'],
    });
    for (const remote of ['marketplacer', 'anymarket'] as const) {
      circuit.set({ remote }, 0);
      outages.set({ remote }, 0);
    }
    if (!metrics.enabled) return;
    activity.listen(this);
    metrics.onScrape('remotes', () => {
      for (const standing of activity.standingsNow()) {
        circuit.set({ remote: standing.remote }, CIRCUIT_VALUE[standing.circuit]);
        outages.set({ remote: standing.remote }, standing.consecutiveOutages);
      }
      const at = now();
      for (const use of this.budgets.values()) {
        const labels = { remote: use.remote, budget: use.budget };
        used.set(labels, use.windowEndsAt > at ? use.used / use.limit : 0);
        limit.set(labels, use.limit);
      }
    });
  }

  attempted(attempt: RemoteAttempt): void {
    this.requests.inc({ remote: attempt.remote, operation_class: attempt.operationClass, outcome: attempt.outcome });
    if (attempt.seconds !== undefined) this.seconds.observe({ remote: attempt.remote, operation_class: attempt.operationClass }, attempt.seconds);
  }

  budgetUsed(use: RemoteBudgetUse): void {
    this.budgets.set(`${use.remote}:${use.budget}`, use);
  }
}
