import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SkuMarketplace } from '#anymarket';
import { availableDatabases, createTestDatabase, until, type TestDatabase } from '#common/testing';
import { DataSource } from 'typeorm';
import { TEST_ADMIN_TOKEN } from '#test-support/connector/connector-test-app';
import { ListingsConnector } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { freePort, startNode, waitForOk, type RunningProcess } from './support/processes.js';
import { startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * A connector process killed (SIGKILL, no shutdown) while Marketplacer is creating an advert for it:
 * on Postgres another process takes the work over (the job's advisory lock died with the
 * connection; recovery at its start, or the job's expiry, runs it again); on SQLite the restarted
 * process does (the job's `work_job` row, and recovery from the listing rows). Either way the advert
 * the lost create made is found by the external id saved before asking, so there is one advert, and
 * ANYMARKET is told ACTIVE.
 */
const databases = await availableDatabases();
const CONNECTOR = 'dist/apps/connector/src/main.js';
const SLOW = 90_000;

describe.each(databases)('a connector killed mid-upsert, on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let sim: ListingsSimulator;
  let dying: RunningProcess | undefined;
  let survivor: ConnectorUnderTest | undefined;
  const env = {
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    LISTING_RUN_EXPIRY_MS: '3000',
    LISTING_RETRY_BASE_MS: '20',
    WORK_MAINTENANCE_INTERVAL_MS: '1000',
    WORK_POLL_INTERVAL_MS: '500',
    SYNC_ENABLED: 'false',
  };

  beforeAll(async () => {
    simulator = await startSimulator({ SIMULATOR_SEED_SELLERS: '5', SIMULATOR_ANYMARKET_RATE_LIMIT_PER_SECOND: '1000' });
    sim = new ListingsSimulator(simulator.url);
    database = await createTestDatabase(kind, tmpdir());
  }, SLOW);

  afterAll(async () => {
    if (dying && dying.child.exitCode === null) dying.child.kill('SIGKILL');
    await survivor?.close();
    await simulator?.close();
    await database?.drop();
  });

  it(
    'another process finishes the listing: one advert, reported ACTIVE',
    async () => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      dying = startNode(CONNECTOR, {
        ...env,
        PORT: String(port),
        SIMULATOR_URL: simulator.url,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'connector-crash-')),
        LOG_LEVEL: 'warn',
        ...(database.target.type === 'postgres' ? { DATABASE_URL: database.target.url } : { DATABASE_URL: `sqlite:${database.target.path}` }),
      });
      await waitForOk(`${url}/health`, SLOW, dying);
      const first = new ListingsConnector({ url, admin: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } } as ConnectorUnderTest, sim);
      expect((await fetch(`${url}/admin/taxonomy/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).status).toBe(200);
      const [seller] = await sim.sellersWithoutVetting();
      const account = await first.activate(seller.id, '22449599.', 901, 'e2e-crash-token');
      const transmission = await simpleTransmission(sim, account.idAccount);
      await sim.putTransmission(transmission);

      // Marketplacer takes 2 s per request: the create is in flight when the process dies.
      await sim.setLatency(2_000);
      expect((await first.sendProduct(account, transmission)).status).toBe(200);
      const listingId = (await first.listingOf(account, transmission.id)).id;
      const rows = await openDatabase(database);
      try {
        await until(async () => (await sim.inFlight('AdvertUpsert')) === 1, 'the advert create to reach Marketplacer', 30_000);
        expect(await pendingRef(rows, listingId)).not.toBeNull();
        dying.child.kill('SIGKILL');
        await dying.exited;
        await sim.setLatency(0);
        if (kind === 'postgres') {
          // The engine's schema was created by the connector's start.
          expect(await rows.query("SELECT name FROM pgboss.queue WHERE name = 'listings'")).toEqual([{ name: 'listings' }]);
        }
      } finally {
        await rows.destroy();
      }

      // Marketplacer carried the create out; its answer died with the process.
      const ours = async () =>
        (await sim.advertsOf(seller.id)).filter((advert) => advert.variants.nodes.some((variant) => variant.sku === transmission.skuInMarketplace));
      await until(async () => (await ours()).length === 1, 'the advert the lost create made', 30_000);

      survivor = await startConnector(database.target, simulator.url, env);
      const second = new ListingsConnector(survivor, sim);
      const listing = await second.settled(listingId);

      expect(listing).toMatchObject({ state: 'synced', publicationStatus: 'ACTIVE' });
      const adverts = (await sim.advertsOf(seller.id)).filter((advert) =>
        advert.variants.nodes.some((variant) => variant.sku === transmission.skuInMarketplace),
      );
      expect(adverts).toHaveLength(1);
      expect(adverts[0].id).toBe(listing.advertId);
      expect((await sim.putsFor(transmission.id)).at(-1)).toMatchObject({ status: 'ACTIVE', transmissionStatus: 'OK' });
    },
    SLOW,
  );
});

/** The spec's simple product, as its own ANYMARKET product, with its codes mapped to the simulated Marketplacer's ids. */
async function simpleTransmission(sim: ListingsSimulator, idAccount: number): Promise<SkuMarketplace> {
  const catalogue = await sim.catalogue();
  const t = structuredClone(await sim.transmission(61234));
  t.id = 69001;
  t.idAccount = idAccount;
  t.skuInMarketplace = 'E2E-CRASH-69001';
  t.sku = { ...t.sku, id: 1_969_001, partnerId: 'E2E-CRASH-69001', product: { ...t.sku.product, id: 2_969_001 } };
  t.sku.product.category = { ...t.sku.product.category!, idInMarketplace: catalogue.leafTaxonId };
  t.sku.product.brand = { ...t.sku.product.brand!, idInMarketplace: catalogue.brandId };
  return t;
}

/** A plain connection to the test database, to watch the listing row from outside the connector. */
async function openDatabase(database: TestDatabase): Promise<DataSource> {
  const source =
    database.target.type === 'postgres'
      ? new DataSource({ type: 'postgres', url: database.target.url })
      : new DataSource({ type: 'better-sqlite3', database: database.target.path! });
  return source.initialize();
}

async function pendingRef(source: DataSource, listingId: number): Promise<string | null> {
  const rows: Array<{ ref: string | null }> = await source.query(
    `SELECT pending_advert_ref AS ref FROM listing WHERE id = ${source.options.type === 'postgres' ? '$1' : '?'}`,
    [listingId],
  );
  return rows[0]?.ref ?? null;
}
