import type { Timing } from '#common';

/** A virtual clock: `sleep` returns at once, records the wait and moves the clock forward by it. */
export class FakeTiming implements Timing {
  readonly sleeps: number[] = [];

  constructor(
    private clock = 1_700_000_000_000,
    private readonly randomValue = 0.5,
  ) {}

  now = (): number => this.clock;

  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.clock += ms;
  };

  random = (): number => this.randomValue;
}
