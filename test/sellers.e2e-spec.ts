import { tmpdir } from 'node:os';
import { availableDatabases, createTestDatabase, eventually, type TestDatabase } from '#common/testing';
import { callRemote } from '../apps/simulator/src/remote-caller/call-remote.js';
import { REMOTES } from '../apps/simulator/src/remote-caller/remotes.js';
import { ListingsConnector } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { http, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * Sellers over HTTP against the simulated Marketplacer: onboarding (sellerCreate and the seller link
 * in one step, once per requestId even when an answer is lost), seller updates and search, and the
 * seller directory's feed with the standing it gives the sellers' accounts.
 */
const databases = await availableDatabases();
const SLOW = 60_000;

interface SimulatedSellerView {
  id: string;
  legacyId: number;
  businessName: string;
  accountType: string;
  online: boolean;
  deleted: boolean;
}

interface OnboardedView {
  created: boolean;
  seller: { id: string; legacyId: number; businessName: string; accountType: string; active: boolean };
  link: {
    id: number;
    storeId: string;
    integrationSecret?: string;
    sellerInactiveReason: string | null;
    moduleScreenFields?: Array<{ name: string; value: string }>;
  };
}

interface DirectorySellerView {
  id: string;
  active: boolean;
  deleted: boolean;
  inactiveReason: string | null;
  links: Array<{ id: number; sellerInactiveReason: string | null }>;
}

describe.each(databases)('sellers end to end on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let sim: ListingsSimulator;
  let app: ListingsConnector;

  beforeAll(async () => {
    simulator = await startSimulator({ SIMULATOR_SEED_SELLERS: '6' });
    sim = new ListingsSimulator(simulator.url);
    database = await createTestDatabase(kind, tmpdir());
    connector = await startConnector(database.target, simulator.url);
    app = new ListingsConnector(connector, sim);
  }, SLOW);

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  const admin = <T>(path: string, init: { method?: string; body?: unknown } = {}) => http<T>(`${connector.url}${path}`, { ...init, headers: connector.admin });
  const simulatedSellers = async () => (await http<{ sellers: SimulatedSellerView[] }>(`${simulator.url}/_control/marketplacer/state`)).body.sellers;
  const named = async (businessName: string) => (await simulatedSellers()).filter((seller) => seller.businessName === businessName);

  const details = (tag: string, overrides: Record<string, unknown> = {}) => ({
    requestId: `onboard-${tag}`,
    businessName: `E2E ${tag} Outdoor`,
    legalBusinessName: `E2E ${tag} Outdoor Pty Ltd`,
    phone: '+61 3 9000 0000',
    user: { firstName: 'Ana', surname: 'Souza', emailAddress: `${tag}@sellers.example` },
    address: { address: '10 Collins Street', city: 'Melbourne', postcode: '3000', state: 'VIC', countryCode: 'AU' },
    ...overrides,
  });

  const testIntegration = (storeId: string, password: string, oi: string) =>
    callRemote({ connectorUrl: connector.url, remote: 'testIntegration', body: REMOTES.testIntegration.exampleBody({ storeId, password }), claims: { oi } });

  const secretOf = (onboarded: OnboardedView) => onboarded.link.moduleScreenFields!.find((field) => field.name === 'password')!.value;

  it('onboards a seller in Marketplacer and answers its seller link, whose secret activates the ANYMARKET module', async () => {
    const onboarded = await admin<OnboardedView>('/admin/sellers', { method: 'POST', body: details('alpha') });

    expect(onboarded.status).toBe(201);
    expect(onboarded.body).toMatchObject({
      created: true,
      seller: { businessName: 'E2E alpha Outdoor', accountType: 'RETAILER', active: true },
      link: { storeId: String(onboarded.body.seller.legacyId), integrationSecret: expect.any(String), sellerInactiveReason: null },
    });
    expect(await named('E2E alpha Outdoor')).toEqual([expect.objectContaining({ id: onboarded.body.seller.id, online: true, deleted: false })]);
    expect(await testIntegration(onboarded.body.link.storeId, secretOf(onboarded.body), '31000001.')).toEqual({ status: 200, body: true });

    const kept = await admin<DirectorySellerView>(`/admin/sellers/${onboarded.body.seller.legacyId}`);
    expect(kept.body).toMatchObject({ id: onboarded.body.seller.id, active: true, deleted: false, links: [{ id: onboarded.body.link.id }] });
  });

  it('makes one seller when Marketplacer made it but its answer was lost, and answers that seller again to a repeat', async () => {
    await sim.loseNextAnswerOf('SellerCreate');
    const first = await admin<OnboardedView>('/admin/sellers', { method: 'POST', body: details('lost') });

    expect(first.status).toBe(201);
    expect(await named('E2E lost Outdoor')).toEqual([expect.objectContaining({ id: first.body.seller.id })]);
    expect(await sim.operationCount('SellerCreate')).toBeGreaterThanOrEqual(1);

    // Our own answer lost too: the admin repeats the request and gets the same seller, with a usable secret.
    const creates = await sim.operationCount('SellerCreate');
    const repeat = await admin<OnboardedView>('/admin/sellers', { method: 'POST', body: details('lost') });
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ created: false, seller: { id: first.body.seller.id }, link: { id: first.body.link.id } });
    expect(await sim.operationCount('SellerCreate')).toBe(creates);
    expect(await named('E2E lost Outdoor')).toHaveLength(1);
    expect(await testIntegration(repeat.body.link.storeId, secretOf(repeat.body), '31000002.')).toEqual({ status: 200, body: true });
    expect(await testIntegration(first.body.link.storeId, secretOf(first.body), '31000002.')).toEqual({ status: 401, body: false });
  });

  it("answers Marketplacer's refusal as it is, makes nothing, and takes the corrected request under the same requestId", async () => {
    const taken = await admin<{ error: { code: string; details: Array<{ field: string; messages: string[] }> } }>('/admin/sellers', {
      method: 'POST',
      body: details('beta', { user: { firstName: 'Ana', surname: 'Souza', emailAddress: 'alpha@sellers.example' } }),
    });
    expect(taken.status).toBe(422);
    expect(taken.body.error).toMatchObject({
      code: 'MARKETPLACER_VALIDATION_FAILED',
      details: [{ field: 'user.emailAddress', messages: ['has already been taken'] }],
    });
    expect(await named('E2E beta Outdoor')).toEqual([]);

    const corrected = await admin<OnboardedView>('/admin/sellers', { method: 'POST', body: details('beta') });
    expect(corrected.status).toBe(201);
    expect(await named('E2E beta Outdoor')).toHaveLength(1);

    const reused = await admin<{ error: { code: string } }>('/admin/sellers', { method: 'POST', body: details('beta', { businessName: 'Another business' }) });
    expect(reused).toMatchObject({ status: 409, body: { error: { code: 'ONBOARDING_REQUEST_ID_REUSED' } } });
  });

  it('refuses the same requestId while another request is onboarding it, and then answers the seller it made', async () => {
    await sim.setLatency(1_500);
    try {
      const first = admin<OnboardedView>('/admin/sellers', { method: 'POST', body: details('epsilon') });
      await eventually(
        () => sim.inFlight('SellerCreate'),
        (count) => count === 1,
        'the first sellerCreate in flight',
      );
      const second = await admin<{ error: { code: string } }>('/admin/sellers', { method: 'POST', body: details('epsilon') });
      expect(second).toMatchObject({ status: 409, body: { error: { code: 'ONBOARDING_IN_PROGRESS' } } });
      expect((await first).status).toBe(201);
    } finally {
      await sim.setLatency(0);
    }
    const repeat = await admin<OnboardedView>('/admin/sellers', { method: 'POST', body: details('epsilon') });
    expect(repeat).toMatchObject({ status: 200, body: { created: false } });
    expect(await named('E2E epsilon Outdoor')).toHaveLength(1);
  });

  it('links a PROSPECTIVE seller stopped until an admin approves it (sellerUpdate), then activates it', async () => {
    const onboarded = await admin<OnboardedView>('/admin/sellers', { method: 'POST', body: details('gamma', { accountType: 'PROSPECTIVE' }) });
    expect(onboarded.status).toBe(201);
    expect(onboarded.body.link.sellerInactiveReason).toMatch(/no longer a RETAILER|may not trade|offline/);
    const secret = secretOf(onboarded.body);
    expect(await testIntegration(onboarded.body.link.storeId, secret, '31000003.')).toEqual({ status: 401, body: false });

    const approved = await admin<{ accountType: string; active: boolean }>(`/admin/sellers/${onboarded.body.seller.id}`, {
      method: 'PATCH',
      body: { accountType: 'RETAILER', storeDescription: 'Approved by the operator' },
    });
    expect(approved).toMatchObject({ status: 200, body: { accountType: 'RETAILER', active: true } });
    expect(await testIntegration(onboarded.body.link.storeId, secret, '31000003.')).toEqual({ status: 200, body: true });

    const empty = await admin<{ error: { code: string } }>(`/admin/sellers/${onboarded.body.seller.id}`, { method: 'PATCH', body: {} });
    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'SELLER_UPDATE_EMPTY' } } });
  });

  it("searches Marketplacer's active RETAILERs", async () => {
    const found = await admin<{ items: Array<{ businessName: string }>; totalCount: number }>('/admin/sellers/search?businessName=E2E%20alpha');
    expect(found.status).toBe(200);
    expect(found.body.items.map((seller) => seller.businessName)).toEqual(['E2E alpha Outdoor']);
    expect(found.body.totalCount).toBe(1);
  });

  it('keeps the directory from the feed: deleted and offline sellers with their reason, the accounts of their links stopped', async () => {
    const onboarded = await admin<OnboardedView>('/admin/sellers', { method: 'POST', body: details('delta') });
    const [offline, deleted] = (await simulatedSellers()).filter((seller) => seller.online && !seller.deleted && seller.accountType === 'RETAILER').slice(0, 2);
    expect(await app.poll('sellers')).toMatchObject({ outcome: 'succeeded', itemsFailed: 0 });

    await sim.editSeller(offline.id, { online: false });
    await sim.editSeller(deleted.id, { deleted: true });
    await sim.editSeller(onboarded.body.seller.id, { online: false });
    expect(await app.poll('sellers')).toMatchObject({ outcome: 'succeeded', itemsChanged: 3, itemsFailed: 0 });

    const inactive = await admin<{ items: DirectorySellerView[]; fresh: boolean }>('/admin/sellers?active=false&limit=500');
    expect(inactive.body.fresh).toBe(true);
    expect(inactive.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: offline.id, deleted: false, inactiveReason: 'the seller is offline in Marketplacer' }),
        expect.objectContaining({ id: deleted.id, deleted: true, inactiveReason: 'the seller was deleted in Marketplacer' }),
        expect.objectContaining({
          id: onboarded.body.seller.id,
          links: [expect.objectContaining({ id: onboarded.body.link.id, sellerInactiveReason: 'the seller is offline in Marketplacer' })],
        }),
      ]),
    );
    // The directory is fresh: the refusal costs no Marketplacer request.
    const before = await sim.requestCount();
    expect(await testIntegration(onboarded.body.link.storeId, secretOf(onboarded.body), '31000004.')).toEqual({ status: 401, body: false });
    expect(await sim.requestCount()).toBe(before);

    // An idle feed run reads one page and changes nothing.
    const quiet = await sim.requestCount();
    expect(await app.poll('sellers')).toMatchObject({ outcome: 'succeeded', itemsChanged: 0 });
    expect(await sim.requestCount()).toBe(quiet + 1);
  });

  it('shows remittances released in Marketplacer to admins after the next scans, and records an advice paid by an operator', async () => {
    const held = (
      await http<Array<{ id: string; sellerId: string; released: boolean; amountCents: number }>>(`${simulator.url}/_control/marketplacer/remittances`)
    ).body.filter((remittance) => !remittance.released);
    expect(held.length).toBeGreaterThan(0);
    const [remittance] = held;
    expect(await app.poll('remittances')).toMatchObject({ outcome: 'succeeded', itemsFailed: 0 });
    expect(await app.poll('remittance-advices')).toMatchObject({ outcome: 'succeeded', itemsFailed: 0 });
    type Overview = {
      summary: { heldCount: number; paidCount: number };
      remittances: Array<{ id: string; released: boolean; adviceId: string | null }>;
      advices: Array<{ id: string; paid: boolean; remittanceIds: string[]; totalCents: number; paymentReference: string | null }>;
    };
    const overview = async () => (await admin<Overview>(`/admin/sellers/${remittance.sellerId}/remittances?limit=500`)).body;
    const before = await overview();
    expect(before.remittances).toEqual(expect.arrayContaining([expect.objectContaining({ id: remittance.id, released: false })]));

    const released = await http(`${simulator.url}/_control/marketplacer/remittances/release`, { method: 'POST', body: { remittanceIds: [remittance.id] } });
    expect(released.status).toBeLessThan(300);
    expect(await app.poll('remittances')).toMatchObject({ outcome: 'succeeded', itemsFailed: 0 });
    expect(await app.poll('remittance-advices')).toMatchObject({ outcome: 'succeeded', itemsFailed: 0 });

    const after = await overview();
    const kept = after.remittances.find((candidate) => candidate.id === remittance.id)!;
    expect(kept).toMatchObject({ released: true, adviceId: expect.any(String) });
    expect(after.summary.heldCount).toBe(before.summary.heldCount - 1);
    const advice = after.advices.find((candidate) => candidate.id === kept.adviceId)!;
    expect(advice).toMatchObject({ paid: false, remittanceIds: expect.arrayContaining([remittance.id]) });

    const paid = await admin<{ paid: boolean; totalPaidCents: number; paymentReference: string }>(
      `/admin/remittance-advices/${encodeURIComponent(advice.id)}/payment`,
      {
        method: 'PUT',
        body: { totalPaidCents: advice.totalCents, paymentReference: 'TED 000123456' },
      },
    );
    expect(paid).toMatchObject({ status: 200, body: { paid: true, totalPaidCents: advice.totalCents, paymentReference: 'TED 000123456' } });
    expect((await overview()).summary.paidCount).toBe(after.summary.paidCount + 1);
  });
});
