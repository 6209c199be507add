import type { PageOf } from '#marketplacer';
import type { SyncPosition } from '../sync-job.js';
import { MARKETPLACE_KEY } from './marketplace-feed.job.js';
import { MarketplaceScanJob, type ScanKept } from './marketplace-scan.job.js';

interface Payout {
  id: string;
  cents: number;
}

/** A whole list of payouts, paged by offset; the copy is a map; `broken` ids throw when kept. */
class PayoutsScan extends MarketplaceScanJob<Payout> {
  readonly name = 'payouts';
  readonly intervalMs = 60_000;
  protected override readonly pageSize = 2;
  readonly reads: Array<{ after?: string; first: number }> = [];
  readonly copy = new Map<string, number>();
  readonly broken = new Set<string>();
  clock = new Date('2026-03-01T10:00:00.000Z');

  constructor(readonly list: Payout[]) {
    super();
  }

  protected override now(): Date {
    return this.clock;
  }

  protected readPage(marketplace: string, page: { after?: string; first: number }): Promise<PageOf<Payout>> {
    expect(marketplace).toBe(MARKETPLACE_KEY);
    this.reads.push(page);
    const offset = Number(page.after ?? 0);
    const end = offset + page.first;
    return Promise.resolve({ nodes: this.list.slice(offset, end), pageInfo: { hasNextPage: end < this.list.length, endCursor: String(end) } });
  }

  protected keep(items: Payout[]): Promise<ScanKept> {
    return this.eachItem(items, 'a payout', (payout) => {
      if (this.broken.has(payout.id)) return Promise.reject(new Error('database hiccup'));
      if (this.copy.get(payout.id) === payout.cents) return Promise.resolve(false);
      this.copy.set(payout.id, payout.cents);
      return Promise.resolve(true);
    });
  }
}

/** A whole scan as the engine runs it; the clock moves on between pages, as it would. */
async function scan(job: PayoutsScan, watermark: string | null) {
  let position: SyncPosition = { watermark, cursor: null, pendingWatermark: null };
  const totals = { pages: 0, seen: 0, changed: 0, failed: 0 };
  for (;;) {
    const page = await job.processPage(position);
    totals.pages += 1;
    totals.seen += page.counts.seen;
    totals.changed += page.counts.changed;
    totals.failed += page.counts.failed;
    job.clock = new Date(job.clock.getTime() + 1_000);
    if (page.nextCursor === null) return { ...totals, watermark: page.pendingWatermark };
    position = { ...position, cursor: page.nextCursor, pendingWatermark: page.pendingWatermark };
  }
}

describe('MarketplaceScanJob', () => {
  const payouts = [
    { id: 'p1', cents: 100 },
    { id: 'p2', cents: 200 },
    { id: 'p3', cents: 300 },
  ];

  it('is one feed per marketplace (read with its key) and reads the whole list page by page, the watermark being when the scan began', async () => {
    const job = new PayoutsScan(payouts);
    expect(await scan(job, null)).toEqual({ pages: 2, seen: 3, changed: 3, failed: 0, watermark: '2026-03-01T10:00:00.000Z' });
    expect(job.reads).toEqual([
      { after: undefined, first: 2 },
      { after: '2', first: 2 },
    ]);
    expect([...job.copy]).toEqual([
      ['p1', 100],
      ['p2', 200],
      ['p3', 300],
    ]);
  });

  it('reads everything again on the next scan (there is no updatedSince), changing only what changed', async () => {
    const job = new PayoutsScan(payouts);
    const first = await scan(job, null);
    job.list[1] = { id: 'p2', cents: 250 };
    job.reads.length = 0;
    const second = await scan(job, first.watermark);
    expect(second).toEqual({ pages: 2, seen: 3, changed: 1, failed: 0, watermark: '2026-03-01T10:00:02.000Z' });
    expect(job.reads[0]).toEqual({ after: undefined, first: 2 });
    expect(job.copy.get('p2')).toBe(250);
    expect(await scan(job, second.watermark)).toMatchObject({ seen: 3, changed: 0, failed: 0 });
  });

  it('counts an item that cannot be kept as failed without failing its page, and keeps it on a later scan', async () => {
    const job = new PayoutsScan(payouts);
    job.broken.add('p1');
    expect(await scan(job, null)).toMatchObject({ seen: 3, changed: 2, failed: 1 });
    expect(job.copy.has('p1')).toBe(false);
    job.broken.clear();
    expect(await scan(job, null)).toMatchObject({ seen: 3, changed: 1, failed: 0 });
    expect(job.copy.get('p1')).toBe(100);
  });

  it('keeps the start time of a scan resumed in its middle (after a crash), and starts a new one at a new time', async () => {
    const job = new PayoutsScan(payouts);
    const resumed = await job.processPage({ watermark: null, cursor: '2', pendingWatermark: '2026-02-28T09:00:00.000Z' });
    expect(resumed).toMatchObject({ nextCursor: null, pendingWatermark: '2026-02-28T09:00:00.000Z', counts: { seen: 1 } });
    const fresh = await job.processPage({ watermark: '2026-02-28T09:00:00.000Z', cursor: null, pendingWatermark: null });
    expect(fresh.pendingWatermark).toBe('2026-03-01T10:00:00.000Z');
  });

  it('refuses a page that says more follow but gives no cursor, instead of stopping the read short', async () => {
    class CursorlessScan extends PayoutsScan {
      protected override readPage(): Promise<PageOf<Payout>> {
        return Promise.resolve({ nodes: [], pageInfo: { hasNextPage: true, endCursor: null } });
      }
    }
    const job = new CursorlessScan(payouts);
    await expect(job.processPage({ watermark: null, cursor: null, pendingWatermark: null })).rejects.toThrow('no cursor');
  });
});
