/** Seeded records carry timestamps derived from this fixed instant, so every run is reproducible. */
export const SEED_EPOCH = Date.UTC(2025, 0, 1, 0, 0, 0);

/**
 * The time of state changes: wall-clock time, but strictly increasing and never earlier than the seed,
 * so `updatedSince` polling sees every change after the seed even if the host clock is behind.
 */
export class SimulatorClock {
  private last = SEED_EPOCH;
  private offsetMs = 0;

  constructor(private readonly source: () => number = Date.now) {}

  now(): number {
    this.last = Math.max(this.source() + this.offsetMs, this.last + 1);
    return this.last;
  }

  /** Moves the instance's time forward (tests: "a later change", without waiting for the wall clock). */
  advance(ms: number): number {
    this.offsetMs += ms;
    return this.now();
  }

  /** Called after seeding: later changes are stamped after every seeded timestamp. */
  notBefore(time: number): void {
    this.last = Math.max(this.last, time);
  }
}
