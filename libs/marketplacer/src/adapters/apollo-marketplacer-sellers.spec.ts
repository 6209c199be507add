import { MarketplacerClient } from '../client/marketplacer-client.js';
import { toGlobalId } from '../ids/global-id.js';
import { sellerNode } from '../testing/fixtures.js';
import { answerData, FakeMarketplacerServer, testConnection } from '../testing/fake-marketplacer-server.js';
import { FakeTiming } from '../testing/fake-timing.js';
import { ApolloMarketplacerSellers, isActiveSeller } from './apollo-marketplacer-sellers.js';

describe('ApolloMarketplacerSellers', () => {
  let server: FakeMarketplacerServer;
  let client: MarketplacerClient;
  let sellers: ApolloMarketplacerSellers;

  beforeEach(async () => {
    server = await FakeMarketplacerServer.start();
    client = new MarketplacerClient(testConnection(server.url), { timing: new FakeTiming(), logger: { warn: () => undefined } });
    sellers = new ApolloMarketplacerSellers(client);
  });

  afterEach(async () => {
    client.stop();
    await server.close();
  });

  describe('findSeller', () => {
    it('looks a global id up with node(id) and maps the seller', async () => {
      server.script(answerData({ node: sellerNode(78, { businessName: 'Loja 78' }) }));
      const seller = await sellers.findSeller('U2VsbGVyLTc4');
      expect(seller).toEqual({
        id: 'U2VsbGVyLTc4',
        legacyId: 78,
        businessName: 'Loja 78',
        accountType: 'RETAILER',
        active: true,
        online: true,
        emailAddress: 'seller78@example.com',
        phone: '0400000000',
        updatedAt: '2025-01-01T00:00:00Z',
        metadata: [],
      });
      expect(server.requests[0]).toMatchObject({ operationName: 'SellerById', variables: { id: 'U2VsbGVyLTc4' } });
    });

    it('turns a legacy id (as the portal shows it) into the global id', async () => {
      server.script(answerData({ node: sellerNode(78) }));
      const seller = await sellers.findSeller('78');
      expect(server.requests[0].variables).toEqual({ id: toGlobalId('Seller', 78) });
      expect(seller?.legacyId).toBe(78);
    });

    it('answers null when Marketplacer has no such seller', async () => {
      server.script(answerData({ node: null }));
      expect(await sellers.findSeller('999')).toBeNull();
    });

    it('answers null for a deleted seller and for an id of another type', async () => {
      server.script(
        answerData({ node: { __typename: 'DeletedSeller', id: toGlobalId('Seller', 5) } }),
        answerData({ node: { __typename: 'Advert', id: 'QWR2ZXJ0LTU=' } }),
      );
      expect(await sellers.findSeller('5')).toBeNull();
      expect(await sellers.findSeller('opaque-id')).toBeNull();
    });

    it('does not ask Marketplacer about an empty reference or a global id of another type', async () => {
      expect(await sellers.findSeller(' ')).toBeNull();
      expect(await sellers.findSeller(toGlobalId('Invoice', 5))).toBeNull();
      expect(server.requests).toHaveLength(0);
    });

    it('reports a PROSPECTIVE or off-line seller as inactive', async () => {
      server.script(
        answerData({ node: sellerNode(7, { accountType: 'PROSPECTIVE', isRetailer: false }) }),
        answerData({ node: sellerNode(8, { online: false }) }),
      );
      expect((await sellers.findSeller('7'))?.active).toBe(false);
      expect((await sellers.findSeller('8'))?.active).toBe(false);
    });
  });

  describe('directory, look-up by metadata, create', () => {
    const page = (nodes: unknown[], endCursor: string | null, hasNextPage = false) => ({
      allSellers: { totalCount: nodes.length, pageInfo: { hasNextPage, endCursor }, nodes },
    });

    it('reads allSellers with deleted sellers as a change feed', async () => {
      const deleted = { __typename: 'DeletedSeller', id: toGlobalId('Seller', 9), legacyId: 9, updatedAt: '2025-02-01T00:00:00Z' };
      server.script(answerData(page([sellerNode(8, { metadata: [] }), deleted], 'c2')));

      const changes = await sellers.listSellersUpdatedSince({ updatedSince: '2025-01-01T00:00:00Z', first: 2, after: 'c1' });

      expect(changes.nodes).toEqual([
        expect.objectContaining({ deleted: false, legacyId: 8, metadata: [], updatedAt: '2025-01-01T00:00:00Z' }),
        { deleted: true, id: toGlobalId('Seller', 9), legacyId: 9, updatedAt: '2025-02-01T00:00:00Z' },
      ]);
      expect(changes.pageInfo).toEqual({ hasNextPage: false, endCursor: 'c2' });
      expect(server.requests[0]).toMatchObject({
        operationName: 'SellersUpdatedSince',
        variables: { updatedSince: '2025-01-01T00:00:00Z', includeDeleted: true, first: 2, after: 'c1' },
      });
    });

    it('refuses an updatedSince that is not an ISO 8601 date-time without asking', async () => {
      await expect(sellers.listSellersUpdatedSince({ updatedSince: 'yesterday', first: 10 })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        details: [{ field: 'updatedSince' }],
      });
      expect(server.requests).toHaveLength(0);
    });

    it('finds sellers by a metadata key and value on every page of live sellers (500 a page)', async () => {
      const tagged = (legacyId: number, value: string) => sellerNode(legacyId, { metadata: [{ key: 'request', value }] });
      server.script(answerData(page([tagged(1, 'r-1'), tagged(2, 'r-2')], 'p1', true)), answerData(page([tagged(3, 'r-1'), tagged(4, 'r-9')], 'p2')));

      const found = await sellers.findSellersByMetadata('request', 'r-1', '2025-01-01T00:00:00Z');

      expect(found.map((seller) => seller.legacyId)).toEqual([1, 3]);
      expect(server.requests.map((request) => request.variables)).toEqual([
        { updatedSince: '2025-01-01T00:00:00Z', includeDeleted: false, first: 500 },
        { updatedSince: '2025-01-01T00:00:00Z', includeDeleted: false, first: 500, after: 'p1' },
      ]);
    });

    it("sends sellerCreate's attributes as the contract's SellerInput (address state and country as inputs)", async () => {
      server.script(answerData({ sellerCreate: { status: 200, errors: [], seller: sellerNode(50, { accountType: 'PROSPECTIVE', online: false }) } }));

      const seller = await sellers.createSeller({
        accountType: 'PROSPECTIVE',
        businessName: 'Loja Nova',
        legalBusinessName: 'Loja Nova Ltda',
        phone: '0400 111 222',
        user: { firstName: 'Nina', surname: 'Costa', emailAddress: 'nina@lojanova.example.com' },
        address: { address: '1 Rua A', city: 'Melbourne', postcode: '3000', state: 'VIC', countryCode: 'AU' },
        metadata: [{ key: 'request', value: 'r-9' }],
      });

      expect(seller).toMatchObject({ legacyId: 50, active: false });
      expect(server.requests[0].variables).toEqual({
        input: {
          attributes: {
            accountType: 'PROSPECTIVE',
            businessName: 'Loja Nova',
            legalBusinessName: 'Loja Nova Ltda',
            phone: '0400 111 222',
            user: { firstName: 'Nina', surname: 'Costa', emailAddress: 'nina@lojanova.example.com' },
            address: { address: '1 Rua A', city: 'Melbourne', postcode: '3000', state: { short: 'VIC' }, country: { code: 'AU' } },
            metadata: [{ key: 'request', value: 'r-9' }],
          },
        },
      });
    });
  });
});

describe('isActiveSeller (inferred rule)', () => {
  it.each([
    [{ accountType: 'RETAILER', isRetailer: true, online: true }, true],
    [{ accountType: 'retailer', isRetailer: true, online: true }, true],
    [{ accountType: null, isRetailer: true, online: true }, true],
    [{ accountType: null, isRetailer: false, online: true }, false],
    [{ accountType: 'PROSPECTIVE', isRetailer: false, online: true }, false],
    [{ accountType: 'RETAILER', isRetailer: true, online: false }, false],
  ])('%j → %s', (seller, active) => {
    expect(isActiveSeller(seller)).toBe(active);
  });
});
