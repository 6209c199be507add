/**
 * Clock, sleep and randomness of the resilience policy and the remote budgets, injectable so tests
 * neither wait for real nor depend on luck.
 */
export interface Timing {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1), as Math.random. */
  random(): number;
}

/** The wall clock, real timers and Math.random. */
export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};
