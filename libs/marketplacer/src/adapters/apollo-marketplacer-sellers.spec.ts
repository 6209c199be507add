import { MarketplacerClient } from '../client/marketplacer-client.js';
import { toGlobalId } from '../ids/global-id.js';
import { sellerNode } from '../testing/fixtures.js';
import { answerData, FakeMarketplacerServer, testConnection } from '../testing/fake-marketplacer-server.js';
import { FakeTiming } from '../testing/fake-timing.js';
import { ApolloMarketplacerSellers, isActiveSeller } from './apollo-marketplacer-sellers.js';

describe('ApolloMarketplacerSellers.findSeller', () => {
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

  it('looks a global id up with node(id) and maps the seller', async () => {
    server.script(answerData({ node: sellerNode(78, { businessName: 'Loja 78' }) }));
    const seller = await sellers.findSeller('U2VsbGVyLTc4');
    expect(seller).toEqual({ id: 'U2VsbGVyLTc4', legacyId: 78, businessName: 'Loja 78', accountType: 'RETAILER', active: true });
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

describe('isActiveSeller (inferred rule)', () => {
  it.each([
    [{ accountType: 'RETAILER', isRetailer: true, online: true }, true],
    [{ accountType: 'retailer', isRetailer: null, online: null }, true],
    [{ accountType: null, isRetailer: true, online: true }, true],
    [{ accountType: null, isRetailer: null, online: true }, false],
    [{ accountType: 'PROSPECTIVE', isRetailer: false, online: true }, false],
    [{ accountType: 'RETAILER', isRetailer: true, online: false }, false],
  ])('%j → %s', (seller, active) => {
    expect(isActiveSeller(seller)).toBe(active);
  });
});
