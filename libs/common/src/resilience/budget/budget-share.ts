import { RemoteBudgetError } from '../resilience.errors.js';
import { realTiming, type Timing } from '../timing.js';
import { planBudget, type RemoteLimit } from './budget-plan.js';
import { SlidingRemoteBudget, type BudgetPressure, type RemoteBudget, type TakenSlot } from './remote-budget.js';
import type { RemoteBudgetStore } from './remote-budget-store.js';

/**
 * A part of a remote's budget for background work (reconciliation): its requests still take their
 * slot in the remote's one budget (the client does that), and before each one the work takes a slot
 * here too, so that it
 * - never spends more than `fraction` of the published limit (its own count, in the same store as
 *   the budget: on Postgres, shared by every replica), and
 * - yields: while the remote's budget for the key has had more than `1 − fraction` of its limit
 *   within the last window (feeds, webhooks and remotes are using it), it waits until enough of
 *   that use has aged out of the window before asking.
 * It never makes another caller wait: it only waits itself. A wait longer than `maxWaitMs` fails with
 * REMOTE_BUDGET_WAIT_EXCEEDED (the work stops and resumes at its next run).
 */
export class BudgetShare implements RemoteBudget {
  private readonly own: SlidingRemoteBudget;
  private readonly timing: Pick<Timing, 'now' | 'sleep'>;

  constructor(private readonly options: BudgetShareOptions) {
    if (!(options.fraction > 0 && options.fraction <= 1)) throw new Error(`A budget share must be in (0, 1], not ${options.fraction}`);
    this.timing = options.timing ?? realTiming;
    const limit = Math.max(1, Math.floor(options.limit.limit * options.fraction));
    const plan = planBudget({ limit, windowMs: options.limit.windowMs }, options.marginMs);
    this.own = new SlidingRemoteBudget({
      remote: `${options.remote} (${options.name})`,
      name: options.name,
      plan,
      store: options.store,
      maxWaitMs: options.maxWaitMs,
      timing: this.timing,
    });
  }

  async acquire(key: string): Promise<TakenSlot> {
    const { parent, fraction, maxWaitMs, remote, name } = this.options;
    const startedAt = this.timing.now();
    for (;;) {
      const pressure = parent.pressureOf(key);
      const mark = (1 - fraction) * pressure.limit;
      if (pressure.used <= mark) break;
      const waited = this.timing.now() - startedAt;
      // Slots age out of the window: spread evenly, the use is at the mark after window × (1 − mark / used).
      const waitMs = Math.max(1, Math.ceil(this.options.limit.windowMs * (1 - mark / pressure.used)));
      if (waited + waitMs > maxWaitMs) {
        throw new RemoteBudgetError(
          'REMOTE_BUDGET_WAIT_EXCEEDED',
          `The ${remote} budget stayed busy for ${waited} ms; ${name} yields to the other work and stops here`,
        );
      }
      await this.timing.sleep(waitMs);
    }
    return this.own.acquire(key);
  }
}

export interface BudgetShareOptions {
  /** The remote, in messages ("Marketplacer"). */
  remote: string;
  /** The work the share is for; also the store prefix of its own count (e.g. `marketplacer-reconciliation`). */
  name: string;
  /** The remote's published limit (the share counts `fraction` of it). */
  limit: RemoteLimit;
  marginMs: number;
  /** The share of the limit the work may take, in (0, 1]. */
  fraction: number;
  store: RemoteBudgetStore;
  /** The remote's one budget, asked how full it is. */
  parent: { pressureOf(key: string): BudgetPressure };
  maxWaitMs: number;
  timing?: Pick<Timing, 'now' | 'sleep'>;
}

/** What a share is: its name (the work it is for), the fraction of the limit it may take, how long a request may wait for it. */
export interface ShareTerms {
  name: string;
  fraction: number;
  maxWaitMs: number;
}

/** A remote's shares (one per name, fraction and wait), all yielding to its one budget. */
export class BudgetShares {
  private readonly shares = new Map<string, BudgetShare>();

  constructor(private readonly base: Omit<BudgetShareOptions, 'name' | 'fraction' | 'maxWaitMs'> & { prefix: string }) {}

  /** The share `name` (store prefix `<prefix>-<name>`) of `fraction` of the limit, waiting at most `maxWaitMs`. */
  share({ name, fraction, maxWaitMs }: ShareTerms): BudgetShare {
    const key = `${name}:${fraction}:${maxWaitMs}`;
    let share = this.shares.get(key);
    if (!share) {
      const { prefix, ...base } = this.base;
      share = new BudgetShare({ ...base, name: `${prefix}-${name}`, fraction, maxWaitMs });
      this.shares.set(key, share);
    }
    return share;
  }
}
