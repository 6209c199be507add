import { createHash } from 'node:crypto';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RemoteBudgetError } from '../resilience.errors.js';
import { realTiming, type Timing } from '../timing.js';
import type { BudgetPlan } from './budget-plan.js';

/**
 * A remote system's request budget per key (a Marketplacer API key, an ANYMARKET seller token),
 * shared by every replica that uses the same store. `acquire` resolves when one request may be sent
 * now; it waits for the slot (never drops the request) up to a maximum wait.
 */
export interface RemoteBudget {
  acquire(key: string): Promise<void>;
}

/** A budget that never waits: for callers that are not limited (tests, tools). */
export const UNLIMITED_BUDGET: RemoteBudget = { acquire: () => Promise.resolve() };

export interface FlexibleRemoteBudgetOptions {
  /** What the budget is for, in messages ("Marketplacer"). */
  remote: string;
  plan: BudgetPlan;
  /** The rate-limiter-flexible limiter counting `plan.points` per `plan.subWindowMs` (memory or Postgres). */
  limiter: RateLimiterAbstract | Promise<RateLimiterAbstract>;
  /** Longest a request waits for its slot before failing with REMOTE_BUDGET_WAIT_EXCEEDED. */
  maxWaitMs: number;
  timing?: Pick<Timing, 'now' | 'sleep'>;
  /** Told after each slot taken: how much of the current window is used (metrics). */
  onSpent?: (spent: BudgetSpent) => void;
}

/** One slot taken from a budget: `used` of `limit` points in the window that ends at `windowEndsAt` (epoch ms). */
export interface BudgetSpent {
  /** The hashed key (never the key itself). */
  hashedKey: string;
  used: number;
  limit: number;
  windowEndsAt: number;
}

/**
 * The budget on rate-limiter-flexible. Keys are hashed (SHA-256) before they reach the store: a
 * Postgres row never holds an API key or a token in clear. Within a process the callers of one key
 * queue in order, so only one of them at a time asks the store (no thundering herd of polls on the
 * shared table, first come first served); across processes the store's atomic upsert decides.
 */
export class FlexibleRemoteBudget implements RemoteBudget {
  private readonly queues = new Map<string, Promise<unknown>>();
  /** The last slot this process took per hashed key: how full its window was (BudgetShare's yield). */
  private readonly lastSpent = new Map<string, BudgetSpent>();
  private readonly timing: Pick<Timing, 'now' | 'sleep'>;

  constructor(private readonly options: FlexibleRemoteBudgetOptions) {
    this.timing = options.timing ?? realTiming;
  }

  acquire(key: string): Promise<void> {
    const hashed = hashBudgetKey(key);
    const requestedAt = this.timing.now();
    const previous = this.queues.get(hashed) ?? Promise.resolve();
    const turn = previous.then(() => this.take(hashed, requestedAt));
    const settled = turn.catch(() => undefined);
    this.queues.set(hashed, settled);
    void settled.then(() => {
      if (this.queues.get(hashed) === settled) this.queues.delete(hashed);
    });
    return turn;
  }

  /**
   * How full the key's current window is, as this process last saw it (its own slot counted the
   * other replicas' too); nothing used once that window has ended or before any slot was taken.
   */
  pressureOf(key: string): { used: number; limit: number; windowEndsAt: number } {
    const hashed = hashBudgetKey(key);
    const spent = this.lastSpent.get(hashed);
    const now = this.timing.now();
    if (!spent || spent.windowEndsAt <= now) {
      if (spent) this.lastSpent.delete(hashed);
      return { used: 0, limit: this.options.plan.points, windowEndsAt: now };
    }
    return { used: spent.used, limit: spent.limit, windowEndsAt: spent.windowEndsAt };
  }

  private async take(hashed: string, requestedAt: number): Promise<void> {
    const { remote, maxWaitMs } = this.options;
    const limiter = await this.options.limiter;
    for (;;) {
      let refusal: RateLimiterRes;
      try {
        const taken = await limiter.consume(hashed);
        const spent = { hashedKey: hashed, used: taken.consumedPoints, limit: this.options.plan.points, windowEndsAt: this.timing.now() + taken.msBeforeNext };
        this.lastSpent.set(hashed, spent);
        this.options.onSpent?.(spent);
        return;
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) {
          throw new RemoteBudgetError('REMOTE_BUDGET_STORE_FAILED', `The ${remote} request budget could not be read; the request was not sent`, {
            cause: error,
          });
        }
        refusal = error;
      }
      const waitMs = Math.max(1, refusal.msBeforeNext);
      const waited = this.timing.now() - requestedAt;
      if (waited + waitMs > maxWaitMs) {
        throw new RemoteBudgetError(
          'REMOTE_BUDGET_WAIT_EXCEEDED',
          `The ${remote} request budget had no slot within ${maxWaitMs} ms (waited ${waited} ms); the request was not sent`,
        );
      }
      await this.timing.sleep(waitMs);
    }
  }
}

/** The store key of a budget key: a SHA-256 digest, so secrets never sit in a table. */
export function hashBudgetKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('base64url');
}
