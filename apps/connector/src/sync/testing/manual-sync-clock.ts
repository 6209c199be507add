import { SyncClock } from '../sync-runner.js';

/**
 * A clock tests move by hand. Shared by two test apps it stands for two processes on one timeline:
 * leases expire only when the test says time has passed, however slow the machine is.
 */
export class ManualSyncClock extends SyncClock {
  private current: number;

  constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    super();
    this.current = start;
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
