import { rejectionOf } from '#common/testing';
import { MarketplacerError, toGlobalId } from '#marketplacer';
import { ApolloMarketplacerCatalog } from '../../../../libs/marketplacer/src/adapters/apollo-marketplacer-catalog.js';
import type { AdvertRecord } from './state/records.js';
import { MarketplacerEndpoint } from '#test-support/simulator/marketplacer-endpoint';

/** What ApolloMarketplacerCatalog asks the simulated Marketplacer (read from its request log), and how it reads the answers. */
describe('ApolloMarketplacerCatalog against the simulator', () => {
  const marketplacer = MarketplacerEndpoint.forEachTest();
  let catalog: ApolloMarketplacerCatalog;
  const requests = () => marketplacer.requests();
  const state = () => marketplacer.state;
  /** Just before the next change, on the simulated instance's clock. */
  const justBefore = () => new Date(state().now() - 1000).toISOString();
  const liveAdverts = (): AdvertRecord[] => [...state().adverts.values()].filter((advert) => advert.deletedAt === null && advert.published);

  /** An edit in Marketplacer's portal, through the simulator's control API. */
  const edit = async (method: string, path: string) => {
    const answer = await marketplacer.sim.control(method, path);
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}`);
  };

  beforeEach(async () => {
    catalog = new ApolloMarketplacerCatalog(marketplacer.client());
  });

  describe('listAdvertsUpdatedSince', () => {
    it('reads every member of the union from the change feed, asking for at most 500 a page', async () => {
      const since = justBefore();
      const [published, unpublished, deleted] = liveAdverts();
      await edit('POST', `/adverts/${published.legacyId}/unpublish`).then(() => edit('POST', `/adverts/${published.legacyId}/publish`));
      await edit('POST', `/adverts/${unpublished.legacyId}/unpublish`);
      await edit('DELETE', `/adverts/${deleted.legacyId}`);

      const page = await catalog.listAdvertsUpdatedSince({ updatedSince: since, first: 900 });

      expect((await requests())[0].variables).toEqual({ updatedSince: since, first: 500 });
      expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
      const byId = new Map(page.nodes.map((advert) => [advert.legacyId, advert]));
      expect([published, unpublished, deleted].map((advert) => [byId.get(advert.legacyId)?.state, byId.get(advert.legacyId)?.details === null])).toEqual([
        ['published', false],
        ['unpublished', true],
        ['deleted', true],
      ]);
      expect(byId.get(unpublished.legacyId)?.variantIds).toEqual(unpublished.variants.map((variant) => toGlobalId('Variant', variant.legacyId)));
    });

    it('keeps only the wanted sellers, plus entries that carry no seller', async () => {
      const since = justBefore();
      const [mine, deleted] = liveAdverts();
      const other = liveAdverts().find((advert) => advert.sellerId !== mine.sellerId)!;
      for (const advert of [mine, other])
        await edit('POST', `/adverts/${advert.legacyId}/unpublish`).then(() => edit('POST', `/adverts/${advert.legacyId}/publish`));
      await edit('DELETE', `/adverts/${deleted.legacyId}`);

      const page = await catalog.listAdvertsUpdatedSince({ updatedSince: since, sellers: [String(mine.sellerId)] });

      expect(page.nodes.map((advert) => advert.legacyId).sort((a, b) => a - b)).toEqual([mine.legacyId, deleted.legacyId].sort((a, b) => a - b));
    });
  });

  it("finds a seller's adverts by the seller's global id, with their state", async () => {
    const advert = liveAdverts()[0];
    await edit('POST', `/adverts/${advert.legacyId}/unpublish`);

    const page = await catalog.findAdvertsBySeller(String(advert.sellerId), { first: 20 });

    expect((await requests())[0].variables).toEqual({ retailerIds: [toGlobalId('Seller', advert.sellerId)], first: 20 });
    expect(page.nodes.find((found) => found.legacyId === advert.legacyId)?.state).toBe('unpublished');
  });

  it('reports a rejected advert with its reason', async () => {
    const advert = liveAdverts()[0];
    const answer = await marketplacer.sim.control('POST', `/adverts/${advert.legacyId}/vetting/reject`, { reason: 'Blurry images' });
    expect(answer.status).toBe(200);

    const found = (await catalog.findAdvertsBySeller(String(advert.sellerId), { first: 500 })).nodes.find((a) => a.legacyId === advert.legacyId);

    expect(found?.details).toMatchObject({ vetting: 'rejected', vettingRejectedReason: 'Blurry images' });
  });

  it('finds adverts by ids, leaving unknown ids and other types out', async () => {
    const advert = liveAdverts()[0];
    const adverts = await catalog.findAdvertsByIds([
      toGlobalId('Advert', advert.legacyId),
      toGlobalId('Advert', 999999),
      toGlobalId('Seller', advert.sellerId),
    ]);
    expect(adverts.map((a) => a.legacyId)).toEqual([advert.legacyId]);
    expect(await catalog.findAdvertsByIds([])).toEqual([]);
    expect(await requests()).toHaveLength(1);
  });

  it('finds adverts by external id, oldest first, leaving owners that are not adverts out', async () => {
    const [older, newer, gone] = liveAdverts();
    const tag = { key: 'anymarket-product', value: '22449504.:25:7001' };
    // Two adverts, one deleted since, and a variant carry the tag.
    for (const owner of [newer, gone, older, older.variants[0]]) owner.externalIds = [...owner.externalIds, tag];
    await edit('DELETE', `/adverts/${gone.legacyId}`);

    const adverts = await catalog.findAdvertsByExternalId(tag.key, tag.value);

    expect(adverts.map((a) => a.legacyId)).toEqual([older.legacyId, newer.legacyId]);
    expect((await requests())[0].variables).toEqual(tag);
  });

  describe('upsertAdvert', () => {
    it('acts for the seller and returns the saved advert', async () => {
      const advert = liveAdverts()[0];
      const advertId = toGlobalId('Advert', advert.legacyId);

      const saved = await catalog.upsertAdvert({ seller: String(advert.sellerId), advertId, attributes: { title: 'Advert 9' } });

      expect((await requests())[0].variables).toEqual({
        input: { sellerId: toGlobalId('Seller', advert.sellerId), advertId, attributes: { title: 'Advert 9' } },
      });
      expect(saved).toMatchObject({ legacyId: advert.legacyId, details: expect.objectContaining({ title: 'Advert 9' }) });
    });

    it('fails with MARKETPLACER_VALIDATION_FAILED carrying Marketplacer\u2019s messages verbatim (HTTP 200)', async () => {
      const advert = liveAdverts()[0];
      const error = await rejectionOf(
        MarketplacerError,
        catalog.upsertAdvert({ seller: String(advert.sellerId), advertId: toGlobalId('Advert', advert.legacyId), attributes: { title: '' } }),
      );
      expect(error.code).toBe('MARKETPLACER_VALIDATION_FAILED');
      expect(error.kind).toBe('unprocessable');
      expect(error.details).toEqual([{ field: 'title', messages: ["can't be blank"] }]);
      expect(await requests()).toHaveLength(1);
    });

    it('refuses a reference that is not a seller before calling Marketplacer', async () => {
      await expect(catalog.upsertAdvert({ seller: toGlobalId('Advert', 1), attributes: {} })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      expect(await requests()).toHaveLength(0);
    });
  });

  it('publishes/unpublishes and reports the resulting state', async () => {
    const id = toGlobalId('Advert', liveAdverts()[0].legacyId);
    expect(await catalog.setAdvertPublished(id, false)).toEqual({ id, published: false });
    expect((await requests())[0].variables).toEqual({ input: { id, published: false } });
    expect(await catalog.setAdvertPublished(id, true)).toEqual({ id, published: true });
  });

  describe('vetting (advertVettingApprove / Reject / Resubmit)', () => {
    const pendingAdvert = () => {
      const advert = liveAdverts()[0];
      Object.assign(advert, { vetting: 'PENDING', vettingRejectedReason: null });
      return { advert, id: toGlobalId('Advert', advert.legacyId) };
    };

    it('rejects with the reason, resubmits, approves: each answers the advert as it is now, stamped and announced', async () => {
      const { advert, id } = pendingAdvert();
      const events: string[] = [];
      state().onChange((event) => events.push(`${event.entity}:${event.eventName}:${event.legacyId}`));
      const before = advert.updatedAt;

      const [rejected] = await catalog.rejectAdvertVetting([id], 'Fotos fora do padrão');
      expect((await requests())[0].variables).toEqual({ input: { advertIds: [id], vettingRejectedReason: 'Fotos fora do padrão' } });
      expect(rejected).toMatchObject({
        id,
        details: expect.objectContaining({ vetting: 'rejected', vettingRejectedReason: 'Fotos fora do padrão', displayable: false }),
      });
      expect(Date.parse(rejected.updatedAt)).toBeGreaterThan(before);

      const [resubmitted] = await catalog.resubmitAdvertVetting([id]);
      expect(resubmitted.details).toMatchObject({ vetting: 'pending', vettingRejectedReason: null, displayable: false });

      const [approved] = await catalog.approveAdvertVetting([id]);
      expect(approved.details).toMatchObject({ vetting: 'approved', vettingRejectedReason: null, displayable: true });
      expect(events).toEqual(Array(3).fill(`Advert:update:${advert.legacyId}`));
    });

    it('an unknown advert is MARKETPLACER_NOT_FOUND; a blank reason is refused with Marketplacer\u2019s message', async () => {
      const { advert, id } = pendingAdvert();
      const unknown = toGlobalId('Advert', 999_999);
      expect(await rejectionOf(MarketplacerError, catalog.approveAdvertVetting([unknown]))).toMatchObject({
        code: 'MARKETPLACER_NOT_FOUND',
        details: [{ field: 'advertIds', messages: [`No object found for advertIds: ${unknown}`] }],
      });
      expect(await rejectionOf(MarketplacerError, catalog.rejectAdvertVetting([id], ' '))).toMatchObject({
        code: 'MARKETPLACER_VALIDATION_FAILED',
        details: [{ field: 'vettingRejectedReason', messages: ["can't be blank"] }],
      });
      expect(advert.vetting).toBe('PENDING');
    });
  });
});
