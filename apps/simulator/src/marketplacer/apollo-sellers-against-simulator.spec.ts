import {
  MarketplacerError,
  paginate,
  toGlobalId,
  type MarketplacerRemittance,
  type MarketplacerRemittanceAdvice,
  type MarketplacerRemittances,
  type MarketplacerSellerChange,
  type MarketplacerSellers,
  type SellerCreate,
} from '#marketplacer';
import { toRemittanceAdvice } from '../../../../libs/marketplacer/src/adapters/apollo-marketplacer-remittances.js';
import { isTradingRetailer } from './state/derived.js';
import type { SellerRecord } from './state/records.js';
import { AdaptersOnSimulator } from '#test-support/simulator/adapters-on-simulator';

/** The Sellers and Remittances adapters (the library's Apollo adapters) against the simulated Marketplacer, over HTTP. */
describe('ApolloMarketplacerSellers and ApolloMarketplacerRemittances against the simulator', () => {
  let marketplacer: AdaptersOnSimulator;
  let sellers: MarketplacerSellers;
  let remittances: MarketplacerRemittances;
  const state = () => marketplacer.state;
  const requestsOf = (operationName: string) => marketplacer.requestsOf(operationName);
  /** Just before the next change, on the simulated instance's clock (which never runs behind its seed). */
  const justBefore = () => new Date(state().now() - 1000).toISOString();

  function newSeller(overrides: Partial<SellerCreate> = {}): SellerCreate {
    return {
      accountType: 'RETAILER',
      businessName: 'Loja Nova',
      legalBusinessName: 'Loja Nova Ltda',
      phone: '0400 111 222',
      user: { firstName: 'Nina', surname: 'Costa', emailAddress: 'nina@lojanova.example.com' },
      address: { address: '1 Collins Street', city: 'Melbourne', postcode: '3000', state: 'VIC', countryCode: 'AU' },
      metadata: [{ key: 'anymarket-onboarding', value: 'req-1' }],
      ...overrides,
    };
  }

  const seeded = (test: (seller: SellerRecord) => boolean): SellerRecord => {
    const seller = [...state().sellers.values()].find(test);
    if (!seller) throw new Error('the seed has no such seller');
    return seller;
  };

  beforeAll(async () => {
    marketplacer = await AdaptersOnSimulator.start();
    sellers = marketplacer.sellers;
    remittances = marketplacer.remittances;
  });

  afterAll(async () => {
    await marketplacer?.stop();
  });

  beforeEach(async () => {
    await marketplacer.reset();
  });

  describe('listSellersUpdatedSince', () => {
    it('pages through every seller, a deleted one as deleted and an offline or prospective one as inactive', async () => {
      const changes: MarketplacerSellerChange[] = [];
      let pages = 0;
      for await (const page of paginate((after) => sellers.listSellersUpdatedSince({ updatedSince: '2024-01-01T00:00:00Z', first: 2, after }))) {
        changes.push(...page.nodes);
        pages++;
      }

      expect(changes.map((change) => change.legacyId)).toEqual([...state().sellers.keys()]);
      expect(pages).toBe(Math.ceil(state().sellers.size / 2));
      const deleted = seeded((s) => s.deletedAt !== null);
      expect(changes.find((change) => change.legacyId === deleted.legacyId)).toEqual({
        deleted: true,
        id: toGlobalId('Seller', deleted.legacyId),
        legacyId: deleted.legacyId,
        updatedAt: new Date(deleted.updatedAt).toISOString().replace('.000Z', 'Z'),
      });
      const offline = seeded((s) => s.deletedAt === null && s.accountType === 'RETAILER' && !s.online);
      expect(changes.find((change) => change.legacyId === offline.legacyId)).toMatchObject({
        deleted: false,
        accountType: 'RETAILER',
        online: false,
        active: false,
      });
      const prospective = seeded((s) => s.accountType === 'PROSPECTIVE');
      expect(changes.find((change) => change.legacyId === prospective.legacyId)).toMatchObject({ deleted: false, active: false });
      const trading = changes.filter((change) => !change.deleted && change.active).map((change) => change.legacyId);
      expect(trading).toEqual([...state().sellers.values()].filter(isTradingRetailer).map((s) => s.legacyId));
    });

    it('answers only what changed since the given time', async () => {
      const since = justBefore();
      const seller = seeded((s) => s.accountType === 'PROSPECTIVE');
      await sellers.updateSeller(String(seller.legacyId), { accountType: 'RETAILER' });

      const page = await sellers.listSellersUpdatedSince({ updatedSince: since, first: 50 });

      expect(page.nodes).toEqual([expect.objectContaining({ deleted: false, legacyId: seller.legacyId, accountType: 'RETAILER', active: true })]);
      expect(page.pageInfo.hasNextPage).toBe(false);
    });
  });

  describe('createSeller', () => {
    it('creates a seller with its metadata, then finds it by that metadata', async () => {
      const since = justBefore();

      const created = await sellers.createSeller(newSeller({ emailAddress: 'orders@lojanova.example.com' }));

      expect(created).toMatchObject({
        id: toGlobalId('Seller', created.legacyId),
        businessName: 'Loja Nova',
        accountType: 'RETAILER',
        active: true,
        online: true,
        emailAddress: 'orders@lojanova.example.com',
        phone: '0400 111 222',
        metadata: [{ key: 'anymarket-onboarding', value: 'req-1' }],
      });
      expect(state().sellers.get(created.legacyId)).toMatchObject({
        legalBusinessName: 'Loja Nova Ltda',
        primaryUser: { firstName: 'Nina', surname: 'Costa', emailAddress: 'nina@lojanova.example.com' },
        address: { address: '1 Collins Street', city: 'Melbourne', postcode: '3000', stateShort: 'VIC', countryCode: 'AU' },
      });
      expect(await sellers.findSellersByMetadata('anymarket-onboarding', 'req-1', since)).toEqual([created]);
      expect(await sellers.findSellersByMetadata('anymarket-onboarding', 'req-2', since)).toEqual([]);
      expect(await sellers.findSeller(created.id)).toEqual(created);
    });

    it('reads every page of live sellers when looking sellers up by metadata', async () => {
      for (let n = 0; n < 501; n++) {
        const legacyId = state().nextId('Seller');
        const template = seeded((s) => s.deletedAt === null);
        state().sellers.set(legacyId, { ...template, legacyId, metadata: [{ key: 'batch', value: String(n) }], updatedAt: state().now() });
      }

      const found = await sellers.findSellersByMetadata('batch', '500', '2024-01-01T00:00:00Z');

      expect(found).toHaveLength(1);
      expect(found[0].metadata).toEqual([{ key: 'batch', value: '500' }]);
      expect(await requestsOf('SellersUpdatedSince')).toBe(2);
    });

    it("surfaces Marketplacer's refusals (a taken user email, blank required fields) as validation failures", async () => {
      const taken = seeded((s) => s.deletedAt === null).primaryUser.emailAddress;
      const sellersBefore = state().sellers.size;

      await expect(sellers.createSeller(newSeller({ user: { firstName: 'Nina', surname: 'Costa', emailAddress: taken } }))).rejects.toMatchObject({
        code: 'MARKETPLACER_VALIDATION_FAILED',
        details: [{ field: 'user.emailAddress', messages: ['has already been taken'] }],
      });
      const blank = sellers.createSeller(newSeller({ businessName: ' ', phone: '', address: { address: '', city: 'Melbourne' } }));
      await expect(blank).rejects.toBeInstanceOf(MarketplacerError);
      await expect(blank).rejects.toMatchObject({
        code: 'MARKETPLACER_VALIDATION_FAILED',
        details: [
          { field: 'businessName', messages: ["can't be blank"] },
          { field: 'phone', messages: ["can't be blank"] },
          { field: 'address.address', messages: ["can't be blank"] },
        ],
      });
      expect(state().sellers.size).toBe(sellersBefore);
    });

    it('does not repeat a sellerCreate whose answer was lost; the seller it made is found by its metadata', async () => {
      const since = justBefore();
      const sellersBefore = state().sellers.size;
      await marketplacer.setFaults({ loseNextAnswers: { count: 1, operationName: 'SellerCreate' } });

      const create = sellers.createSeller(newSeller({ metadata: [{ key: 'anymarket-onboarding', value: 'req-lost' }] }));

      await expect(create).rejects.toMatchObject({ code: expect.stringMatching(/^MARKETPLACER_(UNAVAILABLE|TIMEOUT)$/) });
      expect(await requestsOf('SellerCreate')).toBe(1);
      expect(state().sellers.size).toBe(sellersBefore + 1);
      const found = await sellers.findSellersByMetadata('anymarket-onboarding', 'req-lost', since);
      expect(found).toEqual([expect.objectContaining({ businessName: 'Loja Nova', metadata: [{ key: 'anymarket-onboarding', value: 'req-lost' }] })]);
    });
  });

  describe('updateSeller', () => {
    it('changes the given attributes only, by legacy or global id', async () => {
      const seller = seeded((s) => isTradingRetailer(s));

      const updated = await sellers.updateSeller(String(seller.legacyId), { businessName: 'Renamed Shop', phone: '0400 999 999' });

      expect(updated).toMatchObject({ id: toGlobalId('Seller', seller.legacyId), businessName: 'Renamed Shop', phone: '0400 999 999', active: true });
      expect(state().sellers.get(seller.legacyId)).toMatchObject({
        businessName: 'Renamed Shop',
        phone: '0400 999 999',
        legalBusinessName: seller.legalBusinessName,
      });
      const demoted = await sellers.updateSeller(updated.id, { accountType: 'PROSPECTIVE' });
      expect(demoted).toMatchObject({ accountType: 'PROSPECTIVE', active: false, businessName: 'Renamed Shop' });
    });

    it('refuses a blank required field and reports an unknown seller as not found', async () => {
      const seller = seeded((s) => isTradingRetailer(s));

      await expect(sellers.updateSeller(String(seller.legacyId), { businessName: '' })).rejects.toMatchObject({
        code: 'MARKETPLACER_VALIDATION_FAILED',
        details: [{ field: 'businessName', messages: ["can't be blank"] }],
      });
      await expect(sellers.updateSeller('999999', { phone: '1' })).rejects.toMatchObject({
        code: 'MARKETPLACER_NOT_FOUND',
        details: [{ field: 'sellerId', messages: [`No object found for sellerId: ${toGlobalId('Seller', 999999)}`] }],
      });
      await expect(sellers.updateSeller(toGlobalId('Invoice', 1), { phone: '1' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    });
  });

  describe('searchSellers', () => {
    it('answers active RETAILERs only, paged, with the total', async () => {
      const trading = [...state().sellers.values()].filter(isTradingRetailer);

      const first = await sellers.searchSellers({ first: 2 });
      const rest = await sellers.searchSellers({ first: 50, after: first.pageInfo.endCursor ?? undefined });

      expect(first.totalCount).toBe(trading.length);
      expect(first.pageInfo.hasNextPage).toBe(trading.length > 2);
      expect([...first.nodes, ...rest.nodes].map((seller) => seller.legacyId)).toEqual(trading.map((s) => s.legacyId));
      expect([...first.nodes, ...rest.nodes].every((seller) => seller.active)).toBe(true);
      const named = await sellers.searchSellers({ businessName: trading[1].businessName.toUpperCase() });
      expect(named.nodes.map((seller) => seller.legacyId)).toEqual([trading[1].legacyId]);
      const offline = seeded((s) => s.deletedAt === null && s.accountType === 'RETAILER' && !s.online);
      expect((await sellers.searchSellers({ businessName: offline.businessName })).totalCount).toBe(0);
    });
  });

  describe('remittances', () => {
    async function allRemittances(): Promise<MarketplacerRemittance[]> {
      const all: MarketplacerRemittance[] = [];
      for await (const page of paginate((after) => remittances.listRemittances({ first: 20, after }))) all.push(...page.nodes);
      return all;
    }

    async function allAdvices(): Promise<MarketplacerRemittanceAdvice[]> {
      const all: MarketplacerRemittanceAdvice[] = [];
      for await (const page of paginate((after) => remittances.listRemittanceAdvices({ first: 20, after }))) all.push(...page.nodes);
      return all;
    }

    it('lists remittances and advices with their amounts in cents', async () => {
      const listed = await allRemittances();
      const advices = await allAdvices();

      expect(listed.length).toBe(state().remittances.size);
      for (const remittance of listed) {
        const record = [...state().remittances.values()].find((r) => toGlobalId('Remittance', r.legacyId) === remittance.id)!;
        expect(remittance).toMatchObject({
          amountCents: record.amountCents,
          commissionCents: record.commissionCents,
          released: record.released,
          invoice: { id: toGlobalId('Invoice', record.invoiceId), legacyId: record.invoiceId },
          seller: { id: toGlobalId('Seller', record.sellerId), legacyId: record.sellerId },
        });
      }
      expect(advices.length).toBe(state().remittanceAdvices.size);
      for (const advice of advices) {
        const record = state().remittanceAdvices.get(advice.legacyId)!;
        const members = record.remittanceIds.map((id) => state().remittances.get(id)!);
        expect(advice).toMatchObject({
          id: toGlobalId('RemittanceAdvice', record.legacyId),
          totalCents: members.reduce((sum, r) => sum + r.amountCents, 0),
          commissionCents: members.reduce((sum, r) => sum + r.commissionCents, 0),
          totalPaidCents: record.totalPaidCents,
          seller: { legacyId: record.sellerId },
        });
        expect(advice.remittances).toEqual(members.map((r) => ({ id: toGlobalId('Remittance', r.legacyId), amountCents: r.amountCents, released: true })));
      }
    });

    it('releases a held remittance onto an advice, then records the payment of that advice', async () => {
      const held = (await allRemittances()).find((remittance) => !remittance.released)!;

      const [released] = await remittances.releaseRemittances([held.id]);

      expect(released).toMatchObject({ id: held.id, amountCents: held.amountCents, released: true, pendingReasons: [] });
      const advice = (await allAdvices()).find((a) => a.remittances.some((r) => r.id === held.id))!;
      expect(advice).toMatchObject({ paidAt: null, totalPaidCents: null, seller: { id: held.seller.id } });
      expect(advice.remittances).toContainEqual({ id: held.id, amountCents: held.amountCents, released: true });

      const paid = await remittances.updateRemittanceAdvice({
        remittanceAdviceId: String(advice.legacyId),
        totalPaidCents: advice.totalCents,
        paidAt: '2025-12-01T10:00:00Z',
        paymentReference: 'PAY-1',
      });

      expect(paid).toEqual({ ...advice, paidAt: '2025-12-01T10:00:00Z', paymentReference: 'PAY-1', totalPaidCents: advice.totalCents });
      expect(state().remittanceAdvices.get(advice.legacyId)).toMatchObject({
        paidAt: Date.parse('2025-12-01T10:00:00Z'),
        paymentReference: 'PAY-1',
        totalPaidCents: advice.totalCents,
      });
    });

    it('reports an unknown remittance or advice as not found, and releases nothing for no ids', async () => {
      await expect(remittances.releaseRemittances(['999999'])).rejects.toMatchObject({ code: 'MARKETPLACER_NOT_FOUND' });
      await expect(remittances.updateRemittanceAdvice({ remittanceAdviceId: '999999', totalPaidCents: 1 })).rejects.toMatchObject({
        code: 'MARKETPLACER_NOT_FOUND',
        details: [{ field: 'remittanceAdviceId' }],
      });
      expect(await remittances.releaseRemittances([])).toEqual([]);
      expect(await requestsOf('RemittancesRelease')).toBe(1);
    });

    it('reads the total from totalFormatted (a deprecated Int can overflow) and keeps an absent commission null', () => {
      const advice = toRemittanceAdvice({
        __typename: 'RemittanceAdvice',
        id: toGlobalId('RemittanceAdvice', 1),
        legacyId: 1,
        createdAt: null,
        paidAt: null,
        paymentReference: null,
        totalCents: 12345,
        totalFormatted: '$2,123.45',
        totalPaidFormatted: '$1,000.50',
        commissionAmountTotalFormatted: null,
        seller: { id: toGlobalId('Seller', 1), legacyId: 1, businessName: 'Seller 1' },
        remittances: [],
      });
      expect(advice).toMatchObject({ totalCents: 212345, totalPaidCents: 100050, commissionCents: null });
    });
  });

  describe('control API: remittances', () => {
    it("lists remittances (optionally one seller's) and releases held ones by legacy or global id, as GraphQL does", async () => {
      const all = await marketplacer.sim.control<Array<{ id: string; legacyId: number; sellerId: string; released: boolean; adviceId: string | null }>>(
        'GET',
        '/remittances',
      );
      expect(all.status).toBe(200);
      expect(all.body).toHaveLength(state().remittances.size);
      const held = all.body.filter((r) => !r.released);
      expect(held.length).toBeGreaterThan(0);
      const sellerId = held[0].sellerId;
      const ofSeller = await marketplacer.sim.control<Array<{ sellerId: string }>>('GET', `/remittances?sellerId=${encodeURIComponent(sellerId)}`);
      expect(ofSeller.body.length).toBeGreaterThan(0);
      expect(ofSeller.body.every((r) => r.sellerId === sellerId)).toBe(true);

      const release = await marketplacer.sim.control('POST', '/remittances/release', { remittanceIds: [String(held[0].legacyId)] });

      expect(release.status).toBe(200);
      const record = state().remittances.get(held[0].legacyId)!;
      expect(release.body).toEqual([
        {
          id: held[0].id,
          legacyId: held[0].legacyId,
          sellerId,
          invoiceId: toGlobalId('Invoice', record.invoiceId),
          amountCents: record.amountCents,
          commissionCents: record.commissionCents,
          released: true,
          pendingReasons: [],
          adviceId: toGlobalId('RemittanceAdvice', record.adviceId!),
        },
      ]);
      const advice = (await allAdvicesOf(record.adviceId!)).remittances.map((r) => r.id);
      expect(advice).toContain(held[0].id);
    });

    it('refuses an unknown remittance (422) and an unknown seller (404)', async () => {
      expect((await marketplacer.sim.control('POST', '/remittances/release', { remittanceIds: ['999999'] })).status).toBe(422);
      expect((await marketplacer.sim.control('GET', '/remittances?sellerId=999999')).status).toBe(404);
      expect((await marketplacer.sim.control('POST', '/remittances/release', { remittanceIds: 'x' })).status).toBe(400);
    });

    async function allAdvicesOf(legacyId: number): Promise<MarketplacerRemittanceAdvice> {
      for await (const page of paginate((after) => remittances.listRemittanceAdvices({ first: 50, after }))) {
        const found = page.nodes.find((advice) => advice.legacyId === legacyId);
        if (found) return found;
      }
      throw new Error(`no advice ${legacyId}`);
    }
  });
});
