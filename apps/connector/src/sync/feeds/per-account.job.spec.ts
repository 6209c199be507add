import { accountsPerRun, isSlotDue, latestSlot, PerAccountJob, perAccountTickMs, slotHashesComputed, slotOffsetMs } from './per-account.job.js';
import type { SyncCounts } from '../sync-job.js';

const HOUR = 3_600_000;

describe('per-account slots (each account at its own time of the interval)', () => {
  it('spreads accounts over the interval: no minute holds many of 1,000 accounts', () => {
    const perMinute = new Map<number, number>();
    for (let id = 1; id <= 1000; id += 1) {
      const minute = Math.floor(slotOffsetMs('listings-reconciliation', id, HOUR) / 60_000);
      perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
    }
    expect(perMinute.size).toBeGreaterThan(55);
    expect(Math.max(...perMinute.values())).toBeLessThan(40);
  });

  it('is stable per job and account, and differs between jobs', () => {
    expect(slotOffsetMs('a', 42, HOUR)).toBe(slotOffsetMs('a', 42, HOUR));
    expect(slotOffsetMs('a', 42, HOUR)).toBeLessThan(HOUR);
    const offsets = Array.from({ length: 20 }, (_, i) => slotOffsetMs('a', i, HOUR) === slotOffsetMs('b', i, HOUR));
    expect(offsets.filter(Boolean).length).toBeLessThan(3);
  });

  it('an account is due once its slot came after its last pass, and not again until the next slot; never visited: due', () => {
    const slot = latestSlot('j', 7, HOUR, new Date(10 * HOUR));
    expect(slot).toBeLessThanOrEqual(10 * HOUR);
    expect(slot).toBeGreaterThan(9 * HOUR);
    expect(isSlotDue('j', 7, HOUR, new Date(slot), new Date(slot - 1))).toBe(true);
    expect(isSlotDue('j', 7, HOUR, new Date(slot + 1), new Date(slot))).toBe(false);
    expect(isSlotDue('j', 7, HOUR, new Date(slot + HOUR - 1), new Date(slot))).toBe(false);
    expect(isSlotDue('j', 7, HOUR, new Date(slot + HOUR), new Date(slot))).toBe(true);
    expect(isSlotDue('j', 7, HOUR, new Date(slot + 1), undefined)).toBe(true);
  });

  it('the job ticks at a sixtieth of the interval; a run is bounded', () => {
    expect(perAccountTickMs(HOUR)).toBe(60_000);
    expect(perAccountTickMs(30_000)).toBe(1_000);
    expect(accountsPerRun(1000)).toBe(34);
    expect(accountsPerRun(3)).toBe(10);
  });
});

/** A job over accounts held in memory, visiting through a recorder. */
class RecordingJob extends PerAccountJob {
  readonly name = 'recording';
  readonly visited: number[] = [];
  constructor(
    private readonly ids: number[],
    private readonly since: Map<number, Date>,
    private readonly at: Date,
  ) {
    super(HOUR);
  }
  protected accountIds(): Promise<number[]> {
    return Promise.resolve(this.ids);
  }
  protected passesSince(): Promise<Map<number, Date>> {
    return Promise.resolve(this.since);
  }
  protected visit(accountId: number, now: Date): Promise<SyncCounts> {
    this.visited.push(accountId);
    this.since.set(accountId, now);
    return Promise.resolve({ seen: 1, changed: 0, failed: 0 });
  }
  protected override now(): Date {
    return this.at;
  }
}

async function runAll(job: PerAccountJob, trigger: 'schedule' | 'admin'): Promise<void> {
  let cursor: string | null = null;
  do {
    cursor = (await job.processPage({ watermark: null, cursor, pendingWatermark: null, trigger })).nextCursor;
  } while (cursor !== null);
}

describe('PerAccountJob', () => {
  const now = new Date(100 * HOUR);

  it('a scheduled run visits the due accounts, most overdue first, and no one twice; the next run finds no one', async () => {
    const ids = [1, 2, 3, 4, 5];
    const justNow = new Map(ids.map((id) => [id, now]));
    justNow.delete(4); // never visited
    justNow.set(2, new Date(now.getTime() - 2 * HOUR));
    const job = new RecordingJob(ids, justNow, now);
    await runAll(job, 'schedule');
    expect(job.visited.sort()).toEqual([2, 4]);
    await runAll(job, 'schedule');
    expect(job.visited).toHaveLength(2);
  });

  it("a scheduled run stops at its bound; an admin's trigger visits every account by id", async () => {
    const ids = Array.from({ length: 25 }, (_, i) => i + 1);
    const job = new RecordingJob(ids, new Map(), now);
    await runAll(job, 'schedule');
    expect(job.visited).toHaveLength(accountsPerRun(25));
    const admin = new RecordingJob(ids, new Map(ids.map((id) => [id, now])), now);
    await runAll(admin, 'admin');
    expect(admin.visited).toEqual(ids);
  });

  it("hashes each account's slot once, however many pages a scheduled run over 10,000 accounts takes, and visits them by slot", async () => {
    // Ids no other test used: their offsets are not remembered yet.
    const ids = Array.from({ length: 10_000 }, (_, i) => 200_001 + i);
    const job = new RecordingJob(ids, new Map(), now);
    const hashesBefore = slotHashesComputed();
    await runAll(job, 'schedule');
    await runAll(job, 'schedule');

    expect(slotHashesComputed() - hashesBefore).toBe(ids.length);
    const bySlot = [...ids].sort((a, b) => latestSlot('recording', a, HOUR, now) - latestSlot('recording', b, HOUR, now));
    expect(job.visited).toEqual(bySlot.slice(0, 2 * accountsPerRun(ids.length)));
  });
});
