import { MarketplacerClient } from '../client/marketplacer-client.js';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import { toGlobalId } from '../ids/global-id.js';
import { advertNode, variantNode } from '../testing/fixtures.js';
import { answerData, FakeMarketplacerServer, testConnection } from '../testing/fake-marketplacer-server.js';
import { FakeTiming } from '../testing/fake-timing.js';
import { ApolloMarketplacerCatalog } from './apollo-marketplacer-catalog.js';
import { rejectionOf } from '#common/testing';

const pageInfo = { hasNextPage: false, endCursor: 'c1' };

describe('ApolloMarketplacerCatalog', () => {
  let server: FakeMarketplacerServer;
  let client: MarketplacerClient;
  let catalog: ApolloMarketplacerCatalog;

  beforeEach(async () => {
    server = await FakeMarketplacerServer.start();
    client = new MarketplacerClient(testConnection(server.url), { timing: new FakeTiming(), logger: { warn: () => undefined } });
    catalog = new ApolloMarketplacerCatalog(client);
  });

  afterEach(async () => {
    client.stop();
    await server.close();
  });

  describe('listAdvertsUpdatedSince', () => {
    const unpublished = {
      __typename: 'UnpublishedAdvert',
      id: toGlobalId('Advert', 2),
      legacyId: 2,
      updatedAt: '2025-01-03T00:00:00Z',
      variants: { nodes: [{ id: toGlobalId('Variant', 20), legacyId: 20 }] },
    };
    const deleted = { __typename: 'DeletedAdvert', id: toGlobalId('Advert', 3), legacyId: 3, updatedAt: '2025-01-04T00:00:00Z', variants: { nodes: [] } };

    it('normalises every member of the union', async () => {
      server.script(answerData({ allAdverts: { totalCount: 3, pageInfo, nodes: [advertNode(1), unpublished, null, deleted] } }));
      const page = await catalog.listAdvertsUpdatedSince({ updatedSince: '2025-01-01T00:00:00Z', first: 900 });
      expect(server.requests[0].variables).toEqual({ updatedSince: '2025-01-01T00:00:00Z', first: 500 });
      expect(page.pageInfo).toEqual(pageInfo);
      expect(page.nodes.map((a) => [a.legacyId, a.state, a.details === null])).toEqual([
        [1, 'published', false],
        [2, 'unpublished', true],
        [3, 'deleted', true],
      ]);
      expect(page.nodes[1].variantIds).toEqual([toGlobalId('Variant', 20)]);
      expect(page.nodes[0].details?.variants[0]).toMatchObject({ sku: 'SKU-10', barcode: '78910', countOnHand: 7, price: '19.90', salePrice: null });
    });

    it('keeps only the wanted sellers, plus entries that carry no seller', async () => {
      const other = advertNode(4, { seller: { id: toGlobalId('Seller', 99), legacyId: 99, businessName: 'Other' } });
      server.script(answerData({ allAdverts: { totalCount: 3, pageInfo, nodes: [advertNode(1), other, deleted] } }));
      const page = await catalog.listAdvertsUpdatedSince({ updatedSince: '2025-01-01T00:00:00Z', sellers: ['78'] });
      expect(page.nodes.map((a) => a.legacyId)).toEqual([1, 3]);
    });
  });

  it('maps state, vetting and prices of a full advert', async () => {
    const advert = advertNode(5, {
      published: false,
      vetted: false,
      requiresVetting: true,
      variants: {
        totalCount: 150,
        pageInfo: { hasNextPage: true, endCursor: 'v' },
        nodes: [variantNode(51, { editablePrice: '30.00', lowestPrice: '25.00', lowestOriginalPrice: '30.00' })],
      },
    });
    server.script(answerData({ advertsWhere: { totalCount: 1, pageInfo, nodes: [advert] } }));
    const page = await catalog.findAdvertsBySeller('78', { first: 20 });
    expect(server.requests[0].variables).toEqual({ retailerIds: [toGlobalId('Seller', 78)], first: 20 });
    const found = page.nodes[0];
    expect(found.state).toBe('unpublished');
    expect(found.details).toMatchObject({ vetting: 'pending', variantsTruncated: true });
    expect(found.details?.variants[0]).toMatchObject({ price: '30.00', salePrice: '25.00' });
  });

  it('reports a rejected advert with its reason', async () => {
    server.script(
      answerData({
        advertsWhere: { totalCount: 1, pageInfo, nodes: [advertNode(6, { vettingRejected: true, vetted: false, vettingRejectedReason: 'Blurry images' })] },
      }),
    );
    const [advert] = (await catalog.findAdvertsBySeller('78')).nodes;
    expect(advert.details).toMatchObject({ vetting: 'rejected', vettingRejectedReason: 'Blurry images' });
  });

  it('finds adverts by ids, leaving unknown ids and other types out', async () => {
    server.script(answerData({ nodes: [advertNode(1), null, { __typename: 'Seller', id: toGlobalId('Seller', 1) }] }));
    const adverts = await catalog.findAdvertsByIds([toGlobalId('Advert', 1), toGlobalId('Advert', 404), toGlobalId('Seller', 1)]);
    expect(adverts.map((a) => a.legacyId)).toEqual([1]);
    expect(await catalog.findAdvertsByIds([])).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('finds adverts by external id, oldest first, leaving owners that are not adverts out', async () => {
    const owners = [advertNode(7), { __typename: 'DeletedAdvert', id: toGlobalId('Advert', 2) }, advertNode(3)];
    server.script(answerData({ externalIds: owners.map((owner, index) => ({ owner, id: `E-${index}`, key: 'anymarket-product', value: 'v' })) }));
    const adverts = await catalog.findAdvertsByExternalId('anymarket-product', '22449504.:25:7001');
    expect(adverts.map((a) => a.legacyId)).toEqual([3, 7]);
    expect(server.requests[0].variables).toEqual({ key: 'anymarket-product', value: '22449504.:25:7001' });
  });

  describe('upsertAdvert', () => {
    it('acts for the seller and returns the saved advert', async () => {
      server.script(answerData({ advertUpsert: { status: 200, errors: null, advert: advertNode(9) } }));
      const advert = await catalog.upsertAdvert({ seller: '78', attributes: { title: 'Advert 9', price: '19.90' } });
      expect(server.requests[0].variables).toEqual({ input: { sellerId: toGlobalId('Seller', 78), attributes: { title: 'Advert 9', price: '19.90' } } });
      expect(advert.legacyId).toBe(9);
    });

    it('fails with MARKETPLACER_VALIDATION_FAILED carrying Marketplacer\u2019s messages verbatim (HTTP 200)', async () => {
      const errors = [
        { field: 'taxonId', messages: ['Taxon must be a leaf taxon'] },
        { field: 'title', messages: ["can't be blank", 'is too short'] },
      ];
      server.script(answerData({ advertUpsert: { status: 422, errors, advert: null } }));
      const error = await rejectionOf(MarketplacerError, catalog.upsertAdvert({ seller: '78', advertId: toGlobalId('Advert', 9), attributes: { title: '' } }));
      expect(error.code).toBe('MARKETPLACER_VALIDATION_FAILED');
      expect(error.kind).toBe('unprocessable');
      expect(error.details).toEqual(errors);
      expect(server.requests).toHaveLength(1);
    });

    it('refuses a reference that is not a seller before calling Marketplacer', async () => {
      await expect(catalog.upsertAdvert({ seller: toGlobalId('Advert', 1), attributes: {} })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      expect(server.requests).toHaveLength(0);
    });
  });

  it('publishes/unpublishes and reports the resulting state', async () => {
    server.script(
      answerData({
        advertPublishedUpdate: {
          status: 200,
          errors: [],
          advert: { __typename: 'Advert', id: toGlobalId('Advert', 1), legacyId: 1, published: false, displayable: false, online: true, vetted: true },
        },
      }),
    );
    expect(await catalog.setAdvertPublished(toGlobalId('Advert', 1), false)).toEqual({ id: toGlobalId('Advert', 1), published: false });
    expect(server.requests[0].variables).toEqual({ input: { id: toGlobalId('Advert', 1), published: false } });
  });
});
