import { Metrics } from '../metrics/metrics.js';
import { RemoteMetrics } from '../metrics/remote-metrics.js';
import { AttemptFailure } from './attempt-failure.js';
import { SlidingRemoteBudget, UNLIMITED_BUDGET } from './budget/remote-budget.js';
import { memoryBudgetStore } from './budget/remote-budget-store.js';
import { planBudget } from './budget/budget-plan.js';
import { RemoteActivity, type RemoteAttempt } from './remote-activity.js';
import { RemoteCallPolicy, type RemoteCallPolicyOptions } from './remote-call-policy.js';
import { RemoteBudgetError } from './resilience.errors.js';

const timing = { now: () => Date.now(), sleep: () => Promise.resolve(), random: () => 0.5 };

function policy(activity: RemoteActivity, overrides: Partial<RemoteCallPolicyOptions<string>> = {}): RemoteCallPolicy<string> {
  return new RemoteCallPolicy<string>({
    remote: 'Marketplacer',
    maxAttempts: 3,
    retryBaseMs: 1,
    maxBackoffMs: 1,
    maxRetryAfterMs: 1,
    rateLimitedWaitMs: 1,
    timeoutMs: 5_000,
    breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 },
    budget: UNLIMITED_BUDGET,
    timing,
    logger: { warn: () => undefined },
    errors: { gaveUp: (failure) => new Error(failure.detail), circuitOpen: () => new Error('circuit open'), budgetRefused: () => new Error('budget') },
    activity: { report: activity, remote: 'marketplacer', policyId: 'https://marketplacer.test/graphql' },
    ...overrides,
  });
}

const answered = (status: number) =>
  new AttemptFailure(status === 429 || status === 503 ? 'not-applied' : status >= 500 ? 'unknown' : 'final', `HTTP ${status}`, {
    status,
    outage: status >= 500,
    rateLimited: status === 429,
  });

function recorded(activity: RemoteActivity): RemoteAttempt[] {
  const attempts: RemoteAttempt[] = [];
  activity.listen({ attempted: (attempt) => attempts.push(attempt) });
  return attempts;
}

describe('RemoteActivity, as every RemoteCallPolicy reports to it', () => {
  it('reports each attempt with its outcome and class, and sends nothing for a call that was never made', async () => {
    const activity = new RemoteActivity();
    const attempts = recorded(activity);
    const statuses = [429, 503, 200];
    await policy(activity).execute({ operation: 'AdvertUpsert', budgetKey: 'key', operationClass: 'write' }, () => {
      const status = statuses.shift()!;
      if (status !== 200) return Promise.reject(answered(status));
      return Promise.resolve('ok');
    });
    expect(attempts.map(({ operation, operationClass, outcome, status }) => ({ operation, operationClass, outcome, status }))).toEqual([
      { operation: 'AdvertUpsert', operationClass: 'write', outcome: '429', status: 429 },
      { operation: 'AdvertUpsert', operationClass: 'write', outcome: '5xx', status: 503 },
      { operation: 'AdvertUpsert', operationClass: 'write', outcome: 'ok', status: undefined },
    ]);
    expect(attempts.every((attempt) => typeof attempt.seconds === 'number' && attempt.seconds >= 0)).toBe(true);
  });

  it('tells a 4xx, a timeout and a connection that failed apart', async () => {
    const activity = new RemoteActivity();
    const attempts = recorded(activity);
    await expect(policy(activity).execute({ operation: 'Q', budgetKey: 'k' }, () => Promise.reject(answered(404)))).rejects.toThrow('HTTP 404');
    await expect(
      policy(activity, { maxAttempts: 1, timeoutMs: 5 }).execute(
        { operation: 'Q', budgetKey: 'k' },
        ({ signal }) =>
          new Promise((_, reject) => signal.addEventListener('abort', () => reject(new AttemptFailure('unknown', 'timed out', { outage: true })))),
      ),
    ).rejects.toThrow('timed out');
    await expect(
      policy(activity, { maxAttempts: 1 }).execute({ operation: 'Q', budgetKey: 'k' }, () =>
        Promise.reject(new AttemptFailure('not-applied', 'ECONNREFUSED', { outage: true })),
      ),
    ).rejects.toThrow('ECONNREFUSED');
    expect(attempts.map((attempt) => [attempt.outcome, attempt.operationClass])).toEqual([
      ['4xx', 'read'],
      ['timeout', 'read'],
      ['network', 'read'],
    ]);
  });

  it('keeps the standing readiness reads: outages in a row, the circuit, and an answer resets them', async () => {
    const activity = new RemoteActivity();
    const attempts = recorded(activity);
    const failing = policy(activity);
    await expect(failing.execute({ operation: 'AdvertsUpdatedSince', budgetKey: 'k' }, () => Promise.reject(answered(503)))).rejects.toThrow();
    expect(activity.standingsNow()).toEqual([
      expect.objectContaining({ remote: 'marketplacer', circuit: 'open', consecutiveOutages: 3, lastOutage: 'HTTP 503 on AdvertsUpdatedSince' }),
    ]);
    await expect(failing.execute({ operation: 'AdvertsUpdatedSince', budgetKey: 'k' }, () => Promise.resolve('never sent'))).rejects.toThrow('circuit open');
    expect(attempts.at(-1)?.outcome).toBe('circuit_open');
    await policy(activity).execute({ operation: 'Other', budgetKey: 'k' }, () => Promise.resolve('ok'));
    expect(activity.standingsNow()[0]).toEqual(expect.objectContaining({ circuit: 'open', consecutiveOutages: 0, lastOutage: undefined }));
  });

  it('reports a budget that refused to give a slot in time as budget_refused', async () => {
    const activity = new RemoteActivity();
    const attempts = recorded(activity);
    const budget = { acquire: () => Promise.reject(new RemoteBudgetError('REMOTE_BUDGET_WAIT_EXCEEDED', 'no slot')) };
    await expect(policy(activity, { budget, maxAttempts: 1 }).execute({ operation: 'Q', budgetKey: 'k' }, () => Promise.resolve('x'))).rejects.toThrow(
      'budget',
    );
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['budget_refused']);
  });
});

describe('RemoteMetrics', () => {
  it('counts attempts by remote, class and outcome, and shows circuits, outages and budget use at scrape time', async () => {
    const metrics = new Metrics(true);
    const activity = new RemoteActivity();
    new RemoteMetrics(metrics, activity);
    const plan = planBudget({ limit: 10, windowMs: 1000 }, 50);
    const budget = new SlidingRemoteBudget({
      remote: 'ANYMARKET',
      name: 'anymarket',
      plan,
      store: memoryBudgetStore(),
      maxWaitMs: 1000,
      onSpent: activity.budgetReporter('anymarket'),
    });
    const calls = policy(activity, { budget, activity: { report: activity, remote: 'anymarket', policyId: 'https://api.anymarket.test' } });
    await calls.execute({ operation: 'createOrder', budgetKey: 'seller-token', operationClass: 'write' }, () => Promise.resolve('ok'));
    await expect(calls.execute({ operation: 'getOrder', budgetKey: 'seller-token' }, () => Promise.reject(answered(500)))).rejects.toThrow();
    const text = await metrics.render();
    expect(text).toContain('connector_remote_requests_total{remote="anymarket",operation_class="write",outcome="ok"} 1');
    expect(text).toContain('connector_remote_requests_total{remote="anymarket",operation_class="read",outcome="5xx"} 3');
    expect(text).toContain('connector_remote_request_duration_seconds_count{remote="anymarket",operation_class="read"} 3');
    expect(text).toContain('connector_remote_circuit_open{remote="anymarket"} 1');
    expect(text).toContain('connector_remote_consecutive_outages{remote="anymarket"} 3');
    expect(text).toContain('connector_remote_circuit_open{remote="marketplacer"} 0');
    expect(text).toMatch(new RegExp(`connector_remote_budget_limit\\{remote="anymarket",budget="[A-Za-z0-9_-]{12}"\\} ${plan.limit}\\n`));
    expect(text).toMatch(/connector_remote_budget_used_ratio\{remote="anymarket",budget="[A-Za-z0-9_-]{12}"\} 0\.\d+|1\n/);
    expect(text).not.toContain('seller-token');
  });
});
