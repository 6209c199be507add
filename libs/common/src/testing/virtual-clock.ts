import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * A clock for tests in which time passes only when every sleeper is waiting: `settle(work)` lets
 * the work run, and whenever nothing else is left to do moves the clock to the earliest sleeper's
 * wake-up and wakes it, until the work has settled. Sleepers wake in order of their wake-up time
 * (ties in order of sleeping), each `lateByMs` after it should (a busy event loop). No real time
 * passes: a test of hours of waiting takes milliseconds.
 */
export class VirtualClock {
  private current: number;
  private readonly sleepers: Array<{ at: number; seq: number; wake: () => void }> = [];
  private seq = 0;

  constructor(
    start = 1_000_000,
    private readonly lateByMs = 0,
  ) {
    this.current = start;
  }

  now = (): number => this.current;

  sleep = (ms: number): Promise<void> =>
    new Promise<void>((wake) => {
      this.sleepers.push({ at: this.current + Math.max(0, ms) + this.lateByMs, seq: this.seq++, wake });
      this.sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    });

  /** Runs the clock until `work` settles; its result (or error). Fails if it waits with nothing asleep. */
  async settle<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const watched = work.finally(() => {
      settled = true;
    });
    watched.catch(() => undefined);
    for (;;) {
      // Let everything that can run without time passing run (promise chains, store answers).
      for (let i = 0; i < 5; i += 1) await nextTurn();
      if (settled) return watched;
      const next = this.sleepers.shift();
      if (!next) throw new Error('VirtualClock: the work waits for something other than the clock');
      this.current = Math.max(this.current, next.at);
      next.wake();
    }
  }
}
