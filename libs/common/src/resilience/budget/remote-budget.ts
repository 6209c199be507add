import { createHash } from 'node:crypto';
import { RemoteBudgetError } from '../resilience.errors.js';
import { realTiming, type Timing } from '../timing.js';
import type { BudgetPlan } from './budget-plan.js';
import type { RemoteBudgetStore } from './remote-budget-store.js';

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

export interface SlidingRemoteBudgetOptions {
  /** What the budget is for, in messages ("Marketplacer"). */
  remote: string;
  /** The store's row prefix for this budget's keys ("marketplacer", "anymarket-reconciliation"). */
  name: string;
  plan: BudgetPlan;
  store: RemoteBudgetStore;
  /** Longest a request waits for its slot before failing with REMOTE_BUDGET_WAIT_EXCEEDED. */
  maxWaitMs: number;
  timing?: Pick<Timing, 'now' | 'sleep'>;
  /** Told after each slot taken: how many slots the key had within the last window (metrics). */
  onSpent?: (spent: BudgetSpent) => void;
}

/** One slot taken from a budget: `used` of `limit` slots within the last window. */
export interface BudgetSpent {
  /** The hashed key (never the key itself). */
  hashedKey: string;
  used: number;
  limit: number;
  /** Until when the figure stands for the key's use (a window after the slot). */
  windowEndsAt: number;
}

/** How full a key's budget is, as this process last saw it: about `used` of `limit` slots within the last window. */
export interface BudgetPressure {
  used: number;
  limit: number;
}

/**
 * The budget as the last `limit` slots of each key (ADR 0024): a request leaves once the limit-th
 * slot before it is a window and a margin old, whichever replica took them, so a remote that counts a
 * sliding window sees at most its limit, and a key with a backlog is served at the full limit (no
 * fixed windows to round down to).
 * Keys are hashed (SHA-256) before they reach the store: a Postgres row never holds an API key or a
 * token in clear. Within a process the callers of one key queue in order, so only one of them at a
 * time asks the store, and it asks when the slot is due (one round trip per request when one process
 * has the key to itself); across processes the store's atomic upsert decides.
 */
export class SlidingRemoteBudget implements RemoteBudget {
  private readonly queues = new Map<string, Promise<unknown>>();
  /** This process's last sight of each key's recent use (BudgetShare's yield). */
  private readonly seen = new Map<string, { used: number; at: number }>();
  private readonly timing: Pick<Timing, 'now' | 'sleep'>;

  constructor(private readonly options: SlidingRemoteBudgetOptions) {
    this.timing = options.timing ?? realTiming;
  }

  get plan(): BudgetPlan {
    return this.options.plan;
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
   * How many slots the key had within the last window, as this process last saw it from the store
   * (its own slots counted every replica's), less what has aged out since, assuming they were spread
   * evenly; none before any slot was asked for.
   */
  pressureOf(key: string): BudgetPressure {
    const { limit, windowMs } = this.options.plan;
    const seen = this.seen.get(hashBudgetKey(key));
    if (!seen) return { used: 0, limit };
    return { used: seen.used * Math.max(0, 1 - (this.timing.now() - seen.at) / windowMs), limit };
  }

  private async take(hashed: string, requestedAt: number): Promise<void> {
    const { remote, maxWaitMs, store, plan, name } = this.options;
    for (;;) {
      let answer;
      try {
        answer = await store.take(`${name}:${hashed}`, plan, this.timing.now());
      } catch (error) {
        throw new RemoteBudgetError('REMOTE_BUDGET_STORE_FAILED', `The ${remote} request budget could not be read; the request was not sent`, {
          cause: error,
        });
      }
      const now = this.timing.now();
      this.seen.set(hashed, { used: answer.used, at: now });
      if (answer.taken) {
        this.options.onSpent?.({ hashedKey: hashed, used: answer.used, limit: plan.limit, windowEndsAt: now + plan.windowMs });
        return;
      }
      const waitMs = Math.max(1, Math.ceil(answer.waitMs));
      const waited = now - requestedAt;
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
