import { createHash } from 'node:crypto';
import { RemoteBudgetError } from '../resilience.errors.js';
import { realTiming, type Timing } from '../timing.js';
import type { BudgetPlan } from './budget-plan.js';
import type { BudgetTake, LateSlot, RemoteBudgetStore } from './remote-budget-store.js';

/**
 * A remote system's request budget per key (a Marketplacer API key, an ANYMARKET seller token),
 * shared by every replica that uses the same store. `acquire` resolves when one request may be sent
 * now; it waits for the slot (never drops the request) up to a maximum wait.
 */
export interface RemoteBudget {
  acquire(key: string): Promise<TakenSlot | void>;
}

/**
 * A slot `acquire` gave (budgets that count slots answer one): `left()` tells it that its request is
 * leaving now (read on the budget's own clock), e.g. as the HTTP client writes it. Later than the slot's
 * time (the event loop stalled between the slot and the write), the slot counts from then, as a slot
 * whose timer fired late does: the slot a window later waits that much longer.
 */
export interface TakenSlot {
  left(): void;
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
 * The budget as the last `limit` slots of each key (ADR 0024): a request leaves a window and a
 * margin after the limit-th slot before it, and at least window / limit after the previous one,
 * whichever replica took them, so a remote that counts a sliding window sees at most its limit, and a
 * key with a backlog is served at the full limit (no fixed windows to round down to).
 * Keys are hashed (SHA-256) before they reach the store: a Postgres row never holds an API key or a
 * token in clear. Within a process the callers of one key queue in order and one pump asks the store
 * for all of them at once; across processes the store's row lock decides.
 */
export class SlidingRemoteBudget implements RemoteBudget {
  /** Per hashed key, this process's callers waiting for a slot, in order; one pump per key serves them. */
  private readonly waiting = new Map<string, Waiter[]>();
  /** Per hashed key, slots whose requests left late, to report with the next take. */
  private readonly late = new Map<string, LateSlot[]>();
  /** This process's last sight of each key's use (BudgetShare's yield). */
  private readonly seen = new Map<string, { used: number; at: number }>();
  private readonly timing: Pick<Timing, 'now' | 'sleep'>;

  constructor(private readonly options: SlidingRemoteBudgetOptions) {
    this.timing = options.timing ?? realTiming;
  }

  acquire(key: string): Promise<TakenSlot> {
    const hashed = hashBudgetKey(key);
    return new Promise<TakenSlot>((resolve, reject) => {
      let queue = this.waiting.get(hashed);
      const first = !queue;
      if (!queue) this.waiting.set(hashed, (queue = []));
      queue.push({ resolve, reject, requestedAt: this.timing.now() });
      if (first) void this.serve(hashed, queue);
    });
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
    return { used: seen.used * Math.min(1, Math.max(0, 1 - (this.timing.now() - seen.at) / windowMs)), limit };
  }

  /**
   * Serves a key's queue until it is empty: asks the store for a slot for every waiter (at most
   * MAX_SLOTS_PER_TAKE), each at the first time the plan allows within RESERVE_AHEAD_MS, and lets
   * each waiter go at its slot's time. When no slot comes within that horizon it sleeps until one
   * does; a waiter whose slot would come past its maximum wait fails instead. One round trip serves a
   * whole burst, and only one pump per key asks in this process.
   */
  private async serve(hashed: string, queue: Waiter[]): Promise<void> {
    const { remote, maxWaitMs, store, plan, name } = this.options;
    const horizonMs = Math.min(RESERVE_AHEAD_MS, plan.spanMs / 2, maxWaitMs);
    while (queue.length > 0) {
      const wanted = Math.min(queue.length, MAX_SLOTS_PER_TAKE);
      const late = this.late.get(hashed) ?? [];
      this.late.delete(hashed);
      let answer: BudgetTake;
      try {
        answer = await store.take(`${name}:${hashed}`, plan, { now: this.timing.now(), wanted, horizonMs, late });
      } catch (error) {
        const failure = new RemoteBudgetError('REMOTE_BUDGET_STORE_FAILED', `The ${remote} request budget could not be read; the request was not sent`, {
          cause: error,
        });
        for (const waiter of queue.splice(0)) waiter.reject(failure);
        break;
      }
      const now = this.timing.now();
      // The figure stands from the last slot taken (a slot may be taken for later within the horizon).
      this.seen.set(hashed, { used: answer.used, at: now + Math.max(0, ...answer.delays) });
      queue.splice(0, answer.slots.length).forEach((waiter, i) => this.release(hashed, waiter, answer, i, now));
      if (answer.slots.length === wanted || queue.length === 0) continue;
      for (const waiter of queue.filter((each) => now - each.requestedAt + answer.nextInMs > maxWaitMs)) {
        queue.splice(queue.indexOf(waiter), 1);
        waiter.reject(
          new RemoteBudgetError(
            'REMOTE_BUDGET_WAIT_EXCEEDED',
            `The ${remote} request budget had no slot within ${maxWaitMs} ms (waited ${now - waiter.requestedAt} ms); the request was not sent`,
          ),
        );
      }
      if (queue.length > 0) await this.timing.sleep(Math.max(1, Math.ceil(answer.nextInMs - horizonMs)));
    }
    if (this.waiting.get(hashed) === queue) this.waiting.delete(hashed);
  }

  /**
   * Lets the waiter of the answer's `i`-th slot go at its time. One that goes more than a
   * millisecond late (a busy event loop) is reported with the next take, so that the slot a window
   * later counts from when the request really left; so is a request that its caller says left later
   * still (TakenSlot.left: the loop stalled between the slot and the write).
   */
  private release(hashed: string, waiter: Waiter, answer: BudgetTake, i: number, answeredAt: number): void {
    const { plan } = this.options;
    const dueAt = answeredAt + Math.max(0, answer.delays[i]);
    // The slot's time as the store holds it once the reports so far are applied (reports apply in order).
    let reportedAt = answer.slots[i];
    const left = () => {
      const lateByMs = this.timing.now() - dueAt;
      if (lateByMs <= 1 || answer.slots[i] + lateByMs <= reportedAt) return;
      const late = this.late.get(hashed) ?? [];
      if (late.length >= MAX_LATE_SLOTS_REPORTED) return;
      late.push({ slotAt: reportedAt, leftAt: answer.slots[i] + lateByMs });
      this.late.set(hashed, late);
      reportedAt = answer.slots[i] + lateByMs;
    };
    const go = () => {
      left();
      this.options.onSpent?.({ hashedKey: hashed, used: answer.used, limit: plan.limit, windowEndsAt: answeredAt + plan.windowMs });
      waiter.resolve({ left });
    };
    // A slot less than half a millisecond away goes now (the margin covers that much).
    const delay = Math.round(answer.delays[i]);
    if (delay <= 0) go();
    else void this.timing.sleep(delay).then(go);
  }
}

/** Late slots reported per key with one take (more are left to the margin). */
const MAX_LATE_SLOTS_REPORTED = 256;

/**
 * How far ahead a slot may be taken for a waiting caller, who then sleeps until its time: a burst of
 * callers is served by one round trip, spread over this horizon at the plan's pace.
 */
export const RESERVE_AHEAD_MS = 1000;

/** At most this many slots are asked for in one round trip (a burst of callers of one key). */
export const MAX_SLOTS_PER_TAKE = 64;

interface Waiter {
  resolve(slot: TakenSlot): void;
  reject(error: Error): void;
  requestedAt: number;
}

/** The store key of a budget key: a SHA-256 digest, so secrets never sit in a table. */
export function hashBudgetKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('base64url');
}
