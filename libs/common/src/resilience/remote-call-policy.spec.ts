import { jest } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AttemptFailure, type FailureSignals, type RepeatSafety } from './attempt-failure.js';
import { UNLIMITED_BUDGET, type RemoteBudget } from './budget/remote-budget.js';
import { RemoteCallPolicy, type GiveUpReason, type RemoteCallPolicyOptions } from './remote-call-policy.js';
import { RemoteBudgetError } from './resilience.errors.js';
import type { Timing } from './timing.js';
import { currentFlow } from '../logging/request-context.js';
import { inSpan, setSpanRecorder, type FinishedSpan } from '../tracing/flow-span.js';
import { parseTraceparent } from '../tracing/traceparent.js';

/** A virtual clock: sleep returns at once, records the wait and moves the clock. */
class VirtualTiming implements Timing {
  readonly sleeps: number[] = [];
  private clock = 1_700_000_000_000;
  now = (): number => this.clock;
  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.clock += ms;
    return Promise.resolve();
  };
  random = (): number => 0.5;
}

class GaveUp extends Error {
  constructor(
    readonly reason: GiveUpReason,
    readonly attempts: number,
    readonly detail: string,
  ) {
    super(`${reason} after ${attempts}: ${detail}`);
  }
}
class CircuitOpen extends Error {}
class BudgetRefused extends Error {}

const fail = (safety: RepeatSafety, detail: string, signals: FailureSignals = {}) => new AttemptFailure(safety, detail, signals, detail);
const http500 = () => fail('unknown', '500', { outage: true });
const http503 = (retryAfter?: string) => fail('not-applied', '503', { outage: true, retryAfter });
const http429 = (retryAfter?: string) => fail('not-applied', '429', { rateLimited: true, retryAfter });
const refused = () => fail('final', '400');

describe('RemoteCallPolicy', () => {
  let timing: VirtualTiming;

  beforeEach(() => {
    timing = new VirtualTiming();
  });

  function policy(overrides: Partial<RemoteCallPolicyOptions<string>> = {}): RemoteCallPolicy<string> {
    return new RemoteCallPolicy<string>({
      remote: 'Remote',
      maxAttempts: 4,
      retryBaseMs: 100,
      maxBackoffMs: 10_000,
      maxRetryAfterMs: 60_000,
      rateLimitedWaitMs: 1_000,
      timeoutMs: 5_000,
      breaker: { consecutiveFailures: 50, halfOpenAfterMs: 30_000 },
      budget: UNLIMITED_BUDGET,
      timing,
      logger: { warn: () => undefined },
      errors: {
        gaveUp: (failure, reason, attempts) => new GaveUp(reason, attempts, failure.detail),
        circuitOpen: () => new CircuitOpen('circuit open'),
        budgetRefused: (_call, cause) => new BudgetRefused(cause.code),
      },
      ...overrides,
    });
  }

  /** An attempt function answering from a script; past its end it repeats the last entry. */
  function scripted(...outcomes: Array<string | AttemptFailure<string>>): { run: () => Promise<string>; calls: () => number } {
    let calls = 0;
    return {
      run: () => {
        const outcome = outcomes[Math.min(calls, outcomes.length - 1)];
        calls += 1;
        return outcome instanceof AttemptFailure ? Promise.reject(outcome) : Promise.resolve(outcome);
      },
      calls: () => calls,
    };
  }

  const call = { operation: 'op', budgetKey: 'key' };

  describe('retries', () => {
    it('backs off with full jitter after failures (random 0.5: half of 100, 200, 400)', async () => {
      const remote = scripted(http500(), http500(), http500(), 'ok');
      await expect(policy().execute(call, remote.run)).resolves.toBe('ok');
      expect(timing.sleeps).toEqual([50, 100, 200]);
    });

    it('honours Retry-After, and waits the rate-limited default, doubled per 429 so far, without it', async () => {
      const remote = scripted(http429('2'), http429(), http429(), 'ok');
      await expect(policy().execute(call, remote.run)).resolves.toBe('ok');
      expect(timing.sleeps).toEqual([2000, 2000, 4000]);
    });

    it('backs off like any failure on 429 when the remote has no rate-limited default', async () => {
      const remote = scripted(http429(), 'ok');
      await policy({ rateLimitedWaitMs: undefined }).execute(call, remote.run);
      expect(timing.sleeps).toEqual([50]);
    });

    it('treats a 503 without Retry-After as any failure (seconds), with it as asked', async () => {
      await policy().execute(call, scripted(http503(), http503('3'), 'ok').run);
      expect(timing.sleeps).toEqual([50, 3000]);
    });

    it('gives up after maxAttempts', async () => {
      const remote = scripted(http500());
      await expect(policy().execute(call, remote.run)).rejects.toMatchObject({ reason: 'attempts-exhausted', attempts: 4 });
      expect(remote.calls()).toBe(4);
    });

    it('never repeats a final answer', async () => {
      const remote = scripted(refused(), 'ok');
      await expect(policy().execute(call, remote.run)).rejects.toMatchObject({ reason: 'final', attempts: 1 });
      expect(remote.calls()).toBe(1);
      expect(timing.sleeps).toEqual([]);
    });
  });

  describe('a create (onlySafeRetries) is only repeated when it cannot have been applied', () => {
    const create = { ...call, onlySafeRetries: true };

    it.each([
      ['a 5xx', http500()],
      ['a timeout or a dropped connection', fail('unknown', 'timeout', { outage: true })],
    ])('fails at once after %s', async (_what, failure) => {
      const remote = scripted(failure, 'created');
      await expect(policy().execute(create, remote.run)).rejects.toMatchObject({ reason: 'may-have-been-applied', attempts: 1 });
      expect(remote.calls()).toBe(1);
    });

    it('is repeated after 429, 503 and a connection never made', async () => {
      const remote = scripted(http429('1'), http503('1'), fail('not-applied', 'ECONNREFUSED', { outage: true }), 'created');
      await expect(policy().execute(create, remote.run)).resolves.toBe('created');
      expect(remote.calls()).toBe(4);
    });
  });

  describe('circuit breaker', () => {
    it('opens after consecutive outage failures: later calls fail fast without reaching the remote', async () => {
      const breaking = policy({ maxAttempts: 1, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 30_000 } });
      const remote = scripted(http500());
      for (let i = 0; i < 3; i += 1) await expect(breaking.execute(call, remote.run)).rejects.toBeInstanceOf(GaveUp);
      expect(remote.calls()).toBe(3);

      for (let i = 0; i < 10; i += 1) await expect(breaking.execute(call, remote.run)).rejects.toBeInstanceOf(CircuitOpen);
      expect(remote.calls()).toBe(3);
    });

    it('stops a call that is retrying once the circuit opens, instead of spending every attempt', async () => {
      const remote = scripted(http500());
      const breaking = policy({ maxAttempts: 10, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 30_000 } });
      await expect(breaking.execute(call, remote.run)).rejects.toBeInstanceOf(CircuitOpen);
      expect(remote.calls()).toBe(3);
    });

    it('does not count 429 or 4xx answers: the remote is up', async () => {
      const breaking = policy({ maxAttempts: 1, breaker: { consecutiveFailures: 2, halfOpenAfterMs: 30_000 } });
      for (let i = 0; i < 5; i += 1) {
        await expect(breaking.execute(call, scripted(http429()).run)).rejects.toMatchObject({ reason: 'attempts-exhausted' });
        await expect(breaking.execute(call, scripted(refused()).run)).rejects.toMatchObject({ reason: 'final' });
      }
      await expect(breaking.execute(call, scripted('ok').run)).resolves.toBe('ok');
    });

    it('lets one probe through after the cool-down, and closes when it succeeds', async () => {
      let now = 1_000_000;
      const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
      try {
        const breaking = policy({ maxAttempts: 1, breaker: { consecutiveFailures: 2, halfOpenAfterMs: 30_000 } });
        const down = scripted(http500());
        for (let i = 0; i < 2; i += 1) await expect(breaking.execute(call, down.run)).rejects.toBeInstanceOf(GaveUp);
        now += 29_999;
        await expect(breaking.execute(call, down.run)).rejects.toBeInstanceOf(CircuitOpen);
        expect(down.calls()).toBe(2);

        now += 1;
        // The probe fails: open again for another cool-down.
        await expect(breaking.execute(call, down.run)).rejects.toBeInstanceOf(GaveUp);
        expect(down.calls()).toBe(3);
        await expect(breaking.execute(call, down.run)).rejects.toBeInstanceOf(CircuitOpen);

        now += 30_000;
        const up = scripted('ok');
        await expect(breaking.execute(call, up.run)).resolves.toBe('ok');
        await expect(breaking.execute(call, up.run)).resolves.toBe('ok');
        expect(up.calls()).toBe(2);
      } finally {
        clock.mockRestore();
      }
    });
  });

  describe('budget and timeout', () => {
    it('spends one budget slot per attempt, under the call key', async () => {
      const keys: string[] = [];
      const budget: RemoteBudget = { acquire: (key) => Promise.resolve(void keys.push(key)) };
      await policy({ budget }).execute({ ...call, budgetKey: 'api-key-1' }, scripted(http500(), 'ok').run);
      expect(keys).toEqual(['api-key-1', 'api-key-1']);
    });

    it("tells the attempt's slot when its request was written (the traceparent it sends), once; a request it never writes, never", async () => {
      const server = createServer((_req, res) => res.end('ok'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      try {
        const left: string[] = [];
        const budget: RemoteBudget = { acquire: () => Promise.resolve({ left: () => void left.push('left') }) };
        const answer = await policy({ budget }).execute(call, async ({ traceparent }) => (await fetch(url, { headers: { traceparent } })).text());
        expect(answer).toBe('ok');
        expect(left).toEqual(['left']);
        await policy({ budget }).execute(call, async () => 'answered without a request');
        await (await fetch(url, { headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } })).text();
        expect(left).toHaveLength(1);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });

    it("turns a budget refusal into the client's error, without sending", async () => {
      const budget: RemoteBudget = { acquire: () => Promise.reject(new RemoteBudgetError('REMOTE_BUDGET_WAIT_EXCEEDED', 'no slot')) };
      const remote = scripted('ok');
      await expect(policy({ budget }).execute(call, remote.run)).rejects.toEqual(new BudgetRefused('REMOTE_BUDGET_WAIT_EXCEEDED'));
      expect(remote.calls()).toBe(0);
    });

    it('ends an attempt that runs out of time through its signal, and says it timed out', async () => {
      const seen: boolean[] = [];
      const hanging = ({ signal, timedOut }: { signal: AbortSignal; timedOut(): boolean }) =>
        new Promise<string>((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            seen.push(timedOut());
            reject(fail('unknown', 'timeout', { outage: true }));
          }),
        );
      await expect(policy({ timeoutMs: 20, maxAttempts: 2 }).execute(call, hanging)).rejects.toMatchObject({ reason: 'attempts-exhausted', attempts: 2 });
      expect(seen).toEqual([true, true]);
    });

    it('passes other errors through untouched', async () => {
      const boom = new TypeError('bug');
      await expect(policy().execute(call, () => Promise.reject(boom))).rejects.toBe(boom);
    });
  });
});

describe('RemoteCallPolicy in a flow', () => {
  const options = (): RemoteCallPolicyOptions<string> => ({
    remote: 'Marketplacer',
    maxAttempts: 3,
    retryBaseMs: 0,
    maxBackoffMs: 0,
    maxRetryAfterMs: 0,
    timeoutMs: 5_000,
    breaker: { consecutiveFailures: 50, halfOpenAfterMs: 30_000 },
    budget: UNLIMITED_BUDGET,
    timing: { now: () => 0, sleep: () => Promise.resolve(), random: () => 0.5 },
    logger: { warn: () => undefined },
    errors: { gaveUp: () => new Error('gave up'), circuitOpen: () => new Error('open'), budgetRefused: () => new Error('refused') },
  });
  afterEach(() => setSpanRecorder(null));

  it("sends each attempt's traceparent: the flow's trace, a client span of its own under the flow's span", async () => {
    const recorded: FinishedSpan[] = [];
    setSpanRecorder({ record: (span) => void recorded.push(span) });
    const sent: string[] = [];
    let calls = 0;
    const caller = parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    const flow = await inSpan('job', 'consumer', caller, async () => {
      await new RemoteCallPolicy<string>(options()).execute({ operation: 'SellerById', budgetKey: 'k' }, ({ traceparent }) => {
        sent.push(traceparent);
        calls += 1;
        return calls === 1 ? Promise.reject(new AttemptFailure('unknown', '500', { outage: true, status: 500 }, '500')) : Promise.resolve('ok');
      });
      return currentFlow()!;
    });

    expect(sent).toHaveLength(2);
    const [first, second] = sent.map((header) => parseTraceparent(header)!);
    expect(first).toMatchObject({ traceId: flow.traceId, sampled: true });
    expect(second.traceId).toBe(flow.traceId);
    expect(new Set([first.parentId, second.parentId, flow.spanId]).size).toBe(3);
    const clients = recorded.filter((span) => span.kind === 'client');
    expect(clients.map((span) => [span.name, span.spanId, span.parentSpanId, span.error])).toEqual([
      ['Marketplacer SellerById', first.parentId, flow.spanId, '500'],
      ['Marketplacer SellerById', second.parentId, flow.spanId, null],
    ]);
  });

  it('makes a call outside any flow a flow of its own (the contract check at start-up)', async () => {
    const sent: string[] = [];
    const policy = new RemoteCallPolicy<string>(options());
    for (let i = 0; i < 2; i++) {
      await policy.execute({ operation: 'Introspection', budgetKey: 'k' }, ({ traceparent }) => {
        sent.push(traceparent);
        return Promise.resolve('ok');
      });
    }
    const [one, two] = sent.map((header) => parseTraceparent(header));
    expect(one).not.toBeNull();
    expect(two).not.toBeNull();
    expect(one!.traceId).not.toBe(two!.traceId);
  });
});
