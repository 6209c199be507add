import { jest } from '@jest/globals';
import { availableDatabases, eventually } from '#common/testing';
import { MARKETPLACE_KEY } from '../sync/feeds/marketplace-feed.job.js';
import { SyncRunLedger } from '../sync/sync-run.ledger.js';
import { SyncStateStore } from '../sync/sync-state.store.js';
import { SyncService } from '../sync/sync.service.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { anymarketContextOf } from '../accounts/anymarket-context.js';
import { MarketplacerCatalog } from '#marketplacer';
import { AdvertsFeedJob } from './adverts-feed.job.js';
import { ListingReporter } from './listing-reporter.js';
import type { ReportedState } from './listing-status.mapper.js';
import { ListingStore } from './listing.store.js';
import { ADMIN, ListingsTestKit, type TestAccount } from '#test-support/connector/products/listings-test-kit';
import { tokenHint } from '#test-support/connector/products/simulated-anymarket';

const databases = await availableDatabases();

describe.each(databases)('listings: the adverts poll on %s', (kind) => {
  let kit: ListingsTestKit;
  let account: TestAccount;

  beforeAll(async () => {
    kit = await ListingsTestKit.start(kind);
    account = await kit.activateAccount('31337.', 40);
  });

  afterAll(async () => {
    await kit?.stop();
  });

  beforeEach(() => kit.reset());

  /** Runs the marketplace's poll now and waits for the run to end; returns the run. */
  async function poll() {
    const run = await kit.app.app.get(SyncService).trigger('adverts');
    const ledger = kit.app.app.get(SyncRunLedger);
    return (await eventually(
      () => ledger.get(run.id),
      (current) => current !== null && current.outcome !== 'running',
      `poll run ${run.id} to end`,
    ))!;
  }

  const putCount = async () => (await kit.anymarket.puts()).length;

  it('reports each changed listing once, and nothing when nothing changed', async () => {
    // Three listings on three adverts, all reported by sendProduct already.
    for (const id of [2001, 2002, 2003]) await kit.sendAndWait(account, await kit.transmission(id, account));
    const listings = await Promise.all([2001, 2002, 2003].map((id) => kit.listingOf(account, id)));
    const before = await putCount();

    // Our own upserts moved the adverts, but their state is what ANYMARKET was told: no PUT.
    const quiet = await poll();
    expect(quiet).toMatchObject({ outcome: 'succeeded', itemsChanged: 0, itemsFailed: 0 });
    expect(await putCount()).toBe(before);
    // The marketplace's whole feed, once: not filtered by seller (Marketplacer cannot), one request for every account.
    expect(await kit.catalog.feedReads()).toEqual([{ updatedSince: expect.any(String), first: 500 }]);

    // Marketplacer-side changes: stock gone, vetting rejected, advert deleted.
    await kit.catalog.operator.setStock(listings[0].variantId!, 0);
    await kit.catalog.operator.reject(listings[1].advertId!, 'Imagem com marca d’água');
    await kit.catalog.operator.delete(listings[2].advertId!);
    const changed = await poll();
    expect(changed).toMatchObject({ outcome: 'succeeded', itemsChanged: 3, itemsFailed: 0 });
    expect(await putCount()).toBe(before + 3);
    expect(await kit.anymarket.lastPut(2001)).toMatchObject({ status: 'WITHOUT_STOCK', transmissionStatus: 'OK' });
    expect(await kit.anymarket.lastPut(2002)).toMatchObject({ status: 'UNPUBLISHED', transmissionStatus: 'ERROR', errorMsg: 'Imagem com marca d’água' });
    expect(await kit.anymarket.lastPut(2003)).toMatchObject({ status: 'CLOSED', transmissionStatus: 'OK' });
    // The next scan starts from what this one reached.
    const [state] = await kit.app.app.get(SyncStateStore).list({ job: 'adverts', accountKey: MARKETPLACE_KEY });
    expect(state.watermark).toBe(kit.catalog.advert(listings[2].advertId!).updatedAt);

    // Nothing changed since: the boundary advert is read again, and nothing is reported.
    await poll();
    expect(await putCount()).toBe(before + 3);

    // A price edit and an off-lining are reported too.
    await kit.catalog.operator.setPrice(listings[0].variantId!, '12.34');
    await kit.catalog.operator.unpublish(listings[1].advertId!);
    await kit.catalog.operator.approve(listings[1].advertId!);
    await poll();
    expect(await putCount()).toBe(before + 5);
    expect(await kit.anymarket.lastPut(2001)).toMatchObject({ status: 'WITHOUT_STOCK', marketplaceStatus: 'SEM ESTOQUE, preço: 12.34' });
    expect(await kit.anymarket.lastPut(2002)).toMatchObject({ status: 'PAUSED', transmissionStatus: 'OK' });

    // The off-lined advert is the newest change, sent bare (no details): read in full once, not on every quiet poll.
    const detailReads = (await kit.catalog.detailReads()).length;
    expect((await kit.catalog.detailReads()).at(-1)).toEqual([listings[1].advertId]);
    await poll();
    await poll();
    expect((await kit.catalog.detailReads()).length).toBe(detailReads);
    expect(await putCount()).toBe(before + 5);
    // Changed again in Marketplacer (vetting put on hold): read in full and reported.
    await kit.catalog.operator.holdForVetting(listings[1].advertId!);
    await poll();
    expect((await kit.catalog.detailReads()).length).toBe(detailReads + 1);
    expect(await kit.anymarket.lastPut(2002)).toMatchObject({
      status: 'UNPUBLISHED',
      marketplaceStatus: 'NÃO PUBLICADO - aguardando aprovação do marketplace',
    });
    // Quiet again: the bare entry is neither read nor mistaken for a plain off-lining.
    const puts = await putCount();
    await poll();
    expect((await kit.catalog.detailReads()).length).toBe(detailReads + 1);
    expect(await putCount()).toBe(puts);
  });

  it("reads the feed once for every account: an idle cycle costs one request, each change reaches its own account's ANYMARKET", async () => {
    const [b, c] = [await kit.activateAccount('41337.', 41), await kit.activateAccount('51337.', 51)];
    await kit.sendAndWait(b, await kit.transmission(3001, b));
    await kit.sendAndWait(b, await kit.transmission(3002, b));
    await kit.sendAndWait(c, await kit.transmission(3101, c));
    await poll();
    const [b1, c1] = [await kit.listingOf(b, 3001), await kit.listingOf(c, 3101)];
    const before = { feed: (await kit.catalog.feedReads()).length, details: (await kit.catalog.detailReads()).length, puts: await putCount() };

    // Idle: one Marketplacer request for the three accounts, nothing else.
    expect(await poll()).toMatchObject({ outcome: 'succeeded', pages: 1, itemsChanged: 0, itemsFailed: 0 });
    expect((await kit.catalog.feedReads()).length).toBe(before.feed + 1);
    expect((await kit.catalog.detailReads()).length).toBe(before.details);
    expect(await putCount()).toBe(before.puts);

    // Busy: changes of two sellers in one page, each advert read once, each PUT with its own account's token.
    await kit.catalog.operator.setStock(b1.variantId!, 0);
    await kit.catalog.operator.unpublish(c1.advertId!);
    expect(await poll()).toMatchObject({ outcome: 'succeeded', pages: 1, itemsChanged: 2, itemsFailed: 0 });
    expect((await kit.catalog.feedReads()).length).toBe(before.feed + 2);
    expect((await kit.catalog.detailReads()).slice(before.details)).toEqual([[c1.advertId]]);
    expect((await kit.anymarket.puts()).slice(before.puts).map((put) => [put.id, put.tokenHint, put.update.status])).toEqual(
      expect.arrayContaining([
        [3001, tokenHint(b.token), 'WITHOUT_STOCK'],
        [3101, tokenHint(c.token), 'PAUSED'],
      ]),
    );
    expect(await putCount()).toBe(before.puts + 2);

    // A deactivated account is no longer acted for; the others still are.
    await kit.http.post(`/admin/accounts/${c.id}/deactivate`).set(ADMIN).expect(200);
    const putsOfC = (await kit.anymarket.putsFor(3101)).length;
    await kit.catalog.operator.setStock(c1.variantId!, 0);
    await kit.catalog.operator.setStock(b1.variantId!, 3);
    expect(await poll()).toMatchObject({ itemsChanged: 1, itemsFailed: 0 });
    expect(await kit.anymarket.lastPut(3001)).toMatchObject({ status: 'ACTIVE' });
    expect(await kit.anymarket.putsFor(3101)).toHaveLength(putsOfC);

    // One pair for the marketplace: no per-account state.
    expect((await kit.app.app.get(SyncStateStore).list({ job: 'adverts' })).map((state) => state.accountKey)).toEqual([MARKETPLACE_KEY]);
  });

  it('a page processed again after a crash before its commit repeats no PUT', async () => {
    await kit.sendAndWait(account, await kit.transmission(2004, account));
    await kit.sendAndWait(account, await kit.transmission(2005, account));
    await poll();
    const [a, b] = await Promise.all([2004, 2005].map((id) => kit.listingOf(account, id)));
    await kit.catalog.operator.setStock(a.variantId!, 1);
    await kit.catalog.operator.holdForVetting(b.advertId!);
    const before = await putCount();

    // The PUTs go out, then the process "dies" before the engine commits the page.
    const store = kit.app.app.get(SyncStateStore);
    const commit = jest.spyOn(store, 'commitPage').mockRejectedValueOnce(new Error('crash before commit'));
    const crashed = await poll();
    expect(crashed).toMatchObject({ outcome: 'failed', errorMessage: 'crash before commit' });
    expect(await putCount()).toBe(before + 2);
    commit.mockRestore();

    // The retry reads the same page again (same watermark, same cursor) and reports nothing twice.
    const reads = (await kit.catalog.feedReads()).length;
    const retried = await poll();
    expect(retried).toMatchObject({ outcome: 'succeeded', itemsChanged: 0 });
    const feedReads = await kit.catalog.feedReads();
    expect(feedReads[reads]).toEqual(feedReads[reads - 1]);
    expect(await putCount()).toBe(before + 2);
    expect(await kit.anymarket.lastPut(2004)).toMatchObject({ status: 'ACTIVE', marketplaceStatus: expect.stringContaining('estoque: 1') });
    expect(await kit.anymarket.lastPut(2005)).toMatchObject({
      status: 'UNPUBLISHED',
      marketplaceStatus: 'NÃO PUBLICADO - aguardando aprovação do marketplace',
    });
  });

  it('one listing ANYMARKET refuses does not fail the page, and is retried on the next scan', async () => {
    await kit.sendAndWait(account, await kit.transmission(2006, account));
    await kit.sendAndWait(account, await kit.transmission(2007, account));
    await poll();
    const [a, b] = await Promise.all([2006, 2007].map((id) => kit.listingOf(account, id)));
    // 2006's advert is off-lined (the feed sends it bare, so it is read in full), 2007 runs out of stock.
    await kit.catalog.operator.unpublish(a.advertId!);
    await kit.catalog.operator.setStock(b.variantId!, 0);
    await kit.anymarket.failPutsOf(2006, 503);
    const before = await putCount();

    const partial = await poll();
    expect(partial).toMatchObject({ outcome: 'succeeded', itemsChanged: 1, itemsFailed: 1 });
    expect(await kit.anymarket.lastPut(2007)).toMatchObject({ status: 'WITHOUT_STOCK' });
    expect(await putCount()).toBe(before + 1);
    const [held] = await kit.app.app.get(SyncStateStore).list({ job: 'adverts', accountKey: MARKETPLACE_KEY });
    expect(held.watermark).toMatch(/ \(retry\)$/);

    await kit.anymarket.clearFaults();
    // Nothing changed in Marketplacer since, but the scan was held at the failed advert: it is reported now.
    const retried = await poll();
    expect(retried).toMatchObject({ itemsChanged: 1, itemsFailed: 0 });
    expect(await kit.anymarket.lastPut(2006)).toMatchObject({ status: 'PAUSED' });
    expect(await putCount()).toBe(before + 2);
    await poll();
    expect(await putCount()).toBe(before + 2);

    // A transmission ANYMARKET no longer has is taken out of the poll instead of holding it.
    await kit.anymarket.deleteTransmission(2007);
    await kit.catalog.operator.setStock(b.variantId!, 5);
    const gone = await poll();
    expect(gone).toMatchObject({ itemsChanged: 0, itemsFailed: 1 });
    expect(await kit.listingOf(account, 2007)).toMatchObject({ state: 'error', lastError: expect.stringContaining('ANYMARKET refused the status report') });
    const [state] = await kit.app.app.get(SyncStateStore).list({ job: 'adverts', accountKey: MARKETPLACE_KEY });
    expect(state.watermark).not.toMatch(/retry/);
    expect((await poll()).itemsFailed).toBe(0);
  });

  it("two reports of one listing's change at once (a webhook and the poll, each with its own copy) make one PUT", async () => {
    await kit.sendAndWait(account, await kit.transmission(2008, account));
    const { id } = await kit.listingOf(account, 2008);
    const active = await kit.app.app.get(AccountsService).findActiveAccountById(account.id);
    const api = anymarketContextOf(active!)!;
    const store = kit.app.app.get(ListingStore);
    const [mine, theirs] = [(await store.get(id))!, (await store.get(id))!];
    const state: ReportedState = { status: 'WITHOUT_STOCK', transmissionStatus: 'OK', marketplaceStatus: 'SEM ESTOQUE', errorMsg: '' };
    const before = await putCount();

    const reporter = kit.app.app.get(ListingReporter);
    const sent = await Promise.all([reporter.reportIfChanged(mine, api, state), reporter.reportIfChanged(theirs, api, state)]);

    expect(sent.sort()).toEqual([false, true]);
    expect(await putCount()).toBe(before + 1);
    expect(await kit.anymarket.lastPut(2008)).toMatchObject({ status: 'WITHOUT_STOCK' });
    // The one that waited learnt what the other sent: both copies know the state is reported.
    expect(mine.reportedHash).toBe(theirs.reportedHash);
  });

  it('an advert vetted through the admin route is reported once: the Advert webhook and the poll see the same state and send nothing', async () => {
    await kit.sendAndWait(account, await kit.transmission(2009, account));
    const listing = await kit.listingOf(account, 2009);
    await poll();
    const before = await putCount();
    /** What an Advert webhook does: the advert re-read, its listings reported if changed. */
    const advertWebhook = async () => kit.app.app.get(AdvertsFeedJob).takeItems([(await kit.app.app.get(MarketplacerCatalog).findAdvert(listing.advertId!))!]);
    const vet = (body: object) => kit.http.post(`/admin/listings/${listing.id}/vet`).set(ADMIN).send(body).expect(200);

    await vet({ approved: false, reason: 'Sem foto do produto' });
    expect(kit.catalog.advert(listing.advertId!)).toMatchObject({ vetting: 'rejected', vettingRejectedReason: 'Sem foto do produto' });
    expect(await advertWebhook()).toMatchObject({ changed: 0, failed: 0 });
    expect(await poll()).toMatchObject({ outcome: 'succeeded', itemsChanged: 0, itemsFailed: 0 });
    expect((await kit.anymarket.puts()).slice(before).map((put) => [put.id, put.update.status, put.update.transmissionStatus, put.update.errorMsg])).toEqual([
      [2009, 'UNPUBLISHED', 'ERROR', 'Sem foto do produto'],
    ]);

    await vet({ approved: true });
    expect(await advertWebhook()).toMatchObject({ changed: 0, failed: 0 });
    expect(await poll()).toMatchObject({ itemsChanged: 0 });
    expect(await putCount()).toBe(before + 2);
    expect(await kit.anymarket.lastPut(2009)).toMatchObject({ status: 'ACTIVE', transmissionStatus: 'OK', errorMsg: '' });
  });
});
