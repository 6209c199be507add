import { availableDatabases, eventually } from '#common/testing';
import { SyncRunLedger } from '../sync/sync-run.ledger.js';
import { SyncService } from '../sync/sync.service.js';
import { ListingsReconciliationJob } from './listings-reconciliation.job.js';
import { ListingReconciliationStore } from './listing-reconciliation.store.js';
import { ADMIN, ListingsTestKit, type TestAccount } from '#test-support/connector/products/listings-test-kit';

const databases = await availableDatabases();

describe.each(databases)('listings: the reconciliation per seller on %s', (kind) => {
  let kit: ListingsTestKit;
  let account: TestAccount;

  beforeAll(async () => {
    kit = await ListingsTestKit.start(kind);
    account = await kit.activateAccount('61337.', 60);
  });

  afterAll(async () => {
    await kit?.stop();
  });

  beforeEach(() => kit.reset());

  /** The job through the sync engine as an admin triggers it (every seller now); waits for the run to end. */
  async function reconcileAll() {
    const run = await kit.app.app.get(SyncService).trigger('listings-reconciliation');
    const ledger = kit.app.app.get(SyncRunLedger);
    return (await eventually(
      () => ledger.get(run.id),
      (current) => current !== null && current.outcome !== 'running',
      `reconciliation run ${run.id} to end`,
    ))!;
  }

  const putCount = async () => (await kit.anymarket.puts()).length;
  const advertsWhereReads = async () => {
    const log = await kit.simulator.api.control<{ last: Array<{ operationName: string }> }>('GET', '/_control/marketplacer/requests?limit=500');
    return log.last.filter((entry) => entry.operationName === 'AdvertsWhere').length;
  };
  const readsById = async () => {
    const log = await kit.simulator.api.control<{ last: Array<{ operationName: string }> }>('GET', '/_control/marketplacer/requests?limit=500');
    return log.last.filter((entry) => entry.operationName === 'AdvertById').length;
  };

  it('finds nothing → sends nothing; drift (price, stock, deletion) made while the feed is off → one PUT per listing, then nothing', async () => {
    for (const id of [7001, 7002, 7003]) await kit.sendAndWait(account, await kit.transmission(id, account));
    const listings = await Promise.all([7001, 7002, 7003].map((id) => kit.listingOf(account, id)));
    const before = await putCount();

    // Nothing changed since sendProduct's reports: one advertsWhere page, no read by id, no ANYMARKET call.
    const quiet = await reconcileAll();
    expect(quiet).toMatchObject({ outcome: 'succeeded', itemsChanged: 0, itemsFailed: 0 });
    expect(await putCount()).toBe(before);
    expect(await advertsWhereReads()).toBe(1);
    expect(await readsById()).toBe(0);
    const record = await kit.http.get(`/admin/listings/reconciliation/${account.id}`).set(ADMIN).expect(200);
    expect(record.body).toMatchObject({
      accountId: account.id,
      sellerId: account.sellerId,
      advertsSeen: 3,
      listingsChecked: 3,
      marketplacerRequests: 1,
      drift: { advert_gone: 0, unpublished: 0, status: 0, price: 0, stock: 0 },
      repaired: 0,
      unlinkedCount: 0,
      unlinkedAdverts: [],
      lastError: null,
    });
    expect(record.body.lastFinishedAt).toEqual(expect.any(String));

    // Marketplacer-side edits the adverts feed (off: never run here) and webhooks did not report.
    await kit.catalog.operator.setPrice(listings[0].variantId!, '12.34');
    await kit.catalog.operator.setStock(listings[1].variantId!, 7);
    await kit.catalog.operator.delete(listings[2].advertId!);
    const drifted = await reconcileAll();
    expect(drifted).toMatchObject({ outcome: 'succeeded', itemsChanged: 3, itemsFailed: 0 });
    expect(await putCount()).toBe(before + 3);
    expect(await kit.anymarket.lastPut(7001)).toMatchObject({ status: 'ACTIVE', marketplaceStatus: expect.stringContaining('preço: 12.34') });
    expect(await kit.anymarket.lastPut(7002)).toMatchObject({ status: 'ACTIVE', marketplaceStatus: expect.stringContaining('estoque: 7') });
    expect(await kit.anymarket.lastPut(7003)).toMatchObject({ status: 'CLOSED', transmissionStatus: 'OK' });
    const found = await kit.http.get(`/admin/listings/reconciliation/${account.id}`).set(ADMIN).expect(200);
    expect(found.body).toMatchObject({ drift: { advert_gone: 1, unpublished: 0, status: 0, price: 1, stock: 1 }, repaired: 3, failed: 0 });

    // Again: nothing new, nothing sent, and the deleted advert (reported gone) is not read by id again.
    const byIdBefore = await readsById();
    expect(await reconcileAll()).toMatchObject({ outcome: 'succeeded', itemsChanged: 0 });
    expect(await putCount()).toBe(before + 3);
    expect(await readsById()).toBe(byIdBefore);

    // Metrics count what was found and repaired.
    const metrics = await kit.http.get('/metrics').set(ADMIN).expect(200);
    expect(metrics.text).toMatch(/connector_listings_reconciliation_drift_total\{kind="price"\} [1-9]/);
    expect(metrics.text).toMatch(/connector_listings_reconciliation_repairs_total\{outcome="repaired"\} [1-9]/);
  });

  it("lists the seller's adverts that no listing links, and creates nothing in ANYMARKET", async () => {
    const seller = await kit.activateAccount('71337.', 70);
    await kit.sendAndWait(seller, await kit.transmission(7101, seller));
    const portal = await kit.catalog.createAdvert(seller.sellerId, {
      title: 'Made in the portal',
      taxonId: kit.taxonomy.leafTaxon,
      variants: [{ sku: 'PORTAL-1', price: '12.00', countOnHand: 2 }],
    });
    const before = await putCount();

    const res = await kit.http.post(`/admin/listings/reconciliation/${seller.id}/run`).set(ADMIN).expect(200);

    expect(res.body).toMatchObject({ accountId: seller.id, advertsSeen: 2, listingsChecked: 1, unlinkedCount: 1, repaired: 0 });
    expect(res.body.unlinkedAdverts).toEqual([{ id: portal.id, legacyId: portal.legacyId, title: 'Made in the portal', skus: ['PORTAL-1'] }]);
    expect(await putCount()).toBe(before);
    const list = await kit.http.get('/admin/listings/reconciliation?limit=500').set(ADMIN).expect(200);
    expect(list.body.find((row: { accountId: number }) => row.accountId === seller.id)).toMatchObject({ unlinkedCount: 1 });
    expect(list.body[0]).not.toHaveProperty('unlinkedAdverts');
  });

  it('admin routes: unknown account 404, inactive 409, bad input 400, never run 404', async () => {
    await kit.http.post('/admin/listings/reconciliation/999999/run').set(ADMIN).expect(404);
    await kit.http.get('/admin/listings/reconciliation/999999').set(ADMIN).expect(404);
    await kit.http.post('/admin/listings/reconciliation/abc/run').set(ADMIN).expect(400);
    await kit.http.get('/admin/listings/reconciliation?limit=0').set(ADMIN).expect(400);
    await kit.http.get('/admin/listings/reconciliation?beforeAccountId=-1').set(ADMIN).expect(400);
    const stopped = await kit.activateAccount('81337.', 80);
    const never = await kit.http.get(`/admin/listings/reconciliation/${stopped.id}`).set(ADMIN).expect(404);
    expect(never.body.error.code).toBe('RECONCILIATION_NOT_RUN');
    await kit.http.post(`/admin/accounts/${stopped.id}/deactivate`).set(ADMIN).expect(200);
    const refused = await kit.http.post(`/admin/listings/reconciliation/${stopped.id}/run`).set(ADMIN).expect(409);
    expect(refused.body.error.code).toBe('ACCOUNT_NOT_ACTIVE');
  });

  it('is a sync job listed by the sync admin API; scheduled runs take only the sellers whose slot came, spread over the interval', async () => {
    const jobs = await kit.http.get('/admin/sync/jobs').set(ADMIN).expect(200);
    expect(jobs.body.map((job: { name: string }) => job.name)).toContain('listings-reconciliation');

    const job = kit.app.app.get(ListingsReconciliationJob);
    const records = kit.app.app.get(ListingReconciliationStore);
    const scheduled = () => job.processPage({ watermark: null, cursor: null, pendingWatermark: null, trigger: 'schedule' });
    // Just seen (or just reconciled): nobody's slot has come since, so a scheduled run reconciles no one.
    await scheduled();
    const quiet = await scheduled();
    expect(quiet).toMatchObject({ nextCursor: null, counts: { seen: 0, changed: 0, failed: 0 } });

    // An hour later every seller is due, but one run takes one per page, most overdue first, within its bound.
    const accountIds = [...(await records.ofAccounts([account.id])).keys()];
    expect(accountIds).toEqual([account.id]);
    const hourAgo = new Date(Date.now() - job.accountIntervalMs - 1000);
    await records.retryable(account.id, hourAgo);
    const due = await scheduled();
    expect(due.counts.seen).toBeGreaterThanOrEqual(0);
    const after = await records.get(account.id);
    expect(after!.lastStartedAt!.getTime()).toBeGreaterThan(hourAgo.getTime());
    // Reconciled: not due again until its next slot.
    const again = await scheduled();
    expect(again.nextCursor).toBeNull();
  });
});
