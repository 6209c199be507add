import type { Logger } from '@nestjs/common';
import {
  BrokenCircuitError,
  CircuitState as CockatielCircuitState,
  circuitBreaker,
  ConsecutiveBreaker,
  handleWhen,
  retry,
  timeout,
  TimeoutStrategy,
  type CircuitBreakerPolicy,
  type IBackoff,
  type IRetryBackoffContext,
  type TimeoutPolicy,
} from 'cockatiel';
import { AttemptFailure } from './attempt-failure.js';
import { fullJitterBackoff } from './backoff.js';
import type { RemoteBudget, TakenSlot } from './budget/remote-budget.js';
import { RemoteBudgetError } from './resilience.errors.js';
import type { CircuitState, RemoteActivity, RemoteAttemptOutcome, RemoteName, RemoteOperationClass } from './remote-activity.js';
import { onRequestDeparture } from './request-departures.js';
import { parseRetryAfter } from './retry-after.js';
import { currentFlow } from '../logging/request-context.js';
import { inSpan, runInSpan, startSpan } from '../tracing/flow-span.js';
import type { Timing } from './timing.js';

/** Why the policy stopped trying. */
export type GiveUpReason =
  /** The answer was final (4xx): repeating could not help. */
  | 'final'
  /** It may have been applied and the call must not be done twice (a create), so it was not repeated. */
  | 'may-have-been-applied'
  /** Every attempt failed. */
  | 'attempts-exhausted';

/** One call through the policy. */
export interface RemoteCall {
  /** For logs and messages, e.g. `AdvertUpsert`, `createOrder`. */
  operation: string;
  /** Whose budget the call spends (an API key, a seller token; hashed before it is stored). */
  budgetKey: string;
  /** A create: repeated only after failures that cannot have been applied (see RepeatSafety). */
  onlySafeRetries?: boolean;
  /** The caller's own cancellation; an aborted call is not retried. */
  signal?: AbortSignal;
  /** A read (GraphQL query, HTTP GET) or a write; for metrics. Default `read`. */
  operationClass?: RemoteOperationClass;
}

/** What an attempt gets: the signal that ends it on timeout (or the caller's abort). */
export interface AttemptContext {
  signal: AbortSignal;
  /** True when the signal fired because the attempt ran out of time (not because the caller aborted). */
  timedOut(): boolean;
  /** The W3C `traceparent` this attempt sends: the flow's trace, the attempt's own (client) span. */
  traceparent: string;
}

/** How the client turns the policy's outcomes into its own coded errors. */
export interface RemoteCallErrors<Detail> {
  gaveUp(failure: AttemptFailure<Detail>, reason: GiveUpReason, attempts: number, call: RemoteCall): Error;
  circuitOpen(call: RemoteCall, cause: BrokenCircuitError): Error;
  budgetRefused(call: RemoteCall, cause: RemoteBudgetError): Error;
}

export interface RemoteCallPolicyOptions<Detail> {
  /** The remote's name in logs ("Marketplacer", "ANYMARKET"). */
  remote: string;
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** Base of the full-jitter backoff after failures. */
  retryBaseMs: number;
  /** Ceiling of one backoff wait. */
  maxBackoffMs: number;
  /** Ceiling of one wait asked by `Retry-After` (and of the rate-limited wait). */
  maxRetryAfterMs: number;
  /** Wait after a 429 without `Retry-After`, doubled on each further one; unset: back off as any failure. */
  rateLimitedWaitMs?: number;
  /** Time limit of one attempt (sending and reading the answer). */
  timeoutMs: number;
  /** The circuit opens after `consecutiveFailures` outage failures in a row and lets one probe through after `halfOpenAfterMs`. */
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
  /** Spent once per attempt, right before it is sent. */
  budget: RemoteBudget;
  timing: Timing;
  logger: Pick<Logger, 'warn'>;
  errors: RemoteCallErrors<Detail>;
  /** Where each attempt and circuit change is reported (metrics, readiness); none: a hand-built client in a test. */
  activity?: { report: RemoteActivity; remote: RemoteName; policyId: string };
}

const CIRCUIT_STATES: Record<CockatielCircuitState, CircuitState> = {
  [CockatielCircuitState.Closed]: 'closed',
  [CockatielCircuitState.Open]: 'open',
  [CockatielCircuitState.HalfOpen]: 'half-open',
  [CockatielCircuitState.Isolated]: 'open',
};

/**
 * The one resilience policy of every remote client, on cockatiel: per attempt, a budget slot, a
 * circuit breaker and a timeout; around the attempts, a retry with the one backoff (Retry-After when
 * the remote sends it, the rate-limited wait on 429, full jitter otherwise) and the rule for creates:
 * repeated only when the remote cannot have applied them.
 *
 * cockatiel's retry sleeps with a bare `setTimeout` that no clock can be injected into, so its
 * backoff here is zero and records the wait instead; the next attempt sleeps it on `timing`, which
 * lets tests run on a virtual clock. The breaker counts only outage failures (5xx, timeouts, no
 * connection): a 429 or a 4xx says the remote is up.
 */
export class RemoteCallPolicy<Detail> {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly attemptTimeout: TimeoutPolicy;

  constructor(private readonly options: RemoteCallPolicyOptions<Detail>) {
    const { consecutiveFailures, halfOpenAfterMs } = options.breaker;
    this.breaker = circuitBreaker(
      handleWhen((error) => error instanceof AttemptFailure && error.signals.outage === true),
      { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(consecutiveFailures) },
    );
    this.breaker.onBreak(() =>
      options.logger.warn({
        msg: `${options.remote} keeps failing; calls fail fast until a probe succeeds`,
        consecutiveFailures,
        probeAfterMs: halfOpenAfterMs,
      }),
    );
    const activity = options.activity;
    if (activity) this.breaker.onStateChange((state) => activity.report.circuitChanged(activity.remote, activity.policyId, CIRCUIT_STATES[state]));
    this.attemptTimeout = timeout(options.timeoutMs, TimeoutStrategy.Cooperative);
  }

  /**
   * Runs `attempt` until it succeeds or the policy gives up; failures come out as the client's coded
   * errors. Each attempt is a client span of the running flow (a new flow when the call is made outside
   * any, such as the contract check at start-up) and sends its `traceparent`.
   */
  async execute<T>(call: RemoteCall, attempt: (context: AttemptContext) => Promise<T>): Promise<T> {
    if (!currentFlow()) return inSpan(`${this.options.remote} ${call.operation}`, 'internal', null, () => this.executeInFlow(call, attempt));
    return this.executeInFlow(call, attempt);
  }

  private async executeInFlow<T>(call: RemoteCall, attempt: (context: AttemptContext) => Promise<T>): Promise<T> {
    const { timing, budget } = this.options;
    const progress = { attempts: 0, failures: 0, rateLimited: 0, pendingWaitMs: 0 };
    const retries = retry(
      handleWhen((error) => error instanceof AttemptFailure && !call.signal?.aborted && this.repeatable(error, call)),
      { maxAttempts: this.options.maxAttempts - 1, backoff: new RecordedWait((failure) => this.recordWait(failure, progress)) },
    );
    retries.onRetry((event) => {
      const failure = 'error' in event ? event.error : undefined;
      this.options.logger.warn({
        msg: `${this.options.remote} call failed; retrying`,
        operation: call.operation,
        attempt: progress.attempts,
        reason: failure instanceof Error ? failure.message : undefined,
        waitMs: progress.pendingWaitMs,
      });
    });
    try {
      return await retries.execute(async () => {
        if (progress.pendingWaitMs > 0) await timing.sleep(progress.pendingWaitMs);
        progress.pendingWaitMs = 0;
        progress.attempts += 1;
        try {
          return await this.breaker.execute(async () => {
            const slot = await budget.acquire(call.budgetKey);
            return this.traced(call, progress.attempts, slot, (signal, traceparent) =>
              attempt({ signal, timedOut: () => signal.aborted && !call.signal?.aborted, traceparent }),
            );
          });
        } catch (error) {
          if (error instanceof BrokenCircuitError) this.report(call, 'circuit_open');
          else if (error instanceof RemoteBudgetError) this.report(call, 'budget_refused');
          throw error;
        }
      });
    } catch (error) {
      throw this.finalError(error, call, progress.attempts);
    }
  }

  /**
   * One attempt under the time limit, in a client span of its own (its log lines and the `traceparent`
   * it sends name it), reported with its outcome and duration.
   */
  private async traced<T>(
    call: RemoteCall,
    attempt: number,
    slot: TakenSlot | void,
    send: (signal: AbortSignal, traceparent: string) => Promise<T>,
  ): Promise<T> {
    const span = startSpan(`${this.options.remote} ${call.operation}`, 'client', 'current', {
      attributes: { 'remote.name': this.options.remote, 'remote.operation': call.operation, 'remote.attempt': attempt },
    });
    // The budget slot counts from when the request was really written (request-departures.ts).
    const stopWaiting = slot ? onRequestDeparture(span.traceparent, () => slot.left()) : undefined;
    const started = performance.now();
    // Read when the attempt fails: cockatiel aborts the attempt's signal once it has settled, timed out or not.
    let timedOut = false;
    const sendNoting = (signal: AbortSignal) =>
      send(signal, span.traceparent).catch((error: unknown) => {
        timedOut = signal.aborted && !call.signal?.aborted;
        throw error;
      });
    try {
      const answer = await runInSpan(span, () => this.attemptTimeout.execute(({ signal }) => sendNoting(signal), call.signal));
      span.end();
      this.report(call, 'ok', started);
      return answer;
    } catch (error) {
      const status = error instanceof AttemptFailure ? error.signals.status : undefined;
      span.end({ error, attributes: { 'http.response.status_code': status } });
      if (!call.signal?.aborted) this.report(call, attemptOutcome(status, timedOut), started, status);
      throw error;
    } finally {
      stopWaiting?.();
    }
  }

  private report(call: RemoteCall, outcome: RemoteAttemptOutcome, started?: number, status?: number): void {
    const activity = this.options.activity;
    if (!activity) return;
    activity.report.attempted({
      remote: activity.remote,
      operation: call.operation,
      operationClass: call.operationClass ?? 'read',
      outcome,
      seconds: started === undefined ? undefined : (performance.now() - started) / 1000,
      status,
    });
  }

  private repeatable(failure: AttemptFailure, call: RemoteCall): boolean {
    if (failure.safety === 'final') return false;
    return failure.safety === 'not-applied' || !call.onlySafeRetries;
  }

  private recordWait(failure: AttemptFailure | undefined, progress: { failures: number; rateLimited: number; pendingWaitMs: number }): void {
    const { timing, retryBaseMs, maxBackoffMs, maxRetryAfterMs, rateLimitedWaitMs } = this.options;
    const retryAfterMs = parseRetryAfter(failure?.signals.retryAfter, timing.now(), maxRetryAfterMs);
    if (failure?.signals.rateLimited && (retryAfterMs !== undefined || rateLimitedWaitMs !== undefined)) {
      progress.pendingWaitMs = retryAfterMs ?? Math.min(maxRetryAfterMs, rateLimitedWaitMs! * 2 ** progress.rateLimited);
      progress.rateLimited += 1;
      return;
    }
    progress.failures += 1;
    progress.pendingWaitMs = retryAfterMs ?? fullJitterBackoff(progress.failures, retryBaseMs, maxBackoffMs, timing.random);
  }

  private finalError(error: unknown, call: RemoteCall, attempts: number): unknown {
    const { errors } = this.options;
    if (error instanceof AttemptFailure) {
      const failure = error as AttemptFailure<Detail>;
      const reason: GiveUpReason = failure.safety === 'final' ? 'final' : this.repeatable(failure, call) ? 'attempts-exhausted' : 'may-have-been-applied';
      return errors.gaveUp(failure, reason, attempts, call);
    }
    if (error instanceof BrokenCircuitError) return errors.circuitOpen(call, error);
    if (error instanceof RemoteBudgetError) return errors.budgetRefused(call, error);
    return error;
  }
}

/** An attempt's outcome from its HTTP status (none: no answer). */
function attemptOutcome(status: number | undefined, timedOut: boolean): RemoteAttemptOutcome {
  if (status === undefined) return timedOut ? 'timeout' : 'network';
  if (status === 429) return '429';
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  return 'ok';
}

/** cockatiel backoff of zero that hands each failure to `record`, which computes the real wait (see RemoteCallPolicy). */
class RecordedWait implements IBackoff<IRetryBackoffContext<unknown>> {
  readonly duration = 0;

  constructor(private readonly record: (failure: AttemptFailure | undefined) => void) {}

  next(context: IRetryBackoffContext<unknown>): RecordedWait {
    const error = 'error' in context.result ? context.result.error : undefined;
    this.record(error instanceof AttemptFailure ? error : undefined);
    return this;
  }
}
