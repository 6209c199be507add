import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import type { SkuMarketplace } from '#anymarket';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { ListingsConnector, type ActivatedAccount } from './support/listings-connector.js';
import { isPutOf, ListingsSimulator, type SimulatedCatalogue } from './support/listings-simulator.js';
import { http, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * Issue 26 §1 end to end: with webhooks not registered and no scheduled sync (SYNC_ENABLED=false:
 * the adverts feed never runs), an advert deleted in Marketplacer reaches ANYMARKET as CLOSED by the
 * listings reconciliation alone, run through the sync admin API; run again, it sends nothing.
 */
const databases = await availableDatabases();
const SIMPLE = 61234;
const SLOW = 60_000;

describe.each(databases)('listings reconciliation end to end on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let sim: ListingsSimulator;
  let app: ListingsConnector;
  let catalogue: SimulatedCatalogue;
  let account: ActivatedAccount;

  beforeAll(async () => {
    simulator = await startSimulator({ SIMULATOR_SEED_SELLERS: '4', SIMULATOR_SEED_ADVERTS: '20', SIMULATOR_ANYMARKET_RATE_LIMIT_PER_SECOND: '1000' });
    sim = new ListingsSimulator(simulator.url);
    database = await createTestDatabase(kind, tmpdir());
    connector = await startConnector(database.target, simulator.url, { ENCRYPTION_KEY: randomBytes(32).toString('hex'), SYNC_ENABLED: 'false' });
    app = new ListingsConnector(connector, sim);
    expect((await fetch(`${connector.url}/admin/taxonomy/refresh`, { method: 'POST', headers: connector.admin })).status).toBe(200);
    catalogue = await sim.catalogue();
    const [seller] = await sim.sellersWithoutVetting();
    account = await app.activate(seller.id, '33449504.', 227, 'e2e-reconciliation-token');
  }, SLOW);

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  function simpleProduct(id: number, transmission: SkuMarketplace): SkuMarketplace {
    const t = structuredClone(transmission);
    t.id = id;
    t.idAccount = account.idAccount;
    t.title = `Produto reconciliação ${id}`;
    t.skuInMarketplace = `REC-${id}`;
    t.sku = { ...t.sku, id: 1_800_000 + id, partnerId: `REC-${id}`, product: { ...t.sku.product, id: 2_800_000 + id } };
    t.sku.product.category = { ...t.sku.product.category!, idInMarketplace: catalogue.leafTaxonId };
    t.sku.product.brand = { ...t.sku.product.brand!, idInMarketplace: catalogue.brandId };
    return t;
  }

  it('an advert deleted while webhooks and the adverts feed are off reaches ANYMARKET as CLOSED by reconciliation alone, once', async () => {
    const transmission = simpleProduct(71001, await sim.transmission(SIMPLE));
    await sim.putTransmission(transmission);
    expect((await app.sendProduct(account, transmission)).status).toBe(200);
    const listing = await app.settled((await app.listingOf(account, transmission.id)).id);
    expect(listing).toMatchObject({ state: 'synced', publicationStatus: 'ACTIVE' });
    // No webhooks registered with the simulated Marketplacer and no scheduled feed: nothing else tells the connector of the deletion.
    await sim.deleteAdvert(listing.advertId!);
    const callsBefore = (await sim.calls()).length;
    const run = await app.poll('listings-reconciliation');

    expect(run).toMatchObject({ outcome: 'succeeded', itemsChanged: 1, itemsFailed: 0 });
    const puts = (await sim.calls()).slice(callsBefore).filter((call) => isPutOf(call, transmission.id));
    expect(puts.map((call) => call.body)).toEqual([expect.objectContaining({ status: 'CLOSED', transmissionStatus: 'OK', idInMarketplace: listing.advertId })]);
    expect(await app.listingOf(account, transmission.id)).toMatchObject({ publicationStatus: 'CLOSED' });

    // Again: the deletion is known; no ANYMARKET call at all.
    const callsAfter = (await sim.calls()).length;
    expect(await app.poll('listings-reconciliation')).toMatchObject({ outcome: 'succeeded', itemsChanged: 0, itemsFailed: 0 });
    expect((await sim.calls()).length).toBe(callsAfter);

    const record = await http<{ drift: Record<string, number>; repaired: number }>(`${connector.url}/admin/listings/reconciliation/${account.id}`, {
      headers: connector.admin,
    });
    expect(record).toMatchObject({ status: 200, body: { drift: { advert_gone: 0 }, repaired: 0 } });
  });
});
