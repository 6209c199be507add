import { SyncClock } from '../../../../apps/connector/src/sync/sync-clock.js';

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

  /** Leases and due times follow this clock too (not the database's): only the test moves them. */
  scheduleNow(): Date {
    return this.now();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
