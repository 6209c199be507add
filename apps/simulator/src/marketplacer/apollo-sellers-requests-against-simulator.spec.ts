import { paginate, toGlobalId, type MarketplacerSellerChange } from '#marketplacer';
import { ApolloMarketplacerSellers } from '../../../../libs/marketplacer/src/adapters/apollo-marketplacer-sellers.js';
import { isTradingRetailer } from './state/derived.js';
import type { SellerRecord } from './state/records.js';
import { MarketplacerEndpoint } from '#test-support/simulator/marketplacer-endpoint';

/** What ApolloMarketplacerSellers asks the simulated Marketplacer (read from its request log), and how it reads the answers. */
describe('ApolloMarketplacerSellers: its requests to the simulator', () => {
  const marketplacer = MarketplacerEndpoint.forEachTest();
  let sellers: ApolloMarketplacerSellers;
  const requests = () => marketplacer.requests();
  const wire = (time: number) => new Date(time).toISOString().replace('.000Z', 'Z');

  const seeded = (test: (seller: SellerRecord) => boolean): SellerRecord => {
    const seller = [...marketplacer.state.sellers.values()].find(test);
    if (!seller) throw new Error('the seed has no such seller');
    return seller;
  };

  beforeEach(async () => {
    sellers = new ApolloMarketplacerSellers(marketplacer.client());
  });

  describe('findSeller', () => {
    it('looks a global id up with node(id) and maps the seller', async () => {
      const record = seeded(isTradingRetailer);
      const id = toGlobalId('Seller', record.legacyId);

      const seller = await sellers.findSeller(id);

      expect(seller).toEqual({
        id,
        legacyId: record.legacyId,
        businessName: record.businessName,
        accountType: 'RETAILER',
        active: true,
        online: true,
        emailAddress: record.emailAddress,
        phone: record.phone,
        updatedAt: wire(record.updatedAt),
        metadata: record.metadata,
      });
      expect((await requests())[0]).toMatchObject({ operationName: 'SellerById', variables: { id } });
    });

    it('turns a legacy id (as the portal shows it) into the global id', async () => {
      const record = seeded(isTradingRetailer);
      const seller = await sellers.findSeller(String(record.legacyId));
      expect((await requests())[0].variables).toEqual({ id: toGlobalId('Seller', record.legacyId) });
      expect(seller?.legacyId).toBe(record.legacyId);
    });

    it('answers null when Marketplacer has no such seller', async () => {
      expect(await sellers.findSeller('999999')).toBeNull();
      expect(await requests()).toHaveLength(1);
    });

    it('answers null for a deleted seller and for an id Marketplacer does not take for a seller', async () => {
      const deleted = seeded((s) => s.deletedAt !== null);
      expect(await sellers.findSeller(String(deleted.legacyId))).toBeNull();
      expect(await sellers.findSeller('opaque-id')).toBeNull();
      expect((await requests()).map((request) => request.variables)).toEqual([{ id: toGlobalId('Seller', deleted.legacyId) }, { id: 'opaque-id' }]);
    });

    it('does not ask Marketplacer about an empty reference or a global id of another type', async () => {
      expect(await sellers.findSeller(' ')).toBeNull();
      expect(await sellers.findSeller(toGlobalId('Invoice', 5))).toBeNull();
      expect(await requests()).toHaveLength(0);
    });

    it('reports a PROSPECTIVE or off-line seller as inactive', async () => {
      const prospective = seeded((s) => s.deletedAt === null && s.accountType === 'PROSPECTIVE');
      const offline = seeded((s) => s.deletedAt === null && s.accountType === 'RETAILER' && !s.online);
      expect((await sellers.findSeller(String(prospective.legacyId)))?.active).toBe(false);
      expect((await sellers.findSeller(String(offline.legacyId)))?.active).toBe(false);
    });
  });

  describe('directory, look-up by metadata, create', () => {
    it('reads allSellers with deleted sellers as a change feed, passing the cursor on', async () => {
      const changes: MarketplacerSellerChange[] = [];
      const cursors: (string | null | undefined)[] = [];
      for await (const page of paginate((after) => sellers.listSellersUpdatedSince({ updatedSince: '2024-01-01T00:00:00Z', first: 2, after }))) {
        changes.push(...page.nodes);
        cursors.push(page.pageInfo.endCursor);
      }

      const live = seeded((s) => s.deletedAt === null);
      expect(changes.find((change) => change.legacyId === live.legacyId)).toEqual(
        expect.objectContaining({ deleted: false, legacyId: live.legacyId, metadata: live.metadata, updatedAt: wire(live.updatedAt) }),
      );
      const deleted = seeded((s) => s.deletedAt !== null);
      expect(changes.find((change) => change.legacyId === deleted.legacyId)).toEqual({
        deleted: true,
        id: toGlobalId('Seller', deleted.legacyId),
        legacyId: deleted.legacyId,
        updatedAt: wire(deleted.updatedAt),
      });
      const [asked, next] = await requests();
      expect(asked).toMatchObject({
        operationName: 'SellersUpdatedSince',
        variables: { updatedSince: '2024-01-01T00:00:00Z', includeDeleted: true, first: 2 },
      });
      expect(next.variables).toEqual({ updatedSince: '2024-01-01T00:00:00Z', includeDeleted: true, first: 2, after: cursors[0] });
    });

    it('refuses an updatedSince that is not an ISO 8601 date-time without asking', async () => {
      await expect(sellers.listSellersUpdatedSince({ updatedSince: 'yesterday', first: 10 })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        details: [{ field: 'updatedSince' }],
      });
      expect(await requests()).toHaveLength(0);
    });

    it('finds sellers by a metadata key and value on every page of live sellers (500 a page)', async () => {
      await marketplacer.sim.control('POST', '/reset', { sellers: 600, adverts: 0, invoices: 0 });
      const tagged = [...marketplacer.state.sellers.values()].filter(
        (s) => s.deletedAt === null && s.metadata.some((m) => m.key === 'segment' && m.value === 'fashion'),
      );

      const found = await sellers.findSellersByMetadata('segment', 'fashion', '2000-01-01T00:00:00Z');

      expect(found.map((seller) => seller.legacyId)).toEqual(tagged.map((s) => s.legacyId));
      expect(found.some((seller) => seller.legacyId > 500)).toBe(true);
      expect((await requests()).map((request) => request.variables)).toEqual([
        { updatedSince: '2000-01-01T00:00:00Z', includeDeleted: false, first: 500 },
        { updatedSince: '2000-01-01T00:00:00Z', includeDeleted: false, first: 500, after: expect.any(String) },
      ]);
    });

    it("sends sellerCreate's attributes as the contract's SellerInput (address state and country as inputs)", async () => {
      const seller = await sellers.createSeller({
        accountType: 'PROSPECTIVE',
        businessName: 'Loja Nova',
        legalBusinessName: 'Loja Nova Ltda',
        phone: '0400 111 222',
        user: { firstName: 'Nina', surname: 'Costa', emailAddress: 'nina@lojanova.example.com' },
        address: { address: '1 Rua A', city: 'Melbourne', postcode: '3000', state: 'VIC', countryCode: 'AU' },
        metadata: [{ key: 'request', value: 'r-9' }],
      });

      expect(seller).toMatchObject({ legacyId: expect.any(Number), active: false });
      expect(marketplacer.state.sellers.get(seller.legacyId)?.accountType).toBe('PROSPECTIVE');
      expect((await requests())[0].variables).toEqual({
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
