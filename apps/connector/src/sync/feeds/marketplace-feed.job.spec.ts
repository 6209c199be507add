import { MarketplaceFeedJob, MARKETPLACE_KEY, type FeedQuery, type FeedShare, type FeedShareResult } from './marketplace-feed.job.js';
import type { PageOf } from '#marketplacer';
import type { SyncPosition } from '../sync-job.js';

/** An invoices-shaped feed: each item names its seller; sellers map to accounts. */
interface Invoice {
  id: string;
  seller: string;
  updatedAt: string;
}

class InvoicesFeed extends MarketplaceFeedJob<Invoice, null> {
  readonly name = 'invoices';
  readonly intervalMs = 60_000;
  protected readonly shareConcurrency = 2;
  protected override readonly pageSize = 2;
  readonly reads: FeedQuery[] = [];
  readonly handled: Array<[number, string[]]> = [];
  subscribed = true;
  failingAccount: number | null = null;

  constructor(
    private readonly feed: Invoice[],
    private readonly accountOfSeller: Record<string, number>,
  ) {
    super();
  }

  protected hasSubscribers = () => Promise.resolve(this.subscribed);
  protected firstScanStart = () => Promise.resolve('2026-01-01T00:00:00Z');
  protected updatedAtOf = (invoice: Invoice) => invoice.updatedAt;

  protected readPage(marketplace: string, query: FeedQuery): Promise<PageOf<Invoice>> {
    expect(marketplace).toBe(MARKETPLACE_KEY);
    this.reads.push(query);
    const since = this.feed.filter((invoice) => invoice.updatedAt >= query.updatedSince);
    const offset = Number(query.after ?? 0);
    const end = offset + query.first;
    return Promise.resolve({ nodes: since.slice(offset, end), pageInfo: { hasNextPage: end < since.length, endCursor: String(end) } });
  }

  protected fanOut(items: Invoice[]): Promise<Array<FeedShare<Invoice, null>>> {
    const byAccount = new Map<number, Invoice[]>();
    for (const item of items) {
      const accountId = this.accountOfSeller[item.seller];
      if (accountId !== undefined) byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), item]);
    }
    return Promise.resolve([...byAccount].map(([accountId, own]) => ({ accountId, items: own, work: null })));
  }

  protected handleShare(share: FeedShare<Invoice, null>): Promise<FeedShareResult> {
    if (share.accountId === this.failingAccount) return Promise.reject(new Error('ANYMARKET is down for this seller'));
    this.handled.push([share.accountId, share.items.map((item) => item.id)]);
    return Promise.resolve({ changed: share.items.length, failed: 0, retry: [] });
  }
}

const invoices: Invoice[] = [
  { id: 'i1', seller: 's1', updatedAt: '2026-01-02T00:00:00Z' },
  { id: 'i2', seller: 's2', updatedAt: '2026-01-03T00:00:00Z' },
  { id: 'i3', seller: 'not-ours', updatedAt: '2026-01-04T00:00:00Z' },
  { id: 'i4', seller: 's1', updatedAt: '2026-01-05T00:00:00Z' },
];

/** Runs a whole scan as the engine would: page after page until the cursor ends; returns the pending mark. */
async function scan(job: InvoicesFeed, watermark: string | null): Promise<{ mark: string | null; pages: number; changed: number; failed: number }> {
  let position: SyncPosition = { watermark, cursor: null, pendingWatermark: null };
  let [pages, changed, failed] = [0, 0, 0];
  for (;;) {
    const page = await job.processPage(position);
    [pages, changed, failed] = [pages + 1, changed + page.counts.changed, failed + page.counts.failed];
    if (page.nextCursor === null) return { mark: page.pendingWatermark, pages, changed, failed };
    position = { ...position, cursor: page.nextCursor, pendingWatermark: page.pendingWatermark };
  }
}

describe('MarketplaceFeedJob', () => {
  it('is one feed per marketplace (read with its key), reads each page once for every account, and hands each account its own items', async () => {
    const job = new InvoicesFeed(invoices, { s1: 1, s2: 2 });
    const result = await scan(job, null);
    expect(result).toEqual({ mark: '2026-01-05T00:00:00Z', pages: 2, changed: 3, failed: 0 });
    expect(job.reads).toEqual([
      { updatedSince: '2026-01-01T00:00:00Z', after: undefined, first: 2 },
      { updatedSince: '2026-01-01T00:00:00Z', after: '2', first: 2 },
    ]);
    expect(job.handled).toEqual(
      expect.arrayContaining([
        [1, ['i1']],
        [2, ['i2']],
        [1, ['i4']],
      ]),
    );
    expect(job.handled).toHaveLength(3);
  });

  it("holds the mark at one account's failed share without failing the others, so the next scan reads it again", async () => {
    const job = new InvoicesFeed(invoices, { s1: 1, s2: 2 });
    job.failingAccount = 2;
    const held = await scan(job, '2026-01-02T00:00:00Z');
    expect(held).toEqual({ mark: '2026-01-03T00:00:00Z (retry)', pages: 2, changed: 2, failed: 1 });
    job.failingAccount = null;
    job.reads.length = 0;
    expect(await scan(job, held.mark)).toMatchObject({ mark: '2026-01-05T00:00:00Z', failed: 0 });
    expect(job.reads[0].updatedSince).toBe('2026-01-03T00:00:00Z');
  });

  it('reads nothing while no account needs the feed', async () => {
    const job = new InvoicesFeed(invoices, { s1: 1 });
    job.subscribed = false;
    expect(await job.processPage({ watermark: '2026-01-02T00:00:00Z', cursor: null, pendingWatermark: null })).toEqual({
      nextCursor: null,
      pendingWatermark: null,
      counts: { seen: 0, changed: 0, failed: 0 },
    });
    expect(job.reads).toEqual([]);
  });
});
